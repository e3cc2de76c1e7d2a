"""Writes for training actions and their preparatory steps, each by an ``Actor``
(``jalons.audit.actor``: who acts, in which role)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_delete, audited_save, snapshot
from jalons.formation.models import TrainingAction, TrainingStep

FIELDS = (
    "title",
    "status",
    "start_date",
    "end_date",
    "hours",
    "qualifying",
    "funding",
    "organisation",
    "certification",
    "outcome",
)


@transaction.atomic
def training_save(
    *, actor, person, action: TrainingAction | None = None, **fields
) -> TrainingAction:
    before = snapshot(action) if action else None
    action = action or TrainingAction(person=person)
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(name)
        setattr(action, name, value)
    if action.start_date and action.end_date and action.end_date < action.start_date:
        raise ValidationError({"end_date": "La fin de la formation doit suivre son début."})
    return audited_save(actor=actor, structure=person.structure, obj=action, before=before)


@transaction.atomic
def training_delete(*, actor, action: TrainingAction) -> None:
    audited_delete(actor=actor, structure=action.person.structure, obj=action)


STEP_FIELDS = ("date", "description", "done")


@transaction.atomic
def training_step_save(
    *, actor, training: TrainingAction, step: TrainingStep | None = None, **fields
) -> TrainingStep:
    before = snapshot(step) if step else None
    step = step or TrainingStep(training=training)
    for name, value in fields.items():
        if name not in STEP_FIELDS:
            raise TypeError(name)
        setattr(step, name, value)
    if training.start_date and step.date > training.start_date:
        raise ValidationError(
            {"date": "Une étape préparatoire se situe avant l'entrée en formation."}
        )
    return audited_save(actor=actor, structure=training.person.structure, obj=step, before=before)
