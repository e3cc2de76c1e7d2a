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
        return self.found(
            "Personne",
            lambda: selectors.person_of(
                structure=self.structure, person_id=self.kwargs["person_id"]
            ),
            keep="_person",
        )

    @property
    def parcours(self) -> Parcours:
        return self.found(
            "Parcours",
            lambda: selectors.parcours_of(
                person=self.person, parcours_id=self.kwargs["parcours_id"]
            ),
            keep="_parcours",
        )

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
