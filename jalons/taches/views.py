"""« Mes documents »: long downloads prepared in the background, with their progress.

Every page shows only the signed-in user's own jobs (another user's job is « introuvable »)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from jalons.taches import selectors, services
from jalons.taches.catalogue import NotPreparable
from jalons.taches.models import TacheStatus


class TacheMixin(LoginRequiredMixin):
    def tache(self):
        try:
            return selectors.tache_of(user=self.request.user, tache_id=self.kwargs["tache_id"])
        except (ObjectDoesNotExist, ValidationError):
            raise Http404("Document introuvable.") from None


class TacheListView(LoginRequiredMixin, TemplateView):
    template_name = "taches/list.html"

    def get_context_data(self, **kwargs):
        services.taches_purge()
        now = timezone.now()
        taches = list(selectors.taches_of(user=self.request.user)[:100])
        return super().get_context_data(
            rows=[(t, selectors.state_of(t, now=now)) for t in taches],
            retention_days=selectors.retention().days,
            **kwargs,
        )


class TacheStartView(LoginRequiredMixin, View):
    """POST ``adresse``: the download page to prepare; goes to its progress page."""

    def post(self, request, *args, **kwargs):
        try:
            tache = services.tache_request(
                user=request.user, address=request.POST.get("adresse", ""), request=request
            )
        except NotPreparable as refused:
            messages.error(request, str(refused))
            return redirect("taches:list")
        return redirect("taches:detail", tache_id=tache.pk)


class TacheDetailView(TacheMixin, TemplateView):
    template_name = "taches/detail.html"

    def get_context_data(self, **kwargs):
        tache = self.tache()
        state = selectors.state_of(tache)
        return super().get_context_data(
            tache=tache,
            state=state,
            state_url=reverse("taches:state", args=[tache.pk]),
            download_url=reverse("taches:download", args=[tache.pk]),
            **kwargs,
        )


class TacheStateView(TacheMixin, View):
    """The progress as JSON, read every second by the progress page."""

    def get(self, request, *args, **kwargs):
        tache = self.tache()
        data = selectors.state_of(tache).as_json()
        if tache.status == TacheStatus.DONE:
            data["telechargement"] = reverse("taches:download", args=[tache.pk])
            data["fichier"] = tache.file_name
        response = JsonResponse(data)
        response["Cache-Control"] = "no-store"
        return response


class TacheDownloadView(TacheMixin, View):
    def get(self, request, *args, **kwargs):
        tache = self.tache()
        if tache.status != TacheStatus.DONE:
            raise Http404("Ce document n'est pas (encore) prêt.")
        content = selectors.taches_of(user=request.user).values_list("content", flat=True)
        response = HttpResponse(bytes(content.get(pk=tache.pk)), content_type=tache.content_type)
        response["Content-Disposition"] = f'attachment; filename="{tache.file_name}"'
        return response


class TacheCancelView(TacheMixin, View):
    def post(self, request, *args, **kwargs):
        tache = self.tache()
        services.tache_cancel(tache=tache)
        messages.info(request, "Annulation demandée : la préparation s'arrête à l'étape suivante.")
        return redirect("taches:detail", tache_id=tache.pk)


class TacheRetryView(TacheMixin, View):
    def post(self, request, *args, **kwargs):
        fresh = services.tache_retry(tache=self.tache())
        return redirect("taches:detail", tache_id=fresh.pk)


class TacheDeleteView(TacheMixin, View):
    def post(self, request, *args, **kwargs):
        tache = self.tache()
        services.tache_delete(tache=tache)
        messages.success(request, f"« {tache.label} » est supprimé.")
        return redirect("taches:list")
