from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from jalons.accounts.access import role_allows
from jalons.contrats import services
from jalons.contrats.extensions import contract_form_lead, contract_warnings
from jalons.contrats.forms import (
    AccompanimentContractForm,
    ActivityDeclarationForm,
    ClientForm,
    ContractForm,
)
from jalons.contrats.models import AccompanimentContract, ActivityDeclaration, Client, Contract
from jalons.contrats.selectors import clients_of
from jalons.parcours.mixins import PersonFormView
from jalons.web.mixins import ServiceFormView, StructureAccessMixin


class ContractFormView(PersonFormView):
    form_class = ContractForm
    success_message = "Le contrat est enregistré."

    @property
    def contract(self) -> Contract | None:
        if "contract_id" not in self.kwargs:
            return None
        contract = (
            Contract.objects.filter(pk=self.kwargs["contract_id"], parcours__person=self.person)
            .select_related("parcours")
            .first()
        )
        if contract is None:
            raise Http404("Contrat introuvable.")
        return contract

    @property
    def title(self):
        return "Modifier le contrat" if self.contract else "Nouveau contrat"

    def get_form_kwargs(self):
        return {"structure": self.structure}

    def _eiti_redirect(self):
        # An EITI records accompaniment contracts, never CDDI (docs/eiti.md).
        if self.contract is None:
            return redirect(
                "contrats:eiti_contract_create",
                self.structure.pk,
                self.person.pk,
                self.parcours.pk,
            )
        messages.error(
            self.request,
            "Une EITI n'enregistre pas de CDDI : ce contrat ne peut plus être modifié. "
            "Enregistrez un contrat d'accompagnement.",
        )
        return redirect(self.person_url())

    def get(self, request, *args, **kwargs):
        if self.structure.kind == "EITI":
            return self._eiti_redirect()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.structure.kind == "EITI":
            return self._eiti_redirect()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        contract = self.contract
        if contract is None:
            return {"start_date": self.parcours.hire_date}
        return {name: getattr(contract, name) for name in ContractForm.base_fields}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = contract_form_lead(person=self.person, today=timezone.localdate())
        return context

    def save(self, form):
        contract = self.contract
        parcours = contract.parcours if contract else self.parcours
        saved = services.contract_save(
            actor=self.actor,
            parcours=parcours,
            contract=contract,
            **form.cleaned_data,
        )
        # Not a refusal: the structure records what happens (the aide au poste, say,
        # stops at the end of the PASS IAE: pass_iae registers that warning).
        for warning in contract_warnings(contract=saved, today=timezone.localdate()):
            messages.warning(self.request, warning)


class ClientListView(StructureAccessMixin, TemplateView):
    permission = "clients.voir"
    template_name = "contrats/client_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        clients = clients_of(structure=self.structure)
        if query:
            clients = clients.filter(name__icontains=query)
        context.update(
            clients=clients.order_by("name"),
            query=query,
            can_edit=role_allows(self.role, "clients.modifier"),
        )
        return context


class ClientAccessMixin:
    @property
    def client(self) -> Client | None:
        if "client_id" not in self.kwargs:
            return None
        client = clients_of(structure=self.structure).filter(pk=self.kwargs["client_id"]).first()
        if client is None:
            raise Http404("Client introuvable.")
        return client


class ClientDetailView(ClientAccessMixin, StructureAccessMixin, TemplateView):
    permission = "clients.voir"
    template_name = "contrats/client_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        client = self.client
        self.audit_view(client)
        context.update(
            client=client,
            contracts=client.contracts.select_related("parcours__person").order_by("-start_date"),
            can_edit=role_allows(self.role, "clients.modifier"),
        )
        return context


class ClientFormView(ClientAccessMixin, ServiceFormView):
    permission = "clients.modifier"
    form_class = ClientForm
    success_message = "Le client est enregistré."

    @property
    def title(self):
        return f"Modifier {self.client}" if self.client else "Nouveau client ou utilisateur"

    def get_initial(self):
        client = self.client
        if client is None:
            return {"kind": "particulier" if self.structure.kind == "AI" else "entreprise"}
        return {name: getattr(client, name) for name in ClientForm.base_fields}

    def save(self, form):
        try:
            self.saved = services.client_save(
                actor=self.actor,
                structure=self.structure,
                client=self.client,
                **form.cleaned_data,
            )
        except ValidationError as error:
            if "__all__" in getattr(error, "error_dict", {}):
                raise ValidationError(
                    {"name": "Un client de la structure porte déjà ce nom."}
                ) from error
            raise

    def get_success_url(self):
        client = getattr(self, "saved", None) or self.client
        if client:
            return reverse("contrats:client", args=[self.structure.pk, client.pk])
        return reverse("contrats:clients", args=[self.structure.pk])


class EitiMixin:
    """Pages of an EITI only: any other structure gets a 404."""

    def get(self, request, *args, **kwargs):
        self._require_eiti()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._require_eiti()
        return super().post(request, *args, **kwargs)

    def _require_eiti(self):
        if self.structure.kind != "EITI":
            raise Http404("Page réservée aux EITI.")

    @property
    def accompaniment(self) -> AccompanimentContract:
        return self.found(
            "Contrat d'accompagnement",
            lambda: (
                AccompanimentContract.objects.filter(
                    pk=self.kwargs["eiti_contract_id"], parcours__person=self.person
                )
                .select_related("parcours__structure")
                .get()
            ),
            keep="_accompaniment",
        )


class AccompanimentContractFormView(EitiMixin, PersonFormView):
    form_class = AccompanimentContractForm
    success_message = "Le contrat d'accompagnement est enregistré."

    @property
    def contract(self) -> AccompanimentContract | None:
        if "eiti_contract_id" not in self.kwargs:
            return None
        return self.accompaniment

    @property
    def title(self):
        if self.contract:
            return "Modifier le contrat d'accompagnement"
        return "Nouveau contrat d'accompagnement"

    def get_initial(self):
        contract = self.contract
        if contract is None:
            start = self.parcours.hire_date
            latest = services.accompaniment_latest_end(start)
            return {"start_date": start, "planned_end_date": latest}
        return {name: getattr(contract, name) for name in AccompanimentContractForm.base_fields}

    def save(self, form):
        contract = self.contract
        services.accompaniment_contract_save(
            actor=self.actor,
            parcours=contract.parcours if contract else self.parcours,
            contract=contract,
            **form.cleaned_data,
        )


class ActivityDeclarationFormView(EitiMixin, PersonFormView):
    form_class = ActivityDeclarationForm
    success_message = "La déclaration du mois est enregistrée."

    @property
    def declaration(self) -> ActivityDeclaration | None:
        if "declaration_id" not in self.kwargs:
            return None
        return self.found(
            "Déclaration",
            lambda: (
                ActivityDeclaration.objects.filter(
                    pk=self.kwargs["declaration_id"], person=self.person
                )
                .select_related("contract__parcours__structure")
                .get()
            ),
            keep="_declaration",
        )

    @property
    def title(self):
        if self.declaration:
            return f"Modifier la déclaration de {self.declaration.month:%m/%Y}"
        return "Nouvelle déclaration mensuelle d'activité"

    def get_initial(self):
        declaration = self.declaration
        if declaration is None:
            return {"month": timezone.localdate().replace(day=1)}
        return {name: getattr(declaration, name) for name in ActivityDeclarationForm.base_fields}

    def save(self, form):
        declaration = self.declaration
        services.activity_declaration_save(
            actor=self.actor,
            contract=declaration.contract if declaration else self.accompaniment,
            declaration=declaration,
            **form.cleaned_data,
        )
