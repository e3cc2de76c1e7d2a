"""Pages of a structure's Offre de Services: list, creation, reading, sections, submission."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from jalons.accounts.access import role_allows
from jalons.offre.builder import build_document, without_sensitive_barriers
from jalons.offre.catalogue import BY_KEY, writable_for
from jalons.offre.forms import OffreCreateForm, SectionForm, ShareForm, SubmitForm
from jalons.offre.models import OffreDeServices, SectionText
from jalons.offre.selectors import (
    comments_of,
    missing_sections,
    offre_of,
    offres_of,
    progress,
    published_models_for,
    section_texts,
)
from jalons.offre.services import SectionConflict, offre_create, offre_submit, section_save
from jalons.offre.services_models import section_share
from jalons.web.mixins import StructureAccessMixin, add_service_errors


class OffreMixin(StructureAccessMixin):
    """Resolves ``self.offre`` from the year in the URL, within the structure."""

    permission = "offre.voir"

    def get_offre(self) -> OffreDeServices:
        if not hasattr(self, "_offre"):
            try:
                self._offre = offre_of(structure=self.structure, year=self.kwargs["year"])
            except OffreDeServices.DoesNotExist:
                raise Http404("Offre de services introuvable.") from None
        return self._offre

    def readable_document(self, offre, **kwargs):
        """The OS as a document, as this member's role may read it."""
        document = build_document(offre, **kwargs)
        if role_allows(self.role, "donnees_sensibles.voir"):
            return document
        return without_sensitive_barriers(document)

    def can(self, permission: str) -> bool:
        return role_allows(self.role, permission)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            offre=self.get_offre(),
            can_edit=self.can("offre.modifier"),
            can_submit=self.can("offre.soumettre"),
        )
        return context


class OffreListView(StructureAccessMixin, TemplateView):
    permission = "offre.voir"
    template_name = "offre/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offres = list(offres_of(structure=self.structure))
        rows = [{"offre": o, "progress": progress(offre=o)} for o in offres]
        context.update(
            rows=rows,
            can_edit=role_allows(self.role, "offre.modifier"),
            toolbox_count=published_models_for(structure=self.structure).count(),
        )
        return context


class OffreCreateView(StructureAccessMixin, TemplateView):
    permission = "offre.modifier"
    template_name = "offre/create.html"

    def get_form(self, data=None):
        import datetime as dt

        years = set(offres_of(structure=self.structure).values_list("year", flat=True))
        proposed = next(y for y in range(dt.date.today().year, 2101) if y not in years)
        return OffreCreateForm(
            data,
            has_previous=bool(years),
            kind=self.structure.kind,
            models=published_models_for(structure=self.structure)
            .exclude(section_key="")
            .exclude(text=""),
            initial={"year": proposed},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                offre = offre_create(
                    actor=self.actor,
                    structure=self.structure,
                    year=form.cleaned_data["year"],
                    start=form.cleaned_data["start"],
                    model_ids=tuple(int(m) for m in form.cleaned_data.get("models", ())),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Offre de services {offre.year} créée.")
                return redirect("offre:detail", self.structure.pk, offre.year)
        return self.render_to_response(self.get_context_data(form=form))


class OffreDetailView(OffreMixin, TemplateView):
    template_name = "offre/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offre = self.get_offre()
        document = self.readable_document(offre)
        texts = section_texts(offre=offre)
        self.audit_view(offre)
        context.update(
            document=document,
            section_ids={key: t.pk for key, t in texts.items()},
            missing=missing_sections(offre=offre) if offre.is_draft else [],
            comments=comments_of(offre=offre),
            progress=progress(offre=offre),
            networks=self.structure.networks.all(),
            editable=offre.is_draft and self.can("offre.modifier"),
        )
        return context


class SectionEditView(OffreMixin, TemplateView):
    permission = "offre.modifier"
    template_name = "offre/section_edit.html"

    def get_section(self) -> SectionText:
        try:
            section = SectionText.objects.select_related("updated_by").get(
                offre=self.get_offre(), pk=self.kwargs["section_id"]
            )
        except SectionText.DoesNotExist:
            raise Http404("Section introuvable.") from None
        if not BY_KEY[section.key].applies_to(self.structure.kind):
            raise Http404("Cette section n'a pas d'objet pour ce type de structure.")
        return section

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.get_section()
        entry = BY_KEY[section.key]
        if "form" not in context:
            context["form"] = SectionForm(
                initial={"text": section.text, "revision": section.revision}
            )
        context.update(
            section=section,
            entry=entry,
            entry_title=entry.title_for(self.structure.kind),
            prompts=entry.prompts_for(self.structure.kind),
            models=published_models_for(structure=self.structure, section_key=section.key),
            comments=[
                c for c in comments_of(offre=self.get_offre()) if c.section_key == section.key
            ],
            next_section=_next_section(self.get_offre(), section.key),
        )
        return context

    def post(self, request, *args, **kwargs):
        section = self.get_section()
        form = SectionForm(request.POST)
        conflict = None
        if form.is_valid():
            try:
                section_save(
                    actor=self.actor,
                    offre=self.get_offre(),
                    key=section.key,
                    text=form.cleaned_data["text"],
                    revision=form.cleaned_data["revision"],
                )
            except SectionConflict as error:
                conflict = error
                data = request.POST.copy()
                data["revision"] = error.current_revision
                form = SectionForm(data)
                form.is_valid()
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                title = BY_KEY[section.key].title_for(self.structure.kind)
                messages.success(request, f"Section « {title} » enregistrée.")
                if "suivante" in request.POST:
                    following = _next_section(self.get_offre(), section.key)
                    if following is not None:
                        return redirect(
                            "offre:section", self.structure.pk, self.kwargs["year"], following.pk
                        )
                return redirect(
                    reverse("offre:detail", args=[self.structure.pk, self.kwargs["year"]])
                    + f"#section-{section.key}"
                )
        return self.render_to_response(self.get_context_data(form=form, conflict=conflict))


def _next_section(offre, key):
    keys = [s.key for s in writable_for(offre.structure.kind)]
    if key not in keys or keys.index(key) + 1 >= len(keys):
        return None
    return SectionText.objects.filter(offre=offre, key=keys[keys.index(key) + 1]).first()


class SubmitView(OffreMixin, TemplateView):
    permission = "offre.soumettre"
    template_name = "offre/submit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SubmitForm())
        context["missing"] = missing_sections(offre=self.get_offre())
        return context

    def post(self, request, *args, **kwargs):
        form = SubmitForm(request.POST)
        if form.is_valid():
            try:
                version = offre_submit(actor=self.actor, offre=self.get_offre())
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(
                    request,
                    f"Offre de services transmise à la DDETS (version {version.number}) : "
                    "ses textes et ses chiffres sont figés.",
                )
                return redirect("offre:detail", self.structure.pk, self.kwargs["year"])
        return self.render_to_response(self.get_context_data(form=form))


class ShareView(OffreMixin, TemplateView):
    """Propose one section as a model to a network of the structure."""

    permission = "offre.soumettre"
    template_name = "offre/share.html"

    def get_section(self) -> SectionText:
        try:
            return SectionText.objects.get(offre=self.get_offre(), pk=self.kwargs["section_id"])
        except SectionText.DoesNotExist:
            raise Http404("Section introuvable.") from None

    def get_form(self, data=None):
        return ShareForm(data, networks=self.structure.networks.all())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        section = self.get_section()
        entry = BY_KEY[section.key]
        context.update(
            section=section, entry=entry, entry_title=entry.title_for(self.structure.kind)
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        section = self.get_section()
        if form.is_valid():
            try:
                section_share(
                    actor=self.actor,
                    structure=self.structure,
                    network=form.cleaned_data["network"],
                    offre=self.get_offre(),
                    section_key=section.key,
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Section proposée au réseau {form.cleaned_data['network']} : son équipe "
                    "décidera de la publier.",
                )
                return redirect("offre:detail", self.structure.pk, self.kwargs["year"])
        return self.render_to_response(self.get_context_data(form=form))
