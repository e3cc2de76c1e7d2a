"""« Mes documents »: long downloads prepared in the background (issue 13, point 10).

Here jobs run in the request (``JALONS_TACHES_SYNCHRONE``, set for every test);
test_threads.py runs them in real threads, with cancellation and interruption."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from jalons.audit.models import AuditEntry
from jalons.taches import progress, services
from jalons.taches.models import Tache, TacheStatus
from tests.factories import MembershipFactory
from tests.offre.factories import OffreFactory, fill_required
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def direction():
    membership = MembershipFactory()
    ParcoursFactory(
        person__structure=membership.structure,
        hire_date=D(2025, 1, 15),
        exit_date=D(2025, 9, 30),
        exit_motif="cdi_non_aide",
    )
    offre = OffreFactory(structure=membership.structure, year=2025)
    fill_required(offre, text="Notre accueil")
    return membership


def pdf_address(membership, name="pdf"):
    return reverse(f"offre_exports:{name}", args=[membership.structure.pk, 2025])


def start(client, address):
    return client.post(reverse("taches:start"), {"adresse": address})


def test_a_director_prepares_the_offre_pdf_and_downloads_it_when_ready(client, direction):
    client.force_login(direction.user)
    response = start(client, pdf_address(direction))
    tache = Tache.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("taches:detail", args=[tache.pk])
    assert tache.status == TacheStatus.DONE and tache.user == direction.user
    assert tache.label == "Offre de Services 2025 (PDF)"
    assert bytes(tache.content).startswith(b"%PDF") and tache.size == len(tache.content)
    assert tache.file_name.endswith(".pdf")
    # The direct download's audit entry, written as the user who asked.
    entry = AuditEntry.objects.get(object_type="offre de services")
    assert entry.user == direction.user and entry.object_repr.startswith("Offre de services (PDF)")

    page = client.get(response["Location"]).content.decode()
    assert "Prêt à télécharger" in page and 'value="100"' in page and "Télécharger" in page
    assert "Gardé jusqu'au" in page
    state = client.get(reverse("taches:state", args=[tache.pk])).json()
    assert state["etat"] == "prete" and state["pourcentage"] == 100 and state["termine"]
    download = client.get(state["telechargement"])
    assert download["Content-Type"] == "application/pdf"
    assert download.content == bytes(tache.content)
    assert f'filename="{tache.file_name}"' in download["Content-Disposition"]
    listing = client.get(reverse("taches:list")).content.decode()
    assert "Offre de Services 2025 (PDF)" in listing and tache.file_name in listing


def test_every_kind_of_offre_document_can_be_prepared(client, direction):
    client.force_login(direction.user)
    for name in ("docx", "odt", "dialogue"):
        start(client, pdf_address(direction, name))
    done = {t.label: bytes(t.content)[:4] for t in Tache.objects.all()}
    assert done == {
        "Offre de Services 2025 (DOCX, pour Word)": b"PK\x03\x04",
        "Offre de Services 2025 (ODT, pour LibreOffice)": b"PK\x03\x04",
        "Dossier du dialogue de gestion 2025 (PDF)": b"%PDF",
    }
    assert all(t.status == TacheStatus.DONE for t in Tache.objects.all())


def test_the_work_reports_its_progress_in_order_up_to_the_layout():
    seen = []
    with progress.reporting(lambda fraction, step: seen.append((fraction, step))):
        progress.report(0.5, "a")
        with progress.part(0.5, 1.0):
            progress.report(0.0, "b")
            progress.report(0.5, "c")
            with progress.part(0.0, 0.5):
                progress.report(1.0, "d")
            progress.report(2.0, "e")  # clamped
    progress.report(0.9, "nobody listens")  # no listener: nothing happens
    assert seen == [(0.5, "a"), (0.5, "b"), (0.75, "c"), (0.75, "d"), (1.0, "e")]


def test_the_pdf_reports_steps_with_the_page_count(direction):
    from jalons.offre.exports.produce import produce
    from jalons.offre.models import OffreDeServices

    seen = []
    with progress.reporting(lambda fraction, step: seen.append((round(fraction, 3), step))):
        produce(offre=OffreDeServices.objects.get(), kind="pdf")
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] < 1
    steps = " | ".join(s for _, s in seen)
    assert "Calcul des chiffres de la structure" in steps
    assert "mise en page" in steps.lower() and "écriture du PDF" in steps


def test_another_user_never_sees_a_document_of_someone_else(client, direction):
    client.force_login(direction.user)
    start(client, pdf_address(direction))
    tache = Tache.objects.get()
    colleague = MembershipFactory(structure=direction.structure)  # same structure, too
    client.force_login(colleague.user)
    for name in ("detail", "state", "download"):
        assert client.get(reverse(f"taches:{name}", args=[tache.pk])).status_code == 404, name
    for name in ("cancel", "retry", "delete"):
        assert client.post(reverse(f"taches:{name}", args=[tache.pk])).status_code == 404, name
    assert tache.label not in client.get(reverse("taches:list")).content.decode()
    assert client.get(reverse("taches:detail", args=[uuid.uuid4()])).status_code == 404
    assert Tache.objects.filter(pk=tache.pk, status=TacheStatus.DONE).exists()


def test_a_document_of_a_structure_one_cannot_open_fails_with_nothing_stored(client, direction):
    stranger = MembershipFactory()
    client.force_login(stranger.user)
    start(client, pdf_address(direction))
    tache = Tache.objects.get()
    assert tache.status == TacheStatus.FAILED and tache.content is None
    assert "n'existe pas" in tache.error or "Votre rôle" in tache.error
    page = client.get(reverse("taches:detail", args=[tache.pk])).content.decode()
    assert "Échec" in page and "Relancer la préparation" in page
    assert direction.structure.name not in page


def test_a_year_without_offre_fails_with_the_pages_french_message(client, direction):
    client.force_login(direction.user)
    start(client, reverse("offre_exports:pdf", args=[direction.structure.pk, 2019]))
    tache = Tache.objects.get()
    assert tache.status == TacheStatus.FAILED
    assert tache.error == (
        "Ce document n'existe pas ou plus : Aucune offre de services pour cette année."
    )


@pytest.mark.parametrize(
    "address",
    [
        "https://attaquant.example/offre.pdf",
        "//attaquant.example/x",
        "/admin/",
        "/inconnue/",
        "",
        "structures/1/offre/2025/export.pdf",
    ],
)
def test_only_the_long_documents_of_jalons_can_be_prepared(client, direction, address):
    client.force_login(direction.user)
    response = start(client, address)
    assert response.status_code == 302 and response["Location"] == reverse("taches:list")
    assert not Tache.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "document de Jalons" in page or "existe pas" in page or "directement" in page


def test_a_person_page_is_not_a_document_to_prepare(client, direction):
    client.force_login(direction.user)
    response = start(client, reverse("taches:list"))
    assert not Tache.objects.exists()
    assert "directement" in client.get(response["Location"]).content.decode()


def test_asking_twice_for_a_document_in_preparation_gives_the_same_job(direction):
    address = pdf_address(direction)
    first = Tache.objects.create(
        user=direction.user, label="x", path=address, status=TacheStatus.RUNNING
    )
    Tache.objects.filter(pk=first.pk).update(heartbeat_at=timezone.now())
    again = services.tache_request(user=direction.user, address=address)
    assert again.pk == first.pk and Tache.objects.count() == 1


def test_a_job_without_sign_of_life_is_interrupted_and_can_be_started_again(client, direction):
    client.force_login(direction.user)
    old = timezone.now() - dt.timedelta(minutes=5)
    stuck = Tache.objects.create(
        user=direction.user, label="Offre", path=pdf_address(direction),
        status=TacheStatus.RUNNING, progress=0.4, step="Mise en page du document…",
    )  # fmt: skip
    Tache.objects.filter(pk=stuck.pk).update(heartbeat_at=old, created_at=old)
    page = client.get(reverse("taches:detail", args=[stuck.pk])).content.decode()
    assert "Préparation interrompue" in page and "Relancer la préparation" in page
    assert "Annuler" not in page
    # Not the same document in preparation any more: asking again starts a new one.
    response = start(client, pdf_address(direction))
    fresh = Tache.objects.exclude(pk=stuck.pk).get()
    assert response["Location"] == reverse("taches:detail", args=[fresh.pk])
    assert fresh.status == TacheStatus.DONE
    retried = client.post(reverse("taches:retry", args=[stuck.pk]))
    assert retried.status_code == 302 and Tache.objects.count() == 3


def test_a_waiting_job_cancelled_never_starts(direction):
    tache = Tache.objects.create(user=direction.user, label="x", path=pdf_address(direction))
    services.tache_cancel(tache=tache)
    services.run(tache.pk)
    tache.refresh_from_db()
    assert tache.status == TacheStatus.CANCELLED and tache.content is None


def test_documents_are_kept_for_the_retention_period_then_removed(client, direction, settings):
    settings.JALONS_TACHES_CONSERVATION_JOURS = 7
    client.force_login(direction.user)
    start(client, pdf_address(direction))
    start(client, pdf_address(direction, "docx"))
    old = Tache.objects.get(label__contains="DOCX")
    Tache.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    page = client.get(reverse("taches:list")).content.decode()
    assert "gardé 7 jours" in page
    assert list(Tache.objects.values_list("label", flat=True)) == ["Offre de Services 2025 (PDF)"]


def test_a_finished_document_can_be_deleted(client, direction):
    client.force_login(direction.user)
    start(client, pdf_address(direction))
    tache = Tache.objects.get()
    response = client.post(reverse("taches:delete", args=[tache.pk]), follow=True)
    assert not Tache.objects.exists()
    assert "est supprimé" in response.content.decode()


def test_the_pages_require_a_signed_in_user(client, direction):
    for name in ("list", "start"):
        response = client.get(reverse(f"taches:{name}"))
        assert response.status_code == 302 and "connexion" in response["Location"]
