import logging

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jalons.accounts.access import access_for
from jalons.web.context_processors import current_structure_id

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """Send the user to their structure, or list the spaces they can open."""
    access = access_for(request)
    structure_id = current_structure_id(request)
    if structure_id and not (access.network_ids or access.ddets_ids):
        return redirect("structures:home", structure_id=structure_id)
    return render(request, "web/home.html", {"access": access})


def accessibility(request):
    return render(request, "web/accessibility.html")


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


@never_cache
@require_GET
def health(request):
    """State of the application and its database, for monitoring: nothing that would
    help an attacker (no version, no database engine)."""
    body = {"application": "jalons"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        pending = pending_migrations()
    except DatabaseError:
        # The detail (host, user...) goes to the server log, not to anonymous callers.
        logger.exception("Base de données injoignable pour /sante")
        body.update(statut="erreur", base_de_donnees="injoignable")
        return JsonResponse(body, status=503)
    body["base_de_donnees"] = "ok"
    body["migrations_en_attente"] = len(pending)
    body["statut"] = "ok" if not pending else "migrations_en_attente"
    return JsonResponse(body, status=200 if not pending else 503)


def error_400(request, exception=None):
    return render(request, "errors/400.html", status=400)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # No context processors: the database may be what failed.
    return HttpResponseServerError(loader.render_to_string("errors/500.html"))


def csrf_failure(request, reason=""):
    return render(request, "errors/csrf.html", status=403)
