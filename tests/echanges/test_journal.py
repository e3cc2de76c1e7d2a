"""The journal of an import goes through the audit service: ``audit_records`` writes
in one go the entries ``audit_record`` would write one by one."""

import pytest

from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction, AuditEntry
from jalons.audit.services import AuditItem, audit_record, audit_records
from jalons.echanges.services import folder_import
from tests.echanges.factories import PersonFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COMPARED = (
    "user_id",
    "user_email",
    "role",
    "structure_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "ip",
)


def values(entry):
    entry.refresh_from_db()
    return {name: getattr(entry, name) for name in COMPARED}


def test_audit_records_writes_what_audit_record_writes():
    actor = Actor(user=UserFactory(email="cip@example.org"), role="cip", ip="192.0.2.7")
    person = PersonFactory()
    arguments = {
        "action": AuditAction.UPDATE,
        "structure": person.structure,
        "obj": person,
        "object_repr": "x" * 300,
        "changes": {"nom": ["A", "B"]},
    }
    one = audit_record(actor=actor, **arguments)
    (bulk,) = audit_records([AuditItem(**arguments)], actor=actor)
    assert values(bulk) == values(one)
    assert len(one.object_repr) == 250 and one.ip == "192.0.2.7"


def test_an_entry_can_name_an_object_by_its_number_only():
    person = PersonFactory()
    (entry,) = audit_records(
        [AuditItem(action=AuditAction.CREATE, structure=person.structure, object_id="42")],
        actor=Actor(),
    )
    assert values(entry) | {"structure_id": None} == {
        "user_id": None,
        "user_email": "",
        "role": "",
        "structure_id": None,
        "action": "creation",
        "object_type": "",
        "object_id": "42",
        "object_repr": "",
        "changes": {},
        "ip": None,
    }


def test_an_import_logs_through_the_audit_service(generated, monkeypatch):
    from jalons.echanges import journal

    calls = []
    original = journal.audit_records

    def spy(items, **kwargs):
        calls.append(len(items))
        return original(items, **kwargs)

    monkeypatch.setattr(journal, "audit_records", spy)
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    assert calls == [AuditEntry.objects.count()]
    entry = AuditEntry.objects.filter(object_type="Import").first()
    assert entry.object_repr == "Import du dossier « genere »"
    assert entry.changes["Parcours"] == [entry.changes["Parcours"][0]]
