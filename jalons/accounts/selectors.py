"""Reads for accounts; callers pass a structure obtained through ``access``."""

from jalons.accounts.models import Invitation, StructureMembership


def memberships_of(*, structure):
    return (
        StructureMembership.objects.filter(structure=structure)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def membership_of(*, structure, membership_id: int) -> StructureMembership | None:
    return memberships_of(structure=structure).filter(pk=membership_id).first()


def invitations_of(*, structure):
    return Invitation.objects.filter(structure=structure).select_related("invited_by")
