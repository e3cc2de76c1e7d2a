from django import forms

from jalons.formation.models import TrainingStatus
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
    start_date = date_field("Date de début", required=False)
    end_date = date_field("Date de fin", required=False)
    hours = FrenchDecimalField(
        label="Heures",
        required=False,
        min_value=0,
        error_messages={"invalid": "Saisissez un nombre d'heures, par exemple 35."},
    )
    qualifying = YesNoUnknownField(label="Formation qualifiante")
