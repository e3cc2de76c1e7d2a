from django import forms

from jalons.structures.models import (
    AnnexeFinanciere,
    Departement,
    FunderKind,
    Network,
    Structure,
)
from jalons.structures.validators import normalize_siret, validate_siret
from jalons.web.fields import FrenchDecimalField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StructureForm(forms.ModelForm):
    departement = forms.ModelChoiceField(
        label="Département",
        queryset=Departement.objects.all(),
        error_messages={"required": "Choisissez le département de la structure."},
    )
    networks = forms.ModelMultipleChoiceField(
        label="Réseaux",
        queryset=Network.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les réseaux dont la structure est adhérente.",
    )

    class Meta:
        model = Structure
        fields = [
            "name",
            "siret",
            "address",
            "postcode",
            "city",
            "departement",
            "phone",
            "email",
            "networks",
        ]
        error_messages = {
            "name": {"required": "Indiquez le nom de la structure."},
            "siret": {"required": "Indiquez le SIRET de la structure."},
            "email": {
                "invalid": "Saisissez une adresse e-mail valide, par exemple contact@exemple.fr."
            },
        }

    def clean_siret(self):
        siret = normalize_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if value and not (len(value) == 5 and value.isdigit()):
            raise forms.ValidationError("Le code postal doit comporter 5 chiffres.")
        return value

    def _post_clean(self):
        # Validation happens in the service, not by the form's model instance.
        pass


class AnnexeForm(forms.ModelForm):
    class Meta:
        model = AnnexeFinanciere
        fields = ["number", "start_date", "end_date", "etp_conventionnes", "annual_reference_hours"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}
        field_classes = {
            "etp_conventionnes": FrenchDecimalField,
            "annual_reference_hours": FrenchDecimalField,
        }
        error_messages = {
            "number": {"required": "Indiquez le numéro de l'annexe financière."},
            "start_date": {
                "required": "Indiquez la date de début.",
                "invalid": "Saisissez une date valide, par exemple 01/01/2026.",
            },
            "end_date": {
                "required": "Indiquez la date de fin.",
                "invalid": "Saisissez une date valide, par exemple 31/12/2026.",
            },
            "etp_conventionnes": {
                "required": "Indiquez le nombre d'ETP conventionnés.",
                "invalid": "Saisissez un nombre, par exemple 12,5.",
            },
            "annual_reference_hours": {
                "required": "Indiquez la durée annuelle d'un temps plein.",
                "invalid": "Saisissez un nombre d'heures, par exemple 1607.",
            },
        }

    def __init__(self, *args, structure: Structure, **kwargs):
        self.structure = structure
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La date de fin doit être postérieure à la date de début.")
        number = data.get("number")
        if number:
            clash = AnnexeFinanciere.objects.filter(structure=self.structure, number=number)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("number", "Une annexe de cette structure porte déjà ce numéro.")
        return data

    def _post_clean(self):
        pass


class FundingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Financeur", choices=[("", "—"), *FunderKind.choices], required=False
    )
    label = forms.CharField(label="Précision", max_length=200, required=False)
    amount = FrenchDecimalField(
        label="Montant (€)",
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        error_messages={
            "invalid": "Saisissez un montant en euros, par exemple 125000 ou 125000,50.",
            "min_value": "Le montant ne peut pas être négatif.",
        },
    )

    def clean(self):
        data = super().clean()
        if not data.get("kind") and (data.get("label") or data.get("amount") is not None):
            self.add_error("kind", "Choisissez le financeur de cette ligne.")
        return data


FundingFormSet = forms.formset_factory(FundingForm, extra=3, can_delete=True)


def fundings_from_formset(formset) -> list[dict]:
    return [
        {
            "kind": f.cleaned_data["kind"],
            "label": f.cleaned_data["label"],
            "amount": f.cleaned_data["amount"],
        }
        for f in formset.forms
        if f.cleaned_data and f.cleaned_data.get("kind") and not f.cleaned_data.get("DELETE")
    ]
