"""Structures with pathways, for the observatory's tests (engineer C)."""

import datetime as dt

from jalons.observatoire.models import Consent
from jalons.structures.models import Departement
from tests.factories import StructureFactory
from tests.parcours.factories import MonthlyHoursFactory, ParcoursFactory, PersonFactory

TODAY = dt.date(2026, 6, 30)


def structure_with_people(*, people: int, kind="ACI", departement="59", exits=0, rsa=0, **extra):
    """A structure with ``people`` pathways in 2025 (hired in January), the first
    ``exits`` of them ending with a CDI in September, ``rsa`` of them on RSA."""
    structure = StructureFactory(
        kind=kind, departement=Departement.objects.get(code=departement), **extra
    )
    for index in range(people):
        person = PersonFactory(structure=structure)
        options = {}
        if index < exits:
            options = {"exit_date": dt.date(2025, 9, 30), "exit_motif": "cdi_non_aide"}
        ParcoursFactory(
            person=person,
            hire_date=dt.date(2025, 1, 6),
            rsa=index < rsa,
            hours_worked=600 if index < exits else None,
            **options,
        )
        MonthlyHoursFactory(person=person, month=dt.date(2025, 3, 1), hours=100)
    return structure


def consent(structure, **choices):
    values = {"share_with_networks": False, "share_with_ddets": False, "compare_position": False}
    values.update(choices)
    return Consent.objects.update_or_create(structure=structure, defaults=values)[0]
