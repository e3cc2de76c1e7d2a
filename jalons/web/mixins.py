from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from jalons.accounts.access import get_structure
from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record
from jalons.web.context_processors import CURRENT_STRUCTURE_KEY
from jalons.web.forms import ConfirmForm


class StructureAccessMixin(LoginRequiredMixin):
    """Resolves ``self.structure`` and ``self.role`` through the access module."""

    permission = "structure.voir"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.structure, self.role = get_structure(request, kwargs["structure_id"], self.permission)
        # Who acts on this page: what the services and the journal receive.
        self.actor = Actor.from_request(request, role=self.role, structure=self.structure)
        request.session[CURRENT_STRUCTURE_KEY] = self.structure.pk
        return super().dispatch(request, *args, **kwargs)

    def audit_view(self, obj=None):
        audit_record(
            action=AuditAction.VIEW,
            actor=self.actor,
            structure=self.structure,
            obj=obj if obj is not None else self.structure,
        )

    def found(self, label: str, fetch, *, keep: str = ""):
        """``fetch()``: a record of this structure (its selector filters by structure),
        or the page « {label} introuvable » (404). With ``keep``, fetched once per
        request and kept under that attribute."""
        if keep and hasattr(self, keep):
            return getattr(self, keep)
        try:
            value = fetch()
        except ObjectDoesNotExist as missing:
            raise Http404(f"{label} introuvable.") from missing
        if keep:
            setattr(self, keep, value)
        return value

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


class ServiceFormView(StructureAccessMixin, TemplateView):
    """A page with one form whose valid data is handed to a service.

    Subclasses set ``form_class``, ``title`` and implement ``save(form)`` (calling a
    service) and ``get_success_url()``. A service's ValidationError is shown beside
    the fields; nothing is written half-way (services are atomic).
    """

    template_name = "web/form_page.html"
    form_class = None
    title = ""
    submit_label = "Enregistrer"
    success_message = "Enregistré."

    def get_form_kwargs(self) -> dict:
        return {}

    def get_initial(self) -> dict:
        return {}

    def get_form(self, data=None):
        return self.form_class(data, initial=self.get_initial(), **self.get_form_kwargs())

    def get_cancel_url(self) -> str:
        return self.get_success_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context.update(
            title=self.title,
            submit_label=self.submit_label,
            cancel_url=self.get_cancel_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                self.save(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form))

    def save(self, form):  # pragma: no cover - abstract
        raise NotImplementedError


class ConfirmDeletionMixin:
    """The page before a deletion: no field, one button, and what goes with it
    (``lead``); the subclass's ``save`` calls the service that deletes."""

    lead = "La suppression est définitive et inscrite au journal."

    def get_form(self, data=None):
        return ConfirmForm(data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = self.lead
        return context
