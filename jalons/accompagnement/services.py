"""Writes for accompaniment actions."""

from django.db import transaction

from jalons.accompagnement.models import AccompanimentAction
from jalons.audit.services import audited_delete, audited_save, snapshot

FIELDS = ("date", "nature", "duration_minutes", "barrier", "modality", "speaker")


@transaction.atomic
def accompaniment_save(
    *, request, role: str, person, action: AccompanimentAction | None = None, **fields
) -> AccompanimentAction:
    before = snapshot(action) if action else None
    action = action or AccompanimentAction(person=person, author=request.user if request else None)
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(name)
        setattr(action, name, value)
    return audited_save(
        request=request, role=role, structure=person.structure, obj=action, before=before
    )


@transaction.atomic
def accompaniment_delete(*, request, role: str, action: AccompanimentAction) -> None:
    audited_delete(request=request, role=role, structure=action.person.structure, obj=action)
