"""Writes for structures and annexes financières (keyword-only, validated, atomic, audited)."""

from django.db import transaction
from django.forms.models import model_to_dict

from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record, model_changes
from jalons.structures.models import AnnexeFinanciere, Funding, Organisation, Structure
from jalons.structures.validators import normalize_siret

STRUCTURE_EDITABLE_FIELDS = (
    "name",
    "siret",
    "address",
    "postcode",
    "city",
    "departement",
    "phone",
    "email",
)


def _snapshot(obj, fields) -> dict:
    """Field values keyed by their French label, for the audit log."""
    data = model_to_dict(obj, fields=fields)
    labelled = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = sorted(str(v) for v in value)
        elif key == "departement":
            value = str(obj.departement_id)
        labelled[str(obj._meta.get_field(key).verbose_name)] = value
    return labelled


@transaction.atomic
def structure_update(*, actor, structure: Structure, networks=None, **fields) -> Structure:
    unknown = set(fields) - set(STRUCTURE_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Fields not editable: {sorted(unknown)}")
    tracked = [*fields, "networks"] if networks is not None else list(fields)
    before = _snapshot(structure, tracked)
    if "siret" in fields:
        fields["siret"] = normalize_siret(fields["siret"])
    for name, value in fields.items():
        setattr(structure, name, value)
    structure.full_clean()
    structure.save()
    if networks is not None:
        structure.networks.set(networks)
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        structure=structure,
        obj=structure,
        changes=model_changes(before, _snapshot(structure, tracked)),
    )
    return structure


ANNEXE_FIELDS = ("number", "start_date", "end_date", "etp_conventionnes", "annual_reference_hours")


def _save_fundings(annexe: AnnexeFinanciere, fundings: list[dict]) -> None:
    annexe.fundings.all().delete()
    for data in fundings:
        funding = Funding(annexe=annexe, **data)
        funding.full_clean()
        funding.save()


def _fundings_repr(annexe) -> list[str]:
    return [
        f"{f.get_kind_display()}{' – ' + f.label if f.label else ''}"
        f"{' : ' + str(f.amount) + ' €' if f.amount is not None else ''}"
        for f in annexe.fundings.all()
    ]


@transaction.atomic
def annexe_create(
    *, actor, structure: Structure, fundings: list[dict], **fields
) -> AnnexeFinanciere:
    annexe = AnnexeFinanciere(structure=structure, **fields)
    annexe.full_clean()
    annexe.save()
    _save_fundings(annexe, fundings)
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        structure=structure,
        obj=annexe,
        changes=model_changes(
            {}, {**_snapshot(annexe, ANNEXE_FIELDS), "financeurs": _fundings_repr(annexe)}
        ),
    )
    return annexe


@transaction.atomic
def annexe_update(
    *, actor, annexe: AnnexeFinanciere, fundings: list[dict], **fields
) -> AnnexeFinanciere:
    before = {**_snapshot(annexe, ANNEXE_FIELDS), "financeurs": _fundings_repr(annexe)}
    for name, value in fields.items():
        if name not in ANNEXE_FIELDS:
            raise TypeError(f"Field not editable: {name}")
        setattr(annexe, name, value)
    annexe.full_clean()
    annexe.save()
    _save_fundings(annexe, fundings)
    after = {**_snapshot(annexe, ANNEXE_FIELDS), "financeurs": _fundings_repr(annexe)}
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        structure=annexe.structure,
        obj=annexe,
        changes=model_changes(before, after),
    )
    return annexe


@transaction.atomic
def annexe_delete(*, actor, annexe: AnnexeFinanciere) -> None:
    audit_record(
        action=AuditAction.DELETE,
        actor=actor,
        structure=annexe.structure,
        obj=annexe,
    )
    annexe.delete()


@transaction.atomic
def organisation_create(*, name: str, siret: str) -> Organisation:
    organisation = Organisation(name=name, siret=normalize_siret(siret))
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def structure_create(
    *,
    actor,
    organisation: Organisation,
    kind: str,
    name: str,
    siret: str,
    identifier: str = "",
    networks=(),
    **fields,
) -> Structure:
    siret = normalize_siret(siret)
    structure = Structure(
        organisation=organisation,
        kind=kind,
        name=name,
        siret=siret,
        identifier=identifier or siret,
        **fields,
    )
    structure.full_clean()
    structure.save()
    structure.networks.set(networks)
    audit_record(action=AuditAction.CREATE, actor=actor, structure=structure, obj=structure)
    return structure
