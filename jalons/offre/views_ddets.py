"""The DDETS agent's pages: submitted dossiers of its départements, comments, decision."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from jalons.accounts.access import get_ddets
from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record
from jalons.offre.builder import build_document
from jalons.offre.forms import DdetsCommentForm, DdetsDecisionForm
from jalons.offre.models import OffreDeServices, OffreStatus
from jalons.offre.selectors import comments_of, offre_for_departements, offres_for_departements
from jalons.offre.services_ddets import (
    DDETS_ROLE,
    author_label,
    comment_add,
    offre_send_back,
    offre_validate,
)
from jalons.web.mixins import add_service_errors


class DdetsMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.ddets, self.departements = get_ddets(request, kwargs["ddets_id"])
        self.actor = Actor.from_request(request, role=DDETS_ROLE)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(ddets=self.ddets, departements=self.departements)
        return context


class DdetsOffresView(DdetsMixin, TemplateView):
    template_name = "offre/ddets_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offres"] = offres_for_departements(departements=self.departements)
        return context


class DdetsOffreView(DdetsMixin, TemplateView):
    template_name = "offre/ddets_detail.html"

    def get_offre(self) -> OffreDeServices:
        try:
            return offre_for_departements(
                departements=self.departements, offre_id=self.kwargs["offre_id"]
            )
        except OffreDeServices.DoesNotExist:
            raise Http404("Offre de services introuvable.") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offre = self.get_offre()
        if self.request.method == "GET":
            audit_record(
                action=AuditAction.VIEW,
                actor=self.actor,
                structure=offre.structure,
                obj=offre,
                object_type="offre de services",
                object_repr=str(offre),
            )
        context.update(
            offre=offre,
            structure=offre.structure,
            document=build_document(offre),
            comments=comments_of(offre=offre),
            comment_form=context.get("comment_form") or DdetsCommentForm(kind=offre.structure.kind),
            decision_form=context.get("decision_form") or DdetsDecisionForm(),
            can_decide=offre.status == OffreStatus.SUBMITTED,
        )
        return context

    def post(self, request, *args, **kwargs):
        offre = self.get_offre()
        author = author_label(user=request.user, ddets=self.ddets)
        action = request.POST.get("action", "")
        if action == "commenter":
            form = DdetsCommentForm(request.POST, kind=offre.structure.kind)
            if form.is_valid():
                try:
                    comment_add(
                        actor=self.actor,
                        offre=offre,
                        text=form.cleaned_data["text"],
                        author=author,
                        section_key=form.cleaned_data["section_key"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request, "Commentaire enregistré : la structure le voit sur son offre."
                    )
                    return redirect("offre:ddets_detail", self.ddets.pk, offre.pk)
            return self.render_to_response(self.get_context_data(comment_form=form))
        if action in ("valider", "completer"):
            form = DdetsDecisionForm(request.POST)
            if form.is_valid():
                try:
                    if action == "valider":
                        offre_validate(
                            actor=self.actor,
                            offre=offre,
                            author=author,
                            text=form.cleaned_data["text"],
                        )
                        messages.success(
                            request,
                            f"Offre de services {offre.year} de {offre.structure.name} validée.",
                        )
                    else:
                        offre_send_back(
                            actor=self.actor,
                            offre=offre,
                            author=author,
                            text=form.cleaned_data["text"],
                        )
                        messages.success(
                            request,
                            f"Offre renvoyée à {offre.structure.name} pour compléments : elle "
                            "redevient un brouillon ; vous la reverrez à sa prochaine "
                            "transmission.",
                        )
                        return redirect("offre:ddets_list", self.ddets.pk)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    return redirect("offre:ddets_detail", self.ddets.pk, offre.pk)
            return self.render_to_response(self.get_context_data(decision_form=form))
        messages.error(request, "Action inconnue : choisissez commenter, valider ou renvoyer.")
        return redirect("offre:ddets_detail", self.ddets.pk, offre.pk)
