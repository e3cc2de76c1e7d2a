"""The Offre de Services of an EITI in its own words: the catalogue's titles and
prompts, the definitions of Annexe A and the demo's objectives speak of self-employed
workers entering an accompaniment, never of salariés, hires or ETP réalisés."""

import datetime as dt
from decimal import Decimal

import pytest

from jalons.audit.actor import Actor
from jalons.offre.builder import build_live
from jalons.offre.catalogue import BY_KEY, CATALOGUE, section_title
from jalons.offre.models import Objective, ObjectiveKind
from jalons.offre.objectives import DEFINITIONS_OF_OBJECTIVES
from tests.factories import AnnexeFactory, StructureFactory
from tests.offre.factories import OffreFactory
from tests.parcours.factories import OrientationFactory, ParcoursFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 1, 15)
SALARIED = ("salari", "embauche", "ETP réalisés")


def document_of(kind):
    structure = StructureFactory(kind=kind)
    AnnexeFactory(structure=structure, start_date=dt.date(2025, 1, 1))
    first = ParcoursFactory(person__structure=structure, hire_date=dt.date(2025, 3, 3))
    OrientationFactory(person=first.person, date=dt.date(2025, 2, 10), outcome="embauche")
    return build_live(OffreFactory(structure=structure, year=2025), today=TODAY)


def titles(document):
    return {s.key: s.title for s in document.sections}


def test_the_catalogue_titles_of_an_eiti_speak_of_the_self_employed():
    document = document_of("EITI")
    found = titles(document)
    assert found["axe2.documents"] == "Documents remis au travailleur indépendant"
    assert found["axe3"] == "Axe 3 – Formation des travailleurs indépendants accompagnés"
    assert found["axe1.analyse_poste"] == "Analyse des projets d'activité"
    assert not [t for t in found.values() if "salari" in t.lower()]
    # The parts keep the axes of the circulaire, and their numbers; only the
    # contrats de professionnalisation (a contract of employment) are left out.
    assert [s.number for s in document.sections] == [
        s.number for s in CATALOGUE if s.key != "axe3.professionnalisation"
    ]
    assert (
        section_title("axe3", "EITI")
        == "3 Axe 3 – Formation des travailleurs indépendants accompagnés"
    )


@pytest.mark.parametrize("kind", ["ACI", "EI", "ETTI", "AI"])
def test_other_kinds_keep_the_circulaire_titles(kind):
    found = titles(document_of(kind))
    assert found["axe2.documents"] == "Documents remis au salarié"
    assert found["axe3"] == "Axe 3 – Formation des salariés"
    assert section_title("axe2.documents") == "2.3 Documents remis au salarié"


def test_the_prompts_of_an_eiti_never_speak_of_salaries_and_keep_the_others():
    for section in CATALOGUE:
        for prompt in section.prompts_for("EITI"):
            assert "salari" not in prompt.lower(), (section.key, prompt)
    documents = BY_KEY["axe2.documents"]
    assert documents.prompts_for("EITI") == [
        "Que remettez-vous au travailleur indépendant pendant et à la fin de "
        "l'accompagnement (CV, attestation de compétences, bilan) ?"
    ]
    assert documents.prompts_for("ACI") == list(documents.prompts)
    commercial = BY_KEY["axe4.commercial"].prompts_for("EITI")
    assert commercial[0] == BY_KEY["axe4.commercial"].prompts[0]  # added, not replaced
    assert "en relation avec des clients" in commercial[-1]
    assert BY_KEY["axe1.integration"].prompts_for("ETTI")[1:] == list(
        BY_KEY["axe1.integration"].prompts_by_kind[("ETTI", "AI")]
    )


def test_annexe_a_of_an_eiti_defines_entries_and_no_etp_realises():
    terms = dict(document_of("EITI").definitions)
    assert "Taux d'entrée" in terms and "Entrées en accompagnement" in terms
    assert "Taux d'embauche" not in terms and "Embauches" not in terms
    assert "ETP réalisés" not in terms and "ETP d'insertion" not in terms
    names = [term for term, _ in document_of("EITI").definitions]
    assert len(names) == len(set(names))  # each term defined once
    for term, text in terms.items():
        if term in ("Sortie positive",):  # « embauche dans une autre SIAE »: an exit
            continue
        for word in SALARIED:
            assert word.lower() not in f"{term} {text}".lower(), (term, text)


def test_an_etp_objective_typed_for_an_eiti_is_defined_without_a_result():
    structure = StructureFactory(kind="EITI")
    Objective.objects.create(
        structure=structure, year=2025, kind=ObjectiveKind.ETP, target=Decimal(6), unit="ETP"
    )
    document = build_live(OffreFactory(structure=structure, year=2025), today=TODAY)
    assert [o.label for o in document.objectives if o.unit == "ETP"] == ["ETP d'insertion"]
    terms = dict(document.definitions)
    assert "Aucun résultat n'est calculé" in terms["ETP d'insertion"]
    assert "ETP réalisés" not in terms


@pytest.mark.parametrize("kind", ["ACI", "ETTI"])
def test_other_kinds_keep_their_definitions(kind):
    terms = dict(document_of(kind).definitions)
    assert "Taux d'embauche" in terms and "Embauches" in terms
    assert set(DEFINITIONS_OF_OBJECTIVES) <= set(document_of(kind).definitions)


def test_the_demo_eiti_has_no_etp_objective_and_speaks_of_the_self_employed():
    from jalons.demo.data import load_demo
    from jalons.offre.builder import build_document
    from jalons.offre.demo import load_demo_offres
    from jalons.offre.models import OffreDeServices

    today = dt.date.today()
    load_demo(today=today, region=False)
    if not OffreDeServices.objects.exists():  # until load_demo calls it itself
        load_demo_offres(today=today)
    eiti = Objective.objects.filter(structure__identifier="DEMO-EITI-62-005")
    assert eiti.filter(kind=ObjectiveKind.ENTREES).count() == 4
    assert not eiti.filter(kind=ObjectiveKind.ETP).exists()
    aci = Objective.objects.filter(structure__identifier="DEMO-ACI-59-001")
    assert aci.filter(kind=ObjectiveKind.ETP).exists()  # the others keep theirs
    for offre in OffreDeServices.objects.filter(structure__identifier="DEMO-EITI-62-005"):
        document = build_document(offre)
        assert not [o for o in document.objectives if o.unit == "ETP"]
        for section in document.sections:
            for part in (section.title, section.text):
                assert "salari" not in part.lower(), (section.key, part)
                assert "aide au poste" not in part.lower(), (section.key, part)


def test_an_eiti_has_no_section_on_contracts_of_employment_and_the_cipi_is_for_an_etti():
    eiti = titles(document_of("EITI"))
    assert "axe3.professionnalisation" not in eiti
    assert eiti["axe3.cipi"] == "Formations internes"
    assert not [t for t in eiti.values() if "CIPI" in t or "professionnalisation" in t]
    assert titles(document_of("ETTI"))["axe3.cipi"] == "CIPI et formations internes"
    aci = titles(document_of("ACI"))
    assert aci["axe3.professionnalisation"] == "Contrats de professionnalisation"
    assert aci["axe3.cipi"] == "Formations internes"


def test_the_progress_and_the_pages_of_an_eiti_count_only_its_own_sections(client):
    from django.core.exceptions import ValidationError
    from django.urls import reverse

    from jalons.offre.catalogue import WRITABLE, writable_for
    from jalons.offre.models import SectionText
    from jalons.offre.selectors import progress
    from jalons.offre.services import offre_create, section_save
    from tests.factories import MembershipFactory

    direction = MembershipFactory(structure__kind="EITI")
    offre = offre_create(actor=Actor(role="direction"), structure=direction.structure, year=2026)
    keys = set(SectionText.objects.filter(offre=offre).values_list("key", flat=True))
    assert keys == {s.key for s in writable_for("EITI")}
    assert len(keys) == len(WRITABLE) - 1
    assert progress(offre=offre) == (0, len(keys))
    with pytest.raises(ValidationError):
        section_save(
            actor=Actor(role="direction"),
            offre=offre,
            key="axe3.professionnalisation",
            text="x",
            revision=0,
        )
    # A section written before the catalogue left it out is not offered any more.
    stale = SectionText.objects.create(offre=offre, key="axe3.professionnalisation")
    client.force_login(direction.user)
    url = reverse("offre:section", args=[direction.structure.pk, 2026, stale.pk])
    assert client.get(url).status_code == 404


def test_the_comment_and_toolbox_titles_are_in_the_words_of_the_structure():
    from django.template import Context, Template

    from jalons.offre.forms import DdetsCommentForm

    choices = dict(DdetsCommentForm(kind="EITI").fields["section_key"].choices)
    assert choices["axe2.documents"] == "2.3 Documents remis au travailleur indépendant"
    assert "axe3.professionnalisation" not in choices
    assert "axe3.professionnalisation" in dict(
        DdetsCommentForm(kind="ACI").fields["section_key"].choices
    )
    rendered = Template("{% load offre %}{{ key|section_title:kind }}").render(
        Context({"key": "axe2.documents", "kind": "EITI"})
    )
    assert rendered == "2.3 Documents remis au travailleur indépendant"


def test_the_state_aid_of_an_eiti_is_not_an_aide_au_poste():
    from jalons.offre.figures import funder_label
    from jalons.structures.models import Funding

    state = Funding(kind="etat")
    assert funder_label(state, "EITI") == "État (aide financière aux EITI)"
    assert funder_label(state, "ACI") == "État (aide au poste)"
    assert funder_label(Funding(kind="plie"), "EITI") == "PLIE"
    assert titles(document_of("EITI"))["axe1"] == (
        "Axe 1 – Accueil et démarrage de l'activité indépendante"
    )
    assert (
        titles(document_of("ACI"))["axe1"] == "Axe 1 – Accueil et intégration en milieu de travail"
    )
