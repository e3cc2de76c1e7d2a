"""The rule set as data: dated parameters (``Parameter``, ``DatedValue``), what each
parameter accepts (``PARAMETER_SPECS``), the rule set with its parent and sources
(``RuleSet``). ``rulesets`` reads them from YAML."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from jalons.rules.referential import Reference, Referential
from jalons.rules.vocabulary import GROUPES

SINCE_ALWAYS = dt.date.min


def _non_negative_int(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _non_negative_number(value: Any) -> bool:
    return value is None or (
        isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    )


def _groups(value: Any) -> bool:
    return isinstance(value, list) and all(g in GROUPES for g in value)


def _boolean(value: Any) -> bool:
    return isinstance(value, bool)


@dataclass(frozen=True)
class ParameterSpec:
    per_type: bool
    valid: Any
    expected: str


PARAMETER_SPECS: dict[str, ParameterSpec] = {
    "duree_minimale_mois": ParameterSpec(True, _non_negative_int, "un entier ≥ 0 ou null"),
    "heures_minimales": ParameterSpec(True, _non_negative_number, "un nombre ≥ 0 ou null"),
    "heures_minimales_annee_sortie": ParameterSpec(
        True, _non_negative_number, "un nombre ≥ 0 ou null"
    ),
    "groupes_retires": ParameterSpec(
        False, _groups, "une liste de groupes parmi " + ", ".join(GROUPES)
    ),
    "durable_temps_plein_uniquement": ParameterSpec(False, _boolean, "true ou false"),
}


@dataclass(frozen=True)
class DatedValue:
    depuis: dt.date
    valeur: Any
    references: tuple[str, ...]
    verification: str
    documentation: str | None
    defini_dans: str


@dataclass(frozen=True)
class Parameter:
    nom: str
    description: str
    unite: str | None
    documentation: str | None
    last_value_still_valid_on: dt.date | None
    # Key: SIAE type, or None for a parameter common to all types.
    series: dict[str | None, tuple[DatedValue, ...]]


@dataclass(frozen=True)
class RuleSet:
    nom: str
    version: str
    titre: str
    description: str
    documentation: str
    famille: str
    parametres: dict[str, Parameter]
    references: dict[str, Reference]
    parent: RuleSet | None = None
    chemin: str | None = None
    referential: Referential = field(default=None, repr=False, compare=False)
    # A few words for a column header or a chart (« ETTI 450 h »); the title by default.
    titre_court: str = ""

    def series(self, nom: str, type_siae: str | None = None) -> tuple[DatedValue, ...]:
        return self.parametres[nom].series[type_siae]

    def value_at(self, nom: str, day: dt.date, type_siae: str | None = None) -> DatedValue:
        """The value in force on ``day`` (the first value before any date)."""
        series = self.series(nom, type_siae)
        chosen = series[0]
        for value in series:
            if value.depuis <= day:
                chosen = value
        return chosen

    def values_during(
        self, nom: str, du: dt.date, au: dt.date, type_siae: str | None = None
    ) -> list[tuple[DatedValue, dt.date | None]]:
        """Values in force at some day of [du, au], each with its last day (or None)."""
        series = self.series(nom, type_siae)
        out = []
        for i, value in enumerate(series):
            end = series[i + 1].depuis - dt.timedelta(days=1) if i + 1 < len(series) else None
            starts_before_end = i == 0 or value.depuis <= au
            ends_after_start = end is None or end >= du
            if starts_before_end and ends_after_start:
                out.append((value, end))
        return out

    @property
    def group_table(self):
        return self.referential.tables[self.famille]

    @property
    def lineage(self) -> list[dict]:
        chain, current = [], self
        while current is not None:
            chain.append(
                {"nom": current.nom, "version": current.version, "fichier": current.chemin}
            )
            current = current.parent
        return chain

    @property
    def empreinte(self) -> str:
        """A short fingerprint of every value and of the group table used."""
        payload = {
            "famille": self.famille,
            "groupes": self.group_table.mapping(),
            "parametres": {
                nom: {
                    str(key): [[v.depuis.isoformat(), v.valeur] for v in series]
                    for key, series in p.series.items()
                }
                for nom, p in sorted(self.parametres.items())
            },
        }
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:12]
