"""Writes for the plan d'accompagnement, interviews and the partners directory."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.accompagnement.models import (
    AccompanimentAction,
    Partner,
    PlanAction,
    PlanActionStatus,
    PlanBarrier,
    PlanObjective,
)
from jalons.audit.models import AuditAction
from jalons.audit.services import (
    audit_record,
    audited_delete,
    audited_save,
    model_changes,
    snapshot,
)

FIELDS = (
    "date",
    "nature",
    "duration_minutes",
    "barrier",
    "modality",
    "speaker",
    "medium",
    "partner",
    "plan_objective",
    "plan_action",
    "note",
    "confidential_note",
)
CONFIDENTIAL_FIELDS = {"confidential_note": "note confidentielle"}
HIDDEN_NOTE = "(note confidentielle)"
CHANGED_NOTE = "(note confidentielle modifiée)"


def private_snapshot(obj) -> dict:
    """A snapshot for the log in which confidential notes are only said to exist:
    the journal is read by roles that must never read them."""
    data = snapshot(obj)
    obj._confidential_before = {f: getattr(obj, f) for f in CONFIDENTIAL_FIELDS}
    for label in CONFIDENTIAL_FIELDS.values():
        if data.get(label):
            data[label] = HIDDEN_NOTE
    return data


def private_audited_save(*, actor, structure, obj, before: dict | None):
    creating = obj.pk is None
    obj.full_clean()
    obj.save()
    old_notes = getattr(obj, "_confidential_before", {})
    changes = model_changes(before or {}, private_snapshot(obj))
    for name, label in CONFIDENTIAL_FIELDS.items():
        if before and label not in changes and old_notes.get(name) != getattr(obj, name):
            changes[label] = [HIDDEN_NOTE, CHANGED_NOTE]
    if changes or creating:
        audit_record(
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            actor=actor,
            structure=structure,
            obj=obj,
            changes=changes,
        )
    return obj


def private_audited_delete(*, actor, structure, obj) -> None:
    audit_record(
        action=AuditAction.DELETE,
        actor=actor,
        structure=structure,
        obj=obj,
        changes=model_changes(private_snapshot(obj), {}),
    )
    obj.delete()


def _set(obj, fields: dict, allowed) -> None:
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(name)
        setattr(obj, name, value)


# Partners directory.

PARTNER_FIELDS = ("kind", "organisation", "contact_name", "phone", "email", "notes", "active")


@transaction.atomic
def partner_save(*, actor, structure, partner: Partner | None = None, **fields):
    before = snapshot(partner) if partner else None
    partner = partner or Partner(structure=structure)
    if partner.structure_id != structure.pk:
        raise ValidationError("Ce partenaire appartient à une autre structure.")
    _set(partner, fields, PARTNER_FIELDS)
    return audited_save(actor=actor, structure=structure, obj=partner, before=before)


# Plan d'accompagnement.

BARRIER_FIELDS = ("barrier", "intensity", "identified_on", "resolved_on", "comment")


@transaction.atomic
def plan_barrier_save(
    *, actor, person, plan_barrier: PlanBarrier | None = None, **fields
) -> PlanBarrier:
    before = snapshot(plan_barrier) if plan_barrier else None
    plan_barrier = plan_barrier or PlanBarrier(person=person)
    _set(plan_barrier, fields, BARRIER_FIELDS)
    duplicate = PlanBarrier.objects.filter(person=person, barrier=plan_barrier.barrier).exclude(
        pk=plan_barrier.pk
    )
    if duplicate.exists():
        raise ValidationError(
            {"barrier": "Ce frein figure déjà dans le plan : modifiez-le plutôt que de le recréer."}
        )
    if plan_barrier.resolved_on and plan_barrier.resolved_on < plan_barrier.identified_on:
        raise ValidationError(
            {"resolved_on": "Le frein ne peut pas être levé avant d'être repéré."}
        )
    return audited_save(actor=actor, structure=person.structure, obj=plan_barrier, before=before)


OBJECTIVE_FIELDS = ("title", "target_date", "achieved_on")


@transaction.atomic
def plan_objective_save(
    *,
    actor,
    plan_barrier: PlanBarrier,
    objective: PlanObjective | None = None,
    **fields,
) -> PlanObjective:
    before = snapshot(objective) if objective else None
    objective = objective or PlanObjective(plan_barrier=plan_barrier)
    _set(objective, fields, OBJECTIVE_FIELDS)
    return audited_save(
        actor=actor,
        structure=plan_barrier.person.structure,
        obj=objective,
        before=before,
    )


ACTION_FIELDS = ("title", "status", "due_date", "done_on", "partner")


@transaction.atomic
def plan_action_save(
    *,
    actor,
    objective: PlanObjective,
    action: PlanAction | None = None,
    today: dt.date | None = None,
    **fields,
) -> PlanAction:
    structure = objective.plan_barrier.person.structure
    before = snapshot(action) if action else None
    action = action or PlanAction(objective=objective)
    _set(action, fields, ACTION_FIELDS)
    if action.partner is not None and action.partner.structure_id != structure.pk:
        raise ValidationError(
            {"partner": "Choisissez un partenaire de l'annuaire de la structure."}
        )
    if action.status == PlanActionStatus.DONE and action.done_on is None:
        action.done_on = today or dt.date.today()
    if action.status != PlanActionStatus.DONE and action.done_on is not None:
        raise ValidationError(
            {"done_on": "Une date de réalisation ne va qu'avec le statut « Réalisée »."}
        )
    return audited_save(actor=actor, structure=structure, obj=action, before=before)


# Interviews and accompaniment actions.


@transaction.atomic
def accompaniment_save(
    *, actor, person, action: AccompanimentAction | None = None, **fields
) -> AccompanimentAction:
    before = private_snapshot(action) if action else None
    action = action or AccompanimentAction(person=person, author=actor.user)
    _set(action, fields, FIELDS)
    errors = {}
    if action.partner is not None:
        if action.partner.structure_id != person.structure_id:
            errors["partner"] = "Choisissez un partenaire de l'annuaire de la structure."
        else:
            # The interchange format knows the referent by its name only.
            action.speaker = str(action.partner)[:200]
    if action.plan_action is not None:
        if action.plan_objective is None:
            action.plan_objective = action.plan_action.objective
        elif action.plan_action.objective_id != action.plan_objective.pk:
            errors["plan_action"] = "Cette action ne relève pas de l'objectif choisi."
    if action.plan_objective is not None:
        objective_barrier = action.plan_objective.plan_barrier.barrier
        if action.plan_objective.plan_barrier.person_id != person.pk:
            errors["plan_objective"] = "Choisissez un objectif du plan de cette personne."
        elif not action.barrier:
            action.barrier = objective_barrier
        elif action.barrier != objective_barrier:
            errors["barrier"] = (
                "Le frein de l'entretien doit être celui de l'objectif choisi "
                f"({action.plan_objective.plan_barrier.get_barrier_display()})."
            )
    if errors:
        raise ValidationError(errors)
    return private_audited_save(actor=actor, structure=person.structure, obj=action, before=before)


@transaction.atomic
def accompaniment_delete(*, actor, action: AccompanimentAction) -> None:
    private_audited_delete(actor=actor, structure=action.person.structure, obj=action)


@transaction.atomic
def plan_action_delete(*, actor, action: PlanAction) -> None:
    """Remove one action of the plan entered by mistake."""
    structure = action.objective.plan_barrier.person.structure
    audited_delete(actor=actor, structure=structure, obj=action)


@transaction.atomic
def plan_objective_delete(*, actor, objective: PlanObjective) -> None:
    """Remove one objective of the plan with its actions; interviews noted on it stay,
    unlinked from the plan."""
    structure = objective.plan_barrier.person.structure
    for action in objective.actions.all():
        audited_delete(actor=actor, structure=structure, obj=action)
    audited_delete(actor=actor, structure=structure, obj=objective)


@transaction.atomic
def plan_barrier_delete(*, actor, plan_barrier: PlanBarrier) -> None:
    """Remove a barrier entered by mistake, with its objectives and actions; interviews
    stay, unlinked from the plan."""
    structure = plan_barrier.person.structure
    for objective in plan_barrier.objectives.all():
        for action in objective.actions.all():
            audited_delete(actor=actor, structure=structure, obj=action)
        audited_delete(actor=actor, structure=structure, obj=objective)
    audited_delete(actor=actor, structure=structure, obj=plan_barrier)
