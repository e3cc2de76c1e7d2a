"""An edition assembled from snapshots, with protection applied jointly.

Pure Python on plain data (no Django): ``selectors`` reads the database into
``Universe`` and calls ``assemble``. Everything a reader may put side by side is
protected in one system: for the requested year, the calendar year, its quarters and
the annexe year, for every family of tables, for the requested perimeter and the
other perimeters of the same reader (``companions``).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat

import polars as pl

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

TOTAL = "Ensemble"
REVISED = "révisé"  # a row published before, shown as it was (``publication``)
DIMENSIONS = {"type": "Type de SIAE", "departement": "Département", "reseau": "Réseau"}
BY = {"type": "par type de SIAE", "departement": "par département", "reseau": "par réseau"}


@dataclass(frozen=True)
class StructureInfo:
    pk: int
    name: str
    kind: str
    departement: str  # label "Nord (59)", "" when unknown
    networks: tuple[str, ...]


@dataclass
class Universe:
    """What the database holds for the structures of the perimeters, for one year."""

    structures: dict[int, StructureInfo]
    # (period kind, quarter) -> rule set -> structure pk -> figures
    figures: dict[tuple[str, int], dict[str, dict[int, dict]]]
    annexe_is_calendar_year: set[int]  # structures whose annexe year is Jan-Dec
    quarters: tuple[int, ...]  # quarters of the year that have begun
    published: dict[tuple[str, str], set[int]]  # perimeter -> structures shown by name
    computed_at: dt.datetime | None = None
    versions: dict[str, str] = field(default_factory=dict)
    reference_date: dt.date | None = None
    chosen: str = ""  # the rule set of the edition being assembled
    frames: dict = field(default_factory=dict)  # (period, rule set) -> polars figures
    figures_key: tuple = ()


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


def _dimensions(perimeter: Perimeter, universe: Universe) -> dict[str, dict[str, list[int]]]:
    """dimension -> row label -> structures, the same whatever the period asked."""
    members = [universe.structures[pk] for pk in perimeter.structure_ids]
    rows: dict[str, dict[str, list[int]]] = {"type": {}}
    for s in members:
        rows["type"].setdefault(s.kind, []).append(s.pk)
    departements: dict[str, list[int]] = {}
    for s in members:
        departements.setdefault(s.departement or "Département inconnu", []).append(s.pk)
    if len(departements) > 1:
        rows["departement"] = departements
    if perimeter.kind != "reseau":
        networks: dict[str, list[int]] = {}
        for s in members:
            for name in s.networks:
                networks.setdefault(name, []).append(s.pk)
        if networks:
            rows["reseau"] = networks
    return {d: dict(sorted(r.items())) for d, r in rows.items()}


def row_atoms(unpublished: list[int], period: tuple[str, int], universe: Universe) -> frozenset:
    """The atoms of a row: its structures not published by name, each for the quarters
    its period adds up (or for the annexe year when that is not the calendar year)."""
    kind, quarter = period
    if kind == "civile" and quarter:
        return frozenset((pk, quarter) for pk in unpublished)
    quarters = universe.quarters
    if kind == "civile":
        return frozenset((pk, q) for pk in unpublished for q in quarters)
    calendar = universe.annexe_is_calendar_year
    return frozenset(
        atom
        for pk in unpublished
        for atom in (((pk, q) for q in quarters) if pk in calendar else ((pk, "annexe"),))
    )


def table_rows(scopes, periods, universe) -> list[tuple]:
    """(key, table id, period, structures with figures) for every row of every table
    of every scope and period: the same rows for every family. The "Ensemble" row is
    one row shared by the tables of a scope and period."""
    out = []
    for scope in scopes:
        dims = _dimensions(scope, universe)
        for per in periods:
            present = set().union(*(set(f) for f in universe.figures.get(per, {}).values()))
            members = [pk for pk in scope.structure_ids if pk in present]
            if not members:
                continue
            out.append(
                (
                    (scope.kind, scope.ident, per, "*", TOTAL),
                    (scope.kind, scope.ident, per, "*"),
                    per,
                    members,
                )
            )
            for dim, values in dims.items():
                table_id = (scope.kind, scope.ident, per, dim)
                for label, pks in values.items():
                    members = [pk for pk in pks if pk in present]
                    if members:
                        out.append(((*table_id, label), table_id, per, members))
    return out


def row_sums(rows, universe) -> dict:
    """{(row key, rule set): summed figures}, added up by polars.

    One query per rule set (not per period and rule set): the frames of the periods
    are stacked with a period column, and each row belongs to one period, so the sums
    are the same while polars runs a handful of queries instead of dozens."""
    periods: dict = {}
    rows_column, periods_column, pks_column = [], [], []
    for index, (_key, _table, per, members) in enumerate(rows):
        number = periods.setdefault(per, len(periods))
        rows_column.extend([index] * len(members))
        periods_column.extend([number] * len(members))
        pks_column.extend(members)
    membership = pl.DataFrame(
        {"_row": rows_column, "_per": periods_column, "_pk": pks_column},
        schema={"_row": pl.Int64, "_per": pl.Int64, "_pk": pl.Int64},
    ).lazy()
    stacks: dict = {}  # (rule set, columns) -> frames of the periods
    for per, number in periods.items():
        for rule, figures in universe.figures.get(per, {}).items():
            frame = universe.frames.get((per, rule))
            if frame is None:
                frame = pl.DataFrame([{"_pk": pk, **f} for pk, f in figures.items()]).fill_null(0)
                universe.frames[(per, rule)] = frame
            # Frames of one rule set have the same columns; stack only those that do.
            stack = stacks.setdefault((rule, tuple(frame.schema.items())), [])
            stack.append(frame.lazy().with_columns(_per=pl.lit(number, pl.Int64)))
    rules, queries = [], []
    for (rule, _columns), frames in stacks.items():
        rules.append(rule)
        queries.append(
            membership.join(pl.concat(frames), on=["_per", "_pk"])
            .drop("_per", "_pk")
            .group_by("_row")
            .agg(pl.all().sum())
        )
    out = {}
    if not queries:
        return out
    for rule, summed in zip(rules, pl.collect_all(queries), strict=True):
        names = summed.columns
        at = names.index("_row")
        names = [*names[:at], *names[at + 1 :]]
        for values in summed.iter_rows():
            out[(rows[values[at]][0], rule)] = dict(
                zip(names, values[:at] + values[at + 1 :], strict=True)
            )
    return out


def contributions_of(family, per, universe) -> dict[int, int]:
    """Each structure's population for this family and period, when it is not zero: the
    structures that contribute to the rows they belong to."""
    per_rule = universe.figures.get(per, {})
    population = family.population
    if family.all_rule_sets:
        common = set.intersection(*(set(f) for f in per_rule.values())) if per_rule else set()
        pks = list(common)
        values = ({name: f[pk] for name, f in per_rule.items()} for pk in pks)
    else:
        figures = per_rule.get(universe.chosen, {})
        pks, values = figures.keys(), figures.values()
    return {pk: n for pk, n in zip(pks, map(population, values), strict=True) if n > 0}


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
        published_all = decisions_published(decisions)
    scopes = [perimeter] + [
        c for c in companions if (c.kind, c.ident) != (perimeter.kind, perimeter.ident)
    ]
    published = set().union(*(universe.published.get((p.kind, p.ident), set()) for p in scopes))
    if decisions is not None:
        published = published_all
    universe.chosen = rule_set
    periods = sorted(universe.figures)
    if decisions is not None:
        # The rows hidden are decided: only this period's rows are shown, and only
        # their sums and counts are needed (no protection problem to build).
        periods = [per for per in periods if per == period]
    rule_names = sorted(universe.versions) or [rule_set]
    row_sets = table_rows(scopes, periods, universe)
    sums = row_sums(row_sets, universe)
    # Structures with at least one non-zero figure in the period (any rule set): a row
    # made of the others only is known to be zero.
    nonzero = {}
    for per in periods:
        per_rule = universe.figures[per]
        flags: dict[int, bool] = {}
        for f in per_rule.values():
            for pk, values in f.items():
                if not flags.get(pk):
                    flags[pk] = any(values.values())
        nonzero[per] = flags
    # What does not depend on the family, once per row rather than once per family:
    # its members published by name and the others, its atoms, whether it is empty.
    shapes = {}
    for key, _table_id, per, members in row_sets:
        unpublished = [pk for pk in members if pk not in published]
        shown = [pk for pk in members if pk in published] if published else []
        flags = nonzero[per]
        shapes[key] = (
            unpublished,
            shown,
            row_atoms(unpublished, per, universe),
            not any(map(flags.get, unpublished, repeat(True))),
        )
    dimensions = _dimensions(perimeter, universe)
    chosen = set(universe.published.get((perimeter.kind, perimeter.ident), set()))
    notes = []
    if decisions is not None:
        withheld = len(chosen - published_all)  # not named this year: ``Decisions.withheld``
        chosen &= published_all
        if withheld:
            notes.append(withheld_note(withheld))
    chosen = sorted(chosen)
    dependencies = None
    tables, structure_tables = [], []
    for family in families(rule_names):
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
            unpublished, shown, atoms, empty = shapes[key]
            # The populations of the unpublished contributors (missing: not one).
            residual = list(filter(None, map(positive.get, unpublished)))
            count = len(residual)
            if shown:
                count += sum(map(positive.__contains__, shown))
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
        decision = None
        if decisions is not None:
            pass
        elif protected:
            if dependencies is None:
                dependencies = Dependencies(sorted(groups, key=lambda g: repr(g.key)))
            decision = protect(
                groups,
                structures=thresholds.structures,
                people=thresholds.people,
                dependencies=dependencies,
            )
        for dim, values in dimensions.items():
            if dim != "type" and not protected:
                continue
            table_id = (perimeter.kind, perimeter.ident, period, dim)
            rows = []
            for label in [*values, TOTAL]:
                key = (*table_id, label) if label != TOTAL else (*table_id[:3], "*", TOTAL)
                if key not in rows_of:
                    continue
                total, count = rows_of[key]
                if not count and not protected:
                    continue
                if decisions is not None:
                    reason = decisions.reason(family.key, key)
                else:
                    reason = decision.reason(key) if decision else ""
                if reason == REVISED:
                    earlier = decisions.revised_row(family.key, key)
                    values = earlier.cells.get(family.key, {})
                    values = values.get(rule_set if family.per_rule_set else "", [])
                    rows.append(_revised_row(family, label, values, earlier, label == TOTAL))
                    continue
                rows.append(_row(family, label, total, count, reason, label == TOTAL))
            if protected and len(rows) <= 1:
                continue
            tables.append(_table(family, dim, rows, perimeter))
        if protected and chosen and family.key in ("activite", "sorties"):
            structure_tables.append(_structure_table(family, chosen, period, rule_set, universe))
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
