"""The "À faire" list of a structure: what the CIP should do next.

parcours lists the follow-ups, the exits without motif and the incomplete files; the
other apps add their sections (``jalons.parcours.extensions.register_todo``) and what
a complete file needs (``register_file_requirement``)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from jalons.parcours.extensions import TodoItem, TodoSection, file_requirements, todo_sections
from jalons.parcours.models import Parcours, Person
from jalons.parcours.vocabulary import FOLLOW_UP_MONTHS
from jalons.rules.dates import follow_up_earliest
from jalons.rules.pass_iae import add_months

UPCOMING_DAYS = 30


@dataclass
class TodoList:
    """The sections in position order; ``todo.<key>`` gives the items of one."""

    sections: list[TodoSection]

    def __getattr__(self, key: str) -> list[TodoItem]:
        for section in self.__dict__.get("sections", ()):
            if section.key == key:
                return section.items
        raise AttributeError(key)

    @property
    def total(self) -> int:
        return sum(len(s.items) for s in self.sections if s.counted)


def todo_for(*, structure, today: dt.date | None = None) -> TodoList:
    today = today or timezone.localdate()
    sections = [
        *follow_up_sections(structure=structure, today=today),
        exits_without_motif(structure=structure),
        incomplete_files(structure=structure),
        *todo_sections(structure=structure, today=today),
    ]
    return TodoList(sorted(sections, key=lambda s: s.position))


def follow_up_sections(*, structure, today: dt.date) -> list[TodoSection]:
    exits = list(
        Parcours.objects.filter(structure=structure, exit_date__isnull=False)
        .exclude(exit_date__lt=add_months(today, -13))
        .select_related("person")
        .prefetch_related("follow_ups")
        .order_by("exit_date")
    )
    due, upcoming = [], []
    for parcours in exits:
        done = {f.months for f in parcours.follow_ups.all()}
        for months in FOLLOW_UP_MONTHS:
            if months in done:
                continue
            date = add_months(parcours.exit_date, months)
            earliest = follow_up_earliest(parcours.exit_date, months)
            item = TodoItem(
                parcours.person,
                f"Suivi à {months} mois",
                date,
                parcours.pk,
                months,
                available_on=earliest,
                available=earliest <= today,
            )
            if date <= today:
                due.append(item)
            elif date <= today + dt.timedelta(days=UPCOMING_DAYS):
                upcoming.append(item)
    return [
        TodoSection(
            "follow_ups_due",
            "Suivis après la sortie à faire",
            "Aucun suivi en retard.",
            position=10,
            items=due,
            kind="suivi",
        ),
        TodoSection(
            "follow_ups_upcoming",
            f"Suivis des {UPCOMING_DAYS} prochains jours",
            f"Aucun suivi dans les {UPCOMING_DAYS} prochains jours.",
            position=20,
            items=upcoming,
            kind="suivi",
            counted=False,
        ),
    ]


def exits_without_motif(*, structure) -> TodoSection:
    items = [
        TodoItem(p.person, f"Sortie du {p.exit_date:%d/%m/%Y} sans motif", p.exit_date, p.pk)
        for p in Parcours.objects.filter(
            structure=structure, exit_date__isnull=False, exit_motif=""
        )
        .select_related("person")
        .order_by("exit_date")
    ]
    return TodoSection(
        "exits_without_motif",
        "Sorties sans motif",
        "Toutes les sorties ont un motif.",
        position=60,
        items=items,
        kind="sortie",
    )


# What a complete file has, beside what other apps require: (position, label, test).
OWN_REQUIREMENTS = (
    (10, "nom ou prénom", lambda person: bool(person.first_name and person.last_name)),
    (20, "date de naissance", lambda person: person.birth_date is not None),
    (30, "CIP référent", lambda person: person.referent_id is not None),
)


def incomplete_files(*, structure) -> TodoSection:
    """The present people whose file misses something, in position order."""
    present = Parcours.objects.filter(structure=structure, exit_date__isnull=True)
    people = Person.objects.filter(structure=structure, parcours__in=present).distinct()
    contributed = file_requirements()
    people = people.annotate(
        **{f"requirement_{n}": r.met() for n, r in enumerate(contributed)}
    ).order_by("last_name", "first_name")
    checks = [
        *OWN_REQUIREMENTS,
        *(
            (r.position, r.label, lambda person, n=n: getattr(person, f"requirement_{n}"))
            for n, r in enumerate(contributed)
        ),
    ]
    checks.sort(key=lambda check: check[0])
    items = []
    for person in people:
        missing = [label for _, label, met in checks if not met(person)]
        if missing:
            items.append(TodoItem(person, "À compléter : " + ", ".join(missing)))
    return TodoSection(
        "incomplete", "Dossiers incomplets", "Aucun dossier incomplet.", position=70, items=items
    )
