"""Writes for accounts: sign-in with lock-out, invitations, memberships."""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from jalons.accounts.models import Invitation, Role, SignInAttempt, StructureMembership, User
from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record, client_ip


class SignInError(Exception):
    def __init__(self, message: str, *, locked: bool = False):
        super().__init__(message)
        self.message = message
        self.locked = locked


@dataclass(frozen=True)
class LockState:
    locked: bool
    until: object | None = None


def _normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def sign_in_lock_state(*, email: str) -> LockState:
    email = _normalize_email(email)
    window = timedelta(minutes=settings.JALONS_LOCKOUT_MINUTES)
    since = timezone.now() - window
    last_success = (
        SignInAttempt.objects.filter(email=email, succeeded=True)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    if last_success and last_success > since:
        since = last_success
    failures = list(
        SignInAttempt.objects.filter(email=email, succeeded=False, at__gt=since)
        .order_by("-at")
        .values_list("at", flat=True)[: settings.JALONS_LOCKOUT_FAILURES]
    )
    if len(failures) >= settings.JALONS_LOCKOUT_FAILURES:
        return LockState(locked=True, until=failures[0] + window)
    return LockState(locked=False)


def _locked_message(until) -> str:
    local = timezone.localtime(until)
    return (
        "Trop de tentatives de connexion ont échoué : ce compte est verrouillé jusqu'à "
        f"{local:%H:%M}. Réessayez plus tard, ou choisissez un nouveau mot de passe avec "
        "« Mot de passe oublié ? »."
    )


def user_sign_in(*, request, email: str, password: str) -> User:
    """Sign a user in, or raise SignInError with a French message."""
    email = _normalize_email(email)
    state = sign_in_lock_state(email=email)
    if state.locked:
        raise SignInError(_locked_message(state.until), locked=True)
    user = authenticate(request, username=email, password=password)
    ip = client_ip(request)
    if user is None:
        SignInAttempt.objects.create(email=email, ip=ip, succeeded=False)
        known = User.objects.filter(email=email).first()
        actor = Actor(user=known, ip=ip)  # the account tried, if it exists
        audit_record(action=AuditAction.SIGN_IN_FAILED, actor=actor, user_email=email)
        state = sign_in_lock_state(email=email)
        if state.locked:
            audit_record(action=AuditAction.LOCKED_OUT, actor=actor, user_email=email)
            raise SignInError(_locked_message(state.until), locked=True)
        raise SignInError(
            "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie "
            "(les majuscules comptent)."
        )
    SignInAttempt.objects.create(email=email, ip=ip, succeeded=True)
    login(request, user)
    audit_record(action=AuditAction.SIGN_IN, actor=Actor(user=user, ip=ip))
    return user


def user_password_reset_done(*, actor, user: User) -> None:
    """A successful reset unlocks the account and is audited (``actor``: the visitor
    who followed the link, now known as ``user``)."""
    SignInAttempt.objects.create(email=user.email, ip=actor.ip, succeeded=True)
    audit_record(action=AuditAction.PASSWORD, actor=replace(actor, user=user))


# Invitations ---------------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *, actor, structure, email: str, role: str, absolute_url: Callable[[str], str]
) -> Invitation:
    """Invite ``email`` into ``structure``; ``absolute_url`` turns the link's path into
    the address sent (``request.build_absolute_uri`` on the page)."""
    invited_by = actor.user
    email = _normalize_email(email)
    if role not in Role.values:
        raise ValidationError({"role": "Choisissez un rôle dans la liste."})
    if StructureMembership.objects.filter(structure=structure, user__email=email).exists():
        raise ValidationError({"email": "Cette personne fait déjà partie de la structure."})
    now = timezone.now()
    Invitation.objects.filter(
        structure=structure, email=email, accepted_at=None, cancelled_at=None
    ).update(cancelled_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        structure=structure,
        email=email,
        role=role,
        token_hash=_hash_token(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.JALONS_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    link = absolute_url(reverse("accounts:invitation", args=[token]))
    context = {"invitation": invitation, "link": link, "invited_by": invited_by}
    send_mail(
        subject=f"Invitation à rejoindre {structure.name} sur Jalons",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    audit_record(
        action=AuditAction.INVITE,
        actor=actor,
        structure=structure,
        obj=invitation,
        changes={"email": email, "rôle": invitation.get_role_display()},
    )
    return invitation


def invitation_from_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("structure").filter(token_hash=_hash_token(token)).first()
    )


@transaction.atomic
def invitation_accept(*, actor, invitation: Invitation, user: User) -> StructureMembership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError("Cette invitation n'est plus valable.")
    if user.email != invitation.email:
        raise ValidationError(
            "Cette invitation a été envoyée à une autre adresse e-mail que la vôtre."
        )
    membership, _ = StructureMembership.objects.get_or_create(
        user=user, structure=invitation.structure, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        action=AuditAction.CREATE,
        actor=replace(actor, user=user, role=membership.role),
        structure=invitation.structure,
        obj=membership,
        changes={"invitation": "acceptée"},
    )
    return membership


@transaction.atomic
def invitation_accept_new_user(
    *, actor, invitation: Invitation, first_name: str, last_name: str, password: str
) -> User:
    if User.objects.filter(email=invitation.email).exists():
        raise ValidationError("Un compte existe déjà pour cette adresse : connectez-vous.")
    user = User.objects.create_user(
        email=invitation.email, password=password, first_name=first_name, last_name=last_name
    )
    invitation_accept(actor=actor, invitation=invitation, user=user)
    return user


@transaction.atomic
def invitation_cancel(*, actor, invitation: Invitation) -> None:
    if not invitation.is_pending:
        raise ValidationError("Cette invitation n'est plus en attente.")
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    audit_record(
        action=AuditAction.DELETE,
        actor=actor,
        structure=invitation.structure,
        obj=invitation,
        changes={"invitation": "annulée"},
    )


# Memberships ---------------------------------------------------------------


def _directions_left(structure, excluding: StructureMembership) -> int:
    return (
        StructureMembership.objects.filter(structure=structure, role=Role.DIRECTION)
        .exclude(pk=excluding.pk)
        .count()
    )


@transaction.atomic
def membership_update_role(*, actor, membership: StructureMembership, role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": "Choisissez un rôle dans la liste."})
    if (
        membership.role == Role.DIRECTION
        and role != Role.DIRECTION
        and not _directions_left(membership.structure, membership)
    ):
        raise ValidationError(
            {"role": "La structure doit garder au moins une personne avec le rôle Direction."}
        )
    before = membership.get_role_display()
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        structure=membership.structure,
        obj=membership,
        changes={"rôle": [before, membership.get_role_display()]},
    )


@transaction.atomic
def membership_remove(*, actor, membership: StructureMembership) -> None:
    if membership.role == Role.DIRECTION and not _directions_left(membership.structure, membership):
        raise ValidationError("Impossible de retirer la dernière personne avec le rôle Direction.")
    audit_record(
        action=AuditAction.DELETE,
        actor=actor,
        structure=membership.structure,
        obj=membership,
    )
    membership.delete()
