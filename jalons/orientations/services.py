"""Writes for orientations (candidates positioned by prescribers)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_save, snapshot
from jalons.orientations.models import Orientation

FIELDS = (
    "person",
    "candidate_first_name",
    "candidate_last_name",
    "date",
    "prescriber_type",
    "prescriber_organisation",
    "outcome",
)


@transaction.atomic
def orientation_save(
    *, request, role: str, structure, orientation: Orientation | None = None, **fields
) -> Orientation:
    before = snapshot(orientation) if orientation else None
    orientation = orientation or Orientation(structure=structure)
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(name)
        setattr(orientation, name, value)
    if orientation.person_id and orientation.person.structure_id != structure.pk:
        raise ValidationError({"person": "Choisissez une personne de la structure."})
    if not orientation.person_id and not (
        orientation.candidate_first_name or orientation.candidate_last_name
    ):
        raise ValidationError(
            {"candidate_last_name": "Indiquez le nom du candidat ou choisissez une personne."}
        )
    return audited_save(
        request=request, role=role, structure=structure, obj=orientation, before=before
    )
