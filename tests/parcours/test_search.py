"""Searching people ignores accents, case, hyphens and apostrophes, on SQLite and
PostgreSQL alike, and finds a person by PASS IAE number (issue 13, point 5)."""

import pytest
from django.urls import reverse

from jalons.parcours import selectors
from jalons.parcours.search import fold
from tests.factories import MembershipFactory
from tests.parcours.factories import PassFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Traoré", "traore"),
        ("ÉLODIE", "elodie"),
        ("Jean-Marie", "jean marie"),
        ("N'Diaye", "n diaye"),
        ("N’Diaye", "n diaye"),
        ("Œuvre", "oeuvre"),
        ("Lætitia", "laetitia"),
        ("Çağlar Şahin", "caglar sahin"),
        ("Nguyễn", "nguyen"),  # not in the table: decomposed
        ("", ""),
    ],
)
def test_fold_removes_accents_case_and_punctuation(text, folded):
    assert fold(text) == folded


@pytest.fixture
def people():
    membership = MembershipFactory(cip=True)
    structure = membership.structure
    named = {
        "traore": PersonFactory(structure=structure, first_name="Aminata", last_name="Traoré"),
        "elodie": PersonFactory(structure=structure, first_name="ÉLODIE", last_name="Lefèvre"),
        "jean_marie": PersonFactory(structure=structure, first_name="Jean-Marie", last_name="Ôde"),
        "ndiaye": PersonFactory(structure=structure, first_name="Moussa", last_name="N'Diaye"),
        "oeuvre": PersonFactory(structure=structure, first_name="Cœur", last_name="Martin"),
        "other": PersonFactory(structure=structure, first_name="Paul", last_name="Durand"),
    }
    PassFactory(person=named["other"], number="999992112345")
    foreign = PersonFactory(first_name="Awa", last_name="Traore")  # another structure
    return membership, named, foreign


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("traore", ["traore"]),
        ("TRAORÉ", ["traore"]),
        ("Traore aminata", ["traore"]),
        ("elodie lefevre", ["elodie"]),
        ("LEFÈVRE", ["elodie"]),
        ("jean marie", ["jean_marie"]),
        ("jean-marie", ["jean_marie"]),
        ("ode", ["jean_marie"]),
        ("ndiaye", []),  # the apostrophe is a space: « n diaye »
        ("n'diaye", ["ndiaye"]),
        ("diaye", ["ndiaye"]),
        ("coeur", ["oeuvre"]),
        ("cœur", ["oeuvre"]),
        ("999992112345", ["other"]),
        ("99999 21 12345", ["other"]),
        ("2112345", ["other"]),
        ("dupont", []),
    ],
)
def test_search_ignores_accents_and_case_and_finds_the_pass_number(people, query, expected):
    membership, named, _ = people
    found = selectors.people_list(structure=membership.structure, query=query)
    assert sorted(p.pk for p in found) == sorted(named[k].pk for k in expected)


def test_the_search_page_finds_traore_and_never_another_structure(client, people):
    membership, _, foreign = people
    client.force_login(membership.user)
    response = client.get(
        reverse("parcours:people", args=[membership.structure.pk]), {"q": "traore"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "TRAORÉ Aminata" in page and "1 personne" in page
    assert foreign.first_name not in page
