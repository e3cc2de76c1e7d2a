from django import forms

from jalons.accompagnement.models import AccompanimentModality, AccompanimentNature
from jalons.parcours.vocabulary import barrier_choices
from jalons.web.forms import date_field

SENSITIVE_BARRIERS = frozenset({"sante", "justice"})


class AccompanimentForm(forms.Form):
    date = date_field("Date")
    nature = forms.ChoiceField(label="Nature", choices=AccompanimentNature.choices)
    duration_minutes = forms.IntegerField(
        label="Durée (minutes)",
        min_value=1,
        max_value=1440,
        error_messages={
            "required": "Indiquez la durée en minutes.",
            "invalid": "Saisissez un nombre entier de minutes, par exemple 45.",
            "min_value": "La durée doit être d'au moins 1 minute.",
            "max_value": "La durée ne peut pas dépasser 24 heures (1 440 minutes).",
        },
    )
    modality = forms.ChoiceField(
        label="Modalité",
        choices=[("", "Non renseignée"), *AccompanimentModality.choices],
        required=False,
    )
    barrier = forms.ChoiceField(label="Frein travaillé", required=False)
    speaker = forms.CharField(
        label="Intervenant",
        max_length=200,
        required=False,
        help_text="Référent extérieur (référent RSA, assistante sociale, CPAM…) ou intervenant.",
    )

    def __init__(self, *args, can_see_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (k, v) for k, v in barrier_choices() if can_see_sensitive or k not in SENSITIVE_BARRIERS
        ]
        self.fields["barrier"].choices = [("", "Aucun en particulier"), *choices]
