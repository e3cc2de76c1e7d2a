"""Access control in one place.

Every view that shows or changes a structure's data obtains the structure through
``get_structure`` (or the querysets of this module), which knows the user's
memberships. Objects of a structure are then read by selectors that take that
structure as argument. Views never filter by hand.

Refusals: a structure the user has no membership in is "not found" (404), so its
existence is not revealed; a membership whose role lacks the permission is
"forbidden" (403).

The structures, networks and DDETS are reached through the user's memberships (their
foreign keys), never imported: accounts sits below structures (docs/architecture.md).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalons.accounts.models import (
    DdetsMembership,
    NetworkMembership,
    Role,
    StructureMembership,
)

ALL_ROLES = frozenset(Role.values)

# Which structure roles may do what. One table, read by views and templates.
PERMISSIONS: dict[str, frozenset[str]] = {
    "structure.voir": ALL_ROLES,
    "structure.modifier": frozenset({Role.DIRECTION}),
    "annexes.modifier": frozenset({Role.DIRECTION}),
    "membres.gerer": frozenset({Role.DIRECTION}),
    "journal.voir": frozenset({Role.DIRECTION}),
    "personnes.voir": ALL_ROLES,
    "personnes.modifier": frozenset({Role.DIRECTION, Role.CIP}),
    # Health, justice, RQTH, NIR: only the roles that accompany the person.
    "donnees_sensibles.voir": frozenset({Role.DIRECTION, Role.CIP}),
    "clients.voir": ALL_ROLES,
    "clients.modifier": frozenset({Role.DIRECTION, Role.CIP}),
    "import.executer": frozenset({Role.DIRECTION}),
    "indicateurs.voir": frozenset({Role.DIRECTION, Role.CIP, Role.LECTURE}),
    "competences.evaluer": frozenset({Role.DIRECTION, Role.CIP, Role.ENCADRANT}),
    # Offre de Services: the whole team writes it, the direction commits the structure.
    "offre.voir": ALL_ROLES,
    "offre.modifier": frozenset({Role.DIRECTION, Role.CIP, Role.ENCADRANT}),
    "offre.soumettre": frozenset({Role.DIRECTION}),  # submit, objectives, share models
    # Observatory: the structure's own figures and position; consent is the direction's.
    "observatoire.voir": frozenset({Role.DIRECTION, Role.CIP, Role.LECTURE}),
    "observatoire.consentir": frozenset({Role.DIRECTION}),
}


def role_allows(role: str | None, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise ValueError(f"Unknown permission: {permission}")
    return role is not None and role in PERMISSIONS[permission]


@dataclass
class Access:
    """What one signed-in user can reach, computed once per request."""

    user: object
    structure_roles: dict[int, str] = field(default_factory=dict)
    network_ids: frozenset[int] = frozenset()
    ddets_ids: frozenset[int] = frozenset()

    @classmethod
    def for_user(cls, user) -> "Access":
        if user is None or not user.is_authenticated or not user.is_active:
            return cls(user=user)
        return cls(
            user=user,
            structure_roles=dict(
                StructureMembership.objects.filter(user=user).values_list("structure_id", "role")
            ),
            network_ids=frozenset(
                NetworkMembership.objects.filter(user=user).values_list("network_id", flat=True)
            ),
            ddets_ids=frozenset(
                DdetsMembership.objects.filter(user=user).values_list("ddets_id", flat=True)
            ),
        )

    def role_in(self, structure) -> str | None:
        structure_id = getattr(structure, "pk", structure)
        return self.structure_roles.get(structure_id)

    def can(self, permission: str, structure) -> bool:
        return role_allows(self.role_in(structure), permission)

    @cached_property
    def structures(self) -> list:
        """The user's structures, by name."""
        if not self.structure_roles:
            return []
        memberships = (
            StructureMembership.objects.filter(
                user=self.user, structure_id__in=self.structure_roles
            )
            .select_related("structure__departement", "structure__organisation")
            .order_by("structure__name")
        )
        return [membership.structure for membership in memberships]

    @cached_property
    def networks(self) -> list:
        if not self.network_ids:
            return []
        memberships = (
            NetworkMembership.objects.filter(user=self.user, network_id__in=self.network_ids)
            .select_related("network")
            .order_by("network__name")
        )
        return [membership.network for membership in memberships]

    @cached_property
    def ddets_units(self) -> list:
        if not self.ddets_ids:
            return []
        memberships = (
            DdetsMembership.objects.filter(user=self.user, ddets_id__in=self.ddets_ids)
            .select_related("ddets")
            .order_by("ddets__name")
        )
        return [membership.ddets for membership in memberships]

    @property
    def has_any_space(self) -> bool:
        return bool(self.structure_roles or self.network_ids or self.ddets_ids)


def access_for(request) -> Access:
    cached = getattr(request, "_jalons_access", None)
    if cached is None or cached.user is not request.user:
        cached = Access.for_user(request.user)
        request._jalons_access = cached
    return cached


def get_structure(request, structure_id: int, permission: str) -> tuple[object, str]:
    """The structure (``jalons.structures.models.Structure``) and the user's role in it,
    or a refusal."""
    access = access_for(request)
    role = access.role_in(structure_id)
    if role is None:
        raise Http404("Structure introuvable.")
    if not role_allows(role, permission):
        raise PermissionDenied("Votre rôle ne permet pas cette action.")
    membership = (
        StructureMembership.objects.select_related(
            "structure__organisation", "structure__departement__region"
        )
        .prefetch_related("structure__networks")
        .get(user=request.user, structure_id=structure_id)
    )
    return membership.structure, role


def get_network(request, network_id: int):
    """The network (``jalons.structures.models.Network``), or « introuvable »."""
    if network_id not in access_for(request).network_ids:
        raise Http404("Réseau introuvable.")
    membership = NetworkMembership.objects.select_related("network").get(
        user=request.user, network_id=network_id
    )
    return membership.network


def get_ddets(request, ddets_id: int) -> tuple[object, list]:
    """The DDETS unit and the départements this agent follows in it."""
    if ddets_id not in access_for(request).ddets_ids:
        raise Http404("DDETS introuvable.")
    membership = DdetsMembership.objects.select_related("ddets").get(
        user=request.user, ddets_id=ddets_id
    )
    return membership.ddets, list(membership.departements.order_by("code"))
