"""The livret d'accueil speaks with one voice: its cover in the words of its text, the
team named by functions (not by « Conseiller·ère » next to a name), and the text
naming whoever accompanies the person when the structure has no CIP."""

import datetime as dt
import html as html_module
import re

import pytest
from django.urls import reverse

from jalons.accounts.models import ROLE_FUNCTIONS, Role
from jalons.audit.actor import Actor
from jalons.documents import builders
from jalons.documents.livret import (
    WITHOUT_CIP,
    defaults_for,
    livret_sections_update,
    livret_texts,
)
from jalons.documents.models import LivretSection
from jalons.documents.rendering import render_html
from tests.factories import MembershipFactory, StructureFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)


def text_of(page: str) -> str:
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", page)))


def livret_text(structure) -> str:
    context = builders.livret_context(structure=structure, today=TODAY)
    return text_of(render_html("documents/livret.html", context))


def cover_of(structure) -> str:
    context = builders.livret_context(structure=structure, today=TODAY)
    html = render_html("documents/livret.html", context)
    return text_of(re.search(r'<div class="cover">.*?</div>', html, flags=re.S)[0])


def full_team(structure):
    for role, first, last in (
        (Role.DIRECTION, "Claire", "Delmotte"),
        (Role.CIP, "Karim", "Benali"),
        (Role.ENCADRANT, "Sylvie", "Lefebvre"),
    ):
        MembershipFactory(
            structure=structure, role=role, user__first_name=first, user__last_name=last
        )


def test_the_cover_uses_the_words_of_the_text():
    aci = StructureFactory(kind="ACI")
    cover = cover_of(aci)
    assert "Livret d'accueil des salarié·es" in cover
    assert "du salarié" not in cover
    eiti = StructureFactory(kind="EITI")
    cover = cover_of(eiti)
    assert "Livret d'accueil des travailleurs et travailleuses indépendants" in cover
    assert "du travailleur" not in cover
    # The words of the text: « salarié·e », « travailleur ou travailleuse indépendant·e ».
    assert "salarié·e" in livret_text(aci)
    assert "travailleur ou travailleuse indépendant·e" in livret_text(eiti)


def test_the_team_is_named_by_functions_as_the_bilan_names_its_signer():
    aci = StructureFactory(kind="ACI")
    full_team(aci)
    team = dict(builders.team_of(structure=aci))
    assert team == {
        "Direction": ["Claire Delmotte"],
        "Conseil en insertion professionnelle (CIP)": ["Karim Benali"],
        "Encadrement technique": ["Sylvie Lefebvre"],
    }
    # The same nouns as the bilan's signer (one mapping for both).
    for role, function in ROLE_FUNCTIONS.items():
        assert any(label.lower().startswith(function) for label in team), role
    text = livret_text(aci)
    assert "Conseil en insertion professionnelle (CIP) Karim Benali" in text
    assert "Encadrement technique Sylvie Lefebvre" in text
    assert "Conseiller·ère en insertion (CIP)" not in text
    assert "Encadrant·e technique Sylvie" not in text


def test_the_livret_page_shows_the_same_functions(client):
    aci = StructureFactory(kind="ACI")
    full_team(aci)
    client.force_login(aci.memberships.get(role=Role.DIRECTION).user)
    page = text_of(client.get(reverse("documents:livret", args=[aci.pk])).content.decode())
    assert "Conseil en insertion professionnelle (CIP) : Karim Benali" in page
    assert "Conseiller·ère en insertion" not in page


def test_an_eiti_without_cip_speaks_of_the_direction_that_accompanies():
    eiti = StructureFactory(kind="EITI")
    MembershipFactory(structure=eiti, user__first_name="Yannick", user__last_name="Leroy")
    text = livret_text(eiti)
    assert "Direction Yannick Leroy" in text
    assert "conseiller·ère" not in text.lower()
    assert "La direction vous reçoit régulièrement en entretien individuel." in text
    assert "Ce que vous confiez à la direction reste confidentiel." in text
    # With a CIP on the team, the texts speak of the CIP again.
    MembershipFactory(structure=eiti, role=Role.CIP)
    assert "Un·e conseiller·ère vous reçoit régulièrement" in livret_text(eiti)


def test_a_structure_without_cip_does_not_send_the_person_to_a_cip():
    ei = StructureFactory(kind="EI")
    MembershipFactory(structure=ei)
    texts = {t.key: t.text for t in livret_texts(structure=ei)}
    for key, text in texts.items():
        assert "CIP" not in text and "conseiller·ère" not in text, (key, text)
    assert "La direction vous reçoit régulièrement" in texts["offre_accompagnement"]
    assert texts["contacts"].endswith("ou votre projet : la direction.")


def test_without_anyone_on_the_team_the_texts_are_the_usual_ones():
    eiti = StructureFactory(kind="EITI")
    texts = {t.key: t.text for t in livret_texts(structure=eiti)}
    assert texts == {d.key: d.text for d in defaults_for("EITI")}


def test_every_phrase_replaced_without_cip_is_in_the_defaults():
    for kind, replacements in WITHOUT_CIP.items():
        defaults = {d.key: d.text for d in defaults_for(kind)}
        for key, pairs in replacements.items():
            for old, _new in pairs:
                assert old in defaults[key], (kind, key, old)


def test_the_texts_proposed_without_cip_are_defaults_and_not_stored():
    eiti = StructureFactory(kind="EITI")
    MembershipFactory(structure=eiti)
    texts = {t.key: t.text for t in livret_texts(structure=eiti)}
    livret_sections_update(actor=Actor(role="direction"), structure=eiti, texts=texts)
    assert not LivretSection.objects.filter(structure=eiti).exists()
    assert all(t.is_default for t in livret_texts(structure=eiti))
