import datetime as dt

from jalons.accompagnement.forms import AccompanimentForm
from jalons.accompagnement.services import accompaniment_save
from jalons.parcours.mixins import PersonFormView


class AccompanimentCreateView(PersonFormView):
    form_class = AccompanimentForm
    title = "Nouvelle action d'accompagnement"
    success_message = "L'action d'accompagnement est enregistrée."

    def get_form_kwargs(self):
        return {"can_see_sensitive": self.can_see_sensitive}

    def get_initial(self):
        return {"date": dt.date.today(), "modality": "interne", "duration_minutes": 45}

    def save(self, form):
        accompaniment_save(
            request=self.request, role=self.role, person=self.person, **form.cleaned_data
        )
