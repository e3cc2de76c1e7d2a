import datetime as dt

from django.http import Http404

from jalons.parcours.mixins import PersonFormView
from jalons.pass_iae import services
from jalons.pass_iae.forms import PassForm, ProlongationForm, SuspensionForm
from jalons.pass_iae.models import PassIae


class PassMixin:
    @property
    def pass_iae(self) -> PassIae:
        found = PassIae.objects.filter(pk=self.kwargs["pass_id"], person=self.person).first()
        if found is None:
            raise Http404("PASS IAE introuvable.")
        return found


class PassCreateView(PersonFormView):
    form_class = PassForm
    title = "Nouveau PASS IAE"
    success_message = "Le PASS IAE est enregistré ; sa date de fin est calculée."

    def save(self, form):
        services.pass_create(actor=self.actor, person=self.person, **form.cleaned_data)


class PassEditView(PassMixin, PersonFormView):
    form_class = PassForm
    title = "Modifier le PASS IAE"
    success_message = "Le PASS IAE est enregistré ; sa date de fin est recalculée."

    def get_initial(self):
        return {"number": self.pass_iae.number, "start_date": self.pass_iae.start_date}

    def save(self, form):
        services.pass_update(actor=self.actor, pass_iae=self.pass_iae, **form.cleaned_data)


class SuspensionCreateView(PassMixin, PersonFormView):
    form_class = SuspensionForm
    title = "Suspendre le PASS IAE"
    success_message = "La suspension est enregistrée ; la date de fin du PASS est recalculée."

    def save(self, form):
        services.suspension_add(actor=self.actor, pass_iae=self.pass_iae, **form.cleaned_data)


class ProlongationCreateView(PassMixin, PersonFormView):
    form_class = ProlongationForm
    title = "Prolonger le PASS IAE"
    success_message = "La prolongation est enregistrée ; la date de fin du PASS est recalculée."

    def get_form_kwargs(self):
        return {"motif_choices": services.prolongation_motif_choices()}

    def get_initial(self):
        return {"start_date": self.pass_iae.end_date + dt.timedelta(days=1)}

    def save(self, form):
        services.prolongation_add(actor=self.actor, pass_iae=self.pass_iae, **form.cleaned_data)
