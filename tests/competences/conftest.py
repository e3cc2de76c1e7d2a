import pytest

from tests.factories import MembershipFactory, StructureFactory
from tests.parcours.factories import ParcoursFactory


@pytest.fixture
def structure(db):
    return StructureFactory(name="Les Jardins du Val", address="12 rue des Maraîchers")


@pytest.fixture
def person(structure):
    return ParcoursFactory(person__structure=structure, person__first_name="Inès").person


@pytest.fixture
def member(structure):
    def _member(**traits):
        return MembershipFactory(structure=structure, **traits).user

    return _member
