"""Reads of the background documents: always those of one user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from jalons.taches.models import Tache, TacheStatus

# A job whose worker gave no sign of life for this long was interrupted (the server
# restarted, the process was stopped): it is shown as such and can be started again.
STALE_AFTER = dt.timedelta(seconds=60)
# A job still waiting this long after it was asked for will not start any more.
WAITING_TOO_LONG = dt.timedelta(minutes=30)
INTERRUPTED = "interrompue"
# What the user reads beside « État : »: the state of the document asked for.
LABELS = {
    TacheStatus.WAITING: "En attente",
    TacheStatus.RUNNING: "En préparation",
    TacheStatus.DONE: "Prêt à télécharger",
    TacheStatus.FAILED: "Échec de la préparation",
    TacheStatus.CANCELLED: "Préparation annulée",
    INTERRUPTED: "Préparation interrompue",
}


def taches_of(*, user):
    return Tache.objects.filter(user=user).defer("content")


def tache_of(*, user, tache_id) -> Tache:
    return taches_of(user=user).get(pk=tache_id)


def retention() -> dt.timedelta:
    return dt.timedelta(days=settings.JALONS_TACHES_CONSERVATION_JOURS)


@dataclass(frozen=True)
class State:
    status: str  # a TacheStatus value, or "interrompue"
    label: str
    percent: int
    step: str
    finished: bool  # nothing will change any more
    can_cancel: bool
    can_retry: bool
    expires_at: dt.datetime | None

    def as_json(self) -> dict:
        return {
            "etat": self.status,
            "libelle": self.label,
            "pourcentage": self.percent,
            "etape": self.step,
            "termine": self.finished,
        }


def state_of(tache: Tache, *, now: dt.datetime | None = None) -> State:
    now = now or timezone.now()
    status = tache.status
    if (
        status == TacheStatus.RUNNING
        and (tache.heartbeat_at or tache.created_at) < now - STALE_AFTER
    ) or (status == TacheStatus.WAITING and tache.created_at < now - WAITING_TOO_LONG):
        status = INTERRUPTED
    step = tache.step
    if status == INTERRUPTED:
        step = "La préparation s'est arrêtée (le serveur a redémarré ?) : relancez-la."
    elif status == TacheStatus.WAITING:
        step = "En attente : d'autres documents sont en préparation."
    elif status == TacheStatus.CANCELLED:
        step = "Préparation annulée."
    elif status == TacheStatus.FAILED:
        step = tache.error
    finished = status in (TacheStatus.DONE, TacheStatus.FAILED, TacheStatus.CANCELLED, INTERRUPTED)
    percent = 100 if status == TacheStatus.DONE else int(tache.progress * 100)
    return State(
        status=status,
        label=LABELS[status],
        percent=min(max(percent, 0), 100),
        step=step,
        finished=finished,
        can_cancel=status in (TacheStatus.WAITING, TacheStatus.RUNNING)
        and not tache.cancel_requested,
        can_retry=status in (TacheStatus.FAILED, TacheStatus.CANCELLED, INTERRUPTED),
        expires_at=(tache.finished_at + retention())
        if status == TacheStatus.DONE and tache.finished_at
        else None,
    )


def running_for(*, user, path: str) -> Tache | None:
    """The same document already being prepared for this user (not interrupted)."""
    now = timezone.now()
    for tache in taches_of(user=user).filter(
        path=path, status__in=[TacheStatus.WAITING, TacheStatus.RUNNING], cancel_requested=False
    ):
        if not state_of(tache, now=now).finished:
            return tache
    return None
