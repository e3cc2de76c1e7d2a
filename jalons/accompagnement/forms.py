from django import forms

from jalons.accompagnement.entry_rules import DURATION_MINUTES_MAX, DURATION_MINUTES_MIN
from jalons.accompagnement.models import (
    SENSITIVE_BARRIERS,
    AccompanimentMedium,
    AccompanimentModality,
    AccompanimentNature,
    Intensity,
    PartnerKind,
    PlanActionStatus,
    ReviewKind,
)
from jalons.parcours.forms import DateRulesMixin
from jalons.parcours.vocabulary import barrier_choices
from jalons.web.forms import date_field


def _barrier_choices(can_see_sensitive: bool) -> list[tuple[str, str]]:
    return [
        (k, v) for k, v in barrier_choices() if can_see_sensitive or k not in SENSITIVE_BARRIERS
    ]


class ModelChoice(forms.TypedChoiceField):
    """A choice among records given as (pk, label), returning the record."""

    def __init__(self, *, label, empty_label, queryset=None, **kwargs):
        self.queryset = queryset
        super().__init__(
            label=label,
            required=False,
            coerce=int,
            empty_value=None,
            error_messages={"invalid_choice": "Choisissez un élément de la liste proposée."},
            **kwargs,
        )
        self.empty_label = empty_label

    def set_records(self, queryset, choices):
        self.queryset = queryset
        self.choices = [("", self.empty_label), *choices]

    def clean(self, value):
        pk = super().clean(value)
        return None if pk is None else self.queryset.get(pk=pk)


class AccompanimentForm(DateRulesMixin, forms.Form):
    past_dates = {"date": "la date de l'entretien"}

    date = date_field("Date")
    nature = forms.ChoiceField(
        label="Nature",
        choices=AccompanimentNature.choices,
        error_messages={"required": "Choisissez la nature : sociale ou professionnelle."},
    )
    duration_minutes = forms.IntegerField(
        label="Durée (minutes)",
        min_value=DURATION_MINUTES_MIN,
        max_value=DURATION_MINUTES_MAX,
        error_messages={
            "required": "Indiquez la durée en minutes.",
            "invalid": "Saisissez un nombre entier de minutes, par exemple 45.",
            "min_value": f"La durée doit être d'au moins {DURATION_MINUTES_MIN} minute.",
            "max_value": (
                f"La durée ne peut pas dépasser {DURATION_MINUTES_MAX // 60} heures "
                f"({DURATION_MINUTES_MAX:,} minutes).".replace(",", "\u202f")
            ),
        },
    )
    medium = forms.ChoiceField(
        label="Forme de l'entretien",
        choices=[("", "Non renseignée"), *AccompanimentMedium.choices],
        required=False,
    )
    modality = forms.ChoiceField(
        label="Modalité",
        choices=[("", "Non renseignée"), *AccompanimentModality.choices],
        required=False,
        help_text="Interne : mené par la structure. Externe : mené par un partenaire.",
    )
    barrier = forms.ChoiceField(label="Frein travaillé", required=False)
    plan_objective = ModelChoice(label="Objectif du plan", empty_label="Aucun")
    plan_action = ModelChoice(label="Action du plan", empty_label="Aucune")
    partner = ModelChoice(
        label="Référent extérieur (annuaire)",
        empty_label="Aucun",
        help_text="Son nom remplace l'intervenant saisi ci-dessous.",
    )
    speaker = forms.CharField(
        label="Intervenant",
        max_length=200,
        required=False,
        help_text="Si le référent n'est pas dans l'annuaire.",
    )
    note = forms.CharField(
        label="Note partagée",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Lue par toute l'équipe, encadrant technique compris.",
    )
    confidential_note = forms.CharField(
        label="Note confidentielle",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Lue par le CIP et la direction seulement.",
    )

    def __init__(self, *args, can_see_sensitive: bool, partners=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        from jalons.accompagnement import selectors

        self.fields["barrier"].choices = [
            ("", "Aucun en particulier"),
            *_barrier_choices(can_see_sensitive),
        ]
        if partners is not None:
            self.fields["partner"].set_records(partners, [(p.pk, str(p)) for p in partners])
        else:
            del self.fields["partner"]
        if person is not None:
            from jalons.accompagnement.models import PlanAction, PlanObjective

            self.fields["plan_objective"].set_records(
                PlanObjective.objects.filter(plan_barrier__person=person),
                selectors.objective_choices(person=person, can_see_sensitive=can_see_sensitive),
            )
            self.fields["plan_action"].set_records(
                PlanAction.objects.filter(objective__plan_barrier__person=person),
                selectors.plan_action_choices(person=person, can_see_sensitive=can_see_sensitive),
            )
        else:
            del self.fields["plan_objective"], self.fields["plan_action"]
        if not can_see_sensitive:
            del self.fields["confidential_note"]


class PartnerForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type de partenaire",
        choices=[("", "Choisissez"), *PartnerKind.choices],
        error_messages={"required": "Choisissez le type de partenaire."},
    )
    organisation = forms.CharField(
        label="Organisme",
        max_length=200,
        error_messages={"required": "Indiquez l'organisme, par exemple « CCAS de Lille »."},
    )
    contact_name = forms.CharField(label="Nom du référent", max_length=200, required=False)
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    email = forms.EmailField(
        label="Adresse e-mail",
        required=False,
        error_messages={"invalid": "Saisissez une adresse e-mail valide, par exemple nom@cpam.fr."},
    )
    notes = forms.CharField(
        label="Remarques", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    active = forms.BooleanField(label="Partenaire actif", required=False, initial=True)


class PlanBarrierForm(DateRulesMixin, forms.Form):
    past_dates = {
        "identified_on": "la date de repérage",
        "resolved_on": "la date de levée du frein",
    }

    barrier = forms.ChoiceField(
        label="Frein (nomenclature ASP)",
        error_messages={"required": "Choisissez le frein."},
    )
    intensity = forms.ChoiceField(
        label="Intensité",
        choices=[("", "Choisissez"), *Intensity.choices],
        error_messages={"required": "Choisissez l'intensité : faible, moyen ou fort."},
    )
    identified_on = date_field("Date de repérage")
    resolved_on = date_field("Date de levée du frein", required=False)
    comment = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, can_see_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["barrier"].choices = [("", "Choisissez"), *_barrier_choices(can_see_sensitive)]


class PlanObjectiveForm(DateRulesMixin, forms.Form):
    past_dates = {"achieved_on": "la date où l'objectif est atteint"}

    title = forms.CharField(
        label="Objectif",
        max_length=250,
        error_messages={"required": "Décrivez l'objectif, par exemple « Obtenir le permis B »."},
    )
    target_date = date_field("Échéance", required=False)
    achieved_on = date_field("Date où l'objectif est atteint", required=False)


class PlanActionForm(DateRulesMixin, forms.Form):
    past_dates = {"done_on": "la date de réalisation"}

    title = forms.CharField(
        label="Action",
        max_length=250,
        error_messages={"required": "Décrivez l'action, par exemple « Inscription auto-école »."},
    )
    status = forms.ChoiceField(label="Statut", choices=PlanActionStatus.choices)
    due_date = date_field("Échéance", required=False)
    done_on = date_field(
        "Date de réalisation", required=False, help_text="Laissée vide : la date du jour."
    )
    partner = ModelChoice(label="Partenaire mobilisé", empty_label="Aucun")

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].set_records(partners, [(p.pk, str(p)) for p in partners])


class ReviewTemplateForm(forms.Form):
    kind = forms.ChoiceField(label="Type de bilan", choices=ReviewKind.choices)
    name = forms.CharField(
        label="Nom du modèle",
        max_length=200,
        error_messages={"required": "Donnez un nom au modèle."},
    )
    questions = forms.CharField(
        label="Questions",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Une question par ligne ; une ligne qui commence par « # » ouvre une rubrique.",
        error_messages={"required": "Écrivez au moins une question."},
    )
    active = forms.BooleanField(
        label="Proposé pour les nouveaux bilans", required=False, initial=True
    )


class ReviewCreateForm(forms.Form):
    template = ModelChoice(label="Modèle de bilan", empty_label="Choisissez")
    date = date_field("Date du bilan")

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        field.required = True
        field.error_messages["required"] = "Choisissez le modèle de bilan."
        field.set_records(
            templates, [(t.pk, f"{t.name} ({t.get_kind_display().lower()})") for t in templates]
        )


class ReviewFillForm(forms.Form):
    """The review's questions, one field each, then conclusion and confidential note."""

    date = date_field("Date du bilan")

    def __init__(self, *args, review, can_see_sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self._sections = []
        for i, item in enumerate(review.answers):
            name = f"reponse_{i}"
            self.fields[name] = forms.CharField(
                label=item["question"],
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=item.get("answer", ""),
            )
            if not self._sections or self._sections[-1][0] != item["section"]:
                self._sections.append((item["section"], []))
            self._sections[-1][1].append(name)
        self.fields["conclusion"] = forms.CharField(
            label="Conclusion et suites",
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=review.conclusion,
        )
        if can_see_sensitive:
            self.fields["confidential_note"] = forms.CharField(
                label="Note confidentielle",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=review.confidential_note,
                help_text="Jamais montrée à la personne ni à l'encadrant technique.",
            )
        self.answer_count = len(review.answers)

    @property
    def sections(self):
        return [(section, [self[name] for name in names]) for section, names in self._sections]

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"reponse_{i}"] for i in range(self.answer_count)]


class DateOnlyForm(DateRulesMixin, forms.Form):
    """The date something was done (a review validated, presented): not after today."""

    def __init__(self, *args, label: str, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[name] = date_field(label)
        self.past_dates = {name: f"la {label.lower()}"}
