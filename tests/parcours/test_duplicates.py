import datetime as dt

import pytest
from django.urls import reverse

from jalons.parcours.duplicates import duplicate_pairs, likely_duplicates
from jalons.parcours.models import Person
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory, PersonFactory

pytestmark = pytest.mark.django_db

NIR = "290045935012322"


@pytest.fixture
def cip(db):
    return MembershipFactory(cip=True)


def create(client, membership, **extra):
    data = {"first_name": "Awa", "last_name": "TRAORE", "birth_date": "12/04/1990"}
    data.update(extra)
    return client.post(reverse("parcours:person_create", args=[membership.structure.pk]), data)


def test_a_duplicate_is_warned_and_not_created_without_the_checkbox(client, cip):
    existing = PersonFactory(
        structure=cip.structure,
        first_name="Awa",
        last_name="Traoré",
        birth_date=dt.date(1990, 4, 12),
        external_id="P-000007",
    )
    ParcoursFactory(person=existing, hire_date=dt.date(2025, 2, 3))
    client.force_login(cip.user)
    response = create(client, cip)
    html = response.content.decode()
    assert response.status_code == 200
    assert Person.objects.count() == 1
    assert "Cette fiche existe déjà" in html
    assert "P-000007" in html and "12/04/1990" in html
    assert "En parcours depuis le 03/02/2025" in html
    assert reverse("parcours:person", args=[cip.structure.pk, existing.pk]) in html
    assert "Il s&#x27;agit d&#x27;une autre personne : créer quand même" in html


def test_ticking_the_checkbox_creates_the_second_file(client, cip):
    PersonFactory(
        structure=cip.structure,
        first_name="Awa",
        last_name="Traoré",
        birth_date=dt.date(1990, 4, 12),
    )
    client.force_login(cip.user)
    response = create(client, cip, other_person="on")
    assert response.status_code == 302
    assert Person.objects.filter(last_name="TRAORE").exists()


def test_accents_and_case_are_ignored_but_another_birth_date_is_another_person(cip):
    PersonFactory(
        structure=cip.structure,
        first_name="Awa",
        last_name="Traoré",
        birth_date=dt.date(1990, 4, 12),
    )
    same = likely_duplicates(
        structure=cip.structure,
        first_name="AWA",
        last_name="TRAORE",
        birth_date=dt.date(1990, 4, 12),
    )
    other = likely_duplicates(
        structure=cip.structure,
        first_name="Awa",
        last_name="Traore",
        birth_date=dt.date(1991, 4, 12),
    )
    missing = likely_duplicates(structure=cip.structure, first_name="awa", last_name="traore")
    assert len(same) == 1 and other == [] and len(missing) == 1
    assert "date de naissance manquante" in missing[0].reason


def test_the_same_nir_with_different_names_is_a_duplicate(client, cip):
    PersonFactory(structure=cip.structure, first_name="Fatou", last_name="Diallo", nir=NIR)
    client.force_login(cip.user)
    html = create(client, cip, nir="2 90 04 59 350 123 22").content.decode()
    assert "Cette fiche existe déjà" in html and "même NIR" in html
    assert Person.objects.count() == 1


def test_another_structures_person_is_never_shown(client, cip):
    PersonFactory(first_name="Awa", last_name="Traoré", birth_date=dt.date(1990, 4, 12), nir=NIR)
    client.force_login(cip.user)
    response = create(client, cip, nir=NIR)
    assert response.status_code == 302
    assert Person.objects.filter(structure=cip.structure).count() == 1


def test_editing_an_identity_into_a_duplicate_is_warned(client, cip):
    PersonFactory(
        structure=cip.structure,
        first_name="Awa",
        last_name="Traoré",
        birth_date=dt.date(1990, 4, 12),
    )
    person = PersonFactory(structure=cip.structure, first_name="Awa", last_name="Traorre")
    client.force_login(cip.user)
    url = reverse("parcours:person_edit", args=[cip.structure.pk, person.pk])
    data = {"first_name": "Awa", "last_name": "TRAORÉ", "birth_date": "12/04/1990"}
    html = client.post(url, data).content.decode()
    assert "Cette fiche existe déjà" in html and "enregistrer quand même" in html
    person.refresh_from_db()
    assert person.last_name == "Traorre"
    assert client.post(url, {**data, "other_person": "on"}).status_code == 302
    person.refresh_from_db()
    assert person.last_name == "TRAORÉ"


def test_editing_another_field_of_a_known_duplicate_is_not_warned_again(client, cip):
    PersonFactory(structure=cip.structure, first_name="Awa", last_name="Traoré")
    person = PersonFactory(structure=cip.structure, first_name="Awa", last_name="TRAORE")
    client.force_login(cip.user)
    url = reverse("parcours:person_edit", args=[cip.structure.pk, person.pk])
    response = client.post(
        url,
        {"first_name": "Awa", "last_name": "TRAORE", "birth_date": "17/05/1980", "city": "Lens"},
    )
    assert response.status_code == 302


def test_duplicate_pairs_lists_each_pair_once(cip):
    a = PersonFactory(structure=cip.structure, first_name="Awa", last_name="Traoré", nir=NIR)
    b = PersonFactory(structure=cip.structure, first_name="AWA", last_name="TRAORE", nir=NIR)
    PersonFactory(first_name="Awa", last_name="Traoré", nir=NIR)  # another structure
    pairs = duplicate_pairs(structure=cip.structure)
    assert [(p.first, p.second) for p in pairs] == [(a, b)]
