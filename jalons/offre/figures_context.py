"""What every figure of an Offre de Services is computed from: the structure, the
year (period « Année N » of the indicators page) and the reference date."""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from jalons.indicateurs.services import structure_indicators
from jalons.web.charts import french_number

HIRE_SITUATIONS = (
    ("rsa", "dont bénéficiaires du RSA"),
    ("ass", "dont bénéficiaires de l'ASS"),
    ("deld", "dont demandeurs d'emploi de longue durée"),
    ("detld", "dont demandeurs d'emploi de très longue durée"),
    ("qpv", "dont résidents d'un QPV"),
    ("zrr", "dont résidents d'une ZRR"),
)


# Shorter labels where the chart's label column would cut the full one.
CHART_LABELS = {
    "departement": "Département",
    "siae": "La structure",
    "demarches_administratives": "Démarches, droits",
    "hebergement_logement": "Logement",
    "manque_disponibilite": "Disponibilité",
    "sans_frein": "Sans frein",
}


def count(value) -> str:
    return "–" if value is None else str(value)


def number(value, decimals: int = 2) -> str:
    return "–" if value is None else french_number(value, decimals)


@dataclass
class FigureContext:
    structure: object
    year: int
    reference: dt.date

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def period_label(self) -> str:
        return f"Année {self.year}"

    @cached_property
    def indicators(self):
        return structure_indicators(
            structure=self.structure, start=self.start, end=self.end, reference=self.reference
        )

    @property
    def calculs(self) -> list[dict]:
        return self.indicators.result["calculs"]

    def entries(self) -> list[dict | None]:
        return [c["structures"][0] if c["structures"] else None for c in self.calculs]

    @property
    def complementary(self) -> dict:
        entries = self.entries()
        return (entries[0] or {}).get("complementaires", {}) if entries else {}

    def source(self, what: str = "") -> str:
        rule_sets = ", ".join(
            f"« {r.titre_court} » version {r.version}" for r in self.indicators.rule_sets
        )
        text = (
            f"{self.period_label} (du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}), "
            f"données au {self.reference:%d/%m/%Y}"
        )
        if what == "rules":
            text += f" ; jeux de règles {rule_sets}"
        return text + "."

    def excluded_note(self) -> str:
        lacking = [
            e
            for e in self.indicators.excluded
            if e.get("date_sortie") and self.start <= e["date_sortie"] <= self.end
        ]
        if not lacking:
            return ""
        n = len(lacking)
        if n == 1:
            return "1 sortie sans motif n'est pas comptée : complétez-la (page À faire)."
        return f"{n} sorties sans motif ne sont pas comptées : complétez-les (page À faire)."
