"""Objectives negotiated in the dialogue de gestion and the results beside them.

Results are computed from the structure's data for past and current years: rates
under the State's convention (rule set ``dgefp-2014``, the one the DDETS reads),
ETP réalisés from the monthly hours, entries from the hires.
"""

import datetime as dt
from decimal import Decimal

import polars as pl

from jalons.indicateurs.services import structure_indicators, structure_tables
from jalons.offre.document import ObjectiveLine
from jalons.offre.models import Objective, ObjectiveKind
from jalons.parcours.models import Parcours
from jalons.rules import builtin_names
from jalons.rules.definitions import DEFINITIONS
from jalons.structures.models import AnnexeFinanciere
from jalons.structures.words import entry_words
from jalons.web.charts import french_number
from jalons.web.templatetags.jalons import pourcent

RESULTS_RULE_SET = "dgefp-2014"
ETP_LABEL = "ETP d'insertion"
RATE_KINDS = (ObjectiveKind.TSD, ObjectiveKind.EMPLOI_DURABLE)
STANDARD_KINDS = (
    ObjectiveKind.TSD,
    ObjectiveKind.EMPLOI_DURABLE,
    ObjectiveKind.ETP,
    ObjectiveKind.ENTREES,
)
UNITS = {
    ObjectiveKind.TSD: "%",
    ObjectiveKind.EMPLOI_DURABLE: "%",
    ObjectiveKind.ETP: "ETP",
    ObjectiveKind.ENTREES: "personnes",
}
DEFINITIONS_OF_OBJECTIVES = [
    (
        "ETP réalisés",
        "Heures travaillées de l'année par les salariés en parcours ÷ durée annuelle d'un "
        "temps plein retenue par l'annexe financière de l'année.",
    ),
    (
        "Entrées en parcours",
        "Embauches dont la date tombe dans l'année (en EITI : entrées en accompagnement ; "
        "pas d'ETP réalisés, les travailleurs indépendants n'étant pas salariés).",
    ),
    (
        "Résultats des objectifs",
        f"Taux calculés selon le jeu de règles {RESULTS_RULE_SET} (convention statistique "
        "de l'État), sur l'année civile.",
    ),
]
ETP_TYPED_IN_EITI = (
    "ETP d'insertion",
    "Objectif saisi par la structure. Aucun résultat n'est calculé : les heures "
    "d'activité des travailleurs indépendants accompagnés ne sont pas converties en ETP.",
)
# One definition for the objective and for the table of axis 1 (figures.py): the same
# term is defined once in Annexe A.
ENTRIES_IN_EITI = (
    "Entrées en accompagnement",
    "Parcours dont la date d'entrée en accompagnement (signature du contrat "
    "d'accompagnement) tombe dans l'année ; situation déclarée à l'entrée.",
)


def definitions_of_objectives(kind: str, *, etp_line: bool = False) -> list[tuple[str, str]]:
    """The definitions under the objectives table. An EITI has no ETP réalisés: its ETP
    line, shown only when an objective was typed, has no result (``etp_line``)."""
    if entry_words(kind).has_etp:
        return DEFINITIONS_OF_OBJECTIVES
    etp = [ETP_TYPED_IN_EITI] if etp_line else []
    return [*etp, ENTRIES_IN_EITI, DEFINITIONS_OF_OBJECTIVES[-1]]


def objective_years(year: int) -> list[int]:
    return [year - 2, year - 1, year, year + 1]


def format_target(kind: str, target: Decimal | None) -> str:
    if target is None:
        return ""
    if kind in RATE_KINDS:
        return f"{french_number(target, 1)}\u00a0%"
    decimals = 0 if target == target.to_integral() else 2
    return french_number(target, decimals)


def year_results(*, structure, year: int, reference: dt.date) -> dict[str, str]:
    """The formatted result of each standard objective for one year ("" when unknown)."""
    if year > reference.year:
        return {}
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    results: dict[str, str] = {}
    if RESULTS_RULE_SET in builtin_names():
        calcul = structure_indicators(
            structure=structure, start=start, end=end, reference=reference, only=RESULTS_RULE_SET
        ).result["calculs"][0]
        entry = calcul["structures"][0] if calcul["structures"] else None
        if entry:
            results[ObjectiveKind.TSD] = pourcent(entry["taux_sortie_dynamique"])
            results[ObjectiveKind.EMPLOI_DURABLE] = pourcent(entry["taux_emploi_durable"])
    results[ObjectiveKind.ENTREES] = str(
        Parcours.objects.filter(structure=structure, hire_date__range=(start, end)).count()
    )
    annexe = (
        AnnexeFinanciere.objects.filter(structure=structure, start_date__year=year)
        .order_by("start_date")
        .first()
    )
    if not entry_words(structure.kind).has_etp:
        # An EITI employs nobody: the hours of self-employed workers make no ETP
        # (docs/eiti.md), so no result is computed.
        return results
    tables, _excluded = structure_tables(structure)
    if annexe is not None and tables.heures is not None:
        hours = tables.heures.filter(pl.col("mois").is_between(start, end))["heures"].sum()
        etp = Decimal(str(hours or 0)) / annexe.annual_reference_hours
        results[ObjectiveKind.ETP] = french_number(etp, 2)
    return results


def objective_lines(*, structure, year: int, reference: dt.date) -> list[ObjectiveLine]:
    years = objective_years(year)
    objectives = list(Objective.objects.filter(structure=structure, year__in=years))
    # The year after the Offre's is the objective proposed: no result yet to show in
    # it, even when the document is printed later (a 2025 Offre printed in 2026).
    results = {
        y: year_results(structure=structure, year=y, reference=reference) if y <= year else {}
        for y in years
    }
    lines = []
    words = entry_words(structure.kind)
    for kind in STANDARD_KINDS:
        mine = {o.year: o for o in objectives if o.kind == kind}
        if kind == ObjectiveKind.ETP and not words.has_etp and not mine:
            continue  # no ETP in an EITI, unless the DDETS set one
        label = (
            DEFINITIONS[kind][0]
            if kind in RATE_KINDS
            else ETP_LABEL
            if kind == ObjectiveKind.ETP
            else "Entrées en parcours"
            if words.has_etp
            else "Entrées en accompagnement"
        )
        comment = next(
            (mine[y].comment for y in reversed(years) if y in mine and mine[y].comment), ""
        )
        lines.append(
            ObjectiveLine(
                label=label,
                unit=UNITS[kind],
                years={
                    y: (
                        format_target(kind, mine[y].target) if y in mine else "",
                        results[y].get(kind, ""),
                    )
                    for y in years
                },
                comment=comment,
            )
        )
    custom_labels = sorted({o.label for o in objectives if o.kind == ObjectiveKind.CUSTOM})
    for label in custom_labels:
        mine = {
            o.year: o for o in objectives if o.kind == ObjectiveKind.CUSTOM and o.label == label
        }
        unit = next((o.unit for o in mine.values() if o.unit), "")
        comment = next(
            (mine[y].comment for y in reversed(years) if y in mine and mine[y].comment), ""
        )
        lines.append(
            ObjectiveLine(
                label=label,
                unit=unit,
                years={
                    y: (
                        format_target(ObjectiveKind.CUSTOM, mine[y].target) if y in mine else "",
                        "",
                    )
                    for y in years
                },
                comment=comment,
            )
        )
    return lines
