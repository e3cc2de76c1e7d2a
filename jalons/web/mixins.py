from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError

from jalons.accounts.access import get_structure
from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record
from jalons.web.context_processors import CURRENT_STRUCTURE_KEY


class StructureAccessMixin(LoginRequiredMixin):
    """Resolves ``self.structure`` and ``self.role`` through the access module."""

    permission = "structure.voir"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.structure, self.role = get_structure(request, kwargs["structure_id"], self.permission)
        request.session[CURRENT_STRUCTURE_KEY] = self.structure.pk
        return super().dispatch(request, *args, **kwargs)

    def audit_view(self, obj=None):
        audit_record(
            action=AuditAction.VIEW,
            request=self.request,
            structure=self.structure,
            obj=obj if obj is not None else self.structure,
            role=self.role,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(structure=self.structure, role=self.role)
        return context


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's validation error beside the right field, or at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)
