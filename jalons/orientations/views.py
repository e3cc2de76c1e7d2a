from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from jalons.accounts.access import role_allows
from jalons.orientations.forms import HireForm, OrientationForm
from jalons.orientations.models import Orientation, OrientationOutcome
from jalons.orientations.services import orientation_hire, orientation_save
from jalons.parcours import selectors
from jalons.parcours.forms import ParcoursForm
from jalons.parcours.mixins import PersonFormView
from jalons.parcours.views import DuplicateWarningMixin
from jalons.web.mixins import ServiceFormView, StructureAccessMixin

FIELDS = ("date", "prescriber_type", "prescriber_organisation", "outcome")


class OrientationListView(StructureAccessMixin, TemplateView):
    permission = "personnes.voir"
    template_name = "orientations/orientation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            orientations=Orientation.objects.filter(structure=self.structure)
            .select_related("person")
            .order_by("-date")[:500],
            can_edit=role_allows(self.role, "personnes.modifier"),
        )
        return context


class CandidateOrientationView(ServiceFormView):
    """An orientation received for a candidate who has no file yet."""

    permission = "personnes.modifier"
    form_class = OrientationForm
    title = "Nouvelle orientation"
    success_message = "L'orientation est enregistrée."

    def get_form_kwargs(self):
        return {"with_candidate": True}

    def save(self, form):
        orientation_save(actor=self.actor, structure=self.structure, **form.cleaned_data)

    def get_success_url(self):
        return reverse("orientations:list", args=[self.structure.pk])


class PersonOrientationView(PersonFormView):
    form_class = OrientationForm
    success_message = "L'orientation est enregistrée."

    @property
    def orientation(self) -> Orientation | None:
        if "orientation_id" not in self.kwargs:
            return None
        orientation = Orientation.objects.filter(
            pk=self.kwargs["orientation_id"], structure=self.structure, person=self.person
        ).first()
        if orientation is None:
            raise Http404("Orientation introuvable.")
        return orientation

    @property
    def title(self):
        return "Modifier l'orientation" if self.orientation else "Nouvelle orientation"

    def get_form_kwargs(self):
        return {"with_candidate": False}

    def get_initial(self):
        if self.orientation is None:
            return {}  # no preset outcome: « Embauche » would flatter the hiring rate
        return {name: getattr(self.orientation, name) for name in FIELDS}

    def save(self, form):
        orientation_save(
            actor=self.actor,
            structure=self.structure,
            orientation=self.orientation,
            person=self.person,
            **form.cleaned_data,
        )


class OrientationHireView(DuplicateWarningMixin, ServiceFormView):
    """« Embaucher »: the person's file and first pathway from an orientation that has
    no person yet; with a person, its new-pathway form."""

    permission = "personnes.modifier"
    form_class = HireForm
    title = "Embaucher depuis l'orientation"
    submit_label = "Créer la fiche et enregistrer l'embauche"
    success_message = "La fiche et l'embauche sont enregistrées ; l'orientation y est rattachée."
    duplicate_choice_label = "Il s'agit d'une autre personne : créer quand même"
    can_attach = True

    @property
    def orientation(self) -> Orientation:
        return self.found(
            "Orientation",
            lambda: Orientation.objects.select_related("person").get(
                pk=self.kwargs["orientation_id"], structure=self.structure
            ),
            keep="_orientation",
        )

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            return refusal
        if self.orientation.person_id or request.POST.get("attach_to"):
            # A file exists (the orientation's, or « rattacher »): no new file, no warning.
            return ServiceFormView.post(self, request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def refusal(self):
        """Where to go instead of this form, if anywhere."""
        orientation = self.orientation
        if orientation.person_id and orientation.outcome == OrientationOutcome.HIRED:
            # Already hired: another hire of this person is a new pathway on the file.
            return redirect("parcours:parcours_create", self.structure.pk, orientation.person_id)
        if orientation.outcome == OrientationOutcome.REFUSED:
            messages.error(
                self.request,
                f"L'orientation du {orientation.date:%d/%m/%Y} a été refusée : "
                "elle ne mène pas à une embauche.",
            )
            return redirect("orientations:list", self.structure.pk)
        return None

    def get_form(self, data=None):
        if self.orientation.person_id:  # the person's new pathway, as on its file
            return ParcoursForm(
                data, can_see_sensitive=role_allows(self.role, "donnees_sensibles.voir")
            )
        return super().get_form(data)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "structure": self.structure,
            "can_see_sensitive": role_allows(self.role, "donnees_sensibles.voir"),
        }

    def get_initial(self):
        return {
            "first_name": self.orientation.candidate_first_name,
            "last_name": self.orientation.candidate_last_name,
            "referent": self.request.user.pk,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        o = self.orientation
        context["lead"] = (
            f"Orientation du {o.date:%d/%m/%Y} ({o.get_prescriber_type_display()}"
            + (f", {o.prescriber_organisation}" if o.prescriber_organisation else "")
            + "). La date d'embauche est celle du premier jour de travail, pas celle de "
            "l'orientation."
        )
        context["can_attach"] = True
        if o.person_id:
            context["person"] = o.person
            context["title"] = f"Nouveau parcours (embauche) de {o.person}"
            context["submit_label"] = "Enregistrer l'embauche"
        return context

    def save(self, form):
        attach_to = self.request.POST.get("attach_to", "")
        person = self.orientation.person
        if person is None and attach_to:
            person = self.found(
                "Personne",
                lambda: selectors.person_of(
                    structure=self.structure, person_id=int(attach_to) if attach_to.isdigit() else 0
                ),
            )
        parcours = orientation_hire(
            actor=self.actor,
            orientation=self.orientation,
            person=person,
            person_fields=None if person else form.person_data(),
            parcours_fields=form.parcours_data()
            if hasattr(form, "parcours_data")
            else form.cleaned_data,
        )
        if attach_to and person:
            self.success_message = (
                "L'orientation est rattachée à la fiche existante et l'embauche est enregistrée."
            )
        self.created = parcours.person

    def get_success_url(self):
        if hasattr(self, "created"):
            return reverse("parcours:person", args=[self.structure.pk, self.created.pk])
        return reverse("orientations:list", args=[self.structure.pk])
