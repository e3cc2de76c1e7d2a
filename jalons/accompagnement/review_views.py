"""Pages of the bilans and their templates."""

import datetime as dt

from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from jalons.accompagnement import selectors
from jalons.accompagnement.forms import (
    DateOnlyForm,
    ReviewCreateForm,
    ReviewFillForm,
    ReviewTemplateForm,
)
from jalons.accompagnement.models import Review
from jalons.accompagnement.review_services import (
    review_create,
    review_present,
    review_save,
    review_sign,
    review_template_save,
    review_templates_seed,
)
from jalons.accounts.access import role_allows
from jalons.documents.rendering import produced
from jalons.documents.views import gender_asked, pdf_response
from jalons.parcours.mixins import PersonAccessMixin, PersonFormView
from jalons.structures.words import person_words
from jalons.web.mixins import ServiceFormView, StructureAccessMixin


class ReviewMixin:
    @property
    def review(self) -> Review:
        return self.found(
            "Bilan",
            lambda: selectors.review_of(person=self.person, review_id=self.kwargs["review_id"]),
            keep="_review",
        )

    def reviews_url(self):
        return reverse("accompagnement:reviews", args=[self.structure.pk, self.person.pk])

    def get_success_url(self):
        return self.reviews_url()


class ReviewsView(PersonAccessMixin, TemplateView):
    # Bilans may hold health or justice matters: direction and CIP only.
    permission = "donnees_sensibles.voir"
    template_name = "accompagnement/reviews.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view(self.person)
        context.update(
            reviews=selectors.reviews_of(person=self.person),
            can_edit=role_allows(self.role, "personnes.modifier"),
        )
        return context


class ReviewCreateView(ReviewMixin, PersonFormView):
    form_class = ReviewCreateForm
    title = "Nouveau bilan"
    submit_label = "Commencer le bilan"
    success_message = "Le bilan est créé : répondez aux questions."

    def templates(self):
        if not selectors.review_templates_of(structure=self.structure).exists():
            review_templates_seed(actor=self.actor, structure=self.structure)
        return selectors.review_templates_of(structure=self.structure, active_only=True)

    def get_form_kwargs(self):
        return {"templates": self.templates()}

    def get_initial(self):
        return {"date": dt.date.today()}

    def save(self, form):
        self._review = review_create(actor=self.actor, person=self.person, **form.cleaned_data)

    def get_success_url(self):
        if hasattr(self, "_review"):
            return reverse(
                "accompagnement:review_edit",
                args=[self.structure.pk, self.person.pk, self._review.pk],
            )
        return self.reviews_url()


class ReviewEditView(ReviewMixin, PersonFormView):
    form_class = ReviewFillForm
    template_name = "accompagnement/review_form.html"
    success_message = "Le bilan est enregistré."

    @property
    def title(self):
        return f"{self.review} – {self.person}"

    def get_form_kwargs(self):
        return {"review": self.review, "can_see_sensitive": self.can_see_sensitive}

    def get_initial(self):
        return {"date": self.review.date}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.review
        return context

    def save(self, form):
        review_save(
            actor=self.actor,
            review=self.review,
            date=form.cleaned_data["date"],
            answers=form.answers(),
            conclusion=form.cleaned_data["conclusion"],
            confidential_note=form.cleaned_data.get(
                "confidential_note", self.review.confidential_note
            ),
        )


class ReviewSignView(ReviewMixin, PersonFormView):
    title = "Valider le bilan"
    submit_label = "Valider le bilan"
    success_message = "Le bilan est validé ; il ne se modifie plus."

    def get_form(self, data=None):
        return DateOnlyForm(
            data,
            initial={"signed_on": dt.date.today()},
            label="Date de validation",
            name="signed_on",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = f"{self.review} : une fois validé par vous, le bilan ne se modifie plus."
        return context

    def save(self, form):
        review_sign(
            actor=self.actor,
            review=self.review,
            signed_on=form.cleaned_data["signed_on"],
        )


class ReviewPresentView(ReviewMixin, PersonFormView):
    title = "Bilan présenté à la personne"
    submit_label = "Enregistrer la présentation"
    success_message = "La présentation du bilan à la personne est enregistrée."

    def get_form(self, data=None):
        return DateOnlyForm(
            data,
            initial={"presented_on": dt.date.today()},
            label="Date de la présentation à la personne",
            name="presented_on",
        )

    def save(self, form):
        review_present(
            actor=self.actor,
            review=self.review,
            presented_on=form.cleaned_data["presented_on"],
        )


class ReviewPrintView(ReviewMixin, PersonAccessMixin, TemplateView):
    """The page shown and given to the person (« au salarié », « au travailleur
    indépendant » in an EITI, « à la personne » unless ``?genre=f|m``): never the
    confidential note."""

    permission = "donnees_sensibles.voir"

    template_name = "accompagnement/review_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view(self.review)
        gender = gender_asked(self.request)
        context.update(
            review=self.review,
            sections=review_sections(self.review),
            person_words=person_words(self.structure.kind, gender),
            gender=gender or "",
            can_edit=role_allows(self.role, "personnes.modifier"),
        )
        return context


def review_sections(review) -> list[tuple[str, list[dict]]]:
    """The answers grouped by section, in the order of the template."""
    sections = []
    for item in review.answers:
        if not sections or sections[-1][0] != item["section"]:
            sections.append((item["section"], []))
        sections[-1][1].append(item)
    return sections


class ReviewPdfView(ReviewMixin, PersonAccessMixin, View):
    """The review handed to the employee, as a PDF: never the confidential note. Until
    it is validated it is a draft (« projet »): its file name and every page say so."""

    permission = "donnees_sensibles.voir"

    def get(self, request, *args, **kwargs):
        review = self.review
        context = {
            "structure": self.structure,
            "person": self.person,
            "review": review,
            "sections": review_sections(review),
            "person_words": person_words(self.structure.kind, gender_asked(request)),
            "produced": produced(template="bilan", structure=self.structure),
        }
        name = slugify(f"{review.get_kind_display()} {self.person} {review.date:%Y-%m-%d}")
        draft = review.signed_on is None
        return pdf_response(
            actor=self.actor,
            structure=self.structure,
            obj=review,
            kind="bilan_projet" if draft else "bilan",
            template="documents/bilan.html",
            context=context,
            filename=f"projet-{name}.pdf" if draft else f"{name}.pdf",
        )


class ReviewTemplatesView(StructureAccessMixin, TemplateView):
    permission = "personnes.voir"
    template_name = "accompagnement/review_templates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view()
        can_edit = role_allows(self.role, "personnes.modifier")
        if can_edit and not selectors.review_templates_of(structure=self.structure).exists():
            review_templates_seed(actor=self.actor, structure=self.structure)
        context.update(
            templates=selectors.review_templates_of(structure=self.structure),
            can_edit=role_allows(self.role, "personnes.modifier"),
        )
        return context


class ReviewTemplateView(ServiceFormView):
    permission = "personnes.modifier"
    form_class = ReviewTemplateForm
    success_message = "Le modèle de bilan est enregistré."

    @property
    def template_obj(self):
        if "review_template_id" not in self.kwargs:
            return None
        return self.found(
            "Modèle",
            lambda: selectors.review_template_of(
                structure=self.structure, review_template_id=self.kwargs["review_template_id"]
            ),
        )

    @property
    def title(self):
        return "Modifier le modèle de bilan" if self.template_obj else "Nouveau modèle de bilan"

    def get_initial(self):
        t = self.template_obj
        return {f: getattr(t, f) for f in ReviewTemplateForm.base_fields} if t else {"active": True}

    def get_success_url(self):
        return reverse("accompagnement:review_templates", args=[self.structure.pk])

    def save(self, form):
        review_template_save(
            actor=self.actor,
            structure=self.structure,
            template=self.template_obj,
            **form.cleaned_data,
        )
