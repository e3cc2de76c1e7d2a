"""What the other apps add to parcours keeps the order it had when parcours built it
itself (issue 14, point 1): the positions of ``jalons.parcours.extensions``."""

import datetime as dt
import html as htmllib
import re

import pytest
from django.urls import reverse

from jalons.parcours.todo import todo_for
from tests.factories import MembershipFactory
from tests.parcours.factories import (
    AccompanimentFactory,
    ContractFactory,
    OrientationFactory,
    ParcoursFactory,
    PassFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 1, 15)


@pytest.fixture
def cip(db):
    return MembershipFactory(cip=True)


def test_the_events_of_one_day_keep_their_order(client, cip):
    """Entered in the reverse order, all on 15/01/2025: shown as orientation, PASS,
    hire, contract, accompaniment, training."""
    person = ParcoursFactory(person__structure=cip.structure, hire_date=DAY).person
    TrainingFactory(person=person, start_date=DAY)
    AccompanimentFactory(person=person, date=DAY)
    ContractFactory(parcours=person.parcours.get(), start_date=DAY)
    PassFactory(person=person, start_date=DAY)
    OrientationFactory(person=person, date=DAY)
    client.force_login(cip.user)
    html = client.get(reverse("parcours:person", args=[cip.structure.pk, person.pk])).content
    kinds = re.findall(
        r'timeline-item timeline-(\w+)[^"]*">\s*<time datetime="2025-01-15"', html.decode()
    )
    assert kinds == ["orientation", "pass", "embauche", "contrat", "accompagnement", "formation"]


def test_the_buttons_of_the_file_keep_their_order(client, cip):
    person = ParcoursFactory(person__structure=cip.structure).person
    client.force_login(cip.user)
    html = client.get(reverse("parcours:person", args=[cip.structure.pk, person.pk])).content
    nav = htmllib.unescape(html.decode()).split('aria-label="Ajouter au dossier">')[1]
    nav = nav.split("</nav>")[0]
    assert re.findall(r">([^<>]+)</a>", nav) == [
        "Ajouter un accompagnement",
        "Ajouter un contrat",
        "Saisir les heures",
        "Enregistrer la sortie",
        "Ajouter une orientation",
        "Ajouter un PASS IAE",
        "Ajouter une formation",
        "Modifier l'identité",
    ]
    assert nav.count('class="button"') == 1  # « Ajouter un accompagnement »


def test_a_file_without_pathway_in_progress_offers_the_hire_first(client, cip):
    person = ParcoursFactory(person__structure=cip.structure, sorti=True).person
    client.force_login(cip.user)
    html = client.get(reverse("parcours:person", args=[cip.structure.pk, person.pk])).content
    nav = htmllib.unescape(html.decode()).split('aria-label="Ajouter au dossier">')[1]
    nav = nav.split("</nav>")[0]
    assert re.findall(r">([^<>]+)</a>", nav) == [
        "Enregistrer une embauche",
        "Ajouter une orientation",
        "Ajouter un PASS IAE",
        "Ajouter une formation",
        "Modifier l'identité",
    ]


def test_the_todo_sections_keep_their_order(cip):
    todo = todo_for(structure=cip.structure, today=DAY)
    assert [s.key for s in todo.sections] == [
        "follow_ups_due",
        "follow_ups_upcoming",
        "passes_overdue",
        "passes_ending",
        "without_accompaniment",
        "exits_without_motif",
        "incomplete",
    ]
    assert todo.total == 0 and todo.passes_overdue == []
    with pytest.raises(AttributeError):
        todo.not_a_section  # noqa: B018


def test_the_columns_and_filters_of_the_list_keep_their_order(client, cip):
    ParcoursFactory(person__structure=cip.structure)
    client.force_login(cip.user)
    html = client.get(reverse("parcours:people", args=[cip.structure.pk])).content.decode()
    assert re.findall(r'<th scope="col">([^<]+)</th>', html) == [
        "Nom",
        "Identifiant",
        "Situation",
        "Contrat en cours",
        "CIP référent",
        "Fin du PASS IAE",
    ]
    form = html.split('role="search"')[1].split("</form>")[0]
    assert re.findall(r'name="(\w+)"', form) == ["q", "statut", "contrat", "referent", "pass"]
