from django import forms

from jalons.missions.models import CallMedium, CallParty, Score
from jalons.parcours.forms import DateRulesMixin
from jalons.web.forms import date_field


def _text(label, *, required=False, max_length=None, textarea=False, required_message=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}) if textarea else None,
        error_messages={
            "required": required_message or f"Indiquez : {label.lower()}.",
            "max_length": "Ce texte est trop long (%(limit_value)d caractères au plus).",
        },
    )


class CriterionForm(forms.Form):
    label = _text(
        "Libellé du critère",
        required=True,
        max_length=200,
        required_message="Indiquez le libellé du critère.",
    )
    help_text = _text("Précision pour l'évaluateur (facultatif)", max_length=300)
    position = forms.IntegerField(
        label="Ordre d'affichage",
        min_value=0,
        max_value=32000,
        required=False,
        help_text="Les critères s'affichent du plus petit nombre au plus grand.",
        error_messages={
            "invalid": "Saisissez un nombre entier, par exemple 10.",
            "min_value": "Saisissez un nombre positif.",
            "max_value": "Saisissez un nombre plus petit.",
        },
    )
    active = forms.BooleanField(
        label="Critère actif (proposé dans les nouvelles évaluations)", required=False
    )

    def clean_position(self):
        value = self.cleaned_data.get("position")
        return 0 if value is None else value


class EvaluationForm(DateRulesMixin, forms.Form):
    """One radio group (and an optional comment) per active criterion of the grid."""

    past_dates = {"evaluated_on": "la date de l'évaluation"}

    def __init__(self, *args, criteria, by_cip: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        if by_cip:
            self.fields["evaluated_on"] = date_field("Date de l'évaluation")
            self.fields["evaluator_name"] = _text("Évaluateur (facultatif)", max_length=200)
        else:
            self.fields["evaluator_name"] = _text(
                "Votre nom et votre fonction",
                required=True,
                max_length=200,
                required_message="Indiquez votre nom et votre fonction.",
            )
        for criterion in self.criteria:
            self.fields[f"critere_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.label,
                choices=Score.choices,
                widget=forms.RadioSelect,
                help_text=criterion.help_text,
                error_messages={
                    "required": f"Choisissez une appréciation pour « {criterion.label} » "
                    "(ou « Non observé »).",
                    "invalid_choice": "Choisissez une des appréciations proposées.",
                },
            )
            self.fields[f"commentaire_{criterion.pk}"] = _text(
                f"Commentaire sur « {criterion.label} » (facultatif)", max_length=500
            )
        self.fields["comment"] = _text(
            "Appréciation générale (facultatif)", textarea=True, max_length=4000
        )

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            c.pk: (data.get(f"critere_{c.pk}", ""), data.get(f"commentaire_{c.pk}", ""))
            for c in self.criteria
        }


class PresentedForm(DateRulesMixin, forms.Form):
    past_dates = {"presented_on": "la date de la présentation au salarié"}

    presented_on = date_field("Date de la présentation au salarié")


class IntegrationCallForm(DateRulesMixin, forms.Form):
    """The date of the call is not after today; the next step may be planned."""

    past_dates = {"date": "la date du suivi"}

    date = date_field("Date du suivi")
    party = forms.ChoiceField(
        label="Avec qui",
        choices=CallParty.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Indiquez avec qui a eu lieu le suivi."},
    )
    contact_name = _text("Interlocuteur (facultatif)", max_length=200)
    medium = forms.ChoiceField(
        label="Moyen",
        choices=CallMedium.choices,
        initial=CallMedium.PHONE,
        error_messages={"required": "Indiquez le moyen utilisé."},
    )
    notes = _text(
        "Ce qui a été dit",
        required=True,
        textarea=True,
        required_message="Résumez ce qui a été dit.",
    )
    next_step = _text("Suite prévue (facultatif)", max_length=300)
    next_step_on = date_field("Date de la suite", required=False)


class IncidentForm(DateRulesMixin, forms.Form):
    """The client's report is not after today; the effective end may be announced
    (it becomes the end of the contract, which may be in the future)."""

    past_dates = {"reported_on": "la date du signalement"}

    reported_on = date_field("Date du signalement par le client")
    ended_on = date_field(
        "Fin effective de la mission",
        required=False,
        help_text="Si elle est antérieure à la fin prévue, elle devient la fin du contrat.",
    )
    facts = _text(
        "Faits constatés, avec leurs dates",
        required=True,
        textarea=True,
        required_message="Décrivez les faits et leurs dates.",
    )
    client_account = _text("Version de l'entreprise cliente", textarea=True)
    worker_account = _text("Version du salarié", textarea=True)
    cip_analysis = _text("Analyse du CIP", textarea=True)


class IncidentActionForm(forms.Form):
    description = _text(
        "Action décidée", required=True, max_length=300, required_message="Décrivez l'action."
    )
    owner = _text(
        "Qui s'en charge",
        required=True,
        max_length=200,
        required_message="Indiquez qui s'en charge (salarié, CIP, client…).",
    )
    due_on = date_field("Échéance", required=False)
