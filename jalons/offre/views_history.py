"""Objectives, versions and their differences, and the toolbox of a structure."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from jalons.offre.diff import compare
from jalons.offre.forms import CompareForm, CustomObjectiveForm, objectives_form_class
from jalons.offre.models import NetworkTemplate, ObjectiveKind, OffreVersion
from jalons.offre.objectives import RATE_KINDS, objective_lines, objective_years
from jalons.offre.selectors import (
    objectives_of,
    offre_for,
    published_model_for,
    published_models_for,
    structure_version,
    version_of,
    versions_of,
)
from jalons.offre.services import objective_clear, objective_save
from jalons.offre.services_models import content_type_of, model_file_path
from jalons.offre.views import OffreMixin
from jalons.web.mixins import StructureAccessMixin, add_service_errors

CURRENT = "actuel"


class ObjectivesView(OffreMixin, TemplateView):
    template_name = "offre/objectives.html"

    def editable_years(self) -> list[int]:
        year = self.kwargs["year"]
        return [year, year + 1]

    def form_class(self):
        years = objective_years(self.kwargs["year"])
        custom = sorted(
            {
                o.label
                for o in objectives_of(structure=self.structure, years=years)
                if o.kind == ObjectiveKind.CUSTOM
            }
        )
        return objectives_form_class(editable_years=self.editable_years(), custom_labels=custom)

    def initial(self) -> dict:
        initial = {}
        for o in objectives_of(
            structure=self.structure, years=objective_years(self.kwargs["year"])
        ):
            key = o.kind if o.kind != ObjectiveKind.CUSTOM else f"autre:{o.label}"
            initial[f"{key}|{o.year}"] = o.target
            if o.comment:
                initial[f"{key}|commentaire"] = o.comment
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offre = self.get_offre()
        form = context.get("form") or self.form_class()(initial=self.initial())
        context.update(
            form=form,
            rows=[
                {
                    "key": key,
                    "label": label,
                    "is_rate": key in RATE_KINDS,
                    "fields": [form[f"{key}|{y}"] for y in form.editable_years],
                    "comment": form[f"{key}|commentaire"],
                }
                for key, label in form.rows
            ],
            editable_years=form.editable_years,
            custom_form=context.get("custom_form")
            or CustomObjectiveForm(years=self.editable_years()),
            lines=objective_lines(
                structure=self.structure, year=offre.year, reference=timezone.localdate()
            ),
            years=objective_years(offre.year),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.can("offre.soumettre"):
            raise PermissionDenied("Votre rôle ne permet pas de modifier les objectifs.")
        if "ajouter" in request.POST:
            custom = CustomObjectiveForm(request.POST, years=self.editable_years())
            if custom.is_valid():
                try:
                    objective_save(
                        actor=self.actor,
                        structure=self.structure,
                        year=custom.cleaned_data["year"],
                        kind=ObjectiveKind.CUSTOM,
                        label=custom.cleaned_data["label"],
                        unit=custom.cleaned_data["unit"],
                        target=custom.cleaned_data["target"],
                    )
                except ValidationError as error:
                    add_service_errors(custom, error)
                else:
                    messages.success(request, "Objectif ajouté.")
                    return redirect("offre:objectives", self.structure.pk, self.kwargs["year"])
            return self.render_to_response(self.get_context_data(custom_form=custom))
        form = self.form_class()(request.POST, initial=self.initial())
        if form.is_valid():
            try:
                self.save(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Objectifs enregistrés.")
                return redirect("offre:objectives", self.structure.pk, self.kwargs["year"])
        return self.render_to_response(self.get_context_data(form=form))

    @transaction.atomic
    def save(self, form):
        for key, _label in form.rows:
            kind, label = (
                (ObjectiveKind.CUSTOM, key.removeprefix("autre:"))
                if key.startswith("autre:")
                else (key, "")
            )
            comment = form.cleaned_data[f"{key}|commentaire"]
            unit = next(
                (
                    o.unit
                    for o in objectives_of(
                        structure=self.structure, years=objective_years(self.kwargs["year"])
                    )
                    if o.kind == kind and o.label == label and o.unit
                ),
                "",
            )
            for year in form.editable_years:
                target = form.cleaned_data[f"{key}|{year}"]
                if target is None:
                    objective_clear(
                        actor=self.actor,
                        structure=self.structure,
                        year=year,
                        kind=kind,
                        label=label,
                    )
                else:
                    objective_save(
                        actor=self.actor,
                        structure=self.structure,
                        year=year,
                        kind=kind,
                        label=label,
                        unit=unit,
                        target=target,
                        comment=comment,
                    )


class VersionsView(OffreMixin, TemplateView):
    """Every submitted version, and the difference between two of them (or the draft)."""

    template_name = "offre/versions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offre = self.get_offre()
        versions = list(versions_of(offre=offre))
        choices = [(str(v.pk), f"Version {v.number} du {v.created_at:%d/%m/%Y}") for v in versions]
        previous = offre_for(structure=self.structure, year=offre.year - 1)
        if previous is not None:
            choices += [
                (str(v.pk), f"Offre {previous.year}, version {v.number} du {v.created_at:%d/%m/%Y}")
                for v in versions_of(offre=previous)
            ]
        if offre.is_draft:
            choices.insert(0, (CURRENT, "Le brouillon actuel"))
        default = {"de": choices[1][0], "a": choices[0][0]} if len(choices) >= 2 else None
        form = CompareForm(self.request.GET or default, choices=choices) if default else None
        changes = None
        if form is not None and form.is_valid():
            old = self.document(form.cleaned_data["de"])
            new = self.document(form.cleaned_data["a"])
            changes = compare(old, new)
        self.audit_view(offre)
        context.update(versions=versions, form=form, changes=changes)
        return context

    def document(self, choice: str):
        """The current draft, or a version of this OS or of last year's (the form's choices)."""
        if choice == CURRENT:
            return self.readable_document(self.get_offre())
        version = structure_version(structure=self.structure, version_id=int(choice))
        return self.readable_document(version.offre, version=version)


class VersionView(OffreMixin, TemplateView):
    template_name = "offre/version.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            version = version_of(offre=self.get_offre(), version_id=self.kwargs["version_id"])
        except OffreVersion.DoesNotExist:
            raise Http404("Version introuvable.") from None
        self.audit_view(version)
        context.update(
            version=version, document=self.readable_document(self.get_offre(), version=version)
        )
        return context


class ToolboxView(StructureAccessMixin, TemplateView):
    """Published models and tools of the structure's networks."""

    permission = "offre.voir"
    template_name = "offre/toolbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["models"] = published_models_for(structure=self.structure)
        return context


def model_download(model: NetworkTemplate):
    """The attached file, or the model's text as a plain text file."""
    path = model_file_path(model)
    if path is not None:
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=model.file_name,
            content_type=content_type_of(model),
        )
    response = HttpResponse(model.text + "\n", content_type="text/plain; charset=utf-8")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in model.title)[:80] or "modele"
    response["Content-Disposition"] = f'attachment; filename="{safe}.txt"'
    return response


class ToolboxFileView(StructureAccessMixin, View):
    permission = "offre.voir"

    def get(self, request, *args, **kwargs):
        try:
            model = published_model_for(structure=self.structure, model_id=kwargs["model_id"])
        except NetworkTemplate.DoesNotExist:
            raise Http404("Modèle introuvable.") from None
        return model_download(model)
