import datetime as dt

import pytest

from jalons.accompagnement.models import AccompanimentAction, Partner
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory


@pytest.fixture
def cip(db):
    return MembershipFactory(cip=True)


@pytest.fixture
def person(cip):
    return ParcoursFactory(person__structure=cip.structure).person


@pytest.fixture
def supervisor(cip):
    return MembershipFactory(structure=cip.structure, encadrant=True)


@pytest.fixture
def reader(cip):
    return MembershipFactory(structure=cip.structure, lecture=True)


@pytest.fixture
def partner(cip):
    return Partner.objects.create(
        structure=cip.structure,
        kind="referent_rsa",
        organisation="Conseil départemental du Nord",
        contact_name="Sophie Lemaire",
    )


@pytest.fixture
def secret_interview(person):
    return AccompanimentAction.objects.create(
        person=person,
        date=dt.date(2025, 3, 4),
        nature="social",
        duration_minutes=40,
        modality="interne",
        note="Point sur le planning.",
        confidential_note="Violences conjugales évoquées",
    )
