"""Per-structure figures of one period, computed for many structures at once.

The exits and their rates come from the rules engine's own steps (``exits.py``: the
same classification as the indicators page, on the same tables without exits lacking
a motif, prepared once for a year and counted for each quarter); the activity
figures (people, entries, ETP, publics at entry, pathway lengths) are polars
aggregations of the same tables plus the criteria at entry. Everything returned
is a flat dict of integers per structure: counts, milli-hours, hundredths of ETP, so
that aggregates add them up and recompute their rates from summed numerators and
denominators. No name, no free text, no person identifier leaves this module.
"""

import datetime as dt
from dataclasses import dataclass

import polars as pl

from jalons.observatoire.compute.exits import exit_counts, support_counts
from jalons.rules import Tables
from jalons.rules.arith import milli_expr
from jalons.rules.vocabulary import ECHEANCES, RAISONS

# Criteria at entry (booleans of Parcours) counted among the entries of the period.
PUBLICS = ("rsa", "ass", "aah", "deld", "detld", "qpv", "zrr", "rqth")
AGE_BANDS = ("moins_26", "plus_50")
LENGTH_BANDS = ("moins_6", "de_6_a_12", "de_12_a_24", "plus_24")
DEFAULT_REFERENCE_HOURS = 1607


@dataclass(frozen=True)
class PeriodSpec:
    year: int
    quarter: int  # 0 for the whole year
    kind: str  # "civile" or "annexe"
    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def civil_periods(year: int, today: dt.date) -> list[PeriodSpec]:
    """The year and its quarters that have begun by ``today``."""
    periods = [PeriodSpec(year, 0, "civile", dt.date(year, 1, 1), dt.date(year, 12, 31))]
    for quarter in range(1, 5):
        start = dt.date(year, 3 * quarter - 2, 1)
        end = (dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - dt.timedelta(days=1)
        if start <= today:
            periods.append(PeriodSpec(year, quarter, "civile", start, end))
    return periods


def entry_frame(rows: list[tuple]) -> pl.DataFrame:
    """(structure pk, hire date, birth date, *PUBLICS) rows as a frame."""
    names = ["structure", "hire", "birth", *PUBLICS]
    if not rows:
        schema = {"structure": pl.Int64, "hire": pl.Date, "birth": pl.Date}
        return pl.DataFrame(schema=schema | dict.fromkeys(PUBLICS, pl.Boolean))
    columns = list(zip(*rows, strict=True))
    frame = pl.DataFrame(
        [pl.Series(n, c, strict=False) for n, c in zip(names, columns, strict=True)]
    )
    exprs = [pl.col("structure").cast(pl.Int64)]
    for name in ("hire", "birth"):
        col = pl.col(name)
        if frame.schema[name] == pl.String:
            col = col.str.slice(0, 10).str.to_date("%Y-%m-%d")
        exprs.append(col.cast(pl.Date).alias(name))
    exprs += [pl.col(p).cast(pl.Int64).cast(pl.Boolean) for p in PUBLICS]
    return frame.select(exprs)


def _per_structure(frame: pl.DataFrame, aggs: list[pl.Expr]) -> dict[int, dict]:
    if frame.is_empty():
        return {}
    rows = frame.group_by("structure").agg(aggs).iter_rows(named=True)
    return {r.pop("structure"): {k: int(v or 0) for k, v in r.items()} for r in rows}


def activity(tables: Tables, entries: pl.DataFrame, ids: dict[str, int], p: PeriodSpec):
    """People, entries, hours, publics, pathway lengths per structure pk."""
    to_pk = pl.col("structure_id").replace_strict(ids, default=None, return_dtype=pl.Int64)
    parcours = tables.parcours.with_columns(structure=to_pk)
    present = parcours.filter(
        (pl.col("date_embauche") <= p.end)
        & (pl.col("date_sortie").is_null() | (pl.col("date_sortie") >= p.start))
    )
    out: dict[int, dict] = {}

    def merge(block: dict[int, dict]):
        for pk, values in block.items():
            out.setdefault(pk, {}).update(values)

    merge(
        _per_structure(
            present,
            [
                pl.col("personne_id").n_unique().alias("personnes"),
                pl.col("date_embauche").is_between(p.start, p.end).sum().alias("entrees"),
            ],
        )
    )
    exits = parcours.filter(pl.col("date_sortie").is_between(p.start, p.end))
    hire, leave = pl.col("date_embauche"), pl.col("date_sortie")
    merge(
        _per_structure(
            exits,
            [
                pl.len().alias("sorties_toutes"),
                (leave < hire.dt.offset_by("6mo")).sum().alias("duree_moins_6"),
                ((leave >= hire.dt.offset_by("6mo")) & (leave < hire.dt.offset_by("12mo")))
                .sum()
                .alias("duree_de_6_a_12"),
                ((leave >= hire.dt.offset_by("12mo")) & (leave < hire.dt.offset_by("24mo")))
                .sum()
                .alias("duree_de_12_a_24"),
                (leave >= hire.dt.offset_by("24mo")).sum().alias("duree_plus_24"),
            ],
        )
    )
    if tables.heures is not None and tables.heures.height:
        worked = tables.heures.filter(pl.col("mois").is_between(p.start, p.end)).with_columns(
            structure=to_pk, _mh=milli_expr(pl.col("heures"))
        )
        merge(_per_structure(worked, [pl.col("_mh").sum().alias("milli_heures")]))
    hired = entries.filter(pl.col("hire").is_between(p.start, p.end))
    age = pl.col("hire").dt.year() - pl.col("birth").dt.year()
    # Age at hire in whole years: one less when the birthday is later in the year.
    age = age - (
        (pl.col("hire").dt.month() * 100 + pl.col("hire").dt.day())
        < (pl.col("birth").dt.month() * 100 + pl.col("birth").dt.day())
    ).cast(pl.Int32)
    merge(
        _per_structure(
            hired,
            [
                pl.len().alias("entrees_publics"),
                *[pl.col(name).sum().alias(f"public_{name}") for name in PUBLICS],
                (age < 26).sum().alias("public_moins_26"),
                (age >= 50).sum().alias("public_plus_50"),
            ],
        )
    )
    return out


def etp(annexes: list[tuple], p: PeriodSpec) -> dict[int, dict]:
    """ETP conventionnés (annexes prorated to the period) and the reference hours of a
    full-time post, in hundredths, per structure pk. ``annexes``: (structure pk, start,
    end, etp_conventionnes, annual_reference_hours)."""
    days = (p.end - p.start).days + 1
    out: dict[int, dict] = {}
    for pk, start, end, etp_conv, reference in annexes:
        overlap = (min(end, p.end) - max(start, p.start)).days + 1
        if overlap <= 0:
            continue
        entry = out.setdefault(pk, {"etp_conventionnes_x100": 0, "_ref": None, "_best": 0})
        entry["etp_conventionnes_x100"] += round(float(etp_conv) * overlap / days * 100)
        if overlap > entry["_best"]:
            entry["_best"], entry["_ref"] = overlap, float(reference)
    return out


def etp_realised_x100(milli_hours: int, reference_hours: float | None, months: int) -> int:
    """Hours worked over the hours of a full-time post for the period, in hundredths."""
    reference = (reference_hours or DEFAULT_REFERENCE_HOURS) * months / 12
    return round(milli_hours / 1000 / reference * 100)


def periods_figures(
    *,
    tables: Tables,
    entries: pl.DataFrame,
    annexes: list[tuple],
    ids: dict[str, int],
    rule_sets: list,
    periods: list[PeriodSpec],
    reference: dt.date,
) -> dict[PeriodSpec, dict[str, dict[int, dict]]]:
    """{period: {rule set name: {structure pk: flat figures}}} for every structure of
    ``ids`` (interchange identifier -> pk); the first period spans the others."""
    spans = [(p.start, p.end) for p in periods]
    exits = exit_counts(tables, spans, rule_sets, reference)
    out = {}
    for period, span in zip(periods, spans, strict=True):
        common = activity(tables, entries, ids, period)
        support = support_counts(tables, period.start, period.end)
        posts = etp(annexes, period)
        by_rule = {}
        for rule_set in rule_sets:
            counted = exits[span][rule_set.nom]
            merged = {}
            for identifier, pk in ids.items():
                figures = {
                    **EMPTY,
                    **counted.get(identifier, {}),
                    **support.get(identifier, {}),
                    **common.get(pk, {}),
                }
                post = posts.get(pk, {})
                figures["etp_conventionnes_x100"] = post.get("etp_conventionnes_x100", 0)
                figures["etp_realises_x100"] = etp_realised_x100(
                    figures["milli_heures"], post.get("_ref"), period.months
                )
                merged[pk] = figures
            by_rule[rule_set.nom] = merged
        out[period] = by_rule
    return out


FIGURE_KEYS = (
    "personnes",
    "entrees",
    "milli_heures",
    "etp_realises_x100",
    "etp_conventionnes_x100",
    "entrees_publics",
    *[f"public_{p}" for p in (*PUBLICS, *AGE_BANDS)],
    "sorties_toutes",
    *[f"duree_{b}" for b in LENGTH_BANDS],
    "sorties",
    "sorties_examinees",
    *[f"nc_{r}" for r in RAISONS],
    "emploi_durable",
    "emploi_transition",
    "sortie_positive",
    "autre_sortie",
    *[f"s{m}_{k}" for m in ECHEANCES for k in ("attendus", "realises", "dynamiques")],
    "acc_personnes",
    "acc_heures_x100",
    "form_personnes",
    "form_heures_x100",
)
EMPTY = dict.fromkeys(FIGURE_KEYS, 0)


def has_activity(figures: dict) -> bool:
    return bool(figures.get("personnes") or figures.get("sorties") or figures.get("entrees"))
