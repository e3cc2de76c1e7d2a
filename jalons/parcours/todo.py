"""The "À faire" list of a structure: what the CIP should do next."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef

from jalons.accompagnement.models import AccompanimentAction
from jalons.contrats.models import Contract
from jalons.parcours.models import Parcours, Person
from jalons.parcours.selectors import NO_ACCOMPANIMENT_DAYS, PASS_ALERT_DAYS
from jalons.parcours.vocabulary import FOLLOW_UP_MONTHS
from jalons.pass_iae.models import PassIae
from jalons.rules.pass_iae import add_months

UPCOMING_DAYS = 30


@dataclass
class TodoItem:
    person: Person
    text: str
    date: dt.date | None = None
    parcours_id: int | None = None
    months: int | None = None


@dataclass
class TodoList:
    follow_ups_due: list
    follow_ups_upcoming: list
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
                self.passes_ending,
                self.without_accompaniment,
                self.exits_without_motif,
                self.incomplete,
            )
        )


def todo_for(*, structure, today: dt.date | None = None) -> TodoList:
    today = today or dt.date.today()
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
            item = TodoItem(parcours.person, f"Suivi à {months} mois", date, parcours.pk, months)
            if date <= today:
                due.append(item)
            elif date <= today + dt.timedelta(days=UPCOMING_DAYS):
                upcoming.append(item)

    present = Parcours.objects.filter(structure=structure, exit_date__isnull=True)
    present_people = Person.objects.filter(structure=structure, parcours__in=present).distinct()

    passes = (
        PassIae.objects.filter(
            person__in=present_people,
            end_date__gte=today,
            end_date__lte=today + dt.timedelta(days=PASS_ALERT_DAYS),
        )
        .select_related("person")
        .order_by("end_date")
    )
    passes_ending = [
        TodoItem(p.person, f"PASS IAE n° {p.number} : fin le {p.end_date:%d/%m/%Y}", p.end_date)
        for p in passes
    ]

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
    return TodoList(due, upcoming, passes_ending, without_accompaniment, no_motif, incomplete)
