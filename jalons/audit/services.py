"""Writing to the audit log. Entries are never updated or deleted by the application.
Every entry has an author: the ``Actor`` (``jalons.audit.actor``) each function takes."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models

from jalons.audit.models import AuditAction, AuditEntry


def client_ip(request) -> str | None:
    """The visitor's address. Behind a reverse proxy listed in JALONS_TRUSTED_PROXIES,
    the last address it appended to X-Forwarded-For; otherwise REMOTE_ADDR."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = getattr(settings, "JALONS_TRUSTED_PROXIES", ())
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in trusted and forwarded:
        return forwarded.split(",")[-1].strip() or remote
    return remote


def audit_record(
    *,
    action: AuditAction,
    actor,
    structure=None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    user_email: str = "",
) -> AuditEntry:
    """One entry by ``actor`` (``jalons.audit.actor.Actor``: a user, or the command that
    ran). ``user_email``: the address typed, for a failed sign-in with no account."""
    item = AuditItem(action, structure, obj, object_type, "", object_repr, changes)
    entry = _entry(item, actor=actor, user_email=user_email)
    entry.save()
    return entry


@dataclass(frozen=True)
class AuditItem:
    """One entry for ``audit_records``: what ``audit_record`` takes besides its author.
    ``object_id`` names an object that is not at hand (only its number is)."""

    action: AuditAction
    structure: object = None
    obj: models.Model | None = None
    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""
    changes: dict | None = None


def audit_records(
    items: Iterable[AuditItem],
    *,
    actor,
    user_email: str = "",
    batch_size: int = 2000,
) -> list[AuditEntry]:
    """Many entries by one author at once (an import logs each structure and each
    person it touched), in one ``bulk_create``."""
    entries = [_entry(item, actor=actor, user_email=user_email) for item in items]
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)
    return entries


def _entry(item: AuditItem, *, actor, user_email: str = "") -> AuditEntry:
    """The entry for this item by this author, not saved yet."""
    obj, object_type, object_repr = item.obj, item.object_type, item.object_repr
    if obj is not None:
        object_type = object_type or obj._meta.verbose_name
        object_repr = object_repr or str(obj)
    object_id = item.object_id
    if not object_id and obj is not None and obj.pk is not None:
        object_id = str(obj.pk)
    user = actor.user
    return AuditEntry(
        user=user,
        user_email=user_email or (user.email if user is not None else ""),
        role=actor.role,
        structure=item.structure,
        action=item.action,
        object_type=str(object_type)[:100],
        object_id=object_id,
        object_repr=str(object_repr)[:250],
        changes=item.changes or {},
        ip=actor.ip,
        command=actor.command,
    )


def model_changes(before: dict, after: dict) -> dict:
    """The fields that changed, as {"field": [old, new]} with printable values."""
    keys = list(after) + [k for k in before if k not in after]
    return {
        key: [_printable(before.get(key)), _printable(after.get(key))]
        for key in keys
        if before.get(key) != after.get(key)
    }


def _printable(value):
    """Values as a French reader expects them: 12,5 and 31/12/2027."""
    if isinstance(value, _Hidden):
        return str(value)  # a plain « (donnée sensible) »: the real value stays here
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple | set):
        return [_printable(v) for v in value]
    return str(value)


# Fields whose values never enter the log: only the fact that they changed.
SENSITIVE_FIELDS = frozenset({"nir", "rqth"})
HIDDEN = "(donnée sensible)"


class _Hidden(str):
    """A sensitive value in a snapshot: it reads « (donnée sensible) » wherever it is
    printed or stored, but two snapshots still compare their real values (in memory
    only), so that replacing one NIR by another is logged as a change."""

    def __new__(cls, raw):
        hidden = super().__new__(cls, HIDDEN)
        hidden._raw = raw
        return hidden

    def __eq__(self, other):
        if isinstance(other, _Hidden):
            return self._raw == other._raw
        return str.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = str.__hash__

    def __reduce__(self):  # a copy, a pickle or a cache never carries the real value
        return (str, (HIDDEN,))


SKIPPED_FIELDS = frozenset({"id", "created_at", "updated_at"})


def snapshot(obj: models.Model) -> dict:
    """Concrete field values of a record keyed by their French label, for the log."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        if field.is_relation:
            value = getattr(obj, field.attname)
            related = getattr(obj, field.name, None) if value is not None else None
            value = str(related) if related is not None else None
        else:
            value = getattr(obj, field.attname)
            if field.choices and value not in (None, ""):
                value = dict(field.flatchoices).get(value, value)
        if field.name in SENSITIVE_FIELDS:
            data[str(field.verbose_name)] = _Hidden(value) if value not in (None, "", False) else ""
            continue
        data[str(field.verbose_name)] = _printable(value)
    return data


def audited_save(
    *, actor, structure, obj: models.Model, before: dict | None = None
) -> models.Model:
    """Validate, save and log a record by ``actor``; ``before`` is its snapshot before
    the change."""
    creating = obj.pk is None
    obj.full_clean()
    obj.save()
    after = snapshot(obj)
    changes = model_changes(before or {}, after)
    if not changes and not creating:
        return obj
    audit_record(
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        actor=actor,
        structure=structure,
        obj=obj,
        changes=changes,
    )
    return obj


def audited_delete(*, actor, structure, obj: models.Model) -> None:
    audit_record(
        action=AuditAction.DELETE,
        actor=actor,
        structure=structure,
        obj=obj,
        changes=model_changes(snapshot(obj), {}),
    )
    obj.delete()
