"""Writing to the audit log. Entries are never updated or deleted by the application."""

import datetime
from decimal import Decimal

from django.db import models

from jalons.audit.models import AuditAction, AuditEntry


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: AuditAction,
    request=None,
    user=None,
    role: str = "",
    structure=None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    user_email: str = "",
) -> AuditEntry:
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if obj is not None:
        object_type = object_type or obj._meta.verbose_name
        object_repr = object_repr or str(obj)
    entry = AuditEntry(
        user=user,
        user_email=user_email or (user.email if user is not None else ""),
        role=role,
        structure=structure,
        action=action,
        object_type=str(object_type)[:100],
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(object_repr)[:250],
        changes=changes or {},
        ip=client_ip(request),
    )
    entry.save()
    return entry


def model_changes(before: dict, after: dict) -> dict:
    """The fields that changed, as {"field": [old, new]} with printable values."""
    return {
        key: [_printable(before.get(key)), _printable(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def _printable(value):
    """Values as a French reader expects them: 12,5 and 31/12/2027."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple | set):
        return [_printable(v) for v in value]
    return str(value)
