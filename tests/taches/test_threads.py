"""Background documents in real threads: done while the user does something else,
cancelled at the next step, an unexpected error reported in French."""

import time

import pytest
from django.urls import reverse

from jalons.taches import progress, services
from jalons.taches.models import Tache, TacheStatus
from tests.factories import MembershipFactory
from tests.offre.factories import OffreFactory, fill_required

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def threaded(settings, monkeypatch):
    settings.JALONS_TACHES_SYNCHRONE = False
    monkeypatch.setattr(services, "HEARTBEAT_SECONDS", 0.05)


@pytest.fixture
def direction():
    membership = MembershipFactory()
    offre = OffreFactory(structure=membership.structure, year=2025)
    fill_required(offre, text="Notre accueil")
    return membership


def address(membership):
    return reverse("offre_exports:pdf", args=[membership.structure.pk, 2025])


def wait_for(tache, condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        tache.refresh_from_db()
        if condition(tache):
            return tache
        time.sleep(0.05)
    raise AssertionError(f"état {tache.status}, étape {tache.step!r}")


def test_the_pdf_is_prepared_in_a_thread_while_the_request_returns(threaded, direction):
    tache = services.tache_request(user=direction.user, address=address(direction))
    assert tache.status == TacheStatus.WAITING  # the request did not wait for it
    wait_for(tache, lambda t: t.status == TacheStatus.DONE)
    assert bytes(tache.content).startswith(b"%PDF") and tache.progress == 1.0
    assert tache.heartbeat_at is not None and tache.finished_at >= tache.started_at


def test_a_cancellation_stops_the_work_at_the_next_step_and_stores_nothing(
    threaded, direction, monkeypatch
):
    steps = []

    def endless(tache):
        for i in range(3000):
            progress.report(i / 3000, f"étape {i}")
            steps.append(i)
            time.sleep(0.01)
        raise AssertionError("jamais arrêtée")

    monkeypatch.setattr(services, "_call_view", endless)
    tache = services.tache_request(user=direction.user, address=address(direction))
    wait_for(tache, lambda t: t.status == TacheStatus.RUNNING and t.step.startswith("étape"))
    services.tache_cancel(tache=tache)
    wait_for(tache, lambda t: t.status == TacheStatus.CANCELLED)
    assert tache.content is None and tache.step == "Préparation annulée."
    assert len(steps) < 3000
    done = len(steps)
    time.sleep(0.2)
    assert len(steps) == done  # the work really stopped


def test_an_unexpected_error_in_the_thread_is_reported_in_french(threaded, direction, monkeypatch):
    def broken(tache):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(services, "_call_view", broken)
    tache = services.tache_request(user=direction.user, address=address(direction))
    wait_for(tache, lambda t: t.status == TacheStatus.FAILED)
    assert tache.error.startswith("La préparation a échoué sur une erreur inattendue.")
    assert "disque plein" not in tache.error and tache.content is None
    assert Tache.objects.count() == 1
