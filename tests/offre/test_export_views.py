"""Downloads of the Offre de Services by structure members and DDETS agents."""

import datetime as dt
import io

import pytest
from django.test import RequestFactory
from django.urls import reverse
from docx import Document

from jalons.audit.actor import Actor
from jalons.offre.services import offre_submit
from tests.factories import DdetsFactory, DdetsMembershipFactory, MembershipFactory
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
    return membership


@pytest.fixture
def offre(direction):
    offre = OffreFactory(structure=direction.structure, year=2025)
    fill_required(offre, text="Notre accueil <b>chaleureux</b>")
    return offre


def submitted(offre, user):
    request = RequestFactory().post("/")
    request.user = user
    offre_submit(actor=Actor.from_request(request, role="direction"), offre=offre)
    offre.refresh_from_db()
    return offre


def test_a_member_downloads_the_docx_as_an_attachment(client, direction, offre):
    client.force_login(direction.user)
    response = client.get(reverse("offre_exports:docx", args=[direction.structure.pk, 2025]))
    assert response.status_code == 200
    identifier = direction.structure.identifier
    assert response["Content-Disposition"] == (
        f'attachment; filename="offre-de-services-{identifier}-2025.docx"'
    )
    document = Document(io.BytesIO(response.content))
    assert "Notre accueil <b>chaleureux</b> (presentation.projet)" in [
        p.text for p in document.paragraphs
    ]


def test_a_reader_downloads_the_odt_and_the_download_is_audited(client, direction, offre):
    reader = MembershipFactory(structure=direction.structure, lecture=True)
    client.force_login(reader.user)
    response = client.get(reverse("offre_exports:odt", args=[direction.structure.pk, 2025]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    from jalons.audit.models import AuditEntry

    entry = AuditEntry.objects.filter(structure=direction.structure).latest("id")
    assert "Offre de services (ODT)" in entry.object_repr


def test_the_pdf_of_a_year_without_os_is_a_404(client, direction, offre):
    client.force_login(direction.user)
    response = client.get(reverse("offre_exports:pdf", args=[direction.structure.pk, 2024]))
    assert response.status_code == 404


def test_another_structure_member_gets_a_404(client, offre):
    stranger = MembershipFactory()
    client.force_login(stranger.user)
    response = client.get(reverse("offre_exports:pdf", args=[offre.structure.pk, 2025]))
    assert response.status_code == 404


def test_the_ddets_downloads_the_pdf_of_a_submitted_os_of_its_departement(client, direction, offre):
    submitted(offre, direction.user)
    agent = DdetsMembershipFactory(
        ddets=DdetsFactory(departements=[direction.structure.departement.code])
    )
    client.force_login(agent.user)
    response = client.get(reverse("offre_exports:ddets_pdf", args=[agent.ddets.pk, offre.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment; filename=")


def test_the_ddets_cannot_download_a_draft(client, direction, offre):
    agent = DdetsMembershipFactory(
        ddets=DdetsFactory(departements=[direction.structure.departement.code])
    )
    client.force_login(agent.user)
    for name in ("ddets_pdf", "ddets_dialogue"):
        response = client.get(reverse(f"offre_exports:{name}", args=[agent.ddets.pk, offre.pk]))
        assert response.status_code == 404


def test_the_ddets_of_another_departement_gets_a_404(client, direction, offre):
    submitted(offre, direction.user)
    other = "62" if direction.structure.departement.code != "62" else "59"
    agent = DdetsMembershipFactory(ddets=DdetsFactory(departements=[other]))
    client.force_login(agent.user)
    response = client.get(reverse("offre_exports:ddets_pdf", args=[agent.ddets.pk, offre.pk]))
    assert response.status_code == 404
