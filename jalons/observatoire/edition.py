"""An observatory edition as plain data: what a page, a PDF, an XLSX or a CSV shows.

``jalons.observatoire.selectors`` builds it for one perimeter with protection already
applied: a hidden cell carries no value at all (``value is None``), so no rendering can
leak it. No Django import here.
"""

import datetime as dt
from dataclasses import dataclass, field, fields, is_dataclass

PRIMARY = "primaire"  # too few structures or people in the cell itself
SECONDARY = "secondaire"  # hidden so that a primary cell cannot be recomputed
REVISED = "révisé"  # published before; the new figures stay unpublished


@dataclass(frozen=True)
class Cell:
    value: float | int | None  # None when hidden or not applicable
    display: str  # French formatting ("12,5 %"), "secret" when hidden, "—" when n/a
    hidden: bool = False
    reason: str = ""  # PRIMARY or SECONDARY when hidden


@dataclass(frozen=True)
class Row:
    label: str  # "ACI", "Nord (59)", "Ensemble" ...
    cells: list[Cell]
    structures: int | None  # None when hidden
    is_total: bool = False
    # Published before and not again (« chiffres révisés non publiés »): the values are
    # those already published, in the edition named here ("n° 2 du 03/12/2026").
    revised: str = ""


@dataclass(frozen=True)
class ChartSpec:
    title: str
    bars: list[tuple[str, float]]  # visible rows only
    unit: str = ""
    decimals: int = 0


@dataclass(frozen=True)
class Table:
    key: str  # "parcours_par_type", "sorties_par_groupe" ...
    title: str
    dimension: str  # label of the row dimension: "Type de SIAE", "Département" ...
    columns: list[str]
    rows: list[Row]  # the total row last
    chart: ChartSpec | None = None
    note: str = ""


@dataclass(frozen=True)
class Perimeter:
    kind: str  # "reseau", "ddets", "region", "structure"
    ident: str  # network id, DDETS id, region code, structure id
    label: str  # "Réseau URIAE HdF", "DDETS du Nord (59)", "Hauts-de-France"
    # Filled by the selectors: the structures the perimeter covers, its départements.
    structure_ids: tuple[int, ...] = ()
    departements: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    structures: int = 3
    people: int = 10


@dataclass(frozen=True)
class Edition:
    perimeter: Perimeter
    period_label: str  # "Année 2025", "1er trimestre 2026", "Année d'annexe 2025"
    rule_set: str  # name of the rule set of the rates
    rule_set_version: str
    computed_at: dt.datetime  # oldest snapshot used
    generated_at: dt.datetime
    thresholds: Thresholds
    tables: list[Table]
    # Structure-level figures of structures that consented (or submitted to a DDETS)
    structures: list[Table] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)
    # Stamps: version of every rule set used, reference date of the follow-ups.
    rule_set_versions: dict[str, str] = field(default_factory=dict)
    reference_date: dt.date | None = None
    notes: list[str] = field(default_factory=list)  # e.g. stale snapshots
    number: int = 0  # edition number of this perimeter, period and rule set (0: draft)
    published_at: dt.datetime | None = None


@dataclass(frozen=True)
class PositionRow:
    """A structure's value against the quartiles of structures of its type (no names)."""

    key: str
    label: str
    own: float | None
    q1: float
    median: float
    q3: float
    structures: int
    unit: str = ""
    decimals: int = 1


_FIELDS: dict = {}  # type -> names of its fields, or () for a type that is no dataclass


def _plain(value):
    """``dataclasses.asdict`` without its deep copies (the values here are numbers,
    strings and dates, never shared mutable objects): a publication writes thousands
    of editions."""
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in fields(value)) if is_dataclass(value) else ()
    if names:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is list:
        return [_plain(v) for v in value]
    if kind is tuple:
        return tuple(_plain(v) for v in value)
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_data(edition: Edition) -> dict:
    """The edition as JSON-ready data (``from_data`` gives it back, equal)."""
    data = _plain(edition)
    for key in ("computed_at", "generated_at", "published_at"):
        data[key] = data[key].isoformat() if data[key] else None
    data["reference_date"] = edition.reference_date.isoformat() if edition.reference_date else None
    data["perimeter"]["structure_ids"] = list(edition.perimeter.structure_ids)
    data["perimeter"]["departements"] = list(edition.perimeter.departements)
    return data


def _table(data: dict) -> Table:
    rows = [Row(**{**r, "cells": [Cell(**c) for c in r["cells"]]}) for r in data["rows"]]
    chart = data.get("chart")
    if chart:
        chart = ChartSpec(**{**chart, "bars": [tuple(b) for b in chart["bars"]]})
    return Table(**{**data, "rows": rows, "chart": chart})


def from_data(data: dict) -> Edition:
    def moment(value):
        return dt.datetime.fromisoformat(value) if value else None

    perimeter = data["perimeter"]
    return Edition(
        **{
            **data,
            "perimeter": Perimeter(
                **{
                    **perimeter,
                    "structure_ids": tuple(perimeter["structure_ids"]),
                    "departements": tuple(perimeter["departements"]),
                }
            ),
            "computed_at": moment(data["computed_at"]),
            "generated_at": moment(data["generated_at"]),
            "published_at": moment(data.get("published_at")),
            "reference_date": dt.date.fromisoformat(data["reference_date"])
            if data.get("reference_date")
            else None,
            "thresholds": Thresholds(**data["thresholds"]),
            "tables": [_table(t) for t in data["tables"]],
            "structures": [_table(t) for t in data["structures"]],
            "definitions": [tuple(d) for d in data["definitions"]],
        }
    )
