from django.http import Http404
from django.urls import reverse

from jalons.accounts.access import role_allows
from jalons.parcours import selectors
from jalons.parcours.models import Parcours, Person
from jalons.web.mixins import ServiceFormView, StructureAccessMixin


class PersonAccessMixin(StructureAccessMixin):
    """Resolves ``self.person`` among the people of ``self.structure``."""

    permission = "personnes.voir"

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    @property
    def person(self) -> Person:
        if not hasattr(self, "_person"):
            try:
                self._person = selectors.person_of(
                    structure=self.structure, person_id=self.kwargs["person_id"]
                )
            except Person.DoesNotExist as missing:
                raise Http404("Personne introuvable.") from missing
        return self._person

    @property
    def parcours(self) -> Parcours:
        if not hasattr(self, "_parcours"):
            try:
                self._parcours = selectors.parcours_of(
                    person=self.person, parcours_id=self.kwargs["parcours_id"]
                )
            except Parcours.DoesNotExist as missing:
                raise Http404("Parcours introuvable.") from missing
        return self._parcours

    @property
    def can_see_sensitive(self) -> bool:
        return role_allows(self.role, "donnees_sensibles.voir")

    def person_url(self) -> str:
        return reverse("parcours:person", args=[self.structure.pk, self.person.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context


class PersonFormView(PersonAccessMixin, ServiceFormView):
    """A form about one person; goes back to the person's file."""

    permission = "personnes.modifier"

    def get_success_url(self) -> str:
        return self.person_url()
