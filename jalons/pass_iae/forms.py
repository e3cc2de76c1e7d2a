from django import forms

from jalons.pass_iae.models import SuspensionMotif
from jalons.web.forms import date_field


class PassForm(forms.Form):
    number = forms.CharField(
        label="Numéro du PASS IAE",
        max_length=20,
        help_text="12 chiffres, tels qu'affichés sur les emplois de l'inclusion.",
        error_messages={"required": "Indiquez le numéro du PASS IAE."},
    )
    start_date = date_field("Date de début")


class SuspensionForm(forms.Form):
    start_date = date_field("Date de début")
    end_date = date_field("Date de fin")
    motif = forms.ChoiceField(label="Motif", choices=SuspensionMotif.choices)


class ProlongationForm(forms.Form):
    motif = forms.ChoiceField(label="Motif")
    start_date = date_field("Date de début")
    end_date = date_field("Date de fin")
    prescriber = forms.CharField(
        label="Prescripteur ayant donné son avis",
        max_length=200,
        required=False,
        help_text="Obligatoire sauf pour la fin de formation et le CDI Inclusion.",
    )

    def __init__(self, *args, motif_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motif"].choices = motif_choices
