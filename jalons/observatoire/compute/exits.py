"""Exit counts of many periods from one pass of the rules engine.

The engine's per-exit steps (``prepare_exits``, ``classify``) do not depend on the
period asked, only on each exit: so the exits of a whole year are prepared once,
classified once per rule set, then counted for the year and each quarter with the
same expressions as ``jalons.rules.engine._aggregate``. Accompaniment and training
are counted as ``jalons.rules.complementary`` does, for the two figures we keep.
The test ``test_the_figures_match_the_indicators_page_for_every_rule_set`` checks
that the counts equal those of the indicators page.
"""

import datetime as dt

import polars as pl

from jalons.rules.arith import milli_expr
from jalons.rules.engine import GROUP_COUNTS, classify, prepare_exits
from jalons.rules.vocabulary import ECHEANCES, GROUPES_DYNAMIQUES, RAISONS, SITUATION_INCONNUE


def _aggs(rule_set, reference: dt.date, with_suivi: bool) -> list[pl.Expr]:
    counted, group = pl.col("comptee"), pl.col("groupe")
    mapping = rule_set.group_table.mapping()
    aggs = [
        pl.len().alias("sorties"),
        counted.sum().alias("sorties_examinees"),
        *[(pl.col("raison") == r).sum().alias(f"nc_{r}") for r in RAISONS],
        *[(counted & (group == g)).sum().alias(name) for g, name in GROUP_COUNTS.items()],
        (counted & ~group.is_in(GROUPES_DYNAMIQUES)).sum().alias("autre_sortie"),
    ]
    if with_suivi:
        for m in ECHEANCES:
            situation = pl.col(f"_sit_{m}")
            expected = counted & (pl.col("date_sortie").dt.offset_by(f"{m}mo") <= reference)
            done = expected & situation.is_not_null() & (situation != SITUATION_INCONNUE)
            dynamic = situation.replace_strict(mapping, default=None, return_dtype=pl.String)
            aggs += [
                expected.sum().alias(f"s{m}_attendus"),
                done.sum().alias(f"s{m}_realises"),
                (done & dynamic.is_in(GROUPES_DYNAMIQUES)).sum().alias(f"s{m}_dynamiques"),
            ]
    return aggs


def _count(frame: pl.DataFrame, aggs) -> dict[str, dict]:
    if frame.is_empty():
        return {}
    rows = frame.group_by("structure_id").agg(aggs).iter_rows(named=True)
    return {r.pop("structure_id"): {k: int(v or 0) for k, v in r.items()} for r in rows}


def exit_counts(tables, periods, rule_sets, reference: dt.date) -> dict:
    """{(start, end): {rule set name: {structure_id: counts}}} for periods lying within
    the span of the first one (the year, then its quarters)."""
    start = min(p[0] for p in periods)
    end = max(p[1] for p in periods)
    exits = prepare_exits(tables, start, end)
    with_suivi = tables.suivis is not None
    out = {p: {} for p in periods}
    for rule_set in rule_sets:
        classified = classify(exits, rule_set)
        aggs = _aggs(rule_set, reference, with_suivi)
        for p in periods:
            within = classified.filter(pl.col("date_sortie").is_between(p[0], p[1]))
            out[p][rule_set.nom] = _count(within, aggs)
    return out


def support_counts(tables, start: dt.date, end: dt.date) -> dict[str, dict]:
    """People accompanied and accompaniment hours, people trained and training hours
    (hundredths of an hour, rounded half up as the engine does), per structure_id."""
    out: dict[str, dict] = {}
    if tables.accompagnements is not None and tables.accompagnements.height:
        kept = tables.accompagnements.filter(pl.col("date").is_between(start, end))
        for sid, values in _count(
            kept.with_columns(_mm=milli_expr(pl.col("duree_minutes"))),
            [
                pl.col("personne_id").n_unique().alias("acc_personnes"),
                pl.col("_mm").sum().alias("_mm"),
            ],
        ).items():
            # milli-minutes -> hundredths of an hour: × 100 / 60 000, half up.
            values["acc_heures_x100"] = (values.pop("_mm") * 200 + 60_000) // 120_000
            out.setdefault(sid, {}).update(values)
    if tables.formations is not None and tables.formations.height:
        kept = tables.formations.filter(
            (pl.col("date_debut").is_null() | (pl.col("date_debut") <= end))
            & (pl.col("date_fin").is_null() | (pl.col("date_fin") >= start))
        ).with_columns(_mh=milli_expr(pl.col("heures")).fill_null(0))
        for sid, values in _count(
            kept,
            [
                pl.col("personne_id").n_unique().alias("form_personnes"),
                pl.col("_mh").sum().alias("_mh"),
            ],
        ).items():
            values["form_heures_x100"] = (values.pop("_mh") * 2 + 10) // 20
            out.setdefault(sid, {}).update(values)
    return out
