import pytest
from django.urls import reverse

from jalons.audit.models import AuditAction, AuditEntry
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_direction_reads_who_viewed_what_with_which_role(client, sign_in):
    direction = MembershipFactory()
    cip = MembershipFactory(structure=direction.structure, cip=True)
    other = MembershipFactory()
    sign_in(cip.user)
    client.get(reverse("structures:home", args=[direction.structure.pk]))
    client.post(reverse("accounts:logout"))
    sign_in(other.user)
    client.get(reverse("structures:home", args=[other.structure.pk]))
    client.post(reverse("accounts:logout"))

    sign_in(direction.user)
    url = reverse("audit:structure_log", args=[direction.structure.pk])
    html = client.get(url).content.decode()
    assert cip.user.email in html and "Consultation" in html
    assert "Conseiller·ère en insertion (CIP)" in html
    assert other.user.email not in html  # another structure's log stays there
    filtered = client.get(url, {"action": AuditAction.UPDATE}).content.decode()
    assert "Aucune entrée ne correspond." in filtered
    assert client.get(url, {"action": "n'importe quoi", "page": "x"}).status_code == 200


def test_audit_entries_cannot_be_changed_from_the_admin(client):
    from jalons.audit.admin import AuditEntryAdmin

    admin = AuditEntryAdmin(AuditEntry, None)
    assert not admin.has_change_permission(None)
    assert not admin.has_delete_permission(None)
    assert not admin.has_add_permission(None)


def test_the_journal_search_ignores_accents_and_case():
    from jalons.audit.selectors import audit_entries_for_structure

    direction = MembershipFactory()
    structure = direction.structure
    for name in ("Aminata Traoré", "Élodie Lefèvre", "Paul Durand"):
        AuditEntry.objects.create(
            structure=structure, action=AuditAction.VIEW, object_type="personne", object_repr=name
        )
    AuditEntry.objects.create(
        structure=MembershipFactory().structure, action=AuditAction.VIEW, object_repr="Awa Traore"
    )

    def found(query):
        entries = audit_entries_for_structure(structure=structure, query=query)
        return sorted(e.object_repr for e in entries)

    assert found("traore") == ["Aminata Traoré"]
    assert found("ELODIE lefevre") == ["Élodie Lefèvre"]
    assert found("durand élodie") == []
    assert len(found("")) == 3
