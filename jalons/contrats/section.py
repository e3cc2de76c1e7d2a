"""The contracts in the person's file: CDDI, missions and mises à disposition in the
chronology, the button « Ajouter un contrat »; for an EITI, the accompaniment contracts
and the monthly declarations of turnover and hours of activity (docs/eiti.md)."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from jalons.accounts.access import role_allows
from jalons.contrats.models import AccompanimentContract, ActivityDeclaration, Contract
from jalons.parcours.extensions import Action, Event, Section

EVENT_KIND = "contrat_accompagnement"


def contracts_section(*, request, structure, role, person, current_parcours, today) -> Section:
    events = []
    contracts = (
        Contract.objects.filter(parcours__person=person)
        .select_related("client", "parcours")
        .order_by("start_date")
    )
    for c in contracts:
        details = [c.post]
        if c.client:
            details.append(str(c.client))
        if c.weekly_hours:
            details.append(f"{c.weekly_hours:g} h par semaine".replace(".", ","))
        if c.end_date:
            details.append(f"Jusqu'au {c.end_date:%d/%m/%Y}")
        if c.early_end_by_client:
            details.append("Fin anticipée à l'initiative du client")
        events.append(
            Event(c.start_date, "contrat", c.get_kind_display(), [d for d in details if d])
        )
    actions = []
    if current_parcours:
        # An EITI's form leads to the accompaniment contract (docs/eiti.md).
        url = reverse(
            "parcours:contract_create", args=[structure.pk, person.pk, current_parcours.pk]
        )
        actions.append(Action("Ajouter un contrat", url, 20))
    return Section(events=events, actions=actions)


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


def eiti_section(*, request, structure, role, person, current_parcours, today):
    if structure.kind != "EITI":
        return None
    files = accompaniment_files(structure=structure, person=person)
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
            "current_parcours": current_parcours,
            "can_edit": role_allows(role, "personnes.modifier"),
        },
        events=events,
        order=30,
    )
