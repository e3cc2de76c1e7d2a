from django import forms

from jalons.contrats.models import CONTRACT_KINDS_BY_SIAE, ClientKind
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
