from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from jalons.accounts.access import role_allows
from jalons.orientations.forms import OrientationForm
from jalons.orientations.models import Orientation
from jalons.orientations.services import orientation_save
from jalons.parcours.mixins import PersonFormView
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
        orientation_save(
            request=self.request, role=self.role, structure=self.structure, **form.cleaned_data
        )

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
            request=self.request,
            role=self.role,
            structure=self.structure,
            orientation=self.orientation,
            person=self.person,
            **form.cleaned_data,
        )
