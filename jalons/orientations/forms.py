from django import forms

from jalons.orientations.models import OrientationOutcome
from jalons.parcours.forms import DateRulesMixin, ParcoursForm, PersonForm
from jalons.parcours.vocabulary import prescriber_choices
from jalons.rules import dates
from jalons.web.forms import date_field


class OrientationForm(DateRulesMixin, forms.Form):
    """An orientation already received: its date is not after today. Its outcome is
    chosen each time (no preset « Embauche »: the hiring rate is a figure)."""

    past_dates = {"date": "la date de l'orientation"}

    date = date_field("Date de l'orientation")
    prescriber_type = forms.ChoiceField(
        label="Type de prescripteur",
        choices=[("", "—"), *prescriber_choices()],
        error_messages={"required": "Choisissez le type de prescripteur."},
    )
    prescriber_organisation = forms.CharField(
        label="Organisme prescripteur",
        max_length=200,
        required=False,
        help_text="Par exemple : France Travail Valenciennes, Mission locale du Douaisis.",
    )
    outcome = forms.ChoiceField(
        label="Issue",
        choices=[("", "Choisissez l'issue"), *OrientationOutcome.choices],
        error_messages={
            "required": "Choisissez l'issue de l'orientation, ou « En cours » si elle "
            "n'est pas encore connue."
        },
    )
    candidate_first_name = forms.CharField(
        label="Prénom du candidat", max_length=150, required=False
    )
    candidate_last_name = forms.CharField(label="Nom du candidat", max_length=150, required=False)

    def __init__(self, *args, with_candidate: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_candidate:
            del self.fields["candidate_first_name"]
            del self.fields["candidate_last_name"]


class HireForm(PersonForm):
    """« Embaucher » from an orientation: the person's identity, then the first pathway
    (the fields and date rules of ``ParcoursForm``). The orientation's date is not the
    hire date: the hire date is typed."""

    def __init__(self, *args, can_see_sensitive: bool, **kwargs):
        super().__init__(*args, can_see_sensitive=can_see_sensitive, **kwargs)
        pathway = ParcoursForm(can_see_sensitive=can_see_sensitive)
        for name, field in pathway.fields.items():
            self.fields[name] = field
        if "other_person" in self.fields:  # the box stays last, next to the button
            self.fields["other_person"] = self.fields.pop("other_person")

    def clean_hire_date(self):
        value = self.cleaned_data["hire_date"]
        self.check_date(dates.hire_date_problem(value, today=self.today))
        return value

    def person_data(self) -> dict:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k in PersonForm.base_fields or k == "referent"
        }

    def parcours_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in ParcoursForm.base_fields}
