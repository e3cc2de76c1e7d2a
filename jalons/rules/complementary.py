"""Complementary indicators asked for in the seed document (see docs/indicateurs.md).

- orientations -> hires, per prescriber type (orientations.csv);
- accompaniment time per person, internal vs external, by nature and by barrier,
  counting time spent with external referents (accompagnements.csv);
- training effort including the preparatory work before entry (formations.csv).

They do not depend on the rule set. Each block appears only when its file is
present; every structure then gets it, with zeros when it has no row.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import polars as pl

from jalons.rules.arith import MILLI, milli_expr, rate, round_half_up
from jalons.rules.vocabulary import (
    FREINS,
    ISSUES_ORIENTATION,
    MODALITE_NON_RENSEIGNEE,
    MODALITES_ACCOMPAGNEMENT,
    NATURES_ACCOMPAGNEMENT,
    PRESCRIPTEURS,
    SANS_FREIN,
)

ENTERED = ("entree", "abandon", "terminee", "certifiee")
FINISHED = ("terminee", "certifiee")
TRAINING_STAGES = {
    "en_preparation": ("preparation",),
    "entrees": ENTERED,
    "abandons": ("abandon",),
    "terminees": FINISHED,
    "certifiees": ("certifiee",),
}


def hours_from_milli(milli_hours: int, people: int | None = None) -> float | None:
    if people is not None:
        return round_half_up(Fraction(milli_hours, MILLI * people), 2) if people else None
    return round_half_up(Fraction(milli_hours, MILLI), 2)


def complementaires(tables, du: dt.date, au: dt.date) -> dict:
    """{"structures": {structure_id: block}, "ensemble": block}, or {} with no file."""
    ids = tables.structures["structure_id"].to_list()
    blocks: dict[str, dict] = {sid: {} for sid in ids}
    totals: dict = {}
    parts = [
        ("orientations", tables.orientations, orientation_counts, orientation_block),
        ("accompagnement", tables.accompagnements, accompaniment_counts, accompaniment_block),
        ("formation", tables.formations, training_counts, training_block),
    ]
    present = False
    for key, frame, counter, shaper in parts:
        if frame is None:
            continue
        present = True
        counts = counter(frame, du, au)
        total: dict = {}
        for sid in ids:
            raw = counts.get(sid, {})
            blocks[sid][key] = shaper(raw)
            for name, value in raw.items():
                total[name] = total.get(name, 0) + value
        totals[key] = shaper(total)
    if not present:
        return {}
    return {"structures": blocks, "ensemble": totals}


def _by_structure(frame: pl.DataFrame, aggs: list[pl.Expr]) -> dict[str, dict]:
    if frame.is_empty():
        return {}
    rows = frame.group_by("structure_id").agg(aggs).iter_rows(named=True)
    return {r.pop("structure_id"): {k: int(v or 0) for k, v in r.items()} for r in rows}


# Orientations -------------------------------------------------------------------


def orientation_counts(frame, du, au) -> dict[str, dict]:
    kept = frame.filter(pl.col("date").is_between(du, au))
    aggs = [
        ((pl.col("prescripteur_type") == p) & (pl.col("issue") == i)).sum().alias(f"{p}|{i}")
        for p in PRESCRIPTEURS
        for i in ISSUES_ORIENTATION
    ]
    return _by_structure(kept, aggs)


def _orientation_cell(counts: dict[str, int]) -> dict:
    closed = counts["embauche"] + counts["refus"] + counts["sans_suite"]
    return {
        "orientations": sum(counts.values()),
        "embauches": counts["embauche"],
        "refus": counts["refus"],
        "sans_suite": counts["sans_suite"],
        "en_cours": counts["en_cours"],
        "taux_embauche": rate(counts["embauche"], closed),
    }


def orientation_block(raw: dict[str, int]) -> dict:
    per = {p: {i: raw.get(f"{p}|{i}", 0) for i in ISSUES_ORIENTATION} for p in PRESCRIPTEURS}
    total = {i: sum(per[p][i] for p in PRESCRIPTEURS) for i in ISSUES_ORIENTATION}
    return {
        "par_prescripteur": {p: _orientation_cell(per[p]) for p in PRESCRIPTEURS},
        "total": _orientation_cell(total),
    }


# Accompaniment ------------------------------------------------------------------

ACCOMPANIMENT_CELLS = {
    "tout": pl.col("nature").is_not_null(),  # every action (nature is required)
    **{f"modalite|{m}": pl.col("modalite") == m for m in MODALITES_ACCOMPAGNEMENT},
    f"modalite|{MODALITE_NON_RENSEIGNEE}": pl.col("modalite").is_null(),
    **{f"nature|{n}": pl.col("nature") == n for n in NATURES_ACCOMPAGNEMENT},
    **{f"frein|{f}": pl.col("frein") == f for f in FREINS},
    f"frein|{SANS_FREIN}": pl.col("frein").is_null(),
}


def accompaniment_counts(frame, du, au) -> dict[str, dict]:
    kept = frame.filter(pl.col("date").is_between(du, au)).with_columns(
        _mm=milli_expr(pl.col("duree_minutes"))
    )
    aggs = []
    for name, cond in ACCOMPANIMENT_CELLS.items():
        aggs += [
            cond.sum().alias(f"{name}|actions"),
            pl.col("personne_id").filter(cond).n_unique().alias(f"{name}|personnes"),
            pl.col("_mm").filter(cond).sum().alias(f"{name}|milli_minutes"),
        ]
    return _by_structure(kept, aggs)


def _accompaniment_cell(raw: dict, name: str) -> dict:
    actions = raw.get(f"{name}|actions", 0)
    people = raw.get(f"{name}|personnes", 0)
    milli_minutes = raw.get(f"{name}|milli_minutes", 0)
    # milli-minutes / 60 = milli-hours
    return {
        "actions": actions,
        "personnes": people,
        "heures": round_half_up(Fraction(milli_minutes, 60 * MILLI), 2),
        "heures_par_personne": (
            round_half_up(Fraction(milli_minutes, 60 * MILLI * people), 2) if people else None
        ),
    }


def accompaniment_block(raw: dict) -> dict:
    block = _accompaniment_cell(raw, "tout")
    modalities = [*MODALITES_ACCOMPAGNEMENT, MODALITE_NON_RENSEIGNEE]
    block["par_modalite"] = {m: _accompaniment_cell(raw, f"modalite|{m}") for m in modalities}
    block["par_nature"] = {
        n: _accompaniment_cell(raw, f"nature|{n}") for n in NATURES_ACCOMPAGNEMENT
    }
    block["par_frein"] = {f: _accompaniment_cell(raw, f"frein|{f}") for f in [*FREINS, SANS_FREIN]}
    return block


# Training -----------------------------------------------------------------------


def training_counts(frame, du, au) -> dict[str, dict]:
    # An action belongs to the period when [date_debut, date_fin] meets it; a missing
    # bound is open (an undated preparation is current).
    kept = frame.filter(
        (pl.col("date_debut").is_null() | (pl.col("date_debut") <= au))
        & (pl.col("date_fin").is_null() | (pl.col("date_fin") >= du))
    ).with_columns(_mh=milli_expr(pl.col("heures")).fill_null(0))
    aggs = [
        pl.len().alias("actions"),
        pl.col("personne_id").n_unique().alias("personnes"),
        pl.col("_mh").sum().alias("milli_heures"),
        pl.col("_mh").filter(pl.col("statut") == "preparation").sum().alias("milli_preparation"),
        pl.col("qualifiante").fill_null(False).sum().alias("qualifiantes"),
        pl.col("qualifiante").is_not_null().sum().alias("qualifiante_renseignee"),
    ]
    for stage, statuses in TRAINING_STAGES.items():
        cond = pl.col("statut").is_in(statuses)
        aggs += [
            cond.sum().alias(f"{stage}|actions"),
            pl.col("personne_id").filter(cond).n_unique().alias(f"{stage}|personnes"),
        ]
    return _by_structure(kept, aggs)


def training_block(raw: dict) -> dict:
    people = raw.get("personnes", 0)
    block = {"actions": raw.get("actions", 0), "personnes": people}
    for stage in TRAINING_STAGES:
        block[stage] = {
            "actions": raw.get(f"{stage}|actions", 0),
            "personnes": raw.get(f"{stage}|personnes", 0),
        }
    block["heures"] = hours_from_milli(raw.get("milli_heures", 0))
    block["heures_preparation"] = hours_from_milli(raw.get("milli_preparation", 0))
    block["heures_par_personne"] = hours_from_milli(raw.get("milli_heures", 0), people)
    block["qualifiantes"] = raw.get("qualifiantes", 0)
    block["part_qualifiante"] = rate(
        raw.get("qualifiantes", 0), raw.get("qualifiante_renseignee", 0)
    )
    return block
