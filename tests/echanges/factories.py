"""The records a CIP enters in the pages, with the values the import and export tests
compare (a NIR, dates of 2024, a frein): the factories of ``tests/parcours/factories.py``
with other defaults, so that each model is declared once."""

import datetime
from decimal import Decimal

import factory

from tests.parcours import factories as base


class PersonFactory(base.PersonFactory):
    first_name = "Dominique"
    birth_date = None
    nir = "185057800608436"


class ParcoursFactory(base.ParcoursFactory):
    person = factory.SubFactory(PersonFactory)
    hire_date = datetime.date(2024, 2, 1)


class MonthlyHoursFactory(base.MonthlyHoursFactory):
    person = factory.SubFactory(PersonFactory)
    month = datetime.date(2024, 2, 1)
    hours = Decimal("104.50")


class FollowUpFactory(base.FollowUpFactory):
    parcours = factory.SubFactory(ParcoursFactory)


class AccompanimentFactory(base.AccompanimentFactory):
    person = factory.SubFactory(PersonFactory)
    date = datetime.date(2024, 3, 4)
    barrier = "mobilite"
