"""Factories of the records a CIP enters in the pages (for the import/export tests)."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from jalons.accompagnement.models import AccompanimentAction
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours, Person
from tests.factories import StructureFactory


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    structure = factory.SubFactory(StructureFactory)
    external_id = factory.Sequence(lambda n: f"P-{n:06d}")
    first_name = "Dominique"
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    nir = "185057800608436"


class ParcoursFactory(DjangoModelFactory):
    class Meta:
        model = Parcours

    person = factory.SubFactory(PersonFactory)
    structure = factory.LazyAttribute(lambda o: o.person.structure)
    hire_date = datetime.date(2024, 2, 1)


class MonthlyHoursFactory(DjangoModelFactory):
    class Meta:
        model = MonthlyHours

    person = factory.SubFactory(PersonFactory)
    structure = factory.LazyAttribute(lambda o: o.person.structure)
    month = datetime.date(2024, 2, 1)
    hours = Decimal("104.50")


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    parcours = factory.SubFactory(ParcoursFactory)
    months = 3
    situation = "cdi_non_aide"


class AccompanimentFactory(DjangoModelFactory):
    class Meta:
        model = AccompanimentAction

    person = factory.SubFactory(PersonFactory)
    date = datetime.date(2024, 3, 4)
    nature = "social"
    duration_minutes = 45
    barrier = "mobilite"
    modality = "interne"
