"""Reads for people and pathways. Every function takes a structure that the caller
obtained through ``jalons.accounts.access``."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q, Subquery

from jalons.accompagnement.models import AccompanimentAction
from jalons.contrats.models import Client, Contract
from jalons.formation.models import TrainingAction
from jalons.orientations.models import Orientation
from jalons.parcours.models import MonthlyHours, Parcours, Person
from jalons.parcours.search import Fold, search_words
from jalons.parcours.vocabulary import FOLLOW_UP_MONTHS, motif_label
from jalons.pass_iae.models import PassIae
from jalons.rules.pass_iae import add_months

PASS_ALERT_DAYS = 60
NO_ACCOMPANIMENT_DAYS = 30


def people_of(*, structure):
    return Person.objects.filter(structure=structure)


def person_of(*, structure, person_id: int) -> Person:
    return people_of(structure=structure).select_related("referent").get(pk=person_id)


def parcours_of(*, person: Person, parcours_id: int) -> Parcours:
    return Parcours.objects.select_related("person", "structure").get(pk=parcours_id, person=person)


def clients_of(*, structure):
    return Client.objects.filter(structure=structure)


def people_list(
    *,
    structure,
    query: str = "",
    status: str = "",
    contract_kind: str = "",
    referent_id: int | None = None,
    pass_ending: bool = False,
    today: dt.date | None = None,
):
    today = today or dt.date.today()
    open_parcours = Parcours.objects.filter(person=OuterRef("pk"), exit_date__isnull=True)
    latest = Parcours.objects.filter(person=OuterRef("pk")).order_by("-hire_date")
    current_contract = Contract.objects.filter(
        parcours__person=OuterRef("pk"), parcours__exit_date__isnull=True
    ).order_by("-start_date")
    people = (
        people_of(structure=structure)
        .filter(merged_into__isnull=True)  # absorbed by a pending merge
        .select_related("referent")
        .annotate(
            present=Exists(open_parcours),
            last_hire=Subquery(latest.values("hire_date")[:1]),
            last_exit=Subquery(latest.values("exit_date")[:1]),
            contract_kind=Subquery(current_contract.values("kind")[:1]),
            contract_post=Subquery(current_contract.values("post")[:1]),
            pass_end=Max("passes__end_date"),
        )
    )
    people = people.annotate(
        folded_first=Fold("first_name"),
        folded_last=Fold("last_name"),
        folded_id=Fold("external_id"),
    )
    for word in search_words(query):
        # A PASS IAE number is written with or without spaces (« 99999 21 12345 »).
        passes = PassIae.objects.filter(person=OuterRef("pk"), number__contains=word)
        people = people.filter(
            Q(folded_first__contains=word)
            | Q(folded_last__contains=word)
            | Q(folded_id__contains=word)
            | Exists(passes)
        )
    if status == "present":
        people = people.filter(present=True)
    elif status == "sorti":
        people = people.filter(present=False, last_hire__isnull=False)
    elif status == "sans_parcours":
        people = people.filter(last_hire__isnull=True)
    if contract_kind:
        people = people.filter(
            Exists(Contract.objects.filter(parcours__person=OuterRef("pk"), kind=contract_kind))
        )
    if referent_id:
        people = people.filter(referent_id=referent_id)
    if pass_ending:
        people = people.filter(
            present=True,
            pass_end__gte=today,
            pass_end__lte=today + dt.timedelta(days=PASS_ALERT_DAYS),
        )
    return people.order_by("last_name", "first_name", "external_id")


EVENT_KINDS = {
    "orientation": "Orientation",
    "pass": "PASS IAE",
    "embauche": "Embauche",
    "contrat": "Contrat",
    "accompagnement": "Accompagnement",
    "formation": "Formation",
    "sortie": "Sortie",
    "suivi": "Suivi",
}


def register_event_kind(kind: str, label: str) -> None:
    """Other apps name the kinds of events they add to the chronology."""
    EVENT_KINDS.setdefault(kind, label)


@dataclass
class Event:
    date: dt.date
    kind: str
    title: str
    details: list[str] = field(default_factory=list)
    upcoming: bool = False

    @property
    def kind_label(self) -> str:
        return EVENT_KINDS[self.kind]


def follow_up_due_dates(parcours: Parcours) -> dict[int, dt.date]:
    if parcours.exit_date is None:
        return {}
    return {m: add_months(parcours.exit_date, m) for m in FOLLOW_UP_MONTHS}


@dataclass
class PersonFile:
    person: Person
    parcours: list
    passes: list
    orientations: list
    contracts: list
    accompaniments: list
    trainings: list
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
        passes=list(
            PassIae.objects.filter(person=person).prefetch_related("suspensions", "prolongations")
        ),
        orientations=list(Orientation.objects.filter(structure=structure, person=person)),
        contracts=list(
            Contract.objects.filter(parcours__person=person)
            .select_related("client", "parcours")
            .order_by("start_date")
        ),
        accompaniments=list(
            AccompanimentAction.objects.filter(person=person).select_related(
                "partner", "plan_objective__plan_barrier"
            )
        ),
        trainings=list(TrainingAction.objects.filter(person=person)),
        hours=list(MonthlyHours.objects.filter(person=person).order_by("month")),
        follow_ups={p.pk: {f.months: f for f in p.follow_ups.all()} for p in parcours},
    )


SENSITIVE_BARRIERS = frozenset({"sante", "justice"})


def timeline(
    file: PersonFile, *, today: dt.date | None = None, can_see_sensitive: bool = False
) -> list[Event]:
    """Everything that happened to the person, in date order. Health and justice
    barriers are named only to the roles that may see sensitive data."""
    today = today or dt.date.today()
    events: list[Event] = []
    for o in file.orientations:
        events.append(
            Event(
                o.date,
                "orientation",
                f"Orientation par {o.get_prescriber_type_display()}",
                [o.prescriber_organisation, f"Issue : {o.get_outcome_display()}"],
            )
        )
    for p in file.passes:
        events.append(
            Event(
                p.start_date,
                "pass",
                f"Début du PASS IAE n° {p.number}",
                [f"Fin prévue le {p.end_date:%d/%m/%Y}"],
            )
        )
        for s in p.suspensions.all():
            events.append(
                Event(
                    s.start_date,
                    "pass",
                    "Suspension du PASS IAE",
                    [f"Jusqu'au {s.end_date:%d/%m/%Y}", s.get_motif_display()],
                )
            )
        for pr in p.prolongations.all():
            events.append(
                Event(
                    pr.start_date,
                    "pass",
                    "Prolongation du PASS IAE",
                    [f"Jusqu'au {pr.end_date:%d/%m/%Y}", pr.prescriber],
                )
            )
        events.append(Event(p.end_date, "pass", "Fin du PASS IAE", upcoming=p.end_date > today))
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
    for c in file.contracts:
        details = [c.post]
        if c.client:
            details.append(str(c.client))
        if c.weekly_hours:
            details.append(f"{c.weekly_hours:g} h par semaine".replace(".", ","))
        if c.end_date:
            details.append(f"Jusqu'au {c.end_date:%d/%m/%Y}")
        if c.early_end_by_client:
            details.append("Fin anticipée à l'initiative du client")
        events.append(Event(c.start_date, "contrat", c.get_kind_display(), details))
    for a in file.accompaniments:
        details = [f"{a.duration_minutes} min", a.get_modality_display() or ""]
        hidden = a.is_sensitive and not can_see_sensitive
        if a.barrier and not hidden:
            details.append(f"Frein : {a.get_barrier_display()}")
        elif hidden:
            details.append("Frein ou intervenant : donnée sensible")
        if a.speaker and not hidden:
            details.append(a.speaker)
        events.append(
            Event(
                a.date,
                "accompagnement",
                f"Accompagnement {a.get_nature_display().lower()}",
                details,
            )
        )
    for t in file.trainings:
        if t.start_date:
            events.append(
                Event(t.start_date, "formation", t.title or "Formation", [t.get_status_display()])
            )
    for e in events:
        e.details = [d for d in e.details if d]
    order = {"orientation": 0, "pass": 1, "embauche": 2, "contrat": 3}
    return sorted(events, key=lambda e: (e.date, order.get(e.kind, 9)))
