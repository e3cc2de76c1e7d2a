"""Creating, writing, submitting and versioning an Offre de Services."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.audit.models import AuditEntry
from jalons.offre.builder import build_document
from jalons.offre.catalogue import REQUIRED_KEYS, WRITABLE_KEYS
from jalons.offre.models import OffreStatus, SectionText
from jalons.offre.selectors import missing_sections, offre_for
from jalons.offre.services import (
    START_PREVIOUS,
    SectionConflict,
    offre_create,
    offre_submit,
    section_save,
)
from tests.factories import MembershipFactory, NetworkFactory, StructureFactory
from tests.offre.factories import NetworkTemplateFactory, fill_required
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def direction():
    return MembershipFactory(structure=StructureFactory())


def create(membership, year=2025, start="vide"):
    return offre_create(
        actor=Actor(user=membership.user, role=membership.role),
        structure=membership.structure,
        year=year,
        start=start,
    )


def test_a_new_offre_is_a_draft_with_one_empty_text_per_writable_section(direction):
    offre = create(direction)
    assert offre.status == OffreStatus.DRAFT
    assert offre_for(structure=direction.structure, year=2025) == offre
    assert set(offre.texts.values_list("key", flat=True)) == set(WRITABLE_KEYS)
    assert AuditEntry.objects.filter(object_type="offre de services", action="creation").exists()


def test_a_second_offre_for_the_same_year_is_refused_in_french(direction):
    create(direction)
    with pytest.raises(ValidationError) as error:
        create(direction)
    assert "L'offre de services 2025 existe déjà." in str(error.value)


def test_starting_from_last_year_copies_its_texts(direction):
    previous = create(direction, year=2024)
    section_save(
        actor=Actor(user=direction.user, role="direction"),
        offre=previous,
        key="presentation.projet",
        text="Notre projet : remettre au travail.",
        revision=0,
    )
    offre = create(direction, year=2025, start=START_PREVIOUS)
    assert offre.texts.get(key="presentation.projet").text == "Notre projet : remettre au travail."
    assert offre.started_from == "Offre de services 2024"


def test_starting_from_a_network_model_needs_a_model_published_by_one_of_its_networks(direction):
    network = NetworkFactory()
    direction.structure.networks.add(network)
    model = NetworkTemplateFactory(network=network)
    foreign = NetworkTemplateFactory()  # another network
    offre = offre_create(
        actor=Actor(user=direction.user, role="direction"),
        structure=direction.structure,
        year=2025,
        model_ids=(model.pk,),
    )
    assert offre.texts.get(key="axe1.livret").text == model.text
    assert offre.texts.get(key="axe2.social").text == ""
    assert offre.started_from == f"modèle « {model.title} » ({network})"
    with pytest.raises(ValidationError, match="n'est pas publié par l'un de vos réseaux"):
        offre_create(
            actor=Actor(user=direction.user, role="direction"),
            structure=direction.structure,
            year=2026,
            model_ids=(foreign.pk,),
        )


def test_two_people_saving_the_same_section_never_overwrite_each_other_silently(direction):
    offre = create(direction)
    cip = MembershipFactory(structure=direction.structure, cip=True)
    section = offre.texts.get(key="axe2.social")
    opened_at = section.revision  # both open the form at the same revision
    section_save(
        actor=Actor(user=cip.user, role="cip"),
        offre=offre,
        key="axe2.social",
        text="Texte de la CIP.",
        revision=opened_at,
    )
    with pytest.raises(SectionConflict) as conflict:
        section_save(
            actor=Actor(user=direction.user, role="direction"),
            offre=offre,
            key="axe2.social",
            text="Texte de la direction.",
            revision=opened_at,
        )
    assert conflict.value.current_text == "Texte de la CIP."
    assert conflict.value.current_revision == opened_at + 1
    assert str(cip.user) in conflict.value.updated_by
    assert SectionText.objects.get(offre=offre, key="axe2.social").text == "Texte de la CIP."


def test_submitting_with_empty_required_sections_lists_what_is_missing(direction):
    offre = create(direction)
    with pytest.raises(ValidationError) as error:
        offre_submit(actor=Actor(user=direction.user, role="direction"), offre=offre)
    message = error.value.messages[0]
    assert message.startswith("Ces sections obligatoires sont vides : P.1 Identité ; ")
    assert "1.1 Recrutement et liens avec les prescripteurs" in message
    assert len(missing_sections(offre=offre)) == len(REQUIRED_KEYS)
    offre.refresh_from_db()
    assert offre.status == OffreStatus.DRAFT and not offre.versions.exists()


def test_submission_freezes_texts_and_figures_with_their_trace(direction):
    offre = create(direction)
    ParcoursFactory(person__structure=direction.structure, sorti=True)  # exit 30/09/2025
    fill_required(offre)
    version = offre_submit(actor=Actor(user=direction.user, role="direction"), offre=offre)
    offre.refresh_from_db()
    assert offre.status == OffreStatus.SUBMITTED and version.number == 1
    assert {t["jeu_de_regles"] for t in version.trace} >= {"circulaire-2008", "dgefp-2014"}
    frozen = build_document(offre)
    assert frozen.frozen and frozen.version == 1
    exits_before = next(f for s in frozen.sections for f in s.figures if f.key == "sorties").rows[0]
    # New data after submission: the frozen figures do not move, the live ones do.
    ParcoursFactory(person__structure=direction.structure, sorti=True)
    again = build_document(offre)
    assert next(f for s in again.sections for f in s.figures if f.key == "sorties").rows[0] == (
        exits_before
    )
    assert exits_before[1] == "1"
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        section_save(
            actor=Actor(user=direction.user, role="direction"),
            offre=offre,
            key="axe2.social",
            text="Trop tard.",
            revision=1,
        )


def test_the_document_lists_the_objective_years_and_every_definition_shown(direction):
    offre = create(direction, year=2026)
    document = build_document(offre)
    assert document.objective_years == [2024, 2025, 2026, 2027]
    terms = [term for term, _ in document.definitions]
    assert {"Taux de sortie dynamique", "Sorties examinées", "Suivi à M mois"} <= set(terms)
    assert any(line.startswith("Jeu de règles dgefp-2014 version") for line in document.trace)
    assert [s.number for s in document.sections][:2] == ["P", "P.1"]
    assert document.sections[-1].key == "objectifs"


def test_a_frozen_document_reads_back_exactly_as_it_was_built(direction):
    from jalons.offre.builder import build_live, document_from_json, document_to_json

    offre = create(direction)
    fill_required(offre)
    ParcoursFactory(person__structure=direction.structure, sorti=True)
    live = build_live(offre, today=dt.date(2026, 3, 1), version_number=1)
    assert document_from_json(document_to_json(live)) == live


def test_the_read_only_role_cannot_write_a_section(client, direction):
    offre = create(direction)
    reader = MembershipFactory(structure=direction.structure, lecture=True)
    client.force_login(reader.user)
    section = offre.texts.get(key="axe2.social")
    page = reverse("offre:section", args=[direction.structure.pk, 2025, section.pk])
    assert client.get(page).status_code == 403
    assert client.post(page, {"text": "Non", "revision": 0}).status_code == 403
    detail = client.get(reverse("offre:detail", args=[direction.structure.pk, 2025]))
    assert detail.status_code == 200 and "Rédiger" not in detail.content.decode()
