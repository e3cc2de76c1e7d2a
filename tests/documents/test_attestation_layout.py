"""The attestation de compétences as the person receives it: one date format, the
signature kept with the end of what is attested, a progression chart that stops when
the person left."""

import datetime as dt
import re

import pytest
from weasyprint.formatting_structure import boxes

from jalons.audit.actor import Actor
from jalons.competences import services as skills
from jalons.competences.models import EvaluatorKind, Skill
from jalons.documents import builders
from jalons.documents.rendering import html_to_document, render_html
from tests.factories import StructureFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)
EXIT = dt.date(2026, 9, 20)


def text_of(html: str) -> str:
    body = re.sub(r"<style.*?</style>|<svg.*?</svg>|<[^>]+>", " ", html, flags=re.S)
    body = body.replace("&#x27;", "'").replace("&amp;", "&")
    return " ".join(body.split())


def page_texts(html: str) -> list[str]:
    """The text of each laid-out page, in reading order, footers aside."""

    def walk(box, out):
        if isinstance(box, boxes.MarginBox):
            return
        if isinstance(box, boxes.TextBox):
            out.append(box.text)
        for child in getattr(box, "children", None) or []:
            walk(child, out)

    pages = []
    for page in html_to_document(html).pages:
        out = []
        walk(page._page_box, out)
        pages.append(" ".join(" ".join(out).split()))
    return pages


@pytest.fixture
def structure(db):
    return StructureFactory(
        name="Les Jardins du Val",
        address="12 rue des Maraîchers",
        postcode="59300",
        city="Valenciennes",
        phone="03 27 00 00 01",
        email="contact@jardins-du-val.example",
    )


def gardener(structure, *, acquired: int, exit_date=EXIT, last_evaluation=dt.date(2026, 8, 22)):
    """A person hired on 24/05/2026, out on 20/09/2026, with ``acquired`` skills of the
    « Ouvrier du paysage » title evaluated acquired (the demo's Élodie Dupuis)."""
    parcours = ParcoursFactory(
        person__structure=structure,
        person__first_name="Élodie",
        person__last_name="Dupuis",
        hire_date=dt.date(2026, 5, 24),
        exit_date=exit_date,
        exit_motif="cdi_non_aide" if exit_date else "",
    )
    if not Skill.objects.filter(block__title__structure=structure).exists():
        skills.title_import(actor=Actor(role=""), structure=structure, key="ouvrier-paysage")
    every = list(
        Skill.objects.filter(block__title__structure=structure).order_by(
            "block__position", "position"
        )
    )
    for day, levels in (
        (dt.date(2026, 7, 1), dict.fromkeys(every, 1)),
        (last_evaluation, {s: (2 if i < acquired else 0) for i, s in enumerate(every)}),
    ):
        skills.evaluations_record(
            actor=Actor(role="encadrant"),
            structure=structure,
            person=parcours.person,
            evaluated_on=day,
            evaluator_kind=EvaluatorKind.ENCADRANT,
            evaluator_name="Sylvie Lefebvre",
            levels=levels,
            today=TODAY,
        )
    return parcours.person


def attestation_html(structure, person, today=TODAY, gender=None):
    context = builders.attestation_context(
        structure=structure, person=person, today=today, gender=gender
    )
    return render_html("documents/attestation.html", context)


def test_the_attestation_writes_its_dates_in_one_format(structure):
    person = gardener(structure, acquired=3)
    text = text_of(attestation_html(structure, person))
    assert "4 décembre 2026" in text
    assert "Fait à Valenciennes, le 4 décembre 2026." in text
    assert "04/12/2026" not in text
    first = text_of(attestation_html(structure, person, today=dt.date(2026, 12, 1)))
    assert "Fait à Valenciennes, le 1er décembre 2026." in first
    assert "01/12/2026" not in first


@pytest.mark.parametrize("acquired", [5, 6, 7, 8])
def test_the_signature_is_kept_with_the_end_of_the_attested_skills(structure, acquired):
    person = gardener(structure, acquired=acquired)
    html = attestation_html(structure, person)
    pages = page_texts(html)
    (signed,) = [i for i, text in enumerate(pages) if "Fait à Valenciennes" in text]
    before = pages[signed][: pages[signed].index("Fait à Valenciennes")]
    # On the page of the signature, above it: the end of the text (a skill attested,
    # with its level), never the signature boxes alone at the top of a page.
    assert re.search(r"Acquis le \d\d/\d\d/2026", before), (acquired, pages)
    assert "La direction" in pages[signed]  # both boxes on the same page
    # Nor is a block's caption left alone at the foot of a page, its table on the next.
    captions = {str(s.block) for s in Skill.objects.filter(block__title__structure=structure)}
    for text in pages[:-1]:
        assert not any(text.endswith(c) for c in captions), (acquired, text[-120:])


def chart_months(html: str) -> list[str]:
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S)[0]
    return re.findall(r">([a-zéû.]+ 20\d\d)</text>", svg)


def test_the_chart_stops_at_the_exit_of_a_person_who_left(structure):
    person = gardener(structure, acquired=3)
    months = chart_months(attestation_html(structure, person))
    assert months[-1] == "sept. 2026", months
    assert not {"oct. 2026", "nov. 2026", "déc. 2026"} & set(months)


def test_the_chart_goes_on_to_today_while_the_person_is_there(structure):
    person = gardener(structure, acquired=3, exit_date=None)
    assert chart_months(attestation_html(structure, person))[-1] == "déc. 2026"


def test_the_chart_reaches_an_evaluation_made_after_the_exit(structure):
    person = gardener(
        structure, acquired=3, exit_date=dt.date(2026, 8, 10), last_evaluation=dt.date(2026, 10, 5)
    )
    months = chart_months(attestation_html(structure, person))
    assert months[-1] == "oct. 2026" and "nov. 2026" not in months, months


def test_an_exit_still_to_come_does_not_cut_the_chart(structure):
    person = gardener(structure, acquired=3, exit_date=dt.date(2027, 3, 31))
    assert chart_months(attestation_html(structure, person))[-1] == "déc. 2026"
