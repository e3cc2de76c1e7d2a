from django.http import Http404
from django.urls import reverse

from jalons.formation.forms import TrainingForm, TrainingStepForm
from jalons.formation.models import TrainingAction
from jalons.formation.services import training_save, training_step_save
from jalons.parcours.mixins import PersonFormView


def training_of(*, person, training_id: int) -> TrainingAction:
    """A training of the person (the person comes from an access-checked structure)."""
    return TrainingAction.objects.prefetch_related("steps").get(pk=training_id, person=person)


class TrainingCreateView(PersonFormView):
    form_class = TrainingForm
    title = "Nouvelle action de formation"
    success_message = "L'action de formation est enregistrée."

    def save(self, form):
        training_save(actor=self.actor, person=self.person, **form.cleaned_data)


class TrainingMixin:
    @property
    def training(self) -> TrainingAction:
        if not hasattr(self, "_training"):
            try:
                self._training = training_of(
                    person=self.person, training_id=self.kwargs["training_id"]
                )
            except TrainingAction.DoesNotExist:
                raise Http404("Formation introuvable.") from None
        return self._training


class TrainingEditView(TrainingMixin, PersonFormView):
    form_class = TrainingForm
    template_name = "formation/training_form.html"
    title = "Modifier l'action de formation"
    success_message = "L'action de formation est enregistrée."

    def get_initial(self):
        return {f: getattr(self.training, f) for f in TrainingForm.base_fields}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["training"] = self.training
        return context

    def save(self, form):
        training_save(
            actor=self.actor,
            person=self.person,
            action=self.training,
            **form.cleaned_data,
        )


class TrainingStepView(TrainingMixin, PersonFormView):
    form_class = TrainingStepForm
    success_message = "L'étape préparatoire est enregistrée."

    @property
    def title(self):
        return f"Étape préparatoire : {self.training}"

    def get_success_url(self):
        return reverse(
            "accompagnement:training_edit",
            args=[self.structure.pk, self.person.pk, self.training.pk],
        )

    def save(self, form):
        training_step_save(actor=self.actor, training=self.training, **form.cleaned_data)
