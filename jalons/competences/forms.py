import datetime as dt

from django import forms

from jalons.competences.models import EvaluatorKind, Level
from jalons.competences.services import CLIENT_EVALUATION_KINDS
from jalons.web.forms import date_field


class ImportForm(forms.Form):
    key = forms.ChoiceField(
        label="Titre à importer",
        error_messages={
            "required": "Choisissez un titre.",
            "invalid_choice": "Choisissez un titre de la liste.",
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [("", "Choisir un titre…"), *choices]


class TitleForm(forms.Form):
    name = forms.CharField(
        label="Intitulé",
        max_length=200,
        error_messages={"required": "Indiquez l'intitulé du titre ou du métier."},
    )
    rncp_code = forms.CharField(
        label="Code RNCP",
        max_length=20,
        required=False,
        help_text="Par exemple RNCP37845, s'il existe.",
    )
    source_label = forms.CharField(
        label="Source",
        max_length=300,
        required=False,
        help_text="D'où vient ce découpage : titre professionnel, fiche métier…",
    )
    source_url = forms.URLField(
        assume_scheme="https",
        label="Lien vers la source",
        required=False,
        error_messages={
            "invalid": "Saisissez une adresse complète, par exemple https://www.francecompetences.fr/…"
        },
    )


class BlockForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=40, required=False, help_text="Par exemple « CCP 1 »."
    )
    name = forms.CharField(
        label="Intitulé du bloc",
        max_length=300,
        error_messages={"required": "Indiquez l'intitulé du bloc."},
    )


class SkillForm(forms.Form):
    name = forms.CharField(
        label="Intitulé de la compétence",
        max_length=300,
        error_messages={"required": "Indiquez l'intitulé de la compétence."},
    )


LEVEL_CHOICES = [("", "Non évaluée cette fois"), *[(str(v), label) for v, label in Level.choices]]


class EvaluationForm(forms.Form):
    """One evaluation session: date, evaluator, and a level per skill of a title."""

    evaluated_on = date_field("Date de l'évaluation")
    evaluator_kind = forms.ChoiceField(label="Évaluée par")
    evaluator_name = forms.CharField(
        label="Nom de l'évaluateur",
        max_length=200,
        required=False,
        help_text=(
            "Laissez vide pour votre propre nom. "
            "Pour une entreprise cliente : la personne qui a évalué."
        ),
    )
    client = forms.ModelChoiceField(
        label="Entreprise cliente ou utilisateur",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Choisissez un client de la liste."},
    )
    comment = forms.CharField(
        label="Observation",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce qui a été observé, en situation de travail. Visible de toute l'équipe.",
    )

    def __init__(self, *args, structure, skills, clients, role, latest=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [(k, label) for k, label in EvaluatorKind.choices if k != EvaluatorKind.CLIENT]
        if structure.kind in CLIENT_EVALUATION_KINDS:
            kinds.append((EvaluatorKind.CLIENT.value, EvaluatorKind.CLIENT.label))
            self.fields["client"].queryset = clients
        else:
            del self.fields["client"]
        self.fields["evaluator_kind"].choices = kinds
        self.fields["evaluator_kind"].initial = role if role in dict(kinds) else ""
        self.fields["evaluated_on"].initial = dt.date.today()
        self.skills = list(skills)
        self.skill_fields = []
        for skill in self.skills:
            name = f"niveau_{skill.pk}"
            last = (latest or {}).get(skill.pk)
            self.fields[name] = forms.ChoiceField(
                label=skill.name,
                choices=LEVEL_CHOICES,
                required=False,
                help_text=(
                    f"Dernière évaluation : {last.get_level_display().lower()} "
                    f"le {last.evaluated_on:%d/%m/%Y}."
                    if last
                    else "Jamais évaluée."
                ),
            )
            self.skill_fields.append((skill, name))

    def levels(self) -> dict:
        return {
            skill: int(self.cleaned_data[name])
            for skill, name in self.skill_fields
            if self.cleaned_data.get(name) not in (None, "")
        }

    def general_fields(self):
        return [
            self[name]
            for name in ("evaluated_on", "evaluator_kind", "evaluator_name", "client", "comment")
            if name in self.fields
        ]
