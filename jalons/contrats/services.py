"""Writes for clients and contracts."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_delete, audited_save, snapshot
from jalons.contrats.models import (
    CONTRACT_KINDS_BY_SIAE,
    AccompanimentContract,
    ActivityDeclaration,
    Client,
    Contract,
)
from jalons.rules.pass_iae import add_months

CLIENT_FIELDS = ("kind", "name", "siret", "contact_name", "phone", "email", "city")
CONTRACT_FIELDS = (
    "kind",
    "post",
    "start_date",
    "end_date",
    "weekly_hours",
    "hours",
    "client",
    "early_end_by_client",
)


@transaction.atomic
def client_save(*, actor, structure, client: Client | None = None, **fields) -> Client:
    before = snapshot(client) if client else None
    client = client or Client(structure=structure)
    for name, value in fields.items():
        if name not in CLIENT_FIELDS:
            raise TypeError(name)
        setattr(client, name, value)
    return audited_save(actor=actor, structure=structure, obj=client, before=before)


def _check_contract(contract: Contract) -> None:
    parcours = contract.parcours
    errors = {}
    allowed = CONTRACT_KINDS_BY_SIAE[parcours.structure.kind]
    if not allowed:
        # An EITI employs nobody (docs/eiti.md): no CDDI, no weekly hours.
        raise ValidationError(
            {
                "kind": (
                    f"{parcours.structure.name} est une EITI : les travailleurs indépendants "
                    "qu'elle accompagne ne sont pas salariés et n'ont pas de CDDI. "
                    "Enregistrez un contrat d'accompagnement."
                )
            }
        )
    if contract.kind not in allowed:
        errors["kind"] = (
            f"Une {parcours.structure.kind} enregistre des contrats de type "
            f"{', '.join(k.label for k in allowed)}."
        )
    if contract.start_date and contract.start_date < parcours.hire_date:
        errors["start_date"] = (
            f"Le contrat ne peut pas commencer avant l'embauche ({parcours.hire_date:%d/%m/%Y})."
        )
    if parcours.exit_date and contract.end_date and contract.end_date > parcours.exit_date:
        errors["end_date"] = (
            f"Le contrat ne peut pas finir après la sortie ({parcours.exit_date:%d/%m/%Y})."
        )
    if contract.client_id and contract.client.structure_id != parcours.structure_id:
        errors["client"] = "Choisissez un client de la structure."
    if contract.kind == "cddi" and not contract.weekly_hours:
        errors["weekly_hours"] = "Indiquez la durée hebdomadaire du CDDI."
    if contract.kind in ("mission", "mise_a_disposition") and not contract.client_id:
        errors["client"] = "Choisissez le client ou l'utilisateur."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contract_save(*, actor, parcours, contract: Contract | None = None, **fields) -> Contract:
    before = snapshot(contract) if contract else None
    contract = contract or Contract(parcours=parcours)
    for name, value in fields.items():
        if name not in CONTRACT_FIELDS:
            raise TypeError(name)
        setattr(contract, name, value)
    _check_contract(contract)
    return audited_save(actor=actor, structure=parcours.structure, obj=contract, before=before)


@transaction.atomic
def contract_delete(*, actor, contract: Contract) -> None:
    audited_delete(actor=actor, structure=contract.parcours.structure, obj=contract)


# Décret n° 2018-1198, art. 3 (as modified by décret n° 2024-1239): the aid lasts at
# most 2 years from the signature of the contract with the worker (docs/eiti.md).
ACCOMPANIMENT_MAX_MONTHS = 24

ACCOMPANIMENT_FIELDS = ("activity", "siret", "start_date", "planned_end_date", "end_date")
DECLARATION_FIELDS = ("month", "turnover", "hours")


def accompaniment_latest_end(start):
    """The last day an accompaniment contract started on ``start`` may run."""
    return add_months(start, ACCOMPANIMENT_MAX_MONTHS) - dt.timedelta(days=1)


def _check_accompaniment(contract: AccompanimentContract) -> None:
    parcours = contract.parcours
    if parcours.structure.kind != "EITI":
        raise ValidationError(
            "Seule une EITI enregistre des contrats d'accompagnement de travailleurs indépendants."
        )
    errors = {}
    start = contract.start_date
    if start and start < parcours.hire_date:
        errors["start_date"] = (
            "Le contrat d'accompagnement ne peut pas commencer avant l'entrée en parcours "
            f"({parcours.hire_date:%d/%m/%Y})."
        )
    if start:
        latest = accompaniment_latest_end(start)
        for name, label in (("planned_end_date", "fin prévue"), ("end_date", "fin")):
            value = getattr(contract, name)
            if value and value < start:
                errors[name] = f"La {label} doit suivre le début ({start:%d/%m/%Y})."
            elif value and value > latest:
                errors[name] = (
                    f"Un contrat d'accompagnement dure au plus {ACCOMPANIMENT_MAX_MONTHS} "
                    f"mois : la {label} doit être au plus tard le {latest:%d/%m/%Y}."
                )
    if parcours.exit_date and contract.end_date and contract.end_date > parcours.exit_date:
        errors["end_date"] = (
            f"Le contrat ne peut pas finir après la sortie ({parcours.exit_date:%d/%m/%Y})."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def accompaniment_contract_save(
    *, actor, parcours, contract: AccompanimentContract | None = None, **fields
) -> AccompanimentContract:
    before = snapshot(contract) if contract else None
    contract = contract or AccompanimentContract(parcours=parcours)
    for name, value in fields.items():
        if name not in ACCOMPANIMENT_FIELDS:
            raise TypeError(name)
        setattr(contract, name, value)
    _check_accompaniment(contract)
    return audited_save(actor=actor, structure=parcours.structure, obj=contract, before=before)


def _check_declaration(declaration: ActivityDeclaration) -> None:
    contract = declaration.contract
    month = declaration.month
    if month is None:
        return
    first = contract.start_date.replace(day=1)
    last_day = contract.end_date or contract.planned_end_date
    if month < first or month > last_day.replace(day=1):
        raise ValidationError(
            {
                "month": (
                    f"Le mois {month:%m/%Y} est hors du contrat d'accompagnement "
                    f"(du {contract.start_date:%d/%m/%Y} au {last_day:%d/%m/%Y})."
                )
            }
        )
    duplicate = ActivityDeclaration.objects.filter(person=declaration.person, month=month)
    if declaration.pk:
        duplicate = duplicate.exclude(pk=declaration.pk)
    if duplicate.exists():
        raise ValidationError(
            {"month": f"Une déclaration existe déjà pour {month:%m/%Y} : modifiez-la."}
        )


@transaction.atomic
def activity_declaration_save(
    *,
    actor,
    contract: AccompanimentContract,
    declaration: ActivityDeclaration | None = None,
    **fields,
) -> ActivityDeclaration:
    before = snapshot(declaration) if declaration else None
    declaration = declaration or ActivityDeclaration(
        contract=contract, person_id=contract.parcours.person_id
    )
    for name, value in fields.items():
        if name not in DECLARATION_FIELDS:
            raise TypeError(name)
        if name == "month" and value is not None:
            value = value.replace(day=1)
        setattr(declaration, name, value)
    _check_declaration(declaration)
    return audited_save(
        actor=actor,
        structure=contract.parcours.structure,
        obj=declaration,
        before=before,
    )
