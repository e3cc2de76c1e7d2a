"""The EITI part of the person's file: accompaniment contracts and the monthly
declarations of turnover and hours of activity (docs/eiti.md)."""

from dataclasses import dataclass
from decimal import Decimal

from jalons.accounts.access import role_allows
from jalons.contrats.models import AccompanimentContract, ActivityDeclaration
from jalons.parcours.extensions import Section, register_person_section
from jalons.parcours.selectors import Event, register_event_kind

EVENT_KIND = "contrat_accompagnement"


@dataclass
class ContractFile:
    contract: AccompanimentContract
    declarations: list
    total_turnover: Decimal
    total_hours: Decimal


def accompaniment_files(*, structure, person) -> list[ContractFile]:
    contracts = AccompanimentContract.objects.filter(
        parcours__structure=structure, parcours__person=person
    ).order_by("start_date", "pk")
    declarations = ActivityDeclaration.objects.filter(
        contract__in=contracts, person=person
    ).order_by("month")
    by_contract: dict[int, list] = {}
    for d in declarations:
        by_contract.setdefault(d.contract_id, []).append(d)
    files = []
    for c in contracts:
        rows = by_contract.get(c.pk, [])
        files.append(
            ContractFile(
                contract=c,
                declarations=rows,
                total_turnover=sum((d.turnover for d in rows), Decimal("0")),
                total_hours=sum((d.hours for d in rows), Decimal("0")),
            )
        )
    return files


def eiti_section(*, request, structure, role, person, today):
    if structure.kind != "EITI":
        return None
    files = accompaniment_files(structure=structure, person=person)
    current = (
        person.parcours.filter(structure=structure, exit_date__isnull=True)
        .order_by("-hire_date")
        .first()
    )
    events = []
    for f in files:
        c = f.contract
        events.append(
            Event(
                c.start_date,
                EVENT_KIND,
                f"Contrat d'accompagnement : {c.activity}",
                [f"Fin prévue le {c.planned_end_date:%d/%m/%Y}"],
                upcoming=c.start_date > today,
            )
        )
        if c.end_date:
            events.append(
                Event(
                    c.end_date,
                    EVENT_KIND,
                    "Fin du contrat d'accompagnement",
                    [c.activity],
                    upcoming=c.end_date > today,
                )
            )
    return Section(
        template="contrats/eiti_section.html",
        context={
            "files": files,
            "structure": structure,
            "person": person,
            "current_parcours": current,
            "can_edit": role_allows(role, "personnes.modifier"),
        },
        events=events,
        order=30,
    )


def register() -> None:
    register_event_kind(EVENT_KIND, "Contrat d'accompagnement")
    register_person_section(eiti_section)
