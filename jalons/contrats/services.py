"""Writes for clients and contracts."""

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_delete, audited_save, snapshot
from jalons.contrats.models import CONTRACT_KINDS_BY_SIAE, Client, Contract

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
def client_save(*, request, role: str, structure, client: Client | None = None, **fields) -> Client:
    before = snapshot(client) if client else None
    client = client or Client(structure=structure)
    for name, value in fields.items():
        if name not in CLIENT_FIELDS:
            raise TypeError(name)
        setattr(client, name, value)
    return audited_save(request=request, role=role, structure=structure, obj=client, before=before)


def _check_contract(contract: Contract) -> None:
    parcours = contract.parcours
    errors = {}
    allowed = CONTRACT_KINDS_BY_SIAE[parcours.structure.kind]
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
def contract_save(
    *, request, role: str, parcours, contract: Contract | None = None, **fields
) -> Contract:
    before = snapshot(contract) if contract else None
    contract = contract or Contract(parcours=parcours)
    for name, value in fields.items():
        if name not in CONTRACT_FIELDS:
            raise TypeError(name)
        setattr(contract, name, value)
    _check_contract(contract)
    return audited_save(
        request=request, role=role, structure=parcours.structure, obj=contract, before=before
    )


@transaction.atomic
def contract_delete(*, request, role: str, contract: Contract) -> None:
    audited_delete(request=request, role=role, structure=contract.parcours.structure, obj=contract)
