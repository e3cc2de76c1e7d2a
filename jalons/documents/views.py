import datetime as dt

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from jalons.accounts.access import role_allows
from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record
from jalons.documents import builders
from jalons.documents.french import FEMININE, MASCULINE
from jalons.documents.livret import defaults_for, livret_sections_update, livret_texts
from jalons.documents.rendering import html_to_pdf, render_html
from jalons.parcours.mixins import PersonAccessMixin
from jalons.web.mixins import ServiceFormView, StructureAccessMixin

DOCUMENT_LABELS = {
    "attestation": "attestation de compétences (PDF)",
    "cv": "projet de CV (PDF)",
    "livret": "livret d'accueil (PDF)",
    "bilan": "bilan remis à la personne (PDF)",
    # Not validated yet: a draft, marked as such on every page, never handed over.
    "bilan_projet": "projet de bilan non validé (PDF)",
}


def pdf_response(*, actor, structure, obj, kind: str, template: str, context: dict, filename: str):
    pdf = html_to_pdf(render_html(template, context))
    audit_record(
        action=AuditAction.VIEW,
        actor=actor,
        structure=structure,
        obj=obj,
        object_type=DOCUMENT_LABELS[kind],
        object_repr=f"{DOCUMENT_LABELS[kind].capitalize()} : {obj}",
        changes={"document généré": [None, context["produced"].version]},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def gender_asked(request) -> str | None:
    """The gender the document is written in: ``?genre=f`` or ``?genre=m``; none (the
    inclusive form, « salarié·e ») when not given, the person's file not recording it."""
    value = request.GET.get("genre", "")
    return value if value in (FEMININE, MASCULINE) else None


class PersonDocumentsView(PersonAccessMixin, TemplateView):
    """The documents handed to the person, each offered in the feminine and in the
    masculine (the file records no gender: whoever prints chooses, docs/parcours.md)."""

    template_name = "documents/person_documents.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view(self.person)
        context["can_see_sensitive"] = self.can_see_sensitive
        return context


class AttestationPdfView(PersonAccessMixin, View):
    def get(self, request, *args, **kwargs):
        today = dt.date.today()
        context = builders.attestation_context(
            structure=self.structure, person=self.person, today=today, gender=gender_asked(request)
        )
        if not context["attestable"]:
            # Nothing acquired: no document to sign, a page that says why and what to do.
            response = render(
                request,
                "documents/attestation_impossible.html",
                {"structure": self.structure, "person": self.person},
                status=409,
            )
            self.audit_view(self.person)
            return response
        return pdf_response(
            actor=self.actor,
            structure=self.structure,
            obj=self.person,
            kind="attestation",
            template="documents/attestation.html",
            context=context,
            filename=f"attestation-competences-{slugify(str(self.person))}-{today:%Y-%m-%d}.pdf",
        )


class CvPdfView(PersonAccessMixin, View):
    def get(self, request, *args, **kwargs):
        today = dt.date.today()
        return pdf_response(
            actor=self.actor,
            structure=self.structure,
            obj=self.person,
            kind="cv",
            template="documents/cv.html",
            context=builders.cv_context(
                structure=self.structure,
                person=self.person,
                today=today,
                gender=gender_asked(request),
            ),
            filename=f"projet-de-cv-{slugify(str(self.person))}-{today:%Y-%m-%d}.pdf",
        )


class LivretPdfView(StructureAccessMixin, View):
    def get(self, request, *args, **kwargs):
        today = dt.date.today()
        return pdf_response(
            actor=self.actor,
            structure=self.structure,
            obj=self.structure,
            kind="livret",
            template="documents/livret.html",
            context=builders.livret_context(structure=self.structure, today=today),
            filename=f"livret-accueil-{slugify(self.structure.name)}-{today:%Y-%m-%d}.pdf",
        )


class LivretView(StructureAccessMixin, TemplateView):
    template_name = "documents/livret_page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view()
        context.update(
            texts=livret_texts(structure=self.structure),
            team=builders.team_of(structure=self.structure),
            can_edit=role_allows(self.role, "structure.modifier"),
        )
        return context


class LivretForm(forms.Form):
    def __init__(self, *args, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # An EITI's sections speak of self-employed workers (docs/eiti.md).
        for d in defaults_for(kind):
            self.fields[d.key] = forms.CharField(
                label=d.title,
                required=False,
                max_length=4000,
                help_text=f"{d.help} Laissez vide pour reprendre le texte proposé par Jalons.",
                widget=forms.Textarea(attrs={"rows": 6}),
                error_messages={"max_length": "Ce texte est trop long : 4 000 caractères au plus."},
            )


class LivretEditView(ServiceFormView):
    permission = "structure.modifier"
    form_class = LivretForm
    title = "Modifier le livret d'accueil"
    success_message = "Les textes du livret d'accueil sont enregistrés."

    def get_initial(self):
        return {t.key: t.text for t in livret_texts(structure=self.structure)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.structure.kind}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = (
            "L'identité, l'adresse et l'équipe viennent de la fiche de la structure. Les textes "
            "ci-dessous sont proposés par défaut : adaptez-les à votre structure."
        )
        return context

    def save(self, form):
        livret_sections_update(actor=self.actor, structure=self.structure, texts=form.cleaned_data)

    def get_success_url(self):
        return reverse("documents:livret", args=[self.structure.pk])
