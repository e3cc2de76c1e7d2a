"""The documents given to a person of an EITI: a self-employed worker, not a salarié."""

import datetime as dt
import re

import pytest

from jalons.audit.actor import Actor
from jalons.competences import services as skills
from jalons.competences.models import EvaluatorKind, Skill
from jalons.contrats import services as contrats
from jalons.documents import builders
from jalons.documents.rendering import TEMPLATE_VERSIONS, produced, render_html
from tests.factories import StructureFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 9, 1)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def eiti(db):
    return StructureFactory(kind="EITI", name="Bâti Avenir Indépendants", city="Lille")


@pytest.fixture
def worker(eiti):
    parcours = ParcoursFactory(
        person__structure=eiti,
        person__first_name="Farid",
        person__last_name="Lefebvre",
        hire_date=dt.date(2025, 1, 15),
    )
    contrats.accompaniment_contract_save(
        actor=Actor(role="cip"),
        parcours=parcours,
        activity="peintre en bâtiment",
        siret="",
        start_date=dt.date(2025, 1, 15),
        planned_end_date=dt.date(2026, 1, 14),
        end_date=None,
    )
    title = skills.title_import(actor=Actor(role=""), structure=eiti, key="peintre-batiment")
    first = Skill.objects.filter(block__title=title).order_by("block__position", "position")[0]
    skills.evaluations_record(
        actor=Actor(role=""),
        structure=eiti,
        person=parcours.person,
        evaluated_on=dt.date(2025, 5, 5),
        evaluator_kind=EvaluatorKind.DIRECTION,
        evaluator_name="Direction",  # the kind typed again as a name: said once
        levels={first: 3},
        today=TODAY,
    )
    return parcours.person


def test_the_attestation_of_an_eiti_speaks_of_a_self_employed_worker(eiti, worker):
    for gender, kicker, sentence in [
        (
            "m",
            "Document remis au travailleur indépendant",
            "est accompagné par la structure, comme travailleur indépendant, depuis le 15/01/2025",
        ),
        (
            "f",
            "Document remis à la travailleuse indépendante",
            "est accompagnée par la structure, comme travailleuse indépendante, depuis le",
        ),
        (
            None,
            "Document remis à la personne",
            "exerce une activité indépendante accompagnée par la",
        ),
    ]:
        context = builders.attestation_context(
            structure=eiti, person=worker, today=TODAY, gender=gender
        )
        text = text_of(render_html("documents/attestation.html", context))
        assert kicker in text, gender
        assert sentence in text, gender
        assert "salarié" not in text.lower(), gender
        assert "évaluées en situation d'activité" in text
        assert "Direction (Direction)" not in text and "Direction" in text


def test_the_cv_of_an_eiti_worker_shows_the_activity_as_experience(eiti, worker):
    context = builders.cv_context(structure=eiti, person=worker, today=TODAY, gender="m")
    text = text_of(render_html("documents/cv.html", context))
    assert "Expérience professionnelle" in text
    assert "Peintre en bâtiment" in text
    assert "Travailleur indépendant, accompagné par Bâti Avenir Indépendants" in text
    assert "Depuis 01/2025" in text


def test_other_structures_give_documents_to_the_salarie_or_to_the_person():
    aci = StructureFactory()
    assert builders.recipient(structure=aci, gender="f") == "à la salariée"
    assert builders.recipient(structure=aci, gender="m") == "au salarié"
    assert builders.recipient(structure=aci, gender=None) == "à la personne"


def test_the_footer_names_no_internal_template(eiti):
    made = produced(template="attestation", structure=eiti)
    assert TEMPLATE_VERSIONS["attestation"] not in made.footer
    assert "modèle" not in made.footer
    assert made.footer.startswith("Produit par Jalons pour Bâti Avenir Indépendants le ")


def test_the_attestation_names_the_source_of_each_title_without_nested_brackets(eiti, worker):
    context = builders.attestation_context(structure=eiti, person=worker, today=TODAY)
    text = text_of(render_html("documents/attestation.html", context))
    note = text[text.index("ne vaut pas certification") :]
    assert "titres indiqués : " in note
    assert "((" not in note and "))" not in note and ".)" not in note and ". ." not in note
    assert note.count("(") == note.count(")")


def test_the_cv_carries_no_footer_of_the_structure(eiti, worker):
    html = render_html(
        "documents/cv.html", builders.cv_context(structure=eiti, person=worker, today=TODAY)
    )
    assert 'content: "Produit par Jalons' not in html  # sent by the person to employers
    attestation = render_html(
        "documents/attestation.html",
        builders.attestation_context(structure=eiti, person=worker, today=TODAY),
    )
    assert 'content: "Produit par Jalons pour Bâti Avenir' in attestation
    assert "Acquise depuis" in attestation
