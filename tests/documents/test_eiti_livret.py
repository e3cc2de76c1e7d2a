"""The livret d'accueil of an EITI: a self-employed worker under a contrat
d'accompagnement, not a salarié with a contract of employment and a payslip."""

import datetime as dt
import html as html_module
import re

import pytest
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.documents import builders
from jalons.documents.livret import (
    DEFAULTS,
    SELF_EMPLOYED_DEFAULTS,
    defaults_for,
    livret_sections_update,
    livret_texts,
)
from jalons.documents.models import LivretSection
from jalons.documents.rendering import render_html
from jalons.offre.figures import BUILDERS
from jalons.offre.figures_context import FigureContext
from tests.factories import MembershipFactory, StructureFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 9, 1)
SALARIED_WORDS = (
    "salari",  # salarié, salariée, salarié·e, salaire
    "bulletin de salaire",
    "contrat de travail",
    "congés payés",
    "médecine du travail",
    "encadrant",
    "employeur d'un futur",
)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def eiti(db):
    return StructureFactory(kind="EITI", name="Bâti Avenir Indépendants", city="Lens")


def test_the_livret_of_an_eiti_says_what_the_accompaniment_is(eiti):
    text = text_of(
        render_html("documents/livret.html", builders.livret_context(structure=eiti, today=TODAY))
    )
    assert "Livret d'accueil des travailleurs et travailleuses indépendants" in text
    for expected in (
        "contrat d'accompagnement",
        "24 mois au plus",
        "micro-entreprise",
        "chiffre d'affaires",
        "heures d'activité",
        "URSSAF",
        "Nous ne sommes pas votre employeur",
        "Nous vous mettons en relation avec des clients",
        "Vos droits",
        "Vos engagements",
    ):
        assert expected in text, expected
    lowered = text.lower()
    for wrong in SALARIED_WORDS:
        assert wrong not in lowered, wrong


def test_every_default_of_an_eiti_is_free_of_salaried_words():
    assert [d.key for d in SELF_EMPLOYED_DEFAULTS] == [d.key for d in DEFAULTS]
    for d in SELF_EMPLOYED_DEFAULTS:
        for part in (d.title, d.help, d.text):
            assert "salari" not in part.lower(), (d.key, part)
    assert defaults_for("EITI") is SELF_EMPLOYED_DEFAULTS
    for kind in ("ACI", "EI", "ETTI", "AI"):
        assert defaults_for(kind) is DEFAULTS


def test_other_kinds_keep_the_salaried_livret():
    aci = StructureFactory(kind="ACI")
    text = text_of(
        render_html("documents/livret.html", builders.livret_context(structure=aci, today=TODAY))
    )
    assert "Livret d'accueil des salarié·es" in text
    assert "bulletin de salaire" in text and "contrat de travail" in text


def test_an_eiti_keeps_its_own_texts_as_typed_and_its_defaults_are_not_stored(eiti):
    own = "Vous êtes salarié·e de notre coopérative d'activité."  # typed by the structure
    texts = {t.key: t.text for t in livret_texts(structure=eiti)}
    texts["bienvenue"] = own
    livret_sections_update(actor=Actor(role="direction"), structure=eiti, texts=texts)
    # Only the text that differs from the EITI's default is stored.
    assert list(LivretSection.objects.filter(structure=eiti).values_list("key", flat=True)) == [
        "bienvenue"
    ]
    by_key = {t.key: t for t in livret_texts(structure=eiti)}
    assert by_key["bienvenue"].text == own and not by_key["bienvenue"].is_default
    assert by_key["droits"].is_default and "URSSAF" in by_key["droits"].text


def test_the_livret_page_of_an_eiti_speaks_of_the_self_employed(client, eiti):
    member = MembershipFactory(structure=eiti)
    client.force_login(member.user)
    html = text_of(client.get(reverse("documents:livret", args=[eiti.pk])).content.decode())
    assert "Remis à chaque travailleur indépendant à son entrée en accompagnement." in html
    assert "salari" not in html.lower()


def test_the_livret_figure_of_an_eiti_offre_shows_the_eiti_texts(eiti):
    ctx = FigureContext(structure=eiti, year=2025, reference=dt.date(2026, 1, 15))
    (figure,) = BUILDERS["livret"](ctx)
    rows = " ".join(" ".join(r) for r in figure.rows)
    assert "Votre activité" in rows and "salari" not in rows.lower()
