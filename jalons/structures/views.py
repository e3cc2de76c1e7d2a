from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from jalons.accounts import services as account_services
from jalons.accounts.access import access_for, get_ddets, get_network
from jalons.accounts.forms import InvitationForm, MembershipRoleForm
from jalons.accounts.models import Role
from jalons.accounts.selectors import invitations_of, membership_of, memberships_of
from jalons.audit.models import AuditAction
from jalons.audit.selectors import audit_entries_for_structure
from jalons.structures import selectors, services
from jalons.structures.forms import (
    AnnexeForm,
    FundingFormSet,
    StructureForm,
    fundings_from_formset,
)
from jalons.structures.reference_hours import suggested_reference_hours
from jalons.web.charts import Bar, horizontal_bar_chart
from jalons.web.context_processors import CURRENT_STRUCTURE_KEY
from jalons.web.mixins import StructureAccessMixin, add_service_errors


class StructureHomeView(StructureAccessMixin, TemplateView):
    template_name = "structures/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = date.today()
        annexes = list(selectors.annexes_of(structure=self.structure))
        current = next((a for a in annexes if a.start_date <= today <= a.end_date), None)
        self.audit_view()
        etp_by_year = selectors.etp_by_year(structure=self.structure)
        context.update(
            annexes=annexes,
            current_annexe=current,
            etp_chart=horizontal_bar_chart(
                title=f"ETP conventionnés par année, {self.structure.name}",
                bars=[
                    Bar(str(row["start_date__year"]), row["etp"]) for row in reversed(etp_by_year)
                ],
                unit="ETP",
            ),
            sisters=selectors.sister_structures(structure=self.structure),
        )
        return context


class StructureEditView(StructureAccessMixin, TemplateView):
    permission = "structure.modifier"
    template_name = "structures/structure_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", StructureForm(instance=self.structure))
        return context

    def post(self, request, *args, **kwargs):
        form = StructureForm(request.POST, instance=self.structure)
        if form.is_valid():
            data = dict(form.cleaned_data)
            networks = data.pop("networks")
            try:
                services.structure_update(
                    actor=self.actor,
                    structure=self.structure,
                    networks=networks,
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Les informations de la structure sont enregistrées.")
                return redirect("structures:home", structure_id=self.structure.pk)
        # Reload the structure: the form may have changed the instance in memory.
        self.structure.refresh_from_db()
        return self.render_to_response(self.get_context_data(form=form))


class AnnexeFormView(StructureAccessMixin, TemplateView):
    permission = "annexes.modifier"
    template_name = "structures/annexe_form.html"

    def get_annexe(self):
        if "annexe_id" not in self.kwargs:
            return None
        return self.found(
            "Annexe",
            lambda: selectors.annexe_of(
                structure=self.structure, annexe_id=self.kwargs["annexe_id"]
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        annexe = self.get_annexe()
        if "form" not in context:
            initial = {}
            if annexe is None:
                suggestion = suggested_reference_hours().get(self.structure.kind)
                if suggestion:
                    initial["annual_reference_hours"] = suggestion.hours
            context["form"] = AnnexeForm(instance=annexe, initial=initial, structure=self.structure)
            context["formset"] = FundingFormSet(
                prefix="financeurs",
                initial=[
                    {"kind": f.kind, "label": f.label, "amount": f.amount}
                    for f in (annexe.fundings.all() if annexe else [])
                ],
            )
        context["annexe"] = annexe
        context["suggestion"] = suggested_reference_hours().get(self.structure.kind)
        return context

    def post(self, request, *args, **kwargs):
        annexe = self.get_annexe()
        form = AnnexeForm(request.POST, instance=annexe, structure=self.structure)
        formset = FundingFormSet(request.POST, prefix="financeurs")
        if form.is_valid() and formset.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            fundings = fundings_from_formset(formset)
            try:
                if annexe is None:
                    annexe = services.annexe_create(
                        actor=self.actor,
                        structure=self.structure,
                        fundings=fundings,
                        **fields,
                    )
                    messages.success(request, f"L'annexe {annexe.number} est créée.")
                else:
                    services.annexe_update(
                        actor=self.actor, annexe=annexe, fundings=fundings, **fields
                    )
                    messages.success(request, f"L'annexe {annexe.number} est enregistrée.")
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("structures:home", structure_id=self.structure.pk)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class AnnexeDeleteView(AnnexeFormView):
    template_name = "structures/annexe_delete.html"

    def get_context_data(self, **kwargs):
        context = super(AnnexeFormView, self).get_context_data(**kwargs)
        context["annexe"] = self.get_annexe()
        return context

    def post(self, request, *args, **kwargs):
        annexe = self.get_annexe()
        services.annexe_delete(actor=self.actor, annexe=annexe)
        messages.success(request, f"L'annexe {annexe.number} est supprimée.")
        return redirect("structures:home", structure_id=self.structure.pk)


class MembersView(StructureAccessMixin, TemplateView):
    permission = "membres.gerer"
    template_name = "structures/members.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", InvitationForm())
        context["memberships"] = memberships_of(structure=self.structure)
        context["invitations"] = invitations_of(structure=self.structure)
        return context

    def post(self, request, *args, **kwargs):
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = account_services.invitation_create(
                    actor=self.actor,
                    structure=self.structure,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    absolute_url=request.build_absolute_uri,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Une invitation a été envoyée à {invitation.email}.")
                return redirect("structures:members", structure_id=self.structure.pk)
        return self.render_to_response(self.get_context_data(form=form))


class MembershipEditView(StructureAccessMixin, TemplateView):
    permission = "membres.gerer"
    template_name = "structures/membership_form.html"

    def get_membership(self):
        membership = membership_of(
            structure=self.structure, membership_id=self.kwargs["membership_id"]
        )
        if membership is None:
            raise Http404("Membre introuvable.")
        return membership

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = self.get_membership()
        context["membership"] = membership
        context.setdefault("form", MembershipRoleForm(initial={"role": membership.role}))
        return context

    def post(self, request, *args, **kwargs):
        membership = self.get_membership()
        form = MembershipRoleForm(request.POST)
        if form.is_valid():
            try:
                account_services.membership_update_role(
                    actor=self.actor, membership=membership, role=form.cleaned_data["role"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Le rôle de {membership.user} est enregistré.")
                return redirect("structures:members", structure_id=self.structure.pk)
        return self.render_to_response(self.get_context_data(form=form))


class MembershipRemoveView(MembershipEditView):
    template_name = "structures/membership_remove.html"

    def post(self, request, *args, **kwargs):
        membership = self.get_membership()
        try:
            account_services.membership_remove(actor=self.actor, membership=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{membership.user} ne fait plus partie de la structure.")
        return redirect("structures:members", structure_id=self.structure.pk)


class InvitationCancelView(StructureAccessMixin, TemplateView):
    permission = "membres.gerer"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        invitation = (
            invitations_of(structure=self.structure).filter(pk=kwargs["invitation_id"]).first()
        )
        if invitation is None:
            raise Http404("Invitation introuvable.")
        try:
            account_services.invitation_cancel(actor=self.actor, invitation=invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"L'invitation de {invitation.email} est annulée.")
        return redirect("structures:members", structure_id=self.structure.pk)


class StructureLogView(StructureAccessMixin, TemplateView):
    """The structure's journal (« audit:structure_log », see journal_urls.py)."""

    permission = "journal.voir"
    template_name = "structures/journal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.request.GET.get("action", "")
        if action not in AuditAction.values:
            action = ""
        query = self.request.GET.get("q", "").strip()[:100]
        entries = audit_entries_for_structure(structure=self.structure, action=action, query=query)
        page = Paginator(entries, 50).get_page(self.request.GET.get("page"))
        context.update(
            page=page,
            actions=AuditAction.choices,
            action=action,
            query=query,
            role_labels=dict(Role.choices),  # the journal keeps the role's code
        )
        return context


@login_required
@require_POST
def switch_structure(request):
    try:
        structure_id = int(request.POST.get("structure", ""))
    except ValueError:
        structure_id = None
    if structure_id is None or access_for(request).role_in(structure_id) is None:
        messages.error(request, "Choisissez une de vos structures dans la liste.")
        return redirect("web:home")
    request.session[CURRENT_STRUCTURE_KEY] = structure_id
    return redirect("structures:home", structure_id=structure_id)


@login_required
@require_GET
def network_home(request, network_id: int):
    network = get_network(request, network_id)
    return render(
        request,
        "structures/network.html",
        {"network": network, "structures": selectors.directory_for_network(network=network)},
    )


@login_required
@require_GET
def ddets_home(request, ddets_id: int):
    ddets, departements = get_ddets(request, ddets_id)
    return render(
        request,
        "structures/ddets.html",
        {
            "ddets": ddets,
            "departements": departements,
            "structures": selectors.directory_for_departements(departements=departements),
        },
    )
