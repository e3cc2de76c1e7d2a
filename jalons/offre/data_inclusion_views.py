"""Pages of the public listing: the form, the preview of what data·inclusion will publish,
and the export of the structure and its services (the direction only)."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from jalons.offre import data_inclusion, data_inclusion_rules
from jalons.offre.forms import PublicListingForm, public_listing_initial
from jalons.offre.selectors import public_listing_of
from jalons.offre.services import public_listing_export, public_listing_save
from jalons.web.mixins import StructureAccessMixin, add_service_errors

# Publishing commits the structure in public: the direction decides, as for the DDETS.
PERMISSION = "offre.soumettre"


class PublicListingPreviewView(StructureAccessMixin, TemplateView):
    permission = PERMISSION
    template_name = "offre/public_listing.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = public_listing_of(structure=self.structure)
        content = data_inclusion.records(structure=self.structure, listing=listing)
        problems = data_inclusion.listing_problems(structure=self.structure, listing=listing)
        advice = [
            (f"Service « {service['nom']} »", message)
            for service in content["services"]
            if (message := data_inclusion_rules.text_advice(
                data_inclusion_rules.DESCRIPTION, service["description"]
            ))
        ]  # fmt: skip
        published = {spec.kind for spec, _service in data_inclusion.published_specs(listing)}
        self.audit_view(listing if listing.pk else None)
        context.update(
            listing=listing,
            public=data_inclusion.readable(content, listing),
            problems=problems,
            advice=advice,
            schema=data_inclusion.SCHEMA,
            unpublished=[
                spec.name(self.structure.kind)
                for spec in data_inclusion.SERVICES
                if spec.kind not in published
            ],
        )
        return context


class PublicListingEditView(StructureAccessMixin, TemplateView):
    permission = PERMISSION
    template_name = "offre/public_listing_edit.html"

    def get_form(self, data=None):
        listing = public_listing_of(structure=self.structure)
        return PublicListingForm(
            data, initial=public_listing_initial(listing), structure_kind=self.structure.kind
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                public_listing_save(
                    actor=self.actor,
                    structure=self.structure,
                    presentation=data["presentation"],
                    phone=data["phone"],
                    email=data["email"],
                    website=data["website"],
                    opening_hours=data["opening_hours"],
                    audiences=data["audiences"],
                    services=form.service_inputs(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Fiche publique enregistrée : voici ce qui sera publié.")
                return redirect("offre:public_listing", self.structure.pk)
        return self.render_to_response(self.get_context_data(form=form))


class PublicListingExportView(StructureAccessMixin, View):
    permission = PERMISSION

    def get(self, request, *args, **kwargs):
        try:
            content = public_listing_export(actor=self.actor, structure=self.structure)
        except ValidationError as error:
            messages.error(
                request,
                "Export refusé : la fiche publique est incomplète. " + " ".join(error.messages),
            )
            return redirect("offre:public_listing", self.structure.pk)
        response = HttpResponse(
            json.dumps(content, ensure_ascii=False, indent=2) + "\n",
            content_type="application/json; charset=utf-8",
        )
        name = data_inclusion.structure_id(self.structure).removeprefix("jalons--")
        response["Content-Disposition"] = (
            f'attachment; filename="data-inclusion-{name}-{timezone.localdate():%Y-%m-%d}.json"'
        )
        return response
