"""The network staff's pages: model sections and tools, proposals of member structures."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from jalons.accounts.access import get_network
from jalons.audit.actor import Actor
from jalons.offre.forms import NetworkTemplateForm
from jalons.offre.models import NetworkTemplate, TemplateStatus
from jalons.offre.selectors import model_of_network, models_of_network
from jalons.offre.services_models import NETWORK_ROLE, model_delete, model_save, model_set_status
from jalons.offre.views_history import model_download
from jalons.web.mixins import add_service_errors


class NetworkMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.network = get_network(request, kwargs["network_id"])
        self.actor = Actor.from_request(request, role=NETWORK_ROLE)
        return super().dispatch(request, *args, **kwargs)

    def get_model(self) -> NetworkTemplate:
        try:
            return model_of_network(network=self.network, model_id=self.kwargs["model_id"])
        except NetworkTemplate.DoesNotExist:
            raise Http404("Modèle introuvable.") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        return context


class NetworkTemplatesView(NetworkMixin, TemplateView):
    template_name = "offre/network_models.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        models = list(models_of_network(network=self.network))
        context.update(
            proposals=[m for m in models if m.status == TemplateStatus.PROPOSED],
            models=[m for m in models if m.status != TemplateStatus.PROPOSED],
        )
        return context


class NetworkTemplateEditView(NetworkMixin, TemplateView):
    """Create (no model_id) or edit a model; publish, unpublish or delete it."""

    template_name = "offre/network_model_edit.html"

    def current(self):
        return self.get_model() if "model_id" in self.kwargs else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = self.current()
        if "form" not in context:
            initial = (
                {
                    "kind": model.kind,
                    "title": model.title,
                    "section_key": model.section_key,
                    "text": model.text,
                }
                if model
                else {}
            )
            context["form"] = NetworkTemplateForm(initial=initial)
        context["model"] = model
        return context

    def post(self, request, *args, **kwargs):
        model = self.current()
        action = request.POST.get("action", "enregistrer")
        if model is not None and action in ("publier", "retirer"):
            model_set_status(actor=self.actor, model=model, published=action == "publier")
            messages.success(
                request,
                f"« {model.title} » est publié : les structures du réseau le voient."
                if action == "publier"
                else f"« {model.title} » n'est plus publié.",
            )
            return redirect("offre:network_models", self.network.pk)
        if model is not None and action == "supprimer":
            model_delete(actor=self.actor, model=model)
            messages.success(request, f"« {model.title} » supprimé.")
            return redirect("offre:network_models", self.network.pk)
        form = NetworkTemplateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                saved = model_save(
                    actor=self.actor,
                    network=self.network,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    section_key=form.cleaned_data["section_key"],
                    text=form.cleaned_data["text"],
                    upload=form.cleaned_data["file"],
                    model=model,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"« {saved.title} » enregistré.")
                return redirect("offre:network_models", self.network.pk)
        return self.render_to_response(self.get_context_data(form=form))


class NetworkTemplateFileView(NetworkMixin, View):
    def get(self, request, *args, **kwargs):
        return model_download(self.get_model())
