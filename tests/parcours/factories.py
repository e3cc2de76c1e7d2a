"""Factories for people, pathways and what hangs on them."""

import datetime

import factory
from factory.django import DjangoModelFactory

from jalons.accompagnement.models import AccompanimentAction
from jalons.contrats.models import Client, Contract
from jalons.formation.models import TrainingAction
from jalons.orientations.models import Orientation
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours, Person
from jalons.pass_iae.models import PassIae
from tests.factories import StructureFactory


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    structure = factory.SubFactory(StructureFactory)
    external_id = factory.Sequence(lambda n: f"P-{n:06d}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    birth_date = datetime.date(1980, 5, 17)


class ParcoursFactory(DjangoModelFactory):
    class Meta:
        model = Parcours

    person = factory.SubFactory(PersonFactory)
    structure = factory.LazyAttribute(lambda o: o.person.structure)
    hire_date = datetime.date(2025, 1, 15)

    class Params:
        sorti = factory.Trait(exit_date=datetime.date(2025, 9, 30), exit_motif="cdi_non_aide")


class MonthlyHoursFactory(DjangoModelFactory):
    class Meta:
        model = MonthlyHours

    person = factory.SubFactory(PersonFactory)
    structure = factory.LazyAttribute(lambda o: o.person.structure)
    month = datetime.date(2025, 2, 1)
    hours = 120


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    parcours = factory.SubFactory(ParcoursFactory, sorti=True)
    months = 3
    situation = "cdi_non_aide"


class ClientFactory(DjangoModelFactory):
    class Meta:
        model = Client

    structure = factory.SubFactory(StructureFactory)
    kind = "entreprise"
    name = factory.Sequence(lambda n: f"Client n° {n}")


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract

    parcours = factory.SubFactory(ParcoursFactory)
    kind = "cddi"
    post = "Agent d'espaces verts"
    start_date = datetime.date(2025, 1, 15)
    weekly_hours = 26


class OrientationFactory(DjangoModelFactory):
    class Meta:
        model = Orientation

    person = factory.SubFactory(PersonFactory)
    structure = factory.LazyAttribute(lambda o: o.person.structure)
    date = datetime.date(2024, 12, 1)
    prescriber_type = "france_travail"
    outcome = "embauche"


class PassFactory(DjangoModelFactory):
    class Meta:
        model = PassIae

    person = factory.SubFactory(PersonFactory)
    number = factory.Sequence(lambda n: f"99999{n:07d}")
    start_date = datetime.date(2025, 1, 10)
    initial_end_date = datetime.date(2027, 1, 9)
    end_date = datetime.date(2027, 1, 9)


class AccompanimentFactory(DjangoModelFactory):
    class Meta:
        model = AccompanimentAction

    person = factory.SubFactory(PersonFactory)
    date = datetime.date(2025, 3, 1)
    nature = "social"
    duration_minutes = 45
    modality = "interne"


class TrainingFactory(DjangoModelFactory):
    class Meta:
        model = TrainingAction

    person = factory.SubFactory(PersonFactory)
    title = "CACES R489"
    status = "entree"
