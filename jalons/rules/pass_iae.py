"""PASS IAE arithmetic from dated rule data (``data/pass_iae.yaml``). No Django.

- ``pass_rules()``: the parsed rules.
- ``initial_end(start)``: start + the initial duration in force at ``start``, minus a day.
- ``computed_end(initial_end, suspensions, prolongations)``: initial end plus the length
  of every suspension and every prolongation (each a ``(start, end)`` pair, inclusive).
- ``check_suspension(...)`` and ``check_prolongation(...)``: French messages naming the
  rule that a new period would break (empty list when it is allowed).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jalons.rules.errors import InvalidRules, Problem
from jalons.rules.yamlstrict import load_yaml

DATA_FILE = Path(__file__).parent / "data" / "pass_iae.yaml"
TOP_KEYS = {
    "documentation",
    "last_value_still_valid_on",
    "references",
    "duree_initiale_mois",
    "suspension_duree_max_mois",
    "prolongations",
}
PROLONGATION_KEYS = {"libelle", "avis_prescripteur", "types_siae"}
PERIOD_KEYS = {"duree_max_mois", "cumul_max_mois", "references", "verification"}


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of month ``months`` later; the last day when that day does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def days(period: tuple[dt.date, dt.date]) -> int:
    return (period[1] - period[0]).days + 1


@dataclass(frozen=True)
class ProlongationRule:
    slug: str
    label: str
    prescriber_opinion: bool
    siae_types: tuple[str, ...] | None
    # [(effective date, max months per prolongation or None, cumulative cap or None)]
    periods: tuple[tuple[dt.date, int | None, int | None], ...]

    def caps_on(self, day: dt.date) -> tuple[int | None, int | None]:
        chosen = self.periods[0]
        for period in self.periods:
            if period[0] <= day:
                chosen = period
        return chosen[1], chosen[2]


@dataclass(frozen=True)
class PassRules:
    initial_months: tuple[tuple[dt.date, int], ...]
    suspension_max_months: tuple[tuple[dt.date, int], ...]
    prolongations: dict[str, ProlongationRule]

    @staticmethod
    def _on(series, day: dt.date) -> int:
        chosen = series[0][1]
        for since, value in series:
            if since <= day:
                chosen = value
        return chosen


def _dated_values(data, key, problems) -> tuple[tuple[dt.date, int], ...]:
    block = data.get(key)
    out = []
    if not isinstance(block, dict) or not block:
        problems.append(Problem(DATA_FILE.name, None, None, f"« {key} » manquant"))
        return ()
    for since, entry in block.items():
        if not isinstance(since, dt.date) or not isinstance(entry, dict):
            problems.append(Problem(DATA_FILE.name, None, None, f"{key} : date ou valeur invalide"))
            continue
        if not entry.get("references"):
            problems.append(Problem(DATA_FILE.name, None, None, f"{key} : référence manquante"))
        out.append((since, int(entry["valeur"])))
    return tuple(sorted(out))


@cache
def pass_rules() -> PassRules:
    data = load_yaml(DATA_FILE, DATA_FILE.name)
    problems: list[Problem] = []
    unknown = set(data) - TOP_KEYS
    if unknown:
        problems.append(Problem(DATA_FILE.name, None, None, f"clés inconnues : {sorted(unknown)}"))
    references = set(data.get("references") or {})
    prolongations = {}
    for slug, entry in (data.get("prolongations") or {}).items():
        periods = []
        for key, value in entry.items():
            if isinstance(key, dt.date):
                if set(value) - PERIOD_KEYS or not set(value.get("references") or []) <= references:
                    problems.append(
                        Problem(
                            DATA_FILE.name, None, None, f"prolongation {slug} : période invalide"
                        )
                    )
                periods.append((key, value.get("duree_max_mois"), value.get("cumul_max_mois")))
            elif key not in PROLONGATION_KEYS:
                problems.append(
                    Problem(
                        DATA_FILE.name, None, None, f"prolongation {slug} : clé « {key} » inconnue"
                    )
                )
        if not periods:
            problems.append(
                Problem(DATA_FILE.name, None, None, f"prolongation {slug} : aucune valeur datée")
            )
            continue
        types = entry.get("types_siae")
        prolongations[slug] = ProlongationRule(
            slug=slug,
            label=entry["libelle"],
            prescriber_opinion=bool(entry["avis_prescripteur"]),
            siae_types=tuple(types) if types else None,
            periods=tuple(sorted(periods)),
        )
    rules = PassRules(
        initial_months=_dated_values(data, "duree_initiale_mois", problems),
        suspension_max_months=_dated_values(data, "suspension_duree_max_mois", problems),
        prolongations=prolongations,
    )
    if problems:
        raise InvalidRules(problems)
    return rules


def initial_end(start: dt.date) -> dt.date:
    months = PassRules._on(pass_rules().initial_months, start)
    return add_months(start, months) - dt.timedelta(days=1)


def computed_end(
    initial: dt.date,
    suspensions: list[tuple[dt.date, dt.date]],
    prolongations: list[tuple[dt.date, dt.date]],
) -> dt.date:
    extra = sum(days(p) for p in suspensions) + sum(days(p) for p in prolongations)
    return initial + dt.timedelta(days=extra)


def check_suspension(
    start: dt.date, end: dt.date, pass_start: dt.date, pass_end: dt.date
) -> list[str]:
    problems = []
    if end < start:
        return ["La fin de la suspension doit suivre son début."]
    max_months = PassRules._on(pass_rules().suspension_max_months, start)
    if end >= add_months(start, max_months):
        problems.append(f"Une suspension dure au plus {max_months} mois (règle du PASS IAE).")
    if start < pass_start or start > pass_end:
        problems.append(
            "La suspension doit commencer pendant la validité du PASS IAE "
            f"(du {pass_start:%d/%m/%Y} au {pass_end:%d/%m/%Y})."
        )
    return problems


def check_prolongation(
    *,
    motif: str,
    start: dt.date,
    end: dt.date,
    siae_type: str,
    previous_same_motif: list[tuple[dt.date, dt.date]],
    prescriber: str,
) -> list[str]:
    rule = pass_rules().prolongations.get(motif)
    if rule is None:
        return ["Choisissez un motif de prolongation dans la liste."]
    if end < start:
        return ["La fin de la prolongation doit suivre son début."]
    problems = []
    if rule.siae_types and siae_type not in rule.siae_types:
        problems.append(
            f"Le motif « {rule.label} » n'est possible qu'en {' et '.join(rule.siae_types)}."
        )
    max_months, cumulative = rule.caps_on(start)
    if max_months is not None and end >= add_months(start, max_months):
        problems.append(f"Une prolongation pour ce motif dure au plus {max_months} mois.")
    if cumulative is not None:
        total = sum(days(p) for p in previous_same_motif) + days((start, end))
        cap_days = (add_months(start, cumulative) - start).days
        if total > cap_days:
            problems.append(
                "Les prolongations pour ce motif ne peuvent pas dépasser "
                f"{cumulative} mois au total."
            )
    if rule.prescriber_opinion and not prescriber.strip():
        problems.append("Ce motif demande l'avis d'un prescripteur : indiquez lequel.")
    return problems
