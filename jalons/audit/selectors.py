from django.db.models import Q

from jalons.audit.models import AuditEntry
from jalons.audit.search import Fold, search_words


def audit_entries_for_structure(*, structure, action: str = "", query: str = ""):
    """The structure's journal; ``query`` finds every word in the user or the object,
    ignoring accents and case like the search of people (« traore » finds « Traoré »)."""
    entries = AuditEntry.objects.filter(structure=structure)
    if action:
        entries = entries.filter(action=action)
    words = search_words(query)
    if words:
        entries = entries.annotate(folded_email=Fold("user_email"), folded_repr=Fold("object_repr"))
        for word in words:
            entries = entries.filter(Q(folded_email__contains=word) | Q(folded_repr__contains=word))
    return entries.order_by("-at", "-id")
