import datetime as dt

from django import forms
from django.utils import timezone

from jalons.accounts.models import Role, StructureMembership
from jalons.parcours.entry_rules import MONTH_HOURS_MAX
from jalons.parcours.models import FollowUpMethod
from jalons.parcours.vocabulary import (
    education_level_choices,
    motif_choices,
    situation_choices,
)
from jalons.rules import dates
from jalons.web.fields import FrenchDecimalField
from jalons.web.forms import YesNoUnknownField, date_field

MONTH_NAMES = dates.MONTH_NAMES


class DateRulesMixin:
    """Dates checked against today with ``jalons.rules.dates`` (the import checks the
    same rules). ``today`` is a keyword argument (tests), else the local date.

    ``past_dates`` maps the fields that record something that happened to the words
    naming them in the message: such a date is never after today."""

    past_dates: dict[str, str] = {}

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self):
        data = super().clean()
        for name, what in self.past_dates.items():
            problem = dates.not_after_today(data.get(name), today=self.today, what=what)
            if problem:
                self.add_error(name, problem)
        return data

    def check_date(self, problem: str | None):
        """For ``clean_<field>``: raise the rule's message, if any."""
        if problem:
            raise forms.ValidationError(problem)


def referent_field(structure) -> forms.ModelChoiceField:
    from jalons.accounts.models import User

    members = StructureMembership.objects.filter(
        structure=structure, role__in=[Role.CIP, Role.DIRECTION]
    ).values_list("user_id", flat=True)
    return forms.ModelChoiceField(
        label="CIP référent",
        queryset=User.objects.filter(pk__in=members).order_by("last_name", "first_name"),
        required=False,
        empty_label="Aucun pour l'instant",
    )


class PersonForm(DateRulesMixin, forms.Form):
    first_name = forms.CharField(
        label="Prénom", max_length=150, error_messages={"required": "Indiquez le prénom."}
    )
    last_name = forms.CharField(
        label="Nom", max_length=150, error_messages={"required": "Indiquez le nom."}
    )
    birth_date = date_field("Date de naissance", required=False)
    phone = forms.CharField(label="Téléphone", max_length=20, required=False)
    email = forms.EmailField(
        label="Adresse e-mail",
        required=False,
        error_messages={
            "invalid": "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."
        },
    )
    address = forms.CharField(label="Adresse", max_length=250, required=False)
    postcode = forms.CharField(label="Code postal", max_length=5, required=False)
    city = forms.CharField(label="Commune", max_length=100, required=False)
    nir = forms.CharField(
        label="NIR (numéro de sécurité sociale)",
        max_length=21,
        required=False,
        help_text=(
            "Facultatif. 13 chiffres et la clé (2 chiffres) ; visible seulement par "
            "la direction et les CIP."
        ),
    )

    def __init__(
        self, *args, structure, can_see_sensitive: bool, duplicate_choice: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["referent"] = referent_field(structure)
        if not can_see_sensitive:
            del self.fields["nir"]
        if duplicate_choice:
            # Shown once likely duplicates were found (jalons.parcours.duplicates).
            self.fields["other_person"] = forms.BooleanField(label=duplicate_choice, required=False)

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        self.check_date(dates.birth_date_problem(value, today=self.today))
        return value

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if value and not (len(value) == 5 and value.isdigit()):
            raise forms.ValidationError("Le code postal doit comporter 5 chiffres.")
        return value

    def clean_nir(self):
        value = "".join(self.cleaned_data["nir"].split())
        if not value:
            return ""
        body, key = value[:13], value[13:]
        digits = body.upper().replace("2A", "19").replace("2B", "18")
        if len(value) != 15 or not digits.isdigit() or not key.isdigit():
            raise forms.ValidationError("Le NIR compte 15 caractères : 13 chiffres puis la clé.")
        if 97 - int(digits) % 97 != int(key):
            raise forms.ValidationError("La clé du NIR ne correspond pas : vérifiez les chiffres.")
        return value.upper()


CRITERIA = ("rsa", "ass", "aah", "deld", "detld", "qpv", "zrr", "rqth")


class ParcoursForm(DateRulesMixin, forms.Form):
    hire_date = date_field("Date d'embauche")
    rsa = forms.BooleanField(label="Bénéficiaire du RSA", required=False)
    ass = forms.BooleanField(label="Bénéficiaire de l'ASS", required=False)
    aah = forms.BooleanField(label="Bénéficiaire de l'AAH", required=False)
    deld = forms.BooleanField(
        label="Demandeur d'emploi de longue durée (12 mois et plus)", required=False
    )
    detld = forms.BooleanField(
        label="Demandeur d'emploi de très longue durée (24 mois et plus)", required=False
    )
    qpv = forms.BooleanField(label="Résident d'un quartier prioritaire (QPV)", required=False)
    zrr = forms.BooleanField(
        label="Résident d'une zone de revitalisation rurale (ZRR)", required=False
    )
    rqth = forms.BooleanField(
        label="Reconnaissance de travailleur handicapé (RQTH)", required=False
    )
    education_level = forms.ChoiceField(
        label="Niveau de formation",
        choices=[("", "Non renseigné"), *education_level_choices()],
        required=False,
    )
    hours_worked = FrenchDecimalField(
        label="Heures travaillées (total déclaré)",
        required=False,
        min_value=0,
        help_text="Laissez vide : Jalons additionne les heures mensuelles saisies.",
        error_messages={"invalid": "Saisissez un nombre d'heures, par exemple 455,5."},
    )

    def __init__(self, *args, can_see_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_see_sensitive:
            del self.fields["rqth"]

    def clean_hire_date(self):
        value = self.cleaned_data["hire_date"]
        self.check_date(dates.hire_date_problem(value, today=self.today))
        return value


class ExitForm(DateRulesMixin, forms.Form):
    exit_date = date_field("Date de sortie")
    exit_motif = forms.ChoiceField(
        label="Motif de sortie",
        choices=[("", "À renseigner plus tard"), *motif_choices()],
        required=False,
        help_text=(
            "Le groupe de chaque motif selon chaque jeu de règles est rappelé sous le formulaire."
        ),
    )
    exit_employer = forms.CharField(label="Employeur", max_length=200, required=False)
    exit_full_time = YesNoUnknownField(label="Emploi à temps plein")

    def clean_exit_date(self):
        value = self.cleaned_data["exit_date"]
        self.check_date(dates.exit_date_problem(value, today=self.today))
        return value


class FollowUpForm(DateRulesMixin, forms.Form):
    """No situation is chosen in advance: a preset answer would be recorded by one click
    (issue 13). « Situation inconnue » stays an explicit choice. The date against the
    due date is checked by ``follow_up_record``, which knows the exit."""

    past_dates = {"obtained_on": "la date du suivi"}

    situation = forms.ChoiceField(
        label="Situation",
        choices=[("", "Choisissez la situation"), *situation_choices()],
        error_messages={
            "required": "Choisissez la situation de la personne à cette échéance, ou "
            "« Situation inconnue » si vous n'avez pas pu la connaître."
        },
    )
    obtained_on = date_field("Date du suivi", required=False)
    method = forms.ChoiceField(
        label="Comment l'information a été obtenue",
        choices=[("", "Non renseigné"), *FollowUpMethod.choices],
        required=False,
    )


class MonthlyHoursForm(DateRulesMixin, forms.Form):
    """Hours of the twelve months of one year; none for a month not begun."""

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        for number, name in enumerate(MONTH_NAMES, start=1):
            self.fields[f"m{number:02d}"] = FrenchDecimalField(
                label=f"{name.capitalize()} {year}",
                required=False,
                min_value=0,
                max_value=MONTH_HOURS_MAX,
                error_messages={
                    "invalid": "Saisissez un nombre d'heures, par exemple 151,67.",
                    "max_value": f"Un mois compte au plus {MONTH_HOURS_MAX} heures.",
                },
            )

    def clean(self):
        data = super().clean()
        for number in range(1, 13):
            name = f"m{number:02d}"
            if data.get(name) is not None:
                month = dt.date(self.year, number, 1)
                problem = dates.month_problem(month, today=self.today)
                if problem:
                    self.add_error(name, problem)
        return data
