from django.db.models import Q

from jalons.audit.models import AuditEntry


def audit_entries_for_structure(*, structure, action: str = "", query: str = ""):
    entries = AuditEntry.objects.filter(structure=structure)
    if action:
        entries = entries.filter(action=action)
    if query:
        entries = entries.filter(Q(user_email__icontains=query) | Q(object_repr__icontains=query))
    return entries.order_by("-at", "-id")
