"""Writes of the background documents: ask, run, cancel, delete, purge.

A job runs one of the application's download views (``catalogue.KINDS``) as the user
who asked, in a thread of the server process (``JALONS_TACHES_FILS`` at once), or at
once in the request when ``JALONS_TACHES_SYNCHRONE`` is set (tests). The view checks
access and writes the audit entry exactly as the direct download does. Progress comes
from ``jalons.taches.progress.report`` calls inside the work; the file is stored only
once complete, so an interruption or a cancellation never leaves half a document.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, close_old_connections, connections, transaction
from django.http import Http404
from django.test import RequestFactory
from django.urls import resolve
from django.utils import timezone

from jalons.taches.catalogue import target_for
from jalons.taches.models import Tache, TacheStatus
from jalons.taches.progress import Cancelled, reporting
from jalons.taches.selectors import retention, running_for

logger = logging.getLogger(__name__)
FINISH_ATTEMPTS = 5

HEARTBEAT_SECONDS = 5
_REQUEST_META = ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_USER_AGENT", "HTTP_HOST")
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def tache_request(*, user, address: str, request=None) -> Tache:
    """Ask for a document (``NotPreparable`` for an address that is not one); the
    same document already in preparation for this user is given back instead."""
    target = target_for(address)
    existing = running_for(user=user, path=target.path)
    if existing is not None:
        return existing
    origin = {k: request.META[k] for k in _REQUEST_META if request and k in request.META}
    tache = Tache.objects.create(
        user=user, label=target.label, path=target.path, step="En attente.", origin=origin
    )
    _start(tache)
    return tache


def tache_retry(*, tache: Tache) -> Tache:
    """The same document asked again (after a failure, a cancellation, a restart)."""
    fresh = Tache.objects.create(
        user=tache.user, label=tache.label, path=tache.path, step="En attente.", origin=tache.origin
    )
    _start(fresh)
    return fresh


def tache_cancel(*, tache: Tache) -> None:
    """Stop at the next step; a job still waiting never starts."""
    Tache.objects.filter(pk=tache.pk, status=TacheStatus.WAITING).update(
        status=TacheStatus.CANCELLED, cancel_requested=True, finished_at=timezone.now()
    )
    Tache.objects.filter(pk=tache.pk, status=TacheStatus.RUNNING).update(cancel_requested=True)


def tache_delete(*, tache: Tache) -> None:
    tache_cancel(tache=tache)
    Tache.objects.filter(pk=tache.pk).delete()


def taches_purge(*, now=None) -> int:
    """Remove the documents older than the retention period (and their files)."""
    limit = (now or timezone.now()) - retention()
    deleted, _ = Tache.objects.filter(created_at__lt=limit).delete()
    return deleted


# Running ------------------------------------------------------------------------


def _start(tache: Tache) -> None:
    if settings.JALONS_TACHES_SYNCHRONE:
        run(tache.pk)
        return
    transaction.on_commit(lambda: _executor().submit(_run_in_thread, tache.pk))


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=max(1, settings.JALONS_TACHES_FILS), thread_name_prefix="jalons-tache"
            )
        return _pool


def _run_in_thread(tache_id) -> None:
    close_old_connections()
    try:
        run(tache_id)
    except Exception:  # never lose the error in a thread
        logger.exception("Tâche %s", tache_id)
    finally:
        connections.close_all()


class _Heartbeat(threading.Thread):
    """Says every few seconds that the job is alive, and notices a cancellation,
    while the work itself may be busy for long (a PDF layout)."""

    def __init__(self, tache_id):
        super().__init__(daemon=True, name=f"jalons-pouls-{tache_id}")
        self.tache_id = tache_id
        self.stop = threading.Event()
        self.cancelled = threading.Event()

    def run(self):
        try:
            while not self.stop.wait(HEARTBEAT_SECONDS):
                try:
                    Tache.objects.filter(pk=self.tache_id).update(heartbeat_at=timezone.now())
                    if Tache.objects.filter(pk=self.tache_id, cancel_requested=True).exists():
                        self.cancelled.set()
                except DatabaseError:  # busy database (SQLite locks): the next beat will do
                    logger.info("Pouls de la tâche %s manqué (base occupée)", self.tache_id)
        finally:
            connections.close_all()


def run(tache_id) -> None:
    """Prepare one document; its outcome is always written to the job."""
    started = Tache.objects.filter(
        pk=tache_id, status=TacheStatus.WAITING, cancel_requested=False
    ).update(status=TacheStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now())
    if not started:
        return  # cancelled while waiting, or already run
    tache = Tache.objects.select_related("user").get(pk=tache_id)
    heartbeat = None if settings.JALONS_TACHES_SYNCHRONE else _Heartbeat(tache_id)
    last = {"at": 0.0, "step": None}

    def listener(fraction: float, step: str) -> None:
        if heartbeat is not None and heartbeat.cancelled.is_set():
            raise Cancelled
        now = timezone.now()
        if step != last["step"] or now.timestamp() - last["at"] >= 0.5:
            last.update(at=now.timestamp(), step=step)
            try:
                Tache.objects.filter(pk=tache_id).update(
                    progress=round(fraction, 3), step=step[:200], heartbeat_at=now
                )
            except DatabaseError:  # busy database: the next step will say where we are
                logger.info("Avancement de la tâche %s non écrit (base occupée)", tache_id)

    if heartbeat is not None:
        heartbeat.start()
    try:
        with reporting(listener):
            listener(0.02, "Préparation commencée.")
            response = _call_view(tache)
            listener(0.99, "Enregistrement du fichier.")
            if heartbeat is not None and heartbeat.cancelled.is_set():
                raise Cancelled
    except Cancelled:
        _finish(tache_id, TacheStatus.CANCELLED, step="Préparation annulée.")
        return
    except Http404 as missing:
        _fail(tache_id, f"Ce document n'existe pas ou plus : {_french(missing)}")
        return
    except PermissionDenied:
        _fail(tache_id, "Votre rôle ne permet pas de préparer ce document.")
        return
    except Exception:
        logger.exception("Préparation du document %s", tache_id)
        _fail(
            tache_id,
            "La préparation a échoué sur une erreur inattendue. Relancez-la ; si cela "
            "recommence, signalez-le à l'administrateur de Jalons (journal du serveur).",
        )
        return
    finally:
        if heartbeat is not None:
            heartbeat.stop.set()
            heartbeat.join()
    if response.status_code != 200:
        message = {
            302: "Votre session ne permet plus ce document : reconnectez-vous puis relancez.",
            403: "Votre rôle ne permet pas de préparer ce document.",
            404: "Ce document n'existe pas ou plus.",
        }.get(
            response.status_code,
            f"Le document n'a pas pu être produit (code {response.status_code}).",
        )
        _fail(tache_id, message)
        return
    content = b"".join(response) if response.streaming else response.content
    _finish(
        tache_id,
        TacheStatus.DONE,
        step="Document prêt.",
        progress=1.0,
        content=content,
        size=len(content),
        file_name=_file_name(response) or f"document.{tache.path.rsplit('.', 1)[-1][:5]}",
        content_type=response.get("Content-Type", "application/octet-stream"),
    )


def _call_view(tache: Tache):
    """The download view, called as the user who asked, with the address's query."""
    request = RequestFactory().get(tache.path, **_origin_meta(tache.origin))
    request.user = tache.user
    request.session = SessionStore()  # unsaved: nothing of it reaches the user
    request._messages = CookieStorage(request)
    match = resolve(request.path_info)
    return match.func(request, *match.args, **match.kwargs)


def _origin_meta(origin: dict) -> dict:
    meta = {k: v for k, v in (origin or {}).items() if k != "HTTP_HOST"}
    host = (origin or {}).get("HTTP_HOST")
    if host:
        name, _, port = host.partition(":")
        meta.update(SERVER_NAME=name, HTTP_HOST=host, SERVER_PORT=port or "80")
    return meta


def _file_name(response) -> str:
    found = re.search(r'filename="([^"]+)"', response.get("Content-Disposition", ""))
    return found.group(1) if found else ""


def _french(error: Exception) -> str:
    text = str(error.args[0]) if error.args else ""
    return text or "introuvable."


def _fail(tache_id, message: str) -> None:
    _finish(tache_id, TacheStatus.FAILED, step=message, error=message)


def _finish(tache_id, status: str, **fields) -> None:
    """The outcome must be written: a busy database (SQLite locks) is waited for."""
    for attempt in range(FINISH_ATTEMPTS):
        try:
            Tache.objects.filter(pk=tache_id).update(
                status=status, finished_at=timezone.now(), **fields
            )
            return
        except DatabaseError:
            if attempt == FINISH_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
