from django import forms

from jalons.formation.models import TrainingFunding, TrainingStatus
from jalons.web.fields import FrenchDecimalField
from jalons.web.forms import YesNoUnknownField, date_field


class TrainingForm(forms.Form):
    title = forms.CharField(
        label="Intitulé", max_length=200, error_messages={"required": "Indiquez l'intitulé."}
    )
    status = forms.ChoiceField(
        label="Statut",
        choices=TrainingStatus.choices,
        help_text="« En préparation » compte le travail avant l'entrée en formation.",
    )
    organisation = forms.CharField(label="Organisme de formation", max_length=200, required=False)
    funding = forms.ChoiceField(
        label="Financement",
        choices=[("", "Non renseigné"), *TrainingFunding.choices],
        required=False,
    )
    start_date = date_field("Date de début", required=False)
    end_date = date_field("Date de fin", required=False)
    hours = FrenchDecimalField(
        label="Heures",
        required=False,
        min_value=0,
        error_messages={"invalid": "Saisissez un nombre d'heures, par exemple 35."},
    )
    qualifying = YesNoUnknownField(label="Formation qualifiante")
    certification = forms.CharField(
        label="Certification visée ou obtenue", max_length=200, required=False
    )
    outcome = forms.CharField(
        label="Résultat et suites", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TrainingStepForm(forms.Form):
    date = date_field("Date de l'étape")
    description = forms.CharField(
        label="Étape",
        max_length=250,
        error_messages={
            "required": "Décrivez l'étape, par exemple « Réunion d'information à l'AFPA »."
        },
    )
    done = forms.BooleanField(label="Étape réalisée", required=False)
