import datetime

import pytest

from jalons.contrats.models import Contract
from tests.factories import MembershipFactory, StructureFactory
from tests.parcours.factories import ClientFactory, ParcoursFactory


@pytest.fixture
def etti(db):
    structure = StructureFactory(etti=True, pas_de_calais=True)
    cip = MembershipFactory(structure=structure, cip=True).user
    parcours = ParcoursFactory(
        person__structure=structure,
        person__first_name="Aminata",
        person__last_name="Testelin",
        person__phone="06 11 22 33 44",
        hire_date=datetime.date(2025, 1, 6),
    )
    client = ClientFactory(structure=structure, name="Logistique du Nord")
    mission = Contract.objects.create(
        parcours=parcours,
        kind="mission",
        post="Préparatrice de commandes",
        start_date=datetime.date(2025, 1, 6),
        end_date=datetime.date(2025, 2, 28),
        client=client,
    )
    other = Contract.objects.create(
        parcours=parcours,
        kind="mission",
        post="Cariste",
        start_date=datetime.date(2025, 3, 3),
        end_date=datetime.date(2025, 3, 31),
        client=client,
    )
    return {
        "structure": structure,
        "cip": cip,
        "parcours": parcours,
        "person": parcours.person,
        "client": client,
        "mission": mission,
        "other_mission": other,
    }


@pytest.fixture
def cip_client(client, etti):
    client.force_login(etti["cip"])
    return client


def scores(criteria, value="3"):
    return {f"critere_{c.pk}": value for c in criteria}
