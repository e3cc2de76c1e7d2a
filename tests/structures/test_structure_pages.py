from decimal import Decimal

import pytest
from django.urls import reverse

from jalons.audit.models import AuditAction, AuditEntry
from jalons.structures.models import AnnexeFinanciere, Funding, Structure
from tests.factories import (
    AnnexeFactory,
    FundingFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    StructureFactory,
    siret_for,
)

pytestmark = pytest.mark.django_db


def annexe_data(**overrides):
    data = {
        "number": "ACI059270001A0M0",
        "start_date": "2027-01-01",
        "end_date": "31/12/2027",
        "etp_conventionnes": "12,5",
        "annual_reference_hours": "1 820",
        "financeurs-TOTAL_FORMS": "3",
        "financeurs-INITIAL_FORMS": "0",
        "financeurs-MIN_NUM_FORMS": "0",
        "financeurs-MAX_NUM_FORMS": "1000",
        "financeurs-0-kind": "etat",
        "financeurs-0-label": "",
        "financeurs-0-amount": "",
        "financeurs-1-kind": "departement",
        "financeurs-1-label": "Nord",
        "financeurs-1-amount": "185 000,50",
    }
    data.update(overrides)
    return data


def test_the_home_page_shows_identity_annexes_and_etp_in_french_format(client, sign_in):
    membership = MembershipFactory(lecture=True)
    annexe = AnnexeFactory(structure=membership.structure, etp_conventionnes=Decimal("1234.5"))
    FundingFactory(annexe=annexe, kind="fse", label="FSE+", amount=Decimal("60000"))
    sign_in(membership.user)
    html = client.get(reverse("structures:home", args=[membership.structure.pk])).content.decode()
    assert membership.structure.siret in html
    assert annexe.number in html
    assert "1\u00a0234,50" in html or "1 234,50" in html or "1\u202f234,50" in html
    assert "Fonds social européen (FSE+)" in html
    assert "Modifier la structure" not in html  # lecture seule
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, structure=membership.structure, role="lecture"
    ).exists()


def test_an_ensemblier_shows_its_other_structures(client, sign_in):
    organisation = OrganisationFactory()
    aci = StructureFactory(organisation=organisation)
    StructureFactory(organisation=organisation, name="Sœur EI", kind="EI")
    membership = MembershipFactory(structure=aci)
    sign_in(membership.user)
    html = client.get(reverse("structures:home", args=[aci.pk])).content.decode()
    assert "Ensemblier" in html and "Sœur EI" in html


def test_the_direction_edits_the_structure_and_the_change_is_audited(client, sign_in):
    membership = MembershipFactory()
    network = NetworkFactory(name="URIAE Test")
    sign_in(membership.user)
    url = reverse("structures:edit", args=[membership.structure.pk])
    response = client.post(
        url,
        {
            "name": "Nouveau nom",
            "siret": siret_for(555),
            "departement": "62",
            "postcode": "62000",
            "networks": [network.pk],
        },
    )
    assert response.status_code == 302
    structure = Structure.objects.get(pk=membership.structure.pk)
    assert structure.name == "Nouveau nom" and structure.departement_id == "62"
    assert list(structure.networks.all()) == [network]
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, structure=structure)
    assert entry.changes["nom"][1] == "Nouveau nom"
    assert entry.changes["réseaux"] == [[], [str(network)]]
    assert entry.user == membership.user and entry.role == "direction"


def test_bad_structure_input_is_refused_beside_each_field_and_nothing_is_saved(client, sign_in):
    membership = MembershipFactory()
    before = Structure.objects.values().get(pk=membership.structure.pk)
    sign_in(membership.user)
    html = client.post(
        reverse("structures:edit", args=[membership.structure.pk]),
        {
            "name": "",
            "siret": "12345678901234",
            "departement": "99",
            "postcode": "5900",
            "email": "pas-un-email",
        },
    ).content.decode()
    assert "Indiquez le nom de la structure." in html
    assert "clé de contrôle ne correspond pas" in html
    assert "Le code postal doit comporter 5 chiffres." in html
    assert "Saisissez une adresse e-mail valide, par exemple contact@exemple.fr." in html
    assert 'aria-invalid="true"' in html
    assert Structure.objects.values().get(pk=membership.structure.pk) == before


def test_a_cip_cannot_edit_the_structure_or_its_annexes(client, sign_in):
    membership = MembershipFactory(cip=True)
    annexe = AnnexeFactory(structure=membership.structure)
    sign_in(membership.user)
    s = membership.structure.pk
    for url in [
        reverse("structures:edit", args=[s]),
        reverse("structures:annexe_create", args=[s]),
        reverse("structures:annexe_edit", args=[s, annexe.pk]),
        reverse("structures:annexe_delete", args=[s, annexe.pk]),
        reverse("audit:structure_log", args=[s]),
    ]:
        assert client.get(url).status_code == 403, url
        response = client.post(url, annexe_data())
        assert response.status_code == 403, url
        assert "Accès refusé" in response.content.decode()
    assert AnnexeFinanciere.objects.count() == 1


def test_the_direction_creates_an_annexe_with_its_funders(client, sign_in):
    membership = MembershipFactory()
    sign_in(membership.user)
    form = client.get(reverse("structures:annexe_create", args=[membership.structure.pk]))
    assert 'value="1820"' in form.content.decode()  # suggested for an ACI, from the data file
    response = client.post(
        reverse("structures:annexe_create", args=[membership.structure.pk]), annexe_data()
    )
    assert response.status_code == 302
    annexe = AnnexeFinanciere.objects.get(structure=membership.structure)
    assert annexe.etp_conventionnes == Decimal("12.5")
    assert annexe.annual_reference_hours == Decimal("1820")
    assert sorted(annexe.fundings.values_list("kind", "amount")) == [
        ("departement", Decimal("185000.50")),
        ("etat", None),
    ]
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, structure=membership.structure)
    assert "financeurs" in entry.changes


def test_bad_annexe_input_names_every_problem_and_saves_nothing(client, sign_in):
    membership = MembershipFactory()
    AnnexeFactory(structure=membership.structure, number="DEJA-PRIS")
    sign_in(membership.user)
    html = client.post(
        reverse("structures:annexe_create", args=[membership.structure.pk]),
        annexe_data(
            number="DEJA-PRIS",
            start_date="2027-12-31",
            end_date="2027-01-01",
            etp_conventionnes="douze",
            annual_reference_hours="",
            **{"financeurs-2-label": "sans financeur", "financeurs-1-amount": "-5"},
        ),
    ).content.decode()
    assert "Une annexe de cette structure porte déjà ce numéro." in html
    assert "La date de fin doit être postérieure à la date de début." in html
    assert "Saisissez un nombre, par exemple 12,5." in html
    assert "Indiquez la durée annuelle d&#x27;un temps plein." in html
    assert "Choisissez le financeur de cette ligne." in html
    assert "Le montant ne peut pas être négatif." in html
    assert AnnexeFinanciere.objects.count() == 1
    assert Funding.objects.count() == 0


def test_the_direction_edits_then_deletes_an_annexe(client, sign_in):
    membership = MembershipFactory()
    annexe = AnnexeFactory(structure=membership.structure)
    FundingFactory(annexe=annexe, kind="plie", label="PLIE")
    sign_in(membership.user)
    s = membership.structure.pk
    edit = client.get(reverse("structures:annexe_edit", args=[s, annexe.pk])).content.decode()
    assert 'value="12,5"' in edit and 'value="PLIE"' in edit
    client.post(
        reverse("structures:annexe_edit", args=[s, annexe.pk]),
        annexe_data(number=annexe.number, etp_conventionnes="14"),
    )
    annexe.refresh_from_db()
    assert annexe.etp_conventionnes == Decimal("14")
    assert annexe.fundings.count() == 2
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, structure=membership.structure)
    assert entry.changes["ETP conventionnés"] == ["12,5", "14"]
    client.post(reverse("structures:annexe_delete", args=[s, annexe.pk]))
    assert not AnnexeFinanciere.objects.filter(pk=annexe.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_id=str(annexe.pk)).exists()


def test_a_user_with_two_structures_switches_between_them(client, sign_in):
    first = MembershipFactory()
    second = MembershipFactory(user=first.user, cip=True)
    sign_in(first.user)
    home = client.get(reverse("structures:home", args=[first.structure.pk])).content.decode()
    assert 'id="id_structure_switch"' in home and second.structure.name in home
    response = client.post(reverse("structures:switch"), {"structure": second.structure.pk})
    assert response["Location"] == reverse("structures:home", args=[second.structure.pk])
    assert client.get(reverse("web:home"))["Location"] == reverse(
        "structures:home", args=[second.structure.pk]
    )
