from django.core.paginator import Paginator
from django.views.generic import TemplateView

from jalons.audit.models import AuditAction
from jalons.audit.selectors import audit_entries_for_structure
from jalons.web.mixins import StructureAccessMixin


class StructureLogView(StructureAccessMixin, TemplateView):
    permission = "journal.voir"
    template_name = "audit/structure_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.request.GET.get("action", "")
        if action not in AuditAction.values:
            action = ""
        query = self.request.GET.get("q", "").strip()[:100]
        entries = audit_entries_for_structure(structure=self.structure, action=action, query=query)
        page = Paginator(entries, 50).get_page(self.request.GET.get("page"))
        context.update(page=page, actions=AuditAction.choices, action=action, query=query)
        return context
