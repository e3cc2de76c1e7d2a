import datetime as dt

import pytest
from django.urls import reverse

from jalons.pass_iae.models import PassIae
from tests.factories import MembershipFactory
from tests.parcours.factories import (
    AccompanimentFactory,
    ContractFactory,
    FollowUpFactory,
    ParcoursFactory,
    PassFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"parcours:{name}", args=args)


def test_a_pass_end_date_follows_suspensions_and_prolongations(client):
    cip = MembershipFactory(cip=True)
    person = PersonFactory(structure=cip.structure)
    client.force_login(cip.user)
    client.post(
        url("pass_create", cip.structure.pk, person.pk),
        {"number": "9999 9000 0123", "start_date": "2025-01-13"},
    )
    pass_iae = PassIae.objects.get()
    assert pass_iae.number == "999990000123"
    assert pass_iae.end_date == dt.date(2027, 1, 12)
    # A 30-day suspension: June 2025.
    client.post(
        url("pass_suspension", cip.structure.pk, person.pk, pass_iae.pk),
        {"start_date": "2025-06-01", "end_date": "2025-06-30", "motif": "maladie"},
    )
    pass_iae.refresh_from_db()
    assert pass_iae.end_date == dt.date(2027, 1, 12) + dt.timedelta(days=30)
    # "Difficultés particulièrement importantes" is allowed in an ACI, needs a prescriber.
    html = client.post(
        url("pass_prolongation", cip.structure.pk, person.pk, pass_iae.pk),
        {
            "motif": "difficultes_particulieres",
            "start_date": "2027-02-12",
            "end_date": "2028-06-30",
            "prescriber": "",
        },
    ).content.decode()
    assert "dure au plus 12 mois" in html and "avis d&#x27;un prescripteur" in html
    pass_iae.refresh_from_db()
    assert pass_iae.end_date == dt.date(2027, 2, 11)


def test_a_bad_pass_number_is_refused(client):
    cip = MembershipFactory(cip=True)
    person = PersonFactory(structure=cip.structure)
    client.force_login(cip.user)
    html = client.post(
        url("pass_create", cip.structure.pk, person.pk),
        {"number": "12AB", "start_date": "2025-01-13"},
    ).content.decode()
    assert "Le numéro de PASS IAE compte 12 chiffres." in html
    assert not PassIae.objects.exists()


def test_the_todo_page_lists_what_the_cip_should_do(client):
    cip = MembershipFactory(cip=True)
    s = cip.structure
    today = dt.date.today()
    # Left 4 months ago: the 3-month follow-up is due; recorded 6-month is not listed.
    left = ParcoursFactory(
        person__structure=s,
        person__last_name="Suivre",
        hire_date=today - dt.timedelta(days=400),
        exit_date=today - dt.timedelta(days=125),
        exit_motif="chomage",
    )
    FollowUpFactory(parcours=left, months=6)
    # A present person, quiet for 40 days, PASS ending in 20 days, complete otherwise.
    quiet = ParcoursFactory(
        person__structure=s,
        person__last_name="Calme",
        person__referent=cip.user,
        hire_date=today - dt.timedelta(days=200),
    )
    ContractFactory(parcours=quiet, start_date=quiet.hire_date)
    PassFactory(person=quiet.person, end_date=today + dt.timedelta(days=20))
    AccompanimentFactory(person=quiet.person, date=today - dt.timedelta(days=40))
    # An exit without motif.
    ParcoursFactory(
        person__structure=s, person__last_name="Sansmotif", exit_date=today - dt.timedelta(days=5)
    )
    # Incomplete: no birth date, no PASS, no contract, no referent.
    ParcoursFactory(person__structure=s, person__last_name="Incomplet", person__birth_date=None)
    client.force_login(cip.user)
    html = client.get(url("todo", s.pk)).content.decode()
    sections = html.split("<section")

    def section(title):
        return next(sec for sec in sections[1:] if title in sec)

    assert "Suivre" in section("Suivis après la sortie à faire")
    assert "Suivi à 3 mois" in section("Suivis après la sortie à faire")
    assert "Suivi à 6 mois" not in section("Suivis après la sortie à faire")
    assert "Calme" in section("PASS IAE finissant dans les 30 jours")
    assert "Calme" in section("sans accompagnement depuis 30 jours")
    assert "Sansmotif" in section("Sorties sans motif")
    incomplete = section("Dossiers incomplets")
    assert (
        "Incomplet" in incomplete
        and "date de naissance, CIP référent, PASS IAE, contrat en cours" in incomplete
    )
    assert "Calme" not in incomplete


def test_a_long_todo_section_shows_the_first_fifty_and_offers_the_rest(client):
    cip = MembershipFactory(cip=True)
    today = dt.date.today()
    for n in range(55):
        ParcoursFactory(
            person__structure=cip.structure,
            person__last_name=f"Personne{n:02d}",
            exit_date=today - dt.timedelta(days=3 + n),
            exit_motif="",
        )
    client.force_login(cip.user)
    html = client.get(url("todo", cip.structure.pk)).content.decode()
    assert 'Sorties sans motif <span class="tag">55</span>' in html
    assert "Et 5 autres" in html and "?tout=1#titre-exits_without_motif" in html
    everything = client.get(url("todo", cip.structure.pk), {"tout": "1"}).content.decode()
    assert "Et 5 autres" not in everything and everything.count("compléter<span") == 55
