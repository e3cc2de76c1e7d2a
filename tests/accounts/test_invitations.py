import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jalons.accounts.models import Invitation, Role, StructureMembership
from jalons.audit.models import AuditAction, AuditEntry
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def invite(client, structure, email, role="cip"):
    return client.post(
        reverse("structures:members", args=[structure.pk]), {"email": email, "role": role}
    )


def invitation_link(message) -> str:
    return re.search(r"https?://[^/]+(/invitations/\S+/)", message.body).group(1)


def test_the_direction_invites_a_new_person_who_creates_an_account(client, sign_in):
    direction = MembershipFactory()
    sign_in(direction.user)
    response = invite(client, direction.structure, "Nouvelle.CIP@Exemple.org")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert direction.structure.name in mail.outbox[0].subject
    link = invitation_link(mail.outbox[0])
    client.post(reverse("accounts:logout"))

    page = client.get(link).content.decode()
    assert "Créer votre compte" in page and "Conseiller·ère en insertion (CIP)" in page
    mismatch = client.post(
        link,
        {
            "first_name": "Inès",
            "last_name": "Roux",
            "password1": "Un-Secret-Solide-1",
            "password2": "Un-Secret-Solide-2",
        },
    )
    assert "Les deux mots de passe ne sont pas identiques." in mismatch.content.decode()
    assert not StructureMembership.objects.filter(user__email="nouvelle.cip@exemple.org").exists()
    response = client.post(
        link,
        {
            "first_name": "Inès",
            "last_name": "Roux",
            "password1": "Un-Secret-Solide-1",
            "password2": "Un-Secret-Solide-1",
        },
    )
    assert response["Location"] == reverse("structures:home", args=[direction.structure.pk])
    membership = StructureMembership.objects.get(user__email="nouvelle.cip@exemple.org")
    assert membership.role == Role.CIP
    assert client.get(link).status_code == 410  # used once


def test_an_existing_user_signs_in_then_accepts(client, sign_in):
    direction = MembershipFactory()
    other = MembershipFactory()  # already has an account elsewhere
    sign_in(direction.user)
    invite(client, direction.structure, other.user.email, role="lecture")
    link = invitation_link(mail.outbox[0])
    client.post(reverse("accounts:logout"))
    page = client.get(link).content.decode()
    assert "Un compte existe déjà" in page
    sign_in(other.user)
    response = client.post(link)
    assert response.status_code == 302
    assert (
        StructureMembership.objects.get(user=other.user, structure=direction.structure).role
        == "lecture"
    )


def test_an_invitation_cannot_be_accepted_by_another_account(client, sign_in):
    direction = MembershipFactory()
    sign_in(direction.user)
    invite(client, direction.structure, "quelquun@exemple.org")
    link = invitation_link(mail.outbox[0])
    client.post(reverse("accounts:logout"))
    intruder = UserFactory()
    sign_in(intruder)
    assert "alors que l'invitation a été envoyée à" in client.get(link).content.decode()
    client.post(link)
    assert not StructureMembership.objects.filter(
        user=intruder, structure=direction.structure
    ).exists()


def test_expired_cancelled_or_forged_links_are_refused_in_french(client, sign_in):
    direction = MembershipFactory()
    sign_in(direction.user)
    invite(client, direction.structure, "a@exemple.org")
    link = invitation_link(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.post(reverse("accounts:logout"))
    assert "Elle a expiré" in client.get(link).content.decode()
    assert "Le lien est incomplet" in client.get("/invitations/faux-jeton/").content.decode()


def test_inviting_a_current_member_or_a_bad_address_is_refused_beside_the_field(client, sign_in):
    direction = MembershipFactory()
    member = MembershipFactory(structure=direction.structure, cip=True)
    sign_in(direction.user)
    html = invite(client, direction.structure, member.user.email).content.decode()
    assert "fait déjà partie de la structure" in html
    html = invite(client, direction.structure, "pas-une-adresse").content.decode()
    assert "Saisissez une adresse e-mail valide" in html
    assert Invitation.objects.count() == 0


def test_the_direction_cancels_a_pending_invitation(client, sign_in):
    direction = MembershipFactory()
    sign_in(direction.user)
    invite(client, direction.structure, "b@exemple.org")
    invitation = Invitation.objects.get()
    client.post(
        reverse("structures:invitation_cancel", args=[direction.structure.pk, invitation.pk])
    )
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert "annulée" in client.get(invitation_link(mail.outbox[0])).content.decode()


def test_a_cip_cannot_invite_or_manage_the_team(client, sign_in):
    cip = MembershipFactory(cip=True)
    sign_in(cip.user)
    assert invite(client, cip.structure, "c@exemple.org").status_code == 403
    assert client.get(reverse("structures:members", args=[cip.structure.pk])).status_code == 403
    assert Invitation.objects.count() == 0


def test_roles_change_and_the_last_direction_stays(client, sign_in):
    direction = MembershipFactory()
    cip = MembershipFactory(structure=direction.structure, cip=True)
    sign_in(direction.user)
    url = reverse("structures:membership_edit", args=[direction.structure.pk, cip.pk])
    client.post(url, {"role": "encadrant"})
    cip.refresh_from_db()
    assert cip.role == "encadrant"
    own = reverse("structures:membership_edit", args=[direction.structure.pk, direction.pk])
    html = client.post(own, {"role": "lecture"}).content.decode()
    assert "au moins une personne avec le rôle Direction" in html
    direction.refresh_from_db()
    assert direction.role == "direction"
    remove = reverse("structures:membership_remove", args=[direction.structure.pk, direction.pk])
    client.post(remove)
    assert StructureMembership.objects.filter(pk=direction.pk).exists()
    client.post(reverse("structures:membership_remove", args=[direction.structure.pk, cip.pk]))
    assert not StructureMembership.objects.filter(pk=cip.pk).exists()
    actions = set(
        AuditEntry.objects.filter(structure=direction.structure).values_list("action", flat=True)
    )
    assert {AuditAction.UPDATE, AuditAction.DELETE} <= actions
