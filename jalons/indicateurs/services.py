"""Indicators of one structure computed from its database records by the rules engine."""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Max

from jalons.audit.models import AuditAction, AuditEntry
from jalons.echanges.selectors import tables_from_database
from jalons.rules import Tables, builtin_names, compute, load_rule_set
from jalons.rules.tables import without_exits_lacking_motif
from jalons.rules.vocabulary import GROUPES, RAISONS
from jalons.structures.models import AnnexeFinanciere


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: dt.date
    end: dt.date


def periods_for(*, structure, today: dt.date) -> list[Period]:
    """Calendar years and annexe years the user can choose, most recent first."""
    periods = [
        Period(f"annee-{y}", f"Année {y}", dt.date(y, 1, 1), dt.date(y, 12, 31))
        for y in range(today.year, today.year - 5, -1)
    ]
    for annexe in AnnexeFinanciere.objects.filter(structure=structure).order_by("-start_date"):
        periods.append(
            Period(
                f"annexe-{annexe.pk}",
                f"Annexe {annexe.number} (du {annexe.start_date:%d/%m/%Y} au "
                f"{annexe.end_date:%d/%m/%Y})",
                annexe.start_date,
                annexe.end_date,
            )
        )
    return periods


def data_stamp(structure) -> tuple:
    """Changes whenever the structure's records change: every write is audited with
    the structure (services, imports), and the structure itself has ``updated_at``."""
    last = (
        AuditEntry.objects.filter(structure=structure)
        .exclude(action=AuditAction.VIEW)
        .aggregate(last=Max("id"))["last"]
    )
    return (structure.pk, last, structure.updated_at)


@lru_cache(maxsize=16)
def _cached_tables(stamp: tuple) -> tuple[Tables, list[dict]]:
    return without_exits_lacking_motif(tables_from_database([stamp[0]]))


def structure_tables(structure) -> tuple[Tables, list[dict]]:
    """The engine's input for one structure, kept in memory until its data changes."""
    return _cached_tables(data_stamp(structure))


@dataclass
class StructureIndicators:
    result: dict
    excluded: list  # exits left out because their motif is missing
    rule_sets: list


def structure_indicators(
    *,
    structure,
    start: dt.date,
    end: dt.date,
    reference: dt.date,
    only: str | None = None,
    detail: bool = False,
) -> StructureIndicators:
    """The four shipped rule sets (or only one, by name) for one structure."""
    rule_sets = [load_rule_set(name) for name in builtin_names() if only in (None, name)]
    tables, excluded = structure_tables(structure)
    result = compute(tables, rule_sets, start, end, reference, detail=detail)
    return StructureIndicators(result=result, excluded=excluded, rule_sets=rule_sets)


def group_label(slug: str | None) -> str:
    return GROUPES.get(slug, "—") if slug else "—"


def reason_label(slug: str | None) -> str:
    return RAISONS.get(slug, "") if slug else ""
