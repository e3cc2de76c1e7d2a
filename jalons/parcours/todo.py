"""The "À faire" list of a structure: what the CIP should do next."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from jalons.accompagnement.models import AccompanimentAction
from jalons.contrats.models import Contract
from jalons.parcours.models import Parcours, Person
from jalons.parcours.selectors import NO_ACCOMPANIMENT_DAYS
from jalons.parcours.vocabulary import FOLLOW_UP_MONTHS
from jalons.pass_iae.models import PassIae
from jalons.pass_iae.selectors import present_pass_statuses
from jalons.rules.dates import follow_up_earliest
from jalons.rules.pass_iae import add_months

UPCOMING_DAYS = 30


@dataclass
class TodoItem:
    person: Person
    text: str
    date: dt.date | None = None
    parcours_id: int | None = None
    months: int | None = None
    # A follow-up can be recorded from this day on (``jalons.rules.dates``).
    available_on: dt.date | None = None
    available: bool = True


@dataclass
class TodoList:
    follow_ups_due: list
    follow_ups_upcoming: list
    passes_overdue: list
    passes_ending: list
    without_accompaniment: list
    exits_without_motif: list
    incomplete: list

    @property
    def total(self) -> int:
        return sum(
            len(items)
            for items in (
                self.follow_ups_due,
                self.passes_overdue,
                self.passes_ending,
                self.without_accompaniment,
                self.exits_without_motif,
                self.incomplete,
            )
        )


def todo_for(*, structure, today: dt.date | None = None) -> TodoList:
    today = today or timezone.localdate()
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

    present = Parcours.objects.filter(structure=structure, exit_date__isnull=True)
    present_people = Person.objects.filter(structure=structure, parcours__in=present).distinct()

    # PASS IAE: ended (or overrun by contracts, missions, hours) while the pathway goes
    # on; ending within PASS_ENDING_DAYS days. Suspensions and prolongations are in the end.
    passes_overdue, passes_ending = [], []
    for parcours, status in present_pass_statuses(structure=structure, today=today):
        if status.overdue:
            ended = status.ended or status.beyond[-1].pass_iae
            passes_overdue.append(TodoItem(parcours.person, status.todo_text(), ended.end))
        elif status.ending_soon:
            block = status.current
            passes_ending.append(
                TodoItem(
                    parcours.person,
                    f"PASS IAE n° {block.last.number} : fin le {block.end:%d/%m/%Y}",
                    block.end,
                )
            )
    passes_overdue.sort(key=lambda item: item.date)
    passes_ending.sort(key=lambda item: item.date)

    since = today - dt.timedelta(days=NO_ACCOMPANIMENT_DAYS)
    quiet = (
        present.filter(hire_date__lte=since)
        .annotate(
            last_action=Max("person__accompaniment_actions__date"),
        )
        .exclude(
            Exists(AccompanimentAction.objects.filter(person=OuterRef("person"), date__gt=since))
        )
        .select_related("person")
        .order_by("hire_date")
    )
    without_accompaniment = [
        TodoItem(
            p.person,
            f"Dernier accompagnement le {p.last_action:%d/%m/%Y}"
            if p.last_action
            else "Aucun accompagnement enregistré",
            p.last_action,
        )
        for p in quiet
    ]

    no_motif = [
        TodoItem(p.person, f"Sortie du {p.exit_date:%d/%m/%Y} sans motif", p.exit_date, p.pk)
        for p in Parcours.objects.filter(
            structure=structure, exit_date__isnull=False, exit_motif=""
        )
        .select_related("person")
        .order_by("exit_date")
    ]

    incomplete = []
    people = present_people.annotate(
        has_pass=Exists(PassIae.objects.filter(person=OuterRef("pk"))),
        has_contract=Exists(
            Contract.objects.filter(
                parcours__person=OuterRef("pk"), parcours__exit_date__isnull=True
            )
        ),
    ).order_by("last_name", "first_name")
    for person in people:
        missing = []
        if not (person.first_name and person.last_name):
            missing.append("nom ou prénom")
        if person.birth_date is None:
            missing.append("date de naissance")
        if person.referent_id is None:
            missing.append("CIP référent")
        if not person.has_pass:
            missing.append("PASS IAE")
        if not person.has_contract:
            missing.append("contrat en cours")
        if missing:
            incomplete.append(TodoItem(person, "À compléter : " + ", ".join(missing)))
    return TodoList(
        due, upcoming, passes_overdue, passes_ending, without_accompaniment, no_motif, incomplete
    )
