"""The author of a journal entry: a signed-in user, or the command that ran it; the
journal page shows which."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction, AuditEntry
from jalons.audit.services import AuditItem, audit_record, audit_records
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_an_actor_from_a_page_carries_the_user_the_role_and_the_address():
    member = MembershipFactory(cip=True)
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    request.user = member.user
    actor = Actor.from_request(request, role="cip", structure=member.structure)
    assert (actor.user, actor.role, actor.ip) == (member.user, "cip", "192.0.2.7")
    assert actor.author == member.user.email
    request.user = AnonymousUser()
    assert Actor.from_request(request).user is None


def test_a_command_is_the_author_of_what_it_writes(client):
    member = MembershipFactory()
    actor = Actor.from_command("jalons importer")
    one = audit_record(action=AuditAction.CREATE, actor=actor, structure=member.structure)
    [many] = audit_records(
        [AuditItem(action=AuditAction.UPDATE, structure=member.structure)], actor=actor
    )
    for entry in (one, many):
        entry.refresh_from_db()
        assert entry.user is None and entry.role == "ligne de commande"
        assert entry.command.startswith("jalons importer (compte système ")
    client.force_login(member.user)
    page = client.get(reverse("audit:structure_log", args=[member.structure.pk])).content.decode()
    assert "Ligne de commande : jalons importer (compte système " in page
    assert AuditEntry.objects.filter(command="").count() == 0
