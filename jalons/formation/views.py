from jalons.formation.forms import TrainingForm
from jalons.formation.services import training_save
from jalons.parcours.mixins import PersonFormView


class TrainingCreateView(PersonFormView):
    form_class = TrainingForm
    title = "Nouvelle action de formation"
    success_message = "L'action de formation est enregistrée."

    def save(self, form):
        training_save(request=self.request, role=self.role, person=self.person, **form.cleaned_data)
