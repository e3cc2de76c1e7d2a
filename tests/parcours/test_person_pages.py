import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from jalons.audit.models import AuditAction, AuditEntry
from jalons.parcours.models import MonthlyHours, Parcours, Person
from tests.factories import MembershipFactory
from tests.parcours.factories import (
    AccompanimentFactory,
    ContractFactory,
    ParcoursFactory,
    PassFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cip(db):
    return MembershipFactory(cip=True)


def url(name, *args):
    return reverse(f"parcours:{name}", args=args)


def test_a_cip_creates_a_person_and_the_creation_is_audited(client, cip):
    client.force_login(cip.user)
    response = client.post(
        url("person_create", cip.structure.pk),
        {
            "first_name": "Léa",
            "last_name": "Martin",
            "birth_date": "12/04/1990",
            "nir": "2 90 04 59 350 123 22",
            "referent": cip.user.pk,
        },
    )
    person = Person.objects.get(last_name="Martin")
    assert response["Location"] == url("person", cip.structure.pk, person.pk)
    assert person.external_id == "P-000001" and person.birth_date == dt.date(1990, 4, 12)
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(person.pk))
    assert entry.changes["NIR (numéro de sécurité sociale)"] == [None, "(donnée sensible)"]
    assert "590" not in str(entry.changes)


def test_a_wrong_nir_key_is_refused_beside_the_field(client, cip):
    client.force_login(cip.user)
    html = client.post(
        url("person_create", cip.structure.pk),
        {"first_name": "Léa", "last_name": "Martin", "nir": "290045935012355"},
    ).content.decode()
    assert "La clé du NIR ne correspond pas" in html
    assert not Person.objects.exists()


def test_opening_a_file_is_audited_with_the_role(client, cip):
    person = PersonFactory(structure=cip.structure)
    client.force_login(cip.user)
    assert client.get(url("person", cip.structure.pk, person.pk)).status_code == 200
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_id=str(person.pk), role="cip", user=cip.user
    ).exists()


def test_the_technical_supervisor_sees_no_sensitive_data(client):
    supervisor = MembershipFactory(encadrant=True)
    person = PersonFactory(structure=supervisor.structure, nir="290045935012322")
    ParcoursFactory(person=person, rqth=True, rsa=True)
    AccompanimentFactory(person=person, barrier="sante")
    AccompanimentFactory(person=person, barrier="mobilite")
    client.force_login(supervisor.user)
    html = client.get(url("person", supervisor.structure.pk, person.pk)).content.decode()
    assert "290045935012322" not in html and "NIR" not in html
    assert "RQTH" not in html and "RSA" in html
    assert "Frein : Santé" not in html and "Frein ou intervenant : donnée sensible" in html
    assert "Frein : Mobilité" in html
    assert client.get(url("person_edit", supervisor.structure.pk, person.pk)).status_code == 403


def test_the_cip_sees_the_nir_on_demand_but_never_in_the_list(client, cip):
    person = PersonFactory(structure=cip.structure, nir="290045935012322")
    client.force_login(cip.user)
    file = client.get(url("person", cip.structure.pk, person.pk)).content.decode()
    assert "<summary>Afficher le NIR</summary>" in file and "290045935012322" in file
    listing = client.get(url("people", cip.structure.pk)).content.decode()
    assert person.last_name.upper() in listing and "290045935012322" not in listing


def test_the_list_searches_and_filters(client, cip):
    s = cip.structure
    present = ParcoursFactory(person__structure=s, person__last_name="Présente").person
    ContractFactory(parcours=present.parcours.get())
    left = ParcoursFactory(person__structure=s, person__last_name="Partie", sorti=True).person
    ending = ParcoursFactory(person__structure=s, person__last_name="Bientôt").person
    PassFactory(person=ending, end_date=dt.date.today() + dt.timedelta(days=20))
    followed = PersonFactory(structure=s, last_name="Suivie", referent=cip.user)
    client.force_login(cip.user)

    def names(**params):
        html = client.get(url("people", s.pk), params).content.decode()
        return {
            p.last_name for p in (present, left, ending, followed) if p.last_name.upper() in html
        }

    assert names(q="part") == {"Partie"}
    assert names(statut="present") == {"Présente", "Bientôt"}
    assert names(statut="sorti") == {"Partie"}
    assert names(contrat="cddi") == {"Présente"}
    assert names(referent=cip.user.pk) == {"Suivie"}
    assert names(**{"pass": "60"}) == {"Bientôt"}
    assert client.get(url("people", s.pk), {"referent": "x", "page": "zz"}).status_code == 200


def test_overlapping_pathways_are_refused_in_french(client, cip):
    person = ParcoursFactory(person__structure=cip.structure).person  # open since 15/01/2025
    client.force_login(cip.user)
    html = client.post(
        url("parcours_create", cip.structure.pk, person.pk), {"hire_date": "2025-06-01"}
    ).content.decode()
    assert "chevauche celui commencé le 15/01/2025 (en cours)" in html
    assert Parcours.objects.filter(person=person).count() == 1


def test_an_exit_before_the_hire_is_refused_and_nothing_changes(client, cip):
    parcours = ParcoursFactory(person__structure=cip.structure)
    client.force_login(cip.user)
    html = client.post(
        url("exit", cip.structure.pk, parcours.person.pk, parcours.pk),
        {"exit_date": "2024-12-31", "exit_motif": "chomage"},
    ).content.decode()
    assert "La date de sortie doit suivre la date d&#x27;embauche." in html
    parcours.refresh_from_db()
    assert parcours.exit_date is None


def test_hours_accept_french_decimals_and_a_bad_month_saves_nothing(client, cip):
    person = PersonFactory(structure=cip.structure)
    client.force_login(cip.user)
    hours_url = url("hours", cip.structure.pk, person.pk) + "?annee=2025"
    bad = client.post(hours_url, {"annee": "2025", "m01": "70,5", "m02": "beaucoup"})
    assert "Saisissez un nombre d&#x27;heures" in bad.content.decode()
    assert not MonthlyHours.objects.exists()
    client.post(hours_url, {"annee": "2025", "m01": "70,5", "m02": "112,67"})
    assert MonthlyHours.objects.get(month=dt.date(2025, 1, 1)).hours == Decimal("70.5")
    assert MonthlyHours.objects.get(month=dt.date(2025, 2, 1)).hours == Decimal("112.67")
    assert (
        "Un mois compte au plus 744 heures"
        in client.post(hours_url, {"annee": "2025", "m02": "1 112,67"}).content.decode()
    )
    client.post(hours_url, {"annee": "2025", "m01": ""})
    assert not MonthlyHours.objects.filter(month=dt.date(2025, 1, 1)).exists()


def test_an_etti_mission_needs_a_client_and_a_cddi_needs_weekly_hours(client):
    etti = MembershipFactory(cip=True, structure__kind="ETTI")
    parcours = ParcoursFactory(person__structure=etti.structure)
    client.force_login(etti.user)
    html = client.post(
        url("contract_create", etti.structure.pk, parcours.person.pk, parcours.pk),
        {"kind": "mission", "post": "Cariste", "start_date": "2025-01-10"},
    ).content.decode()
    assert "Choisissez le client ou l&#x27;utilisateur." in html
    assert "avant l&#x27;embauche (15/01/2025)" in html

    aci = MembershipFactory(cip=True)
    parcours = ParcoursFactory(person__structure=aci.structure)
    client.force_login(aci.user)
    html = client.post(
        url("contract_create", aci.structure.pk, parcours.person.pk, parcours.pk),
        {"kind": "cddi", "post": "Agent", "start_date": "2025-01-15"},
    ).content.decode()
    assert "Indiquez la durée hebdomadaire du CDDI." in html


def test_identifiers_in_pages_are_never_grouped_like_amounts(client):
    # A referent whose id is 12345 must be offered as value="12345", not "12 345".
    from tests.factories import UserFactory

    direction = MembershipFactory()
    referent = UserFactory(pk=12345)
    MembershipFactory(structure=direction.structure, user=referent, cip=True)
    client.force_login(direction.user)
    html = client.get(url("people", direction.structure.pk)).content.decode()
    assert 'value="12345"' in html
