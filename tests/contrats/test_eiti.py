"""EITI: accompaniment contracts and monthly declarations instead of CDDI."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction, AuditEntry
from jalons.contrats import services
from jalons.contrats.models import AccompanimentContract, ActivityDeclaration, Contract
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eiti(db):
    return MembershipFactory(cip=True, structure__kind="EITI")


@pytest.fixture
def parcours(eiti):
    return ParcoursFactory(person__structure=eiti.structure)


def make_contract(parcours, **fields):
    values = {
        "activity": "Peintre en bâtiment",
        "siret": "",
        "start_date": dt.date(2025, 1, 15),
        "planned_end_date": dt.date(2026, 1, 14),
        "end_date": None,
        **fields,
    }
    return services.accompaniment_contract_save(
        actor=Actor(role="cip"), parcours=parcours, **values
    )


def declare(contract, month, turnover="0", hours="0"):
    return services.activity_declaration_save(
        actor=Actor(role="cip"),
        contract=contract,
        month=month,
        turnover=Decimal(turnover),
        hours=Decimal(hours),
    )


def test_an_eiti_gets_no_cddi_form_but_the_accompaniment_contract_form(client, eiti, parcours):
    client.force_login(eiti.user)
    create = reverse(
        "parcours:contract_create", args=[eiti.structure.pk, parcours.person.pk, parcours.pk]
    )
    response = client.get(create)
    target = reverse(
        "contrats:eiti_contract_create", args=[eiti.structure.pk, parcours.person.pk, parcours.pk]
    )
    assert response.status_code == 302 and response["Location"] == target
    html = client.get(target).content.decode()
    assert "Activité exercée" in html
    assert "CDDI" not in html and "hebdomadaire" not in html
    # A CDDI posted to the old form is not recorded either.
    client.post(create, {"kind": "cddi", "post": "Peintre", "start_date": "2025-01-15"})
    assert not Contract.objects.exists()


def test_the_service_refuses_a_cddi_for_an_eiti(parcours):
    with pytest.raises(ValidationError) as error:
        services.contract_save(
            actor=Actor(role="cip"),
            parcours=parcours,
            kind="cddi",
            post="Peintre",
            start_date=dt.date(2025, 1, 15),
            weekly_hours=Decimal("26"),
        )
    assert "est une EITI" in error.value.message_dict["kind"][0]
    assert "pas de CDDI" in error.value.message_dict["kind"][0]
    assert not Contract.objects.exists()


def test_an_accompaniment_contract_of_24_months_is_accepted_one_day_more_is_refused(parcours):
    # 15/01/2025 + 24 months = 15/01/2027; the last allowed day is 14/01/2027.
    make_contract(parcours, planned_end_date=dt.date(2027, 1, 14))
    with pytest.raises(ValidationError) as error:
        make_contract(parcours, planned_end_date=dt.date(2027, 1, 15))
    assert error.value.message_dict["planned_end_date"] == [
        "Un contrat d'accompagnement dure au plus 24 mois : la fin prévue doit être au plus "
        "tard le 14/01/2027."
    ]


def test_the_form_shows_the_24_month_refusal_in_french(client, eiti, parcours):
    client.force_login(eiti.user)
    html = client.post(
        reverse(
            "contrats:eiti_contract_create",
            args=[eiti.structure.pk, parcours.person.pk, parcours.pk],
        ),
        {"activity": "Plaquiste", "start_date": "15/01/2025", "planned_end_date": "20/03/2027"},
    ).content.decode()
    assert "dure au plus 24 mois" in html and "14/01/2027" in html
    assert not AccompanimentContract.objects.exists()


def test_a_siret_must_have_14_digits(client, eiti, parcours):
    client.force_login(eiti.user)
    html = client.post(
        reverse(
            "contrats:eiti_contract_create",
            args=[eiti.structure.pk, parcours.person.pk, parcours.pk],
        ),
        {
            "activity": "Plaquiste",
            "siret": "123 456",
            "start_date": "15/01/2025",
            "planned_end_date": "14/01/2026",
        },
    ).content.decode()
    assert "exactement 14 chiffres" in html
    assert not AccompanimentContract.objects.exists()


def test_another_kind_of_structure_cannot_record_an_accompaniment_contract(client):
    aci = MembershipFactory(cip=True)
    parcours = ParcoursFactory(person__structure=aci.structure)
    with pytest.raises(ValidationError, match="Seule une EITI"):
        make_contract(parcours)
    client.force_login(aci.user)
    response = client.get(
        reverse(
            "contrats:eiti_contract_create",
            args=[aci.structure.pk, parcours.person.pk, parcours.pk],
        )
    )
    assert response.status_code == 404


def test_a_declaration_with_a_negative_turnover_is_refused(client, eiti, parcours):
    contract = make_contract(parcours)
    with pytest.raises(ValidationError):
        declare(contract, dt.date(2025, 2, 1), turnover="-1")
    client.force_login(eiti.user)
    html = client.post(
        reverse(
            "contrats:eiti_declaration_create",
            args=[eiti.structure.pk, parcours.person.pk, contract.pk],
        ),
        {"month": "2025-02", "turnover": "-10,50", "hours": "20"},
    ).content.decode()
    assert "Le chiffre d&#x27;affaires ne peut pas être négatif." in html
    assert not ActivityDeclaration.objects.exists()


def test_one_declaration_per_person_and_month(parcours):
    contract = make_contract(parcours)
    declare(contract, dt.date(2025, 2, 12), turnover="300")
    with pytest.raises(ValidationError) as error:
        declare(contract, dt.date(2025, 2, 1), turnover="400")
    assert error.value.message_dict["month"] == [
        "Une déclaration existe déjà pour 02/2025 : modifiez-la."
    ]
    assert ActivityDeclaration.objects.get().month == dt.date(2025, 2, 1)


def test_a_declaration_outside_the_contract_is_refused(parcours):
    contract = make_contract(parcours)
    with pytest.raises(ValidationError, match="hors du contrat"):
        declare(contract, dt.date(2024, 12, 1))


def test_the_person_file_shows_the_contract_and_the_declarations(client, eiti, parcours):
    contract = make_contract(parcours, siret="73282932000074")
    declare(contract, dt.date(2025, 2, 1), turnover="1234.5", hours="62.5")
    declare(contract, dt.date(2025, 3, 1), turnover="800", hours="40")
    client.force_login(eiti.user)
    html = client.get(
        reverse("parcours:person", args=[eiti.structure.pk, parcours.person.pk])
    ).content.decode()
    assert "Contrats d'accompagnement et déclarations d'activité" in html
    assert "Peintre en bâtiment" in html and "73282932000074" in html
    assert "Février 2025" in html
    # 1 234,50 + 800,00 = 2 034,50 ; 62,5 + 40 = 102,5 (thousands grouped).
    text = html.replace("\u00a0", " ").replace("\u202f", " ")
    assert "1 234,50 €" in text
    assert "2 034,50 €" in text
    assert "102,5" in text


def test_an_aci_person_file_has_no_eiti_section(client):
    aci = MembershipFactory(cip=True)
    parcours = ParcoursFactory(person__structure=aci.structure)
    client.force_login(aci.user)
    html = client.get(
        reverse("parcours:person", args=[aci.structure.pk, parcours.person.pk])
    ).content.decode()
    assert "accompagnement-eiti" not in html


def test_another_structure_gets_404_on_each_eiti_url(client, parcours):
    contract = make_contract(parcours)
    declaration = declare(contract, dt.date(2025, 2, 1))
    other = MembershipFactory(cip=True, structure__kind="EITI")
    client.force_login(other.user)
    s, p = other.structure.pk, parcours.person.pk
    for name, args in [
        ("eiti_contract_create", [s, p, parcours.pk]),
        ("eiti_contract_edit", [s, p, contract.pk]),
        ("eiti_declaration_create", [s, p, contract.pk]),
        ("eiti_declaration_edit", [s, p, declaration.pk]),
    ]:
        assert client.get(reverse(f"contrats:{name}", args=args)).status_code == 404, name


def test_creating_and_updating_are_audited(client, eiti, parcours):
    client.force_login(eiti.user)
    s, p = eiti.structure.pk, parcours.person.pk
    client.post(
        reverse("contrats:eiti_contract_create", args=[s, p, parcours.pk]),
        {"activity": "Plaquiste", "start_date": "15/01/2025", "planned_end_date": "14/01/2026"},
    )
    contract = AccompanimentContract.objects.get()
    client.post(
        reverse("contrats:eiti_contract_edit", args=[s, p, contract.pk]),
        {"activity": "Plaquiste", "start_date": "15/01/2025", "planned_end_date": "14/07/2026"},
    )
    client.post(
        reverse("contrats:eiti_declaration_create", args=[s, p, contract.pk]),
        {"month": "2025-02", "turnover": "1 234,50", "hours": "62,5"},
    )
    declaration = ActivityDeclaration.objects.get()
    assert declaration.turnover == Decimal("1234.50") and declaration.hours == Decimal("62.5")
    client.post(
        reverse("contrats:eiti_declaration_edit", args=[s, p, declaration.pk]),
        {"month": "02/2025", "turnover": "1 300", "hours": "62,5"},
    )
    declaration.refresh_from_db()
    assert declaration.turnover == Decimal("1300")
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions.count(AuditAction.CREATE) == 2
    assert actions.count(AuditAction.UPDATE) == 2
