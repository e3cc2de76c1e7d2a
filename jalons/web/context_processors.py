from django.conf import settings
from django.utils.functional import SimpleLazyObject

from jalons.accounts.access import PERMISSIONS, access_for, role_allows
from jalons.accounts.models import Role

CURRENT_STRUCTURE_KEY = "structure_courante"


def current_structure_id(request) -> int | None:
    """The structure shown in the URL, else the one chosen last, if still a member."""
    access = access_for(request)
    match = getattr(request, "resolver_match", None)
    candidates = []
    if match and "structure_id" in match.kwargs:
        candidates.append(match.kwargs["structure_id"])
    if hasattr(request, "session"):
        candidates.append(request.session.get(CURRENT_STRUCTURE_KEY))
    for candidate in candidates:
        if candidate is not None and access.role_in(int(candidate)):
            return int(candidate)
    if len(access.structure_roles) == 1:
        return next(iter(access.structure_roles))
    return None


def _navigation(request) -> dict:
    access = access_for(request)
    structure_id = current_structure_id(request)
    role = access.role_in(structure_id) if structure_id else None
    current = None
    if structure_id:
        current = next((s for s in access.structures if s.pk == structure_id), None)
    return {
        "access": access,
        "current_structure": current,
        "current_role": role,
        "current_role_label": Role(role).label if role else "",
        "can": {p.replace(".", "_"): role_allows(role, p) for p in PERMISSIONS} if role else {},
    }


def navigation(request):
    if not request.user.is_authenticated:
        return {"jalons_demo": settings.DEMO}
    nav = SimpleLazyObject(lambda: _navigation(request))
    return {"nav": nav, "jalons_demo": settings.DEMO}
