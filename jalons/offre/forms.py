from django import forms

from jalons.offre import data_inclusion_catalogue as catalogue
from jalons.offre.catalogue import BY_KEY, WRITABLE, section_title, writable_for
from jalons.offre.data_inclusion import ServiceInput, field_errors, services_by_kind
from jalons.offre.models import ObjectiveKind, TemplateKind
from jalons.offre.services import START_EMPTY, START_PREVIOUS
from jalons.offre.services_models import MAX_FILE_BYTES
from jalons.web.fields import FrenchDecimalField

YEAR_ERRORS = {
    "invalid": "Saisissez une année sur quatre chiffres, par exemple 2026.",
    "required": "Saisissez l'année de l'offre de services.",
    "min_value": "Saisissez une année à partir de 2000.",
    "max_value": "Saisissez une année jusqu'à 2100.",
}
TARGET_ERRORS = {"invalid": "Saisissez un nombre, par exemple 60 ou 12,5."}


def _applies(section_key: str, kind: str) -> bool:
    section = BY_KEY.get(section_key)
    return section is not None and section.applies_to(kind)


class OffreCreateForm(forms.Form):
    year = forms.IntegerField(
        label="Année", min_value=2000, max_value=2100, error_messages=YEAR_ERRORS
    )
    start = forms.ChoiceField(
        label="Point de départ",
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez un point de départ."},
    )

    models = forms.MultipleChoiceField(
        label="Modèles de vos réseaux à reprendre (chacun remplit sa section)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choisissez des modèles dans la liste."},
    )

    def __init__(self, *args, has_previous: bool, kind: str, models=(), **kwargs):
        super().__init__(*args, **kwargs)
        models = [m for m in models if _applies(m.section_key, kind)]
        choices = [(START_EMPTY, "Une offre vide, guidée section par section")]
        if has_previous:
            choices.append((START_PREVIOUS, "Le texte de notre offre de l'année précédente"))
        self.fields["start"].choices = choices
        self.fields["models"].choices = [
            (str(m.pk), f"{section_title(m.section_key, kind)} : « {m.title} » ({m.network})")
            for m in models
        ]
        if not models:
            del self.fields["models"]
        self.fields["start"].initial = START_PREVIOUS if has_previous else START_EMPTY


class SectionForm(forms.Form):
    text = forms.CharField(
        label="Texte de la section",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Séparez les paragraphes par une ligne vide ; commencez une ligne par « - » "
        "pour une liste.",
        error_messages={"max_length": "Le texte dépasse 20 000 caractères : raccourcissez-le."},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label="Je transmets l'offre de services à la DDETS au nom de la structure.",
        error_messages={"required": "Cochez la case pour confirmer la transmission."},
    )


class ShareForm(forms.Form):
    network = forms.ModelChoiceField(
        label="Réseau",
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": "Choisissez l'un des réseaux de la structure."},
    )
    title = forms.CharField(
        label="Titre du modèle",
        max_length=200,
        required=False,
        help_text="Par défaut, le titre de la section et le nom de la structure.",
    )

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks


def objectives_form_class(*, editable_years: list[int], custom_labels: list[str]):
    """One target field per objective and editable year, and one comment per objective."""
    fields = {}
    rows = [(k.value, k.label) for k in ObjectiveKind if k != ObjectiveKind.CUSTOM]
    rows += [(f"autre:{label}", label) for label in custom_labels]
    for key, label in rows:
        for year in editable_years:
            fields[f"{key}|{year}"] = FrenchDecimalField(
                label=f"{label}, objectif {year}",
                required=False,
                min_value=0,
                error_messages={**TARGET_ERRORS, "min_value": "Saisissez un nombre positif."},
            )
        fields[f"{key}|commentaire"] = forms.CharField(
            label=f"{label}, commentaire", required=False, max_length=300
        )
    form_class = type("ObjectivesForm", (forms.Form,), fields)
    form_class.rows = rows
    form_class.editable_years = editable_years
    return form_class


class CustomObjectiveForm(forms.Form):
    label = forms.CharField(
        label="Intitulé",
        max_length=200,
        error_messages={"required": "Donnez un intitulé à l'objectif."},
    )
    unit = forms.CharField(
        label="Unité",
        max_length=40,
        required=False,
        help_text="Par exemple : personnes, heures, %.",
    )
    year = forms.TypedChoiceField(label="Année", coerce=int)
    target = FrenchDecimalField(
        label="Cible",
        min_value=0,
        error_messages={
            **TARGET_ERRORS,
            "required": "Saisissez la cible.",
            "min_value": "Saisissez un nombre positif.",
        },
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class CompareForm(forms.Form):
    de = forms.TypedChoiceField(label="Comparer", coerce=str)
    a = forms.TypedChoiceField(label="avec", coerce=str)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["de"].choices = choices
        self.fields["a"].choices = choices


class DdetsCommentForm(forms.Form):
    section_key = forms.ChoiceField(label="Sur", required=False)
    text = forms.CharField(
        label="Commentaire",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Écrivez le commentaire."},
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [("", "L'ensemble du dossier")] + [
            (s.key, section_title(s.key, kind)) for s in writable_for(kind)
        ]


class DdetsDecisionForm(forms.Form):
    text = forms.CharField(
        label="Message à la structure",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text="Obligatoire pour un renvoi : dites ce qu'il faut compléter.",
    )


class NetworkTemplateForm(forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=TemplateKind.choices)
    title = forms.CharField(
        label="Titre", max_length=200, error_messages={"required": "Donnez un titre au modèle."}
    )
    section_key = forms.ChoiceField(label="Section de l'offre concernée", required=False)
    text = forms.CharField(
        label="Texte", required=False, widget=forms.Textarea(attrs={"rows": 12}), max_length=20000
    )
    file = forms.FileField(
        label="Fichier joint (facultatif)",
        required=False,
        help_text=f"PDF, DOCX, ODT, XLSX ou ODS, {MAX_FILE_BYTES // (1024 * 1024)} Mo au plus.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [("", "Aucune (outil général)")] + [
            (s.key, section_title(s.key)) for s in WRITABLE
        ]


class PublicListingForm(forms.Form):
    """The public listing: texts and contact the structure writes for the public. It
    parses; the rules of the data·inclusion schema are checked by
    ``data_inclusion.field_errors`` (the same function as the service and the export)."""

    presentation = forms.CharField(
        label="Présentation de la structure",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Pour le public et les prescripteurs : ce que fait la structure, pour qui, "
        "où. 50 à 10 000 caractères. N'y reprenez pas ce qui est écrit pour la DDETS "
        "(financements, dialogue de gestion).",
    )
    phone = forms.CharField(
        label="Téléphone",
        required=False,
        max_length=30,
        help_text="Un seul numéro, par exemple 03 27 00 00 01.",
    )
    email = forms.CharField(
        label="Courriel",
        required=False,
        max_length=254,
        help_text="Une adresse que l'équipe lit, par exemple contact@structure.fr. "
        "Le téléphone ou le courriel est obligatoire.",
    )
    website = forms.CharField(
        label="Site web", required=False, max_length=200, help_text="Facultatif."
    )
    opening_hours = forms.CharField(
        label="Horaires d'accueil",
        required=False,
        max_length=200,
        help_text="Facultatif. Au format OpenStreetMap : jours abrégés en anglais, heures sur "
        "24 h, par exemple « Mo-Fr 08:30-12:00,13:30-17:00; PH off » (du lundi au vendredi, "
        "fermé les jours fériés). L'aperçu les montre en français.",
    )
    audiences = forms.MultipleChoiceField(
        label="Publics accueillis",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choisissez les publics dans la liste."},
    )

    STRUCTURE_FIELDS = ("presentation", "phone", "email", "website", "opening_hours", "audiences")

    def __init__(self, *args, structure_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audiences"].choices = list(catalogue.AUDIENCES.items())
        self.specs = catalogue.SERVICES
        self.structure_kind = structure_kind
        for spec in self.specs:
            if not spec.required:
                self.fields[f"{spec.kind}-published"] = forms.BooleanField(
                    label="Publier ce service", required=False
                )
            self.fields[f"{spec.kind}-description"] = forms.CharField(
                label="Description publique",
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text="Ce que la personne y trouve et comment y accéder, en phrases "
                "courtes. 50 caractères au moins, 200 à 2 000 conseillés."
                + (" Obligatoire." if spec.required else " Obligatoire si le service est publié."),
            )
            self.fields[f"{spec.kind}-themes"] = forms.MultipleChoiceField(
                label="Thématiques",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(t, catalogue.THEMES[t]) for t in spec.themes],
                error_messages={"invalid_choice": "Choisissez les thématiques dans la liste."},
            )

    def clean_website(self):
        value = self.cleaned_data["website"].strip()
        if value and "://" not in value:
            value = f"https://{value}"
        return value

    def service_inputs(self) -> dict:
        data = self.cleaned_data
        return {
            spec.kind: ServiceInput(
                published=spec.required or bool(data.get(f"{spec.kind}-published")),
                description=data.get(f"{spec.kind}-description", ""),
                themes=tuple(data.get(f"{spec.kind}-themes", ())),
            )
            for spec in self.specs
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        errors = field_errors(
            **{name: cleaned.get(name, "") for name in self.STRUCTURE_FIELDS[:-1]},
            audiences=cleaned.get("audiences", []),
            services=self.service_inputs(),
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned

    def structure_group(self) -> list:
        return [self[name] for name in self.STRUCTURE_FIELDS]

    def service_groups(self) -> list[tuple]:
        """(spec, public name, its bound fields) for each service, in catalogue order."""
        groups = []
        for spec in self.specs:
            names = [f"{spec.kind}-{part}" for part in ("published", "description", "themes")]
            groups.append(
                (spec, spec.name(self.structure_kind), [self[n] for n in names if n in self.fields])
            )
        return groups


def public_listing_initial(listing) -> dict:
    """The form's values from the saved listing (never from the Offre de Services); for a
    listing not yet written, the usual publics and themes of a SIAE, and no text."""
    saved = listing.pk is not None
    initial = {
        "presentation": listing.presentation,
        "phone": listing.phone,
        "email": listing.email,
        "website": listing.website,
        "opening_hours": listing.opening_hours,
        "audiences": list(listing.audiences) if saved else list(catalogue.DEFAULT_AUDIENCES),
    }
    found = services_by_kind(listing)
    for spec in catalogue.SERVICES:
        service = found.get(spec.kind)
        initial[f"{spec.kind}-published"] = service.published if service else True
        initial[f"{spec.kind}-description"] = service.description if service else ""
        initial[f"{spec.kind}-themes"] = (
            list(service.themes) if service else list(spec.default_themes)
        )
    return initial
