from django import forms

from jalons.contrats.models import CONTRACT_KINDS_BY_SIAE, ActivityDeclaration, ClientKind
from jalons.parcours.entry_rules import upper_bound
from jalons.web.fields import FrenchDecimalField
from jalons.web.forms import date_field


class ContractForm(forms.Form):
    kind = forms.ChoiceField(label="Type de contrat")
    post = forms.CharField(
        label="Poste", max_length=200, error_messages={"required": "Indiquez le poste occupé."}
    )
    client = forms.ModelChoiceField(
        label="Client ou utilisateur", queryset=None, required=False, empty_label="—"
    )
    start_date = date_field("Date de début")
    end_date = date_field("Date de fin", required=False)
    weekly_hours = FrenchDecimalField(
        label="Durée hebdomadaire (heures)",
        required=False,
        min_value=1,
        max_value=48,
        error_messages={
            "invalid": "Saisissez un nombre d'heures, par exemple 26 ou 35.",
            "max_value": "La durée hebdomadaire ne peut pas dépasser 48 heures.",
        },
    )
    hours = FrenchDecimalField(
        label="Heures réalisées",
        required=False,
        min_value=0,
        error_messages={"invalid": "Saisissez un nombre d'heures, par exemple 151,5."},
    )
    early_end_by_client = forms.BooleanField(
        label="Fin anticipée à l'initiative du client", required=False
    )

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = CONTRACT_KINDS_BY_SIAE[structure.kind]
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]
        self.fields["kind"].initial = kinds[0].value
        self.fields["client"].queryset = structure.clients.order_by("name")
        if structure.kind not in ("ETTI", "AI"):
            del self.fields["client"]
            del self.fields["early_end_by_client"]
        else:
            del self.fields["weekly_hours"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La date de fin doit suivre la date de début.")
        return data


class ClientForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=ClientKind.choices)
    name = forms.CharField(
        label="Nom", max_length=200, error_messages={"required": "Indiquez le nom du client."}
    )
    siret = forms.CharField(label="SIRET", max_length=17, required=False)
    contact_name = forms.CharField(label="Personne à contacter", max_length=200, required=False)
    phone = forms.CharField(label="Téléphone", max_length=20, required=False)
    email = forms.EmailField(
        label="Adresse e-mail",
        required=False,
        error_messages={
            "invalid": "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."
        },
    )
    city = forms.CharField(label="Commune", max_length=100, required=False)

    def clean_siret(self):
        from jalons.structures.validators import normalize_siret, validate_siret

        value = normalize_siret(self.cleaned_data["siret"])
        if value:
            validate_siret(value)
        return value


class MonthField(forms.DateField):
    """A month, typed as AAAA-MM (the browser's month picker) or MM/AAAA."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m/%Y"]
    default_error_messages = {
        "invalid": "Saisissez un mois, par exemple 03/2025.",
        "required": "Indiquez le mois déclaré.",
    }

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class AccompanimentContractForm(forms.Form):
    activity = forms.CharField(
        label="Activité exercée",
        max_length=200,
        help_text=(
            "Le métier ou l'activité de la micro-entreprise, par exemple « Peintre en bâtiment »."
        ),
        error_messages={"required": "Indiquez l'activité exercée par le travailleur indépendant."},
    )
    siret = forms.CharField(
        label="SIRET de la micro-entreprise",
        max_length=17,
        required=False,
        help_text="14 chiffres ; facultatif tant que l'immatriculation n'est pas faite.",
    )
    start_date = date_field("Date de signature (début de l'accompagnement)")
    planned_end_date = date_field(
        "Fin prévue", help_text="Au plus 24 mois après le début de l'accompagnement."
    )
    end_date = date_field("Fin effective", required=False)

    def clean_siret(self):
        from jalons.structures.validators import normalize_siret, validate_siret

        value = normalize_siret(self.cleaned_data["siret"])
        if value:
            validate_siret(value)
        return value


# The bound of the model field, as the import reads it (jalons.parcours.entry_rules).
DECLARED_HOURS_MAX = upper_bound(ActivityDeclaration._meta.get_field("hours"))


class ActivityDeclarationForm(forms.Form):
    month = MonthField(label="Mois déclaré")
    turnover = FrenchDecimalField(
        label="Chiffre d'affaires déclaré (euros)",
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": "Indiquez le chiffre d'affaires du mois (0 s'il n'y en a pas).",
            "invalid": "Saisissez un montant en euros, par exemple 1 234,50.",
            "min_value": "Le chiffre d'affaires ne peut pas être négatif.",
            "max_decimal_places": "Le chiffre d'affaires a au plus 2 décimales (centimes).",
        },
    )
    hours = FrenchDecimalField(
        label="Heures d'activité déclarées",
        min_value=0,
        max_value=DECLARED_HOURS_MAX,
        max_digits=6,
        decimal_places=2,
        error_messages={
            "required": "Indiquez les heures d'activité du mois (0 s'il n'y en a pas).",
            "invalid": "Saisissez un nombre d'heures, par exemple 62,5.",
            "min_value": "Les heures d'activité ne peuvent pas être négatives.",
            "max_value": f"Un mois compte au plus {DECLARED_HOURS_MAX} heures.",
        },
    )
