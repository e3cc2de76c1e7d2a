"""Writes for training actions."""

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_delete, audited_save, snapshot
from jalons.formation.models import TrainingAction

FIELDS = ("title", "status", "start_date", "end_date", "hours", "qualifying")


@transaction.atomic
def training_save(
    *, request, role: str, person, action: TrainingAction | None = None, **fields
) -> TrainingAction:
    before = snapshot(action) if action else None
    action = action or TrainingAction(person=person)
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(name)
        setattr(action, name, value)
    if action.start_date and action.end_date and action.end_date < action.start_date:
        raise ValidationError({"end_date": "La fin de la formation doit suivre son début."})
    return audited_save(
        request=request, role=role, structure=person.structure, obj=action, before=before
    )


@transaction.atomic
def training_delete(*, request, role: str, action: TrainingAction) -> None:
    audited_delete(request=request, role=role, structure=action.person.structure, obj=action)
