"""Forms of the observatory pages: the edition filters (GET) and the consent (POST)."""

import datetime as dt
from urllib.parse import urlencode

from django import forms

from jalons.rules import builtin_names

PERIODS = [
    ("civile", "Année civile (janvier à décembre)"),
    ("annexe", "Année d'annexe financière"),
]
QUARTERS = [
    ("", "Toute l'année"),
    ("1", "1er trimestre"),
    ("2", "2e trimestre"),
    ("3", "3e trimestre"),
    ("4", "4e trimestre"),
]
DEFAULT_RULE_SET = "dgefp-2014"


class EditionFilterForm(forms.Form):
    """Which edition to show: year, kind of year, quarter, rule set of the rates."""

    annee = forms.TypedChoiceField(label="Année", coerce=int)
    periode = forms.ChoiceField(label="Type d'année", choices=PERIODS, required=False)
    trimestre = forms.TypedChoiceField(
        label="Trimestre", choices=QUARTERS, coerce=int, required=False, empty_value=None
    )
    regles = forms.ChoiceField(label="Jeu de règles des taux", required=False)

    def __init__(self, data=None, *, years: list[int]):
        this_year = dt.date.today().year
        self.years = sorted(set(years), reverse=True) or [this_year - 1]
        # By default the latest year that has ended: the current one is still partial.
        self.default_year = next((y for y in self.years if y < this_year), self.years[0])
        if data is not None:
            # A filter left out of the address shows its default, as the edition does.
            data = data.copy()
            for name, value in (
                ("annee", str(self.default_year)),
                ("periode", "civile"),
                ("regles", DEFAULT_RULE_SET),
            ):
                if not data.get(name):
                    data[name] = value
        super().__init__(data)
        self.fields["annee"].choices = [(y, str(y)) for y in self.years]
        self.fields["annee"].initial = self.default_year
        self.fields["periode"].initial = "civile"
        self.fields["regles"].choices = [(name, name) for name in builtin_names()]
        self.fields["regles"].initial = DEFAULT_RULE_SET

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("trimestre") and cleaned.get("periode") == "annexe":
            self.add_error(
                "trimestre",
                "Les trimestres se lisent en année civile : choisissez « Année civile » "
                "ou « Toute l'année ».",
            )
        return cleaned

    def choice(self) -> dict:
        """The chosen edition, or the default one (latest year) for missing or bad input."""
        default = {
            "year": self.default_year,
            "quarter": None,
            "period": "civile",
            "rule_set": DEFAULT_RULE_SET,
        }
        if not self.is_bound or not self.is_valid():
            return default
        data = self.cleaned_data
        return {
            "year": data["annee"],
            "quarter": data.get("trimestre"),
            "period": data.get("periode") or "civile",
            "rule_set": data.get("regles") or DEFAULT_RULE_SET,
        }

    def query(self, **changes) -> str:
        """The query string of the chosen edition (for download links)."""
        choice = {**self.choice(), **changes}
        params = {
            "annee": choice["year"],
            "periode": "civile" if choice["quarter"] else choice["period"],
            "regles": choice["rule_set"],
        }
        if choice["quarter"]:
            params["trimestre"] = choice["quarter"]
        return urlencode(params)


def _described(name: str) -> forms.CheckboxInput:
    return forms.CheckboxInput(attrs={"aria-describedby": f"id_{name}-aide"})


class ConsentForm(forms.Form):
    share_with_networks = forms.BooleanField(
        widget=_described("share_with_networks"),
        label="Partager nos chiffres avec nos réseaux",
        required=False,
        help_text="L'équipe de chacun de nos réseaux voit nos chiffres, sous le nom de la "
        "structure, dans l'observatoire du réseau. Sans cet accord, elle ne voit que des "
        "totaux où nous sommes mêlés à au moins deux autres structures.",
    )
    share_with_ddets = forms.BooleanField(
        widget=_described("share_with_ddets"),
        label="Partager nos chiffres avec la DDETS",
        required=False,
        help_text="Les agents de la DDETS de notre département voient nos chiffres, sous le "
        "nom de la structure. Sans cet accord, ils ne voient que des totaux protégés et les "
        "dossiers de dialogue de gestion que nous leur avons remis.",
    )
    compare_position = forms.BooleanField(
        widget=_described("compare_position"),
        label="Nous situer parmi les structures du même type",
        required=False,
        help_text="Cette page nous montre où nous nous situons (quartiles et médiane des "
        "structures du même type de la région). Personne d'autre ne voit cette position "
        "et aucune autre structure n'est nommée.",
    )
