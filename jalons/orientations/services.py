"""Writes for orientations (candidates positioned by prescribers)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_save, snapshot
from jalons.orientations.models import Orientation, OrientationOutcome
from jalons.parcours.models import Parcours, Person
from jalons.parcours.services import parcours_create, person_create

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
    *, actor, structure, orientation: Orientation | None = None, **fields
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
    return audited_save(actor=actor, structure=structure, obj=orientation, before=before)


@transaction.atomic
def orientation_hire(
    *,
    actor,
    orientation: Orientation,
    person: Person | None = None,
    person_fields: dict | None = None,
    parcours_fields: dict,
) -> Parcours:
    """« Embaucher » from an orientation, in one step: creates the person (or takes the
    existing ``person`` of the same structure: « rattacher »), the first pathway, then
    links the orientation to the person with the outcome « Embauche ». All or nothing."""
    structure = orientation.structure
    if orientation.outcome == OrientationOutcome.REFUSED:
        raise ValidationError("Cette orientation a été refusée : elle ne mène pas à une embauche.")
    if orientation.person_id and orientation.person_id != getattr(person, "pk", None):
        raise ValidationError("Cette orientation est déjà rattachée à une autre fiche.")
    if person is None:
        person = person_create(actor=actor, structure=structure, **(person_fields or {}))
    elif person.structure_id != structure.pk:
        raise ValidationError("Choisissez une personne de la structure.")
    parcours = parcours_create(actor=actor, person=person, **parcours_fields)
    orientation_save(
        actor=actor,
        structure=structure,
        orientation=orientation,
        person=person,
        outcome=OrientationOutcome.HIRED,
    )
    return parcours
