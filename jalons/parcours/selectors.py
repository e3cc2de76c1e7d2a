"""Reads for people and pathways. Every function takes a structure that the caller
obtained through ``jalons.accounts.access``."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Subquery

from jalons.parcours.extensions import Event
from jalons.parcours.models import MonthlyHours, Parcours, Person
from jalons.parcours.people_columns import all_columns
from jalons.parcours.search import Fold, search_words
from jalons.parcours.vocabulary import FOLLOW_UP_MONTHS, motif_label
from jalons.rules.pass_iae import add_months


def people_of(*, structure):
    return Person.objects.filter(structure=structure)


def person_of(*, structure, person_id: int) -> Person:
    return people_of(structure=structure).select_related("referent").get(pk=person_id)


def parcours_of(*, person: Person, parcours_id: int) -> Parcours:
    return Parcours.objects.select_related("person", "structure").get(pk=parcours_id, person=person)


def people_list(
    *,
    structure,
    query: str = "",
    filters: dict | None = None,
    today: dt.date | None = None,
):
    """The people of the structure, found by ``query`` and filtered by ``filters``
    ({column key: value}, see ``jalons.parcours.people_columns``); every column (its
    annotations, its search, its filter) is applied, whether or not it filters."""
    today = today or dt.date.today()
    filters = filters or {}
    columns = all_columns()
    open_parcours = Parcours.objects.filter(person=OuterRef("pk"), exit_date__isnull=True)
    latest = Parcours.objects.filter(person=OuterRef("pk")).order_by("-hire_date")
    people = (
        people_of(structure=structure)
        .filter(merged_into__isnull=True)  # absorbed by a pending merge
        .select_related("referent")
        .annotate(
            present=Exists(open_parcours),
            last_hire=Subquery(latest.values("hire_date")[:1]),
            last_exit=Subquery(latest.values("exit_date")[:1]),
        )
    )
    for column in columns:
        people = column.annotate(people, today=today)
    people = people.annotate(
        folded_first=Fold("first_name"),
        folded_last=Fold("last_name"),
        folded_id=Fold("external_id"),
    )
    for word in search_words(query):
        condition = (
            Q(folded_first__contains=word)
            | Q(folded_last__contains=word)
            | Q(folded_id__contains=word)
        )
        for column in columns:
            found = column.search(word)
            if found is not None:
                condition |= found
        people = people.filter(condition)
    for column in columns:
        value = filters.get(column.key)
        if value:
            people = column.filter(people, value, today=today)
    return people.order_by("last_name", "first_name", "external_id")


def follow_up_due_dates(parcours: Parcours) -> dict[int, dt.date]:
    if parcours.exit_date is None:
        return {}
    return {m: add_months(parcours.exit_date, m) for m in FOLLOW_UP_MONTHS}


@dataclass
class PersonFile:
    """What parcours itself knows of the person; other apps add their sections
    (``jalons.parcours.extensions``)."""

    person: Person
    parcours: list
    hours: list
    follow_ups: dict

    @property
    def total_hours(self):
        return sum(h.hours for h in self.hours)


def person_file(*, structure, person: Person) -> PersonFile:
    parcours = list(
        Parcours.objects.filter(structure=structure, person=person)
        .prefetch_related("follow_ups")
        .order_by("hire_date")
    )
    return PersonFile(
        person=person,
        parcours=parcours,
        hours=list(MonthlyHours.objects.filter(person=person).order_by("month")),
        follow_ups={p.pk: {f.months: f for f in p.follow_ups.all()} for p in parcours},
    )


def timeline(file: PersonFile, *, today: dt.date | None = None) -> list[Event]:
    """The hires, exits and follow-ups of the person, for the chronology (the other
    apps add their events through their sections)."""
    today = today or dt.date.today()
    events: list[Event] = []
    for pa in file.parcours:
        events.append(Event(pa.hire_date, "embauche", "Embauche"))
        if pa.exit_date:
            details = [motif_label(pa.exit_motif) if pa.exit_motif else "Motif à renseigner"]
            if pa.exit_employer:
                details.append(f"Employeur : {pa.exit_employer}")
            events.append(Event(pa.exit_date, "sortie", "Sortie", details))
            recorded = file.follow_ups.get(pa.pk, {})
            for months, due in follow_up_due_dates(pa).items():
                f = recorded.get(months)
                if f:
                    events.append(
                        Event(
                            f.obtained_on or due,
                            "suivi",
                            f"Suivi à {months} mois",
                            [f.get_situation_display(), f.get_method_display()],
                        )
                    )
                else:
                    events.append(
                        Event(due, "suivi", f"Suivi à {months} mois à faire", upcoming=due > today)
                    )
    for e in events:
        e.details = [d for d in e.details if d]
    return events
