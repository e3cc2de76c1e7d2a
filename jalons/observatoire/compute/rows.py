"""The rows of the tables, for every scope and period at once, and their sums. Pure
Python on plain data (no Django): ``selectors`` reads the database into ``Universe``;
``editions.assemble`` and ``publication.decide`` build their rows here.

A row is a set of structures (those of a type, of a département, of a network, or all
of them: « Ensemble ») for one period; its **atoms** are its structures not named, for
each quarter its period adds up (``row_atoms``, see ``protection``).
"""

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from jalons.observatoire.edition import Perimeter

TOTAL = "Ensemble"


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


def dimensions(perimeter: Perimeter, universe: Universe) -> dict[str, dict[str, list[int]]]:
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
        dims = dimensions(scope, universe)
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
