"""Writes for people, pathways, hours and follow-ups (validated, atomic, audited)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jalons.audit.services import audited_delete, audited_save, snapshot
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours, Person
from jalons.rules import dates

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "address",
    "postcode",
    "city",
    "nir",
    "referent",
)
PARCOURS_FIELDS = (
    "hire_date",
    "rsa",
    "ass",
    "aah",
    "deld",
    "detld",
    "qpv",
    "zrr",
    "rqth",
    "education_level",
    "hours_worked",
)
EXIT_FIELDS = ("exit_date", "exit_motif", "exit_employer", "exit_full_time")


def _assign(obj, fields: dict, allowed) -> None:
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"Field not editable here: {name}")
        setattr(obj, name, value)


def next_external_id(structure) -> str:
    """A new person identifier for the structure: P-000001, P-000002..."""
    existing = Person.objects.filter(structure=structure, external_id__startswith="P-")
    highest = existing.aggregate(m=Max("external_id"))["m"]
    number = int(highest[2:]) + 1 if highest and highest[2:].isdigit() else 1
    return f"P-{number:06d}"


@transaction.atomic
def person_create(*, actor, structure, external_id: str = "", **fields) -> Person:
    person = Person(structure=structure, external_id=external_id or next_external_id(structure))
    _assign(person, fields, PERSON_FIELDS)
    return audited_save(actor=actor, structure=structure, obj=person)


@transaction.atomic
def person_update(*, actor, person: Person, **fields) -> Person:
    before = snapshot(person)
    _assign(person, fields, PERSON_FIELDS)
    return audited_save(actor=actor, structure=person.structure, obj=person, before=before)


def _check_no_overlap(parcours: Parcours) -> None:
    others = Parcours.objects.filter(structure=parcours.structure, person=parcours.person).exclude(
        pk=parcours.pk
    )
    end = parcours.exit_date or dt.date.max
    for other in others:
        other_end = other.exit_date or dt.date.max
        if parcours.hire_date <= other_end and other.hire_date <= end:
            raise ValidationError(
                {
                    "hire_date": "Ce parcours chevauche celui commencé le "
                    f"{other.hire_date:%d/%m/%Y}"
                    + (
                        f" et terminé le {other.exit_date:%d/%m/%Y}."
                        if other.exit_date
                        else " (en cours)."
                    )
                }
            )


@transaction.atomic
def parcours_create(*, actor, person: Person, **fields) -> Parcours:
    parcours = Parcours(structure=person.structure, person=person)
    _assign(parcours, fields, PARCOURS_FIELDS)
    _check_no_overlap(parcours)
    return audited_save(actor=actor, structure=person.structure, obj=parcours)


@transaction.atomic
def parcours_update(*, actor, parcours: Parcours, **fields) -> Parcours:
    before = snapshot(parcours)
    _assign(parcours, fields, PARCOURS_FIELDS + EXIT_FIELDS)
    _check_no_overlap(parcours)
    return audited_save(actor=actor, structure=parcours.structure, obj=parcours, before=before)


@transaction.atomic
def parcours_record_exit(
    *, actor, parcours: Parcours, today: dt.date | None = None, **fields
) -> Parcours:
    """Record (or correct) the exit. A date without motif is kept and listed as to do.
    An exit after today is refused (``jalons.rules.dates``): it has not happened."""
    problem = dates.exit_date_problem(fields.get("exit_date"), today=today or timezone.localdate())
    if problem:
        raise ValidationError({"exit_date": problem})
    if fields.get("exit_date") and fields["exit_date"] < parcours.hire_date:
        raise ValidationError({"exit_date": "La date de sortie doit suivre la date d'embauche."})
    if fields.get("exit_motif") and not fields.get("exit_date"):
        raise ValidationError({"exit_date": "Indiquez la date de sortie de ce motif."})
    before = snapshot(parcours)
    _assign(parcours, fields, EXIT_FIELDS)
    _check_no_overlap(parcours)
    if parcours.exit_date is None:
        parcours.follow_ups.all().delete()
    return audited_save(actor=actor, structure=parcours.structure, obj=parcours, before=before)


@transaction.atomic
def parcours_delete(*, actor, parcours: Parcours) -> None:
    audited_delete(actor=actor, structure=parcours.structure, obj=parcours)


@transaction.atomic
def monthly_hours_set(
    *, actor, person: Person, month: dt.date, hours: Decimal | None
) -> MonthlyHours | None:
    """Set the hours of a month; an empty value removes the month."""
    month = month.replace(day=1)
    current = MonthlyHours.objects.filter(person=person, month=month).first()
    if hours is None:
        if current:
            audited_delete(actor=actor, structure=person.structure, obj=current)
        return None
    if current is None:
        current = MonthlyHours(structure=person.structure, person=person, month=month)
        before = None
    else:
        before = snapshot(current)
    current.hours = hours
    return audited_save(actor=actor, structure=person.structure, obj=current, before=before)


@transaction.atomic
def follow_up_record(
    *,
    actor,
    parcours: Parcours,
    months: int,
    situation: str,
    obtained_on: dt.date | None,
    method: str,
    today: dt.date | None = None,
) -> FollowUp:
    """Record (or correct) a follow-up; not before its due date minus the tolerance of
    ``jalons.rules.dates`` (an empty date counts as today)."""
    if parcours.exit_date is None:
        raise ValidationError("Le suivi après la sortie demande une date de sortie.")
    problem = dates.follow_up_problem(
        exit_date=parcours.exit_date,
        months=months,
        obtained_on=obtained_on,
        today=today or timezone.localdate(),
    )
    if problem:
        raise ValidationError({"obtained_on": problem})
    follow_up = FollowUp.objects.filter(parcours=parcours, months=months).first()
    before = snapshot(follow_up) if follow_up else None
    if follow_up is None:
        follow_up = FollowUp(parcours=parcours, months=months)
    follow_up.situation = situation
    follow_up.obtained_on = obtained_on
    follow_up.method = method
    if obtained_on and obtained_on < parcours.exit_date:
        raise ValidationError({"obtained_on": "La date du suivi doit suivre la date de sortie."})
    return audited_save(actor=actor, structure=parcours.structure, obj=follow_up, before=before)


@transaction.atomic
def monthly_hours_set_year(
    *, actor, person: Person, year: int, hours_by_month: dict[int, Decimal | None]
) -> None:
    """Set the twelve months of a year at once: all are saved or none."""
    for month, hours in hours_by_month.items():
        monthly_hours_set(actor=actor, person=person, month=dt.date(year, month, 1), hours=hours)
