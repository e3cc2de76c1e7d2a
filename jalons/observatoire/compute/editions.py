"""An edition assembled from snapshots, with protection applied jointly.

Pure Python on plain data (no Django): ``selectors`` reads the database into
``Universe`` (``rows``) and calls ``assemble``. Everything a reader may put side by side is
protected in one system: for the requested year, the calendar year, its quarters and
the annexe year, for every family of tables, for the requested perimeter and the
other perimeters of the same reader (``companions``).
"""

import datetime as dt
import functools
from decimal import Decimal
from itertools import repeat
from typing import NamedTuple

from jalons.observatoire.compute.rows import (
    TOTAL,
    Universe,
    contributions_of,
    dimensions,
    row_atoms,
    row_sums,
    table_rows,
)
from jalons.observatoire.compute.tables import DEFINITIONS_OBSERVATOIRE, Family, families
from jalons.observatoire.edition import (
    Cell,
    ChartSpec,
    Edition,
    Perimeter,
    Row,
    Table,
    Thresholds,
)
from jalons.observatoire.protection import Dependencies, Group, protect
from jalons.rules.arith import shown

REVISED = "révisé"  # a row published before, shown as it was (``publication``)
DIMENSIONS = {"type": "Type de SIAE", "departement": "Département", "reseau": "Réseau"}
BY = {"type": "par type de SIAE", "departement": "par département", "reseau": "par réseau"}


def _format(value, kind: str) -> str:
    if value is None:
        return "—"
    # French writing: decimal comma, thousands grouped by a narrow no-break space.
    if kind == "rate":
        return f"{shown(Decimal(repr(float(value))) * 100, 1):.1f} %".replace(".", ",")
    if kind in ("decimal", "hours"):
        text = f"{shown(value, 1):,.1f}".replace(",", "\u202f").replace(".", ",")
        return f"{text} h" if kind == "hours" else text
    return f"{int(value):,}".replace(",", "\u202f")


def assemble(
    *,
    perimeter: Perimeter,
    companions: list[Perimeter],
    universe: Universe,
    period: tuple[str, int],
    rule_set: str,
    thresholds: Thresholds,
    period_label: str,
    generated_at: dt.datetime,
    protected: bool = True,
    decisions=None,
) -> Edition:
    """The edition of ``perimeter``. With ``decisions`` (``publication.decide``, made
    for every perimeter at once) the rows hidden are those; without, the perimeter and
    its ``companions`` are protected on their own (kept for comparison only)."""
    if decisions is not None:
        companions = []
    scopes = [perimeter] + [
        c for c in companions if (c.kind, c.ident) != (perimeter.kind, perimeter.ident)
    ]
    universe.chosen = rule_set
    periods = sorted(universe.figures)
    if decisions is not None:
        # The rows hidden are decided: only this period's rows are shown, and only
        # their sums and counts are needed (no protection problem to build).
        periods = [per for per in periods if per == period]
    rule_names = sorted(universe.versions) or [rule_set]
    row_sets = table_rows(scopes, periods, universe)
    sums = row_sums(row_sets, universe)
    shapes = _shapes(row_sets, _published(scopes, universe, decisions), periods, universe)
    layout = _Layout(perimeter, period, rule_set, dimensions(perimeter, universe), protected)
    named, notes = _named(perimeter, universe, decisions)
    dependencies = None
    tables, structure_tables = [], []
    for family in families(rule_names):
        rows_of, groups = _family_rows(
            family, row_sets, sums, shapes, rule_names, rule_set, universe
        )
        if decisions is not None:
            reason = functools.partial(decisions.reason, family.key)
        elif protected:
            if dependencies is None:
                dependencies = Dependencies(sorted(groups, key=lambda g: repr(g.key)))
            reason = protect(
                groups,
                structures=thresholds.structures,
                people=thresholds.people,
                dependencies=dependencies,
            ).reason
        else:
            reason = _not_hidden
        tables.extend(_family_tables(family, rows_of, reason, layout, decisions))
        if protected and named and family.key in ("activite", "sorties"):
            structure_tables.append(_structure_table(family, named, period, rule_set, universe))
    return Edition(
        perimeter=perimeter,
        period_label=period_label,
        rule_set=rule_set,
        rule_set_version=universe.versions.get(rule_set, ""),
        computed_at=universe.computed_at or generated_at,
        generated_at=generated_at,
        thresholds=thresholds,
        tables=tables,
        structures=structure_tables,
        definitions=list(DEFINITIONS_OBSERVATOIRE),
        rule_set_versions=dict(universe.versions),
        reference_date=universe.reference_date,
        notes=notes,
    )


def _published(scopes: list[Perimeter], universe: Universe, decisions) -> set[int]:
    """The structures shown by name: those the decisions name, else those of the
    scopes."""
    if decisions is not None:
        return decisions_published(decisions)
    return set().union(*(universe.published.get((p.kind, p.ident), set()) for p in scopes))


def _shapes(row_sets, published: set[int], periods, universe: Universe) -> dict:
    """What does not depend on the family, once per row rather than once per family:
    its members published by name and the others, its atoms, whether it is empty (made
    only of structures whose figures are all zero in the period, any rule set)."""
    nonzero = {}
    for per in periods:
        flags: dict[int, bool] = {}
        for f in universe.figures[per].values():
            for pk, values in f.items():
                if not flags.get(pk):
                    flags[pk] = any(values.values())
        nonzero[per] = flags
    shapes = {}
    for key, _table_id, per, members in row_sets:
        unpublished = [pk for pk in members if pk not in published]
        named = [pk for pk in members if pk in published] if published else []
        flags = nonzero[per]
        shapes[key] = (
            unpublished,
            named,
            row_atoms(unpublished, per, universe),
            not any(map(flags.get, unpublished, repeat(True))),
        )
    return shapes


def _named(perimeter: Perimeter, universe: Universe, decisions) -> tuple[list[int], list[str]]:
    """The structures of the perimeter whose own figures are shown, and the note saying
    how many are not this year (``Decisions.withheld``)."""
    chosen = set(universe.published.get((perimeter.kind, perimeter.ident), set()))
    notes = []
    if decisions is not None:
        published_all = decisions_published(decisions)
        withheld = len(chosen - published_all)  # not named this year
        chosen &= published_all
        if withheld:
            notes.append(withheld_note(withheld))
    return sorted(chosen), notes


def _family_rows(family, row_sets, sums, shapes, rule_names, rule_set, universe):
    """For one family, each row's summed figures and contributing structures, and its
    group for the protection (with the populations of the structures not named).
    Returns (row key -> (figures, contributing structures), groups)."""
    groups, rows_of, positive_of = [], {}, {}
    for key, table_id, per, _members in row_sets:
        if family.all_rule_sets:
            total = {name: sums.get((key, name), {}) for name in rule_names}
            total = total if all(total.values()) else {}
        else:
            total = sums.get((key, rule_set), {})
        positive = positive_of.get(per)
        if positive is None:
            positive = positive_of[per] = contributions_of(family, per, universe)
        unpublished, named, atoms, empty = shapes[key]
        # The populations of the unpublished contributors (missing: not one).
        residual = list(filter(None, map(positive.get, unpublished)))
        count = len(residual)
        if named:
            count += sum(map(positive.__contains__, named))
        rows_of[key] = (total, count)
        groups.append(
            Group(
                key=key,
                table=table_id,
                atoms=atoms,
                structures=count,
                people=family.population(total) if total else 0,
                residual_structures=len(residual),
                residual_people=sum(residual),
                empty=empty,
            )
        )
    return rows_of, groups


def _not_hidden(key) -> str:
    """The reason of a row of an unprotected edition: none."""
    return ""


class _Layout(NamedTuple):
    """Which tables the edition shows: those of ``perimeter`` for ``period``, by each
    of ``dimensions`` (by type only when not ``protected``)."""

    perimeter: Perimeter
    period: tuple[str, int]
    rule_set: str
    dimensions: dict  # dimension -> row label -> structures
    protected: bool


def _family_tables(family, rows_of, reason_of, layout: _Layout, decisions) -> list[Table]:
    """The tables of one family, one per dimension; a protected table with its total
    alone is left out."""
    perimeter = layout.perimeter
    tables = []
    for dim, values in layout.dimensions.items():
        if dim != "type" and not layout.protected:
            continue
        table_id = (perimeter.kind, perimeter.ident, layout.period, dim)
        rows = []
        for label in [*values, TOTAL]:
            key = (*table_id, label) if label != TOTAL else (*table_id[:3], "*", TOTAL)
            row = _table_row(family, key, label, rows_of, reason_of, layout, decisions)
            if row is not None:
                rows.append(row)
        if layout.protected and len(rows) <= 1:
            continue
        tables.append(_table(family, dim, rows, perimeter))
    return tables


def _table_row(family, key, label, rows_of, reason_of, layout: _Layout, decisions) -> Row | None:
    """A row as published, in secret, or as published before (revised); None for a row
    without structures (and, unprotected, without contributors)."""
    if key not in rows_of:
        return None
    total, count = rows_of[key]
    if not count and not layout.protected:
        return None
    why = reason_of(key)
    if why == REVISED:
        earlier = decisions.revised_row(family.key, key)
        values = earlier.cells.get(family.key, {})
        values = values.get(layout.rule_set if family.per_rule_set else "", [])
        return _revised_row(family, label, values, earlier, label == TOTAL)
    return _row(family, label, total, count, why, label == TOTAL)


def decisions_published(decisions) -> set[int]:
    return set(decisions.named)


def withheld_note(count: int) -> str:
    """Why a structure that agreed to be named is not, this year (never which one)."""
    if count == 1:
        start, their, them = "Une structure a accepté d'être nommée", "ses", "l'incluaient sans la"
    else:
        start, their, them = (
            f"{count} structures ont accepté d'être nommées",
            "leurs",
            "les incluaient sans les",
        )
    return (
        f"{start} dans ce périmètre ; pour cette année, {their} chiffres ne le sont pas : "
        f"des chiffres déjà publiés {them} nommer, et la différence ferait apparaître ceux "
        "d'autres structures. Ils le seront à partir de l'année suivante."
    )


def _revised_row(family, label, values, earlier, is_total) -> Row:
    """A row published before whose new figures cannot be published: the value already
    published, marked."""
    cells = []
    for column, value in zip(family.columns, values or [None] * len(family.columns), strict=False):
        cells.append(Cell(value, _format(value, column.kind), False, REVISED))
    return Row(
        label=label, cells=cells, structures=None, is_total=is_total, revised=earlier.edition
    )


def _row(family, label, total, count, reason, is_total) -> Row:
    if reason:
        cells = [Cell(None, "secret", True, reason) for _ in family.columns]
        return Row(label=label, cells=cells, structures=None, is_total=is_total)
    cells = []
    for column in family.columns:
        value = column.value(total) if total else None
        cells.append(Cell(value, _format(value, column.kind)))
    return Row(label=label, cells=cells, structures=count, is_total=is_total)


def _table(family: Family, dim: str, rows: list[Row], perimeter: Perimeter) -> Table:
    chart = None
    if family.chart is not None:
        column = family.columns[family.chart]
        scale = 100 if column.kind == "rate" else 1
        bars = [
            (r.label, r.cells[family.chart].value * scale)
            for r in rows
            if not r.is_total
            and not r.cells[family.chart].hidden
            and r.cells[family.chart].value is not None
        ]
        chart = ChartSpec(
            title=f"{column.label} {BY[dim]}",
            bars=bars,
            unit="%" if column.kind == "rate" else "",
            decimals=1 if column.kind in ("rate", "decimal") else 0,
        )
    return Table(
        key=f"{family.key}_par_{dim}",
        title=f"{family.title} — {BY[dim]}",
        dimension=DIMENSIONS[dim],
        columns=[c.label for c in family.columns],
        rows=rows,
        chart=chart,
        note=family.note,
    )


def _structure_table(family, pks, period, rule_set, universe) -> Table:
    rows = []
    for pk in pks:
        total = universe.figures.get(period, {}).get(rule_set, {}).get(pk)
        contributors = [pk] if total and family.population(total) > 0 else []
        if total:
            info = universe.structures[pk]
            rows.append(
                _row(family, f"{info.name} ({info.kind})", total, len(contributors) or 1, "", False)
            )
    return Table(
        key=f"structures_{family.key}",
        title=f"{family.title} — structures qui partagent leurs chiffres",
        dimension="Structure",
        columns=[c.label for c in family.columns],
        rows=sorted(rows, key=lambda r: r.label),
    )
