"""« Fusion de fiches »: two files of the same person become one, in three steps.

``person_merge_prepare`` moves every row pointing to the absorbed file (every reverse
foreign key of ``Person``, found with ``Person._meta.related_objects``) to the kept
file, records the list of moved rows and the kept file's values, and only marks the
absorbed file (``merged_into``). ``person_merge_cancel`` puts everything back exactly;
``person_merge_confirm`` deletes the absorbed file, which is then empty. Each step is
atomic and written to the structure's journal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from jalons.audit.models import AuditAction
from jalons.audit.services import HIDDEN, SENSITIVE_FIELDS, audit_record, audited_delete, snapshot
from jalons.parcours.models import MergeState, MonthlyHours, Parcours, Person, PersonMerge
from jalons.rules.dates import MONTH_NAMES

MERGE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "address",
    "postcode",
    "city",
    "nir",
    "referent",
)


def person_relations() -> list[models.ForeignObjectRel]:
    """Every reverse foreign key to ``Person`` whose rows belong to the person."""
    return [
        rel
        for rel in Person._meta.related_objects
        if (rel.one_to_many or rel.one_to_one) and rel.related_model not in (Person, PersonMerge)
    ]


def _value(person: Person, name: str):
    return getattr(person, "referent_id" if name == "referent" else name)


def _display(person: Person, name: str) -> str:
    value = getattr(person, name)
    if value in (None, ""):
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


@dataclass(frozen=True)
class FieldDifference:
    name: str
    label: str
    kept: str
    absorbed: str

    @property
    def is_conflict(self) -> bool:
        """Both files have a value: someone chooses. Else the blank is filled."""
        return bool(self.kept and self.absorbed)


def field_differences(*, kept: Person, absorbed: Person) -> list[FieldDifference]:
    return [
        FieldDifference(
            name=name,
            label=str(Person._meta.get_field(name).verbose_name),
            kept=_display(kept, name),
            absorbed=_display(absorbed, name),
        )
        for name in MERGE_FIELDS
        if _value(kept, name) != _value(absorbed, name) and _display(absorbed, name)
    ]


@dataclass(frozen=True)
class MovedGroup:
    label: str
    count: int


def rows_to_move(*, absorbed: Person) -> list[MovedGroup]:
    groups = []
    for rel in person_relations():
        count = rel.related_model._default_manager.filter(**{rel.field.name: absorbed}).count()
        if count:
            groups.append(MovedGroup(str(rel.related_model._meta.verbose_name_plural), count))
    return groups


def _hours(value) -> str:
    return format(value.normalize(), "f").replace(".", ",") + " h"


def collisions(*, kept: Person, absorbed: Person) -> list[str]:
    """What cannot be moved as is (unique rules), in French. Empty: the merge can go."""
    problems = []
    kept_hours = {h.month: h for h in MonthlyHours.objects.filter(person=kept)}
    for hours in MonthlyHours.objects.filter(person=absorbed).order_by("month"):
        other = kept_hours.get(hours.month)
        if other:
            problems.append(
                f"Les deux fiches ont des heures pour {MONTH_NAMES[hours.month.month - 1]} "
                f"{hours.month.year} : {_hours(other.hours)} sur la fiche gardée, "
                f"{_hours(hours.hours)} sur l'autre. Gardez les heures d'une seule fiche "
                "(page « Heures ») avant de fusionner."
            )
    kept_parcours = list(Parcours.objects.filter(person=kept))
    for parcours in Parcours.objects.filter(person=absorbed).order_by("hire_date"):
        end = parcours.exit_date or dt.date.max
        for other in kept_parcours:
            if parcours.hire_date <= (other.exit_date or dt.date.max) and other.hire_date <= end:
                problems.append(
                    f"Le parcours commencé le {parcours.hire_date:%d/%m/%Y} chevauche celui "
                    f"commencé le {other.hire_date:%d/%m/%Y} sur la fiche gardée. Corrigez les "
                    "dates ou supprimez le parcours en double avant de fusionner."
                )
    for rel in person_relations():
        model = rel.related_model
        if model in (MonthlyHours, Parcours):
            continue
        problems.extend(_unique_collisions(model, rel.field.name, kept, absorbed))
    return problems


def _unique_collisions(model, field_name: str, kept: Person, absorbed: Person) -> list[str]:
    problems = []
    rules = [
        (c.fields, c.condition)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and field_name in c.fields
    ] + [(tuple(t), None) for t in model._meta.unique_together if field_name in t]
    for fields, condition in rules:
        others = [f for f in fields if f != field_name]
        rows = model._default_manager.filter(condition or Q())
        kept_keys = set(rows.filter(**{field_name: kept}).values_list(*others))
        for key in rows.filter(**{field_name: absorbed}).values_list(*others):
            if key in kept_keys:
                what = ", ".join(
                    f"{model._meta.get_field(f).verbose_name} {v:%d/%m/%Y}"
                    if isinstance(v, dt.date)
                    else f"{model._meta.get_field(f).verbose_name} {v}"
                    for f, v in zip(others, key, strict=True)
                )
                problems.append(
                    f"Les deux fiches ont chacune un élément « {model._meta.verbose_name} » "
                    f"pour {what or 'cette personne'} : gardez-en un seul avant de fusionner."
                )
    return problems


def _stored(person: Person) -> dict:
    data = {}
    for name in MERGE_FIELDS:
        value = _value(person, name)
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    return data


def _restore(person: Person, data: dict) -> None:
    for name, value in data.items():
        if name == "birth_date":
            value = dt.date.fromisoformat(value) if value else None
        setattr(person, "referent_id" if name == "referent" else name, value)


def _save(*, actor, person: Person, before: dict) -> None:
    person.full_clean()
    person.save()
    from jalons.audit.services import model_changes

    changes = model_changes(before, snapshot(person))
    if changes:
        audit_record(
            action=AuditAction.UPDATE,
            actor=actor,
            structure=person.structure,
            obj=person,
            changes=changes,
        )


def _journal(*, actor, merge: PersonMerge, action, step: str) -> None:
    audit_record(
        action=action,
        actor=actor,
        structure=merge.structure,
        obj=merge,
        changes={
            "étape": [None, step],
            "fiche gardée": [None, f"{merge.kept} ({merge.kept.external_id})"],
            "fiche absorbée": [None, merge.absorbed_label],
            "lignes déplacées": [None, sum(len(m["pks"]) for m in merge.moved)],
        },
    )


def pending_merge_of(person: Person) -> PersonMerge | None:
    return (
        PersonMerge.objects.filter(state=MergeState.PENDING)
        .filter(Q(kept=person) | Q(absorbed=person))
        .first()
    )


@transaction.atomic
def person_merge_prepare(
    *, actor, kept: Person, absorbed: Person, choices: dict[str, str]
) -> PersonMerge:
    """``choices``: for each conflicting field, "kept" or "absorbed" (the value kept)."""
    if kept.pk == absorbed.pk or kept.structure_id != absorbed.structure_id:
        raise ValidationError("Choisissez deux fiches différentes de la même structure.")
    for person in (kept, absorbed):
        if person.merged_into_id or pending_merge_of(person):
            raise ValidationError(
                f"La fiche {person} ({person.external_id}) est déjà dans une fusion en "
                "attente : confirmez-la ou annulez-la d'abord."
            )
    problems = collisions(kept=kept, absorbed=absorbed)
    if problems:
        raise ValidationError(problems)
    kept_before = _stored(kept)
    before = snapshot(kept)
    chosen = {}
    for difference in field_differences(kept=kept, absorbed=absorbed):
        source = choices.get(difference.name, "kept") if difference.is_conflict else "absorbed"
        if source == "absorbed":
            setattr(kept, difference.name, getattr(absorbed, difference.name))
        shown = getattr(difference, source)
        chosen[difference.label] = HIDDEN if difference.name in SENSITIVE_FIELDS else shown
    _save(actor=actor, person=kept, before=before)
    moved = []
    for rel in person_relations():
        manager = rel.related_model._default_manager
        rows = manager.filter(**{rel.field.name: absorbed})
        pks = list(rows.values_list("pk", flat=True))
        if pks:
            manager.filter(pk__in=pks).update(**{rel.field.name: kept})
            moved.append(
                {"model": rel.related_model._meta.label, "field": rel.field.name, "pks": pks}
            )
    before = snapshot(absorbed)
    absorbed.merged_into = kept
    _save(actor=actor, person=absorbed, before=before)
    merge = PersonMerge.objects.create(
        structure=kept.structure,
        kept=kept,
        absorbed=absorbed,
        absorbed_label=f"{absorbed} ({absorbed.external_id})",
        chosen_values=chosen,
        kept_before=kept_before,
        moved=moved,
        prepared_by=actor.user,
    )
    _journal(actor=actor, merge=merge, action=AuditAction.CREATE, step="préparée")
    return merge


def _refuse_if_decided(merge: PersonMerge) -> None:
    if merge.state != MergeState.PENDING:
        raise ValidationError(
            f"Cette fusion est déjà {merge.get_state_display().lower()} : rien à faire."
        )


def _decide(merge: PersonMerge, actor, state: str) -> None:
    _refuse_if_decided(merge)
    merge.state = state
    merge.decided_by = actor.user
    merge.decided_at = timezone.now()
    merge.save()


@transaction.atomic
def person_merge_cancel(*, actor, merge: PersonMerge) -> PersonMerge:
    """Moves every moved row back to the absorbed file and restores the kept file."""
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    _decide(merge, actor, MergeState.CANCELLED)
    kept, absorbed = merge.kept, merge.absorbed
    for group in merge.moved:
        model = apps.get_model(group["model"])
        model._default_manager.filter(pk__in=group["pks"], **{group["field"]: kept}).update(
            **{group["field"]: absorbed}
        )
    before = snapshot(kept)
    _restore(kept, merge.kept_before)
    _save(actor=actor, person=kept, before=before)
    before = snapshot(absorbed)
    absorbed.merged_into = None
    _save(actor=actor, person=absorbed, before=before)
    _journal(actor=actor, merge=merge, action=AuditAction.UPDATE, step="annulée")
    return merge


@transaction.atomic
def person_merge_confirm(*, actor, merge: PersonMerge) -> PersonMerge:
    """Makes the merge final: the absorbed file, now empty, is deleted."""
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    _refuse_if_decided(merge)
    absorbed = merge.absorbed
    left = [g for g in rows_to_move(absorbed=absorbed)] if absorbed else []
    if left:
        raise ValidationError(
            "La fiche absorbée a reçu de nouvelles données depuis la préparation ("
            + ", ".join(f"{g.label} : {g.count}" for g in left)
            + ") : annulez cette fusion puis préparez-la de nouveau."
        )
    _decide(merge, actor, MergeState.CONFIRMED)
    _journal(actor=actor, merge=merge, action=AuditAction.UPDATE, step="confirmée")
    if absorbed:
        audited_delete(actor=actor, structure=merge.structure, obj=absorbed)
    return merge
