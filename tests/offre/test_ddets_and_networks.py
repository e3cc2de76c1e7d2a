"""The DDETS reads the submitted dossiers of its départements only; networks publish models."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.audit.models import AuditEntry
from jalons.offre.models import NetworkTemplate, OffreComment, OffreStatus, TemplateStatus
from jalons.offre.services import offre_submit
from tests.factories import (
    DdetsFactory,
    DdetsMembershipFactory,
    MembershipFactory,
    NetworkMembershipFactory,
    StructureFactory,
)
from tests.offre.factories import NetworkTemplateFactory, fill_required
from tests.offre.test_workflow import create

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    direction = MembershipFactory(structure=StructureFactory())  # Nord (59)
    offre = create(direction)
    fill_required(offre)
    offre_submit(actor=Actor(user=direction.user, role="direction"), offre=offre)
    offre.refresh_from_db()
    return offre


@pytest.fixture
def agent():
    return DdetsMembershipFactory(
        ddets=DdetsFactory(departements=["59", "62"]), departements=["59"]
    )


def ddets_url(membership, offre=None):
    if offre is None:
        return reverse("offre:ddets_list", args=[membership.ddets_id])
    return reverse("offre:ddets_detail", args=[membership.ddets_id, offre.pk])


def test_the_agent_lists_and_reads_the_submitted_offres_of_its_departements(
    client, submitted, agent
):
    draft = create(MembershipFactory(structure=StructureFactory()), year=2026)
    client.force_login(agent.user)
    html = client.get(ddets_url(agent)).content.decode()
    assert submitted.structure.name in html
    assert draft.structure.name not in html  # a draft is never shown
    assert client.get(ddets_url(agent, draft)).status_code == 404
    page = client.get(ddets_url(agent, submitted)).content.decode()
    assert "Version 1 transmise le" in page and "Texte rédigé par l&#x27;équipe." in page
    # The reading is in the structure's journal.
    assert AuditEntry.objects.filter(
        structure=submitted.structure, user=agent.user, action="consultation"
    ).exists()


def test_an_agent_of_the_same_ddets_following_another_departement_gets_a_404(client, submitted):
    other = DdetsMembershipFactory(
        ddets=DdetsFactory(departements=["59", "62"]), departements=["62"]
    )
    client.force_login(other.user)
    assert submitted.structure.name not in client.get(ddets_url(other)).content.decode()
    assert client.get(ddets_url(other, submitted)).status_code == 404


def test_the_agent_comments_a_section_and_the_structure_sees_it(client, submitted, agent):
    client.force_login(agent.user)
    response = client.post(
        ddets_url(agent, submitted),
        {"action": "commenter", "section_key": "axe3.plan", "text": "Précisez les financements."},
    )
    assert response.status_code == 302
    comment = OffreComment.objects.get(offre=submitted)
    assert comment.section_key == "axe3.plan" and comment.version.number == 1
    assert AuditEntry.objects.filter(object_type="commentaire sur une offre de services").exists()
    empty = client.post(ddets_url(agent, submitted), {"action": "commenter", "text": ""})
    assert "Écrivez le commentaire." in empty.content.decode()
    direction = submitted.structure.memberships.first()
    client.force_login(direction.user)
    html = client.get(
        reverse("offre:detail", args=[submitted.structure.pk, submitted.year])
    ).content.decode()
    assert "Précisez les financements." in html and "sur la section 3.1 Plan de formation" in html


def test_sending_back_needs_a_message_and_makes_the_offre_a_draft_again(client, submitted, agent):
    client.force_login(agent.user)
    refused = client.post(ddets_url(agent, submitted), {"action": "completer", "text": ""})
    assert "Dites à la structure ce qu&#x27;elle doit compléter." in refused.content.decode()
    client.post(ddets_url(agent, submitted), {"action": "completer", "text": "Ajoutez l'axe 4."})
    submitted.refresh_from_db()
    assert submitted.status == OffreStatus.DRAFT
    assert client.get(ddets_url(agent, submitted)).status_code == 404  # a draft again


def test_the_agent_validates_and_the_decision_buttons_disappear(client, submitted, agent):
    client.force_login(agent.user)
    client.post(ddets_url(agent, submitted), {"action": "valider", "text": "Très complet."})
    submitted.refresh_from_db()
    assert submitted.status == OffreStatus.VALIDATED and submitted.validated_at is not None
    page = client.get(ddets_url(agent, submitted)).content.decode()
    assert "Validée" in page and "Valider l&#x27;offre" not in page


def test_network_staff_write_publish_and_unpublish_a_tool_with_a_file(client, settings, tmp_path):
    settings.JALONS_MODELS_DIR = tmp_path
    staff = NetworkMembershipFactory()
    client.force_login(staff.user)
    base = reverse("offre:network_models", args=[staff.network_id])
    create_url = reverse("offre:network_model_create", args=[staff.network_id])
    wrong = client.post(
        create_url,
        {"kind": "outil", "title": "Grille", "file": SimpleUploadedFile("grille.exe", b"MZ")},
    )
    assert "seuls les fichiers PDF, DOCX, ODT, XLSX et ODS sont acceptés" in wrong.content.decode()
    fake = client.post(
        create_url,
        {"kind": "outil", "title": "Grille", "file": SimpleUploadedFile("grille.pdf", b"MZ")},
    )
    assert "n&#x27;est pas un vrai fichier PDF" in fake.content.decode()
    client.post(
        create_url,
        {
            "kind": "outil",
            "title": "Grille d'entretien",
            "section_key": "axe1.grilles",
            "file": SimpleUploadedFile("grille.pdf", b"%PDF-1.4 grille"),
        },
    )
    model = NetworkTemplate.objects.get(network=staff.network)
    assert model.status == TemplateStatus.UNPUBLISHED and model.file_size == 15
    assert "Grille d&#x27;entretien" in client.get(base).content.decode()
    edit = reverse("offre:network_model_edit", args=[staff.network_id, model.pk])
    client.post(edit, {"action": "publier"})
    model.refresh_from_db()
    assert model.status == TemplateStatus.PUBLISHED
    member = MembershipFactory()
    member.structure.networks.add(staff.network)
    client.force_login(member.user)
    download = client.get(reverse("offre:toolbox_file", args=[member.structure_id, model.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 grille"
    client.force_login(staff.user)
    client.post(edit, {"action": "supprimer"})
    assert not NetworkTemplate.objects.exists() and not list(tmp_path.iterdir())


def test_another_networks_staff_cannot_open_a_model(client):
    model = NetworkTemplateFactory()
    outsider = NetworkMembershipFactory()
    client.force_login(outsider.user)
    edit = reverse("offre:network_model_edit", args=[outsider.network_id, model.pk])
    assert client.get(edit).status_code == 404
