"""The person's documents page: another structure's user is refused (404) and nothing
of the person is journalled for them; the structure's own CIP reads it, journalled."""

import pytest
from django.urls import reverse

from jalons.audit.models import AuditEntry
from tests.factories import MembershipFactory
from tests.parcours.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_another_structure_cannot_open_the_documents_of_a_person(client):
    own = MembershipFactory(cip=True)
    person = PersonFactory(structure=own.structure)
    stranger = MembershipFactory(role="direction")  # direction of another structure
    url = reverse("documents:person", args=[own.structure.pk, person.pk])
    client.force_login(stranger.user)
    assert client.get(url).status_code in (403, 404)
    other = reverse("documents:person", args=[stranger.structure.pk, person.pk])
    assert client.get(other).status_code == 404  # the person is not in their structure
    assert not AuditEntry.objects.filter(user=stranger.user, object_id=str(person.pk)).exists()
    client.force_login(own.user)
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.get(user=own.user, action="consultation", object_id=str(person.pk))
    assert entry.structure == own.structure and entry.role == "cip"
