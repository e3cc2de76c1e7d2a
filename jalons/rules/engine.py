"""The computation of exit indicators (contract section 4), on validated tables.

Everything that does not depend on the rule set (exits of the period, their hours,
their follow-ups) is computed once; each rule set then adds two columns, the
exit's group and the reason it is not counted, and the counts are aggregated per
structure. Parameters are resolved at each exit's ``date_sortie``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from jalons import __version__
from jalons.rules.arith import MILLI, hours, milli_expr, rate, to_milli
from jalons.rules.complementary import complementaires
from jalons.rules.rulesets import PARAMETER_SPECS, SINCE_ALWAYS, RuleSet
from jalons.rules.tables import Tables
from jalons.rules.vocabulary import (
    ECHEANCES,
    GROUPES_DYNAMIQUES,
    RAISONS,
    SITUATION_INCONNUE,
    TYPES_SIAE,
)

EXIT_KEY = ["structure_id", "personne_id", "date_embauche"]
COUNTS = [
    "sorties",
    "sorties_examinees",
    *(f"nc_{r}" for r in RAISONS),
    "emploi_durable",
    "emploi_transition",
    "sortie_positive",
    "autre_sortie",
]
GROUP_COUNTS = {
    "durable": "emploi_durable",
    "transition": "emploi_transition",
    "positive": "sortie_positive",
}


def compute(
    tables: Tables,
    rule_sets: Sequence[RuleSet],
    du: dt.date,
    au: dt.date,
    date_reference: dt.date,
    detail: bool = False,
) -> dict:
    """The result document of the contract (section 5), one calcul per rule set."""
    exits = prepare_exits(tables, du, au)
    structures = tables.structures.select("structure_id", "type_siae").sort("structure_id")
    extra = complementaires(tables, du, au)
    calculs = []
    for rule_set in rule_sets:
        classified = classify(exits, rule_set)
        calcul = {"jeu_de_regles": rule_set.nom}
        calcul.update(
            _aggregate(
                classified, structures, rule_set, date_reference, tables.suivis is not None, extra
            )
        )
        if detail:
            calcul["sorties_detail"] = _detail(classified)
        calcul["trace"] = trace(rule_set, du, au, date_reference)
        calculs.append(calcul)
    return {
        "periode": {"du": du.isoformat(), "au": au.isoformat()},
        "date_reference": date_reference.isoformat(),
        "calculs": calculs,
    }


def prepare_exits(tables: Tables, du: dt.date, au: dt.date) -> pl.DataFrame:
    """Exits of the period with their structure's type, hours and follow-ups."""
    month = lambda c: pl.col(c).dt.year() * 12 + pl.col(c).dt.month() - 1  # noqa: E731
    exits = (
        tables.parcours.filter(pl.col("date_sortie").is_between(du, au))
        .join(tables.structures.select("structure_id", "type_siae"), on="structure_id")
        .with_columns(
            _m0=month("date_embauche"),
            _m1=month("date_sortie"),
            _year=pl.col("date_sortie").dt.year(),
            _declared=milli_expr(pl.col("heures_travaillees")),
        )
    )
    if tables.heures is not None and tables.heures.height:
        worked = tables.heures.select(
            "structure_id", "personne_id", _m=month("mois"), _h=milli_expr(pl.col("heures"))
        )
        per_exit = (
            exits.select(*EXIT_KEY, "_m0", "_m1", "_year")
            .join(worked, on=["structure_id", "personne_id"])
            .filter(pl.col("_m").is_between(pl.col("_m0"), pl.col("_m1")))
            .group_by(EXIT_KEY)
            .agg(
                _rows=pl.len(),
                _sum=pl.col("_h").sum(),
                _sum_year=pl.col("_h").filter(pl.col("_m") // 12 == pl.col("_year")).sum(),
            )
        )
        exits = exits.join(per_exit, on=EXIT_KEY, how="left")
    else:
        exits = exits.with_columns(
            _rows=pl.lit(None, pl.UInt32),
            _sum=pl.lit(None, pl.Int64),
            _sum_year=pl.lit(None, pl.Int64),
        )
    has_rows = pl.col("_rows").fill_null(0) > 0
    exits = exits.with_columns(
        _has_rows=has_rows,
        _hours=pl.coalesce(pl.col("_declared"), pl.when(has_rows).then(pl.col("_sum"))),
        _sum_year=pl.col("_sum_year").fill_null(0),
    )
    for m in ECHEANCES:
        if tables.suivis is not None:
            situation = tables.suivis.filter(pl.col("echeance_mois") == m).select(
                "structure_id", "personne_id", "date_sortie", pl.col("situation").alias(f"_sit_{m}")
            )
            exits = exits.join(
                situation, on=["structure_id", "personne_id", "date_sortie"], how="left"
            )
        else:
            exits = exits.with_columns(pl.lit(None, pl.String).alias(f"_sit_{m}"))
    return exits


def _dated(rule_set: RuleSet, name: str, convert=lambda v: v, dtype=None) -> pl.Expr:
    """The parameter's value at each exit's date_sortie (per SIAE type when it has one)."""
    keys = list(TYPES_SIAE) if PARAMETER_SPECS[name].per_type else [None]
    chain = None
    for key in keys:
        series = rule_set.series(name, key)
        for i in range(len(series) - 1, -1, -1):
            cond = pl.lit(True) if key is None else pl.col("type_siae") == key
            if i > 0:
                cond = cond & (pl.col("date_sortie") >= series[i].depuis)
            value = pl.lit(convert(series[i].valeur), dtype=dtype)
            chain = pl.when(cond).then(value) if chain is None else chain.when(cond).then(value)
    return chain.otherwise(pl.lit(None, dtype=dtype))


def _removed(rule_set: RuleSet, group: pl.Expr) -> pl.Expr:
    series = rule_set.series("groupes_retires")
    chain = None
    for i in range(len(series) - 1, -1, -1):
        cond = pl.lit(True) if i == 0 else pl.col("date_sortie") >= series[i].depuis
        value = group.is_in(list(series[i].valeur)) if series[i].valeur else pl.lit(False)
        chain = pl.when(cond).then(value) if chain is None else chain.when(cond).then(value)
    return chain.otherwise(False)


def classify(exits: pl.DataFrame, rule_set: RuleSet) -> pl.DataFrame:
    """Add ``groupe``, ``raison`` (null when counted) and ``comptee`` to each exit."""
    mapping = rule_set.group_table.mapping()
    base_group = pl.col("motif_sortie").replace_strict(mapping, return_dtype=pl.String)
    full_time_only = _dated(rule_set, "durable_temps_plein_uniquement", dtype=pl.Boolean)
    not_full_time = ~pl.col("sortie_temps_plein").fill_null(False)
    group = (
        pl.when(full_time_only & (base_group == "durable") & not_full_time)
        .then(pl.lit("transition"))
        .otherwise(base_group)
    )
    months = _dated(rule_set, "duree_minimale_mois", dtype=pl.Int32)
    min_hours = _dated(rule_set, "heures_minimales", to_milli_or_none, pl.Int64)
    min_year = _dated(rule_set, "heures_minimales_annee_sortie", to_milli_or_none, pl.Int64)
    durations = sorted(
        {
            v.valeur
            for t in TYPES_SIAE
            for v in rule_set.series("duree_minimale_mois", t)
            if v.valeur is not None
        }
    )
    anniversary = pl.lit(None, pl.Date)
    for n in durations:
        anniversary = (
            pl.when(pl.col("_months") == n)
            .then(pl.col("date_embauche").dt.offset_by(f"{n}mo"))
            .otherwise(anniversary)
        )
    staged = exits.with_columns(
        groupe=group, _months=months, _min_hours=min_hours, _min_year=min_year
    ).with_columns(_anniversary=anniversary)
    too_short = pl.col("_months").is_not_null() & (pl.col("date_sortie") < pl.col("_anniversary"))
    unknown = pl.col("_min_hours").is_not_null() & pl.col("_hours").is_null()
    too_few = (pl.col("_min_hours").is_not_null() & (pl.col("_hours") < pl.col("_min_hours"))) | (
        pl.col("_min_year").is_not_null()
        & pl.col("_has_rows")
        & (pl.col("_sum_year") < pl.col("_min_year"))
    )
    reason = (
        pl.when(too_short)
        .then(pl.lit("duree_insuffisante"))
        .when(unknown)
        .then(pl.lit("heures_inconnues"))
        .when(too_few)
        .then(pl.lit("heures_insuffisantes"))
        .when(_removed(rule_set, pl.col("groupe")))
        .then(pl.lit("exclue_de_la_base"))
        .otherwise(pl.lit(None, pl.String))
    )
    return staged.with_columns(raison=reason).with_columns(comptee=pl.col("raison").is_null())


def to_milli_or_none(value):
    return to_milli(value) if value is not None else None


def _aggregate(classified, structures, rule_set, date_reference, with_suivi, extra) -> dict:
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
            expected = counted & (pl.col("date_sortie").dt.offset_by(f"{m}mo") <= date_reference)
            done = expected & situation.is_not_null() & (situation != SITUATION_INCONNUE)
            dynamic = situation.replace_strict(mapping, default=None, return_dtype=pl.String)
            aggs += [
                expected.sum().alias(f"s{m}_attendus"),
                done.sum().alias(f"s{m}_realises"),
                (done & dynamic.is_in(GROUPES_DYNAMIQUES)).sum().alias(f"s{m}_dynamiques"),
            ]
    per_structure = {
        row["structure_id"]: row
        for row in classified.group_by("structure_id").agg(aggs).iter_rows(named=True)
    }
    names = [a.meta.output_name() for a in aggs]
    total = dict.fromkeys(names, 0)
    results = []
    for structure_id, type_siae in structures.iter_rows():
        row = per_structure.get(structure_id) or dict.fromkeys(names, 0)
        for name in names:
            total[name] += int(row[name])
        entry = {"structure_id": structure_id, "type_siae": type_siae}
        entry.update(indicators(row, with_suivi))
        if structure_id in extra.get("structures", {}):
            entry["complementaires"] = extra["structures"][structure_id]
        results.append(entry)
    ensemble = indicators(total, with_suivi)
    if "ensemble" in extra:
        ensemble["complementaires"] = extra["ensemble"]
    return {"structures": results, "ensemble": ensemble}


def indicators(counts: dict, with_suivi: bool) -> dict:
    """The contract's keys from raw counts (shared with the reference implementation)."""
    c = {k: int(v) for k, v in counts.items() if k != "structure_id"}
    base = c["sorties_examinees"]
    dynamic = c["emploi_durable"] + c["emploi_transition"] + c["sortie_positive"]
    out = {
        "sorties": c["sorties"],
        "sorties_examinees": base,
        "non_comptees": {r: c[f"nc_{r}"] for r in RAISONS},
        "emploi_durable": c["emploi_durable"],
        "emploi_transition": c["emploi_transition"],
        "sortie_positive": c["sortie_positive"],
        "autre_sortie": c["autre_sortie"],
        "taux_sortie_dynamique": rate(dynamic, base),
        "taux_emploi_durable": rate(c["emploi_durable"], base),
        "taux_emploi_transition": rate(c["emploi_transition"], base),
        "taux_sortie_positive": rate(c["sortie_positive"], base),
    }
    if with_suivi:
        out["suivi"] = {
            str(m): {
                "attendus": c[f"s{m}_attendus"],
                "realises": c[f"s{m}_realises"],
                "dynamiques": c[f"s{m}_dynamiques"],
                "taux": rate(c[f"s{m}_dynamiques"], c[f"s{m}_realises"]),
            }
            for m in ECHEANCES
        }
    return out


def _detail(classified: pl.DataFrame) -> list[dict]:
    rows = classified.sort("structure_id", "personne_id", "date_sortie", "date_embauche").select(
        "structure_id",
        "personne_id",
        "date_embauche",
        "date_sortie",
        "motif_sortie",
        "groupe",
        "_hours",
        "comptee",
        "raison",
    )
    return [
        {
            "structure_id": sid,
            "personne_id": pid,
            "date_embauche": hired.isoformat(),
            "date_sortie": left.isoformat(),
            "motif": motif,
            "groupe": group,
            "heures": hours(milli),
            "comptee": counted,
            "raison": reason,
        }
        for sid, pid, hired, left, motif, group, milli, counted, reason in rows.iter_rows()
    ]


def trace(rule_set: RuleSet, du: dt.date, au: dt.date, date_reference: dt.date) -> dict:
    """What produced a calcul: rule set, version, every parameter value used and its
    references, the reference date."""
    parameters = []
    for name, spec in PARAMETER_SPECS.items():
        for key in list(TYPES_SIAE) if spec.per_type else [None]:
            for value, until in rule_set.values_during(name, du, au, key):
                valeur = list(value.valeur) if isinstance(value.valeur, tuple) else value.valeur
                parameters.append(
                    {
                        "parametre": name,
                        "type_siae": key,
                        "valeur": valeur,
                        "depuis": None
                        if value.depuis == SINCE_ALWAYS
                        else value.depuis.isoformat(),
                        "jusqu_au": until.isoformat() if until else None,
                        "verification": value.verification,
                        "references": [
                            rule_set.references[code].as_dict() for code in value.references
                        ],
                        "defini_dans": value.defini_dans,
                    }
                )
    return {
        "jeu_de_regles": rule_set.nom,
        "version": rule_set.version,
        "empreinte": rule_set.empreinte,
        "lignee": rule_set.lineage,
        "famille_de_motifs": rule_set.famille,
        "periode": {"du": du.isoformat(), "au": au.isoformat()},
        "date_reference": date_reference.isoformat(),
        "ordre_des_conditions": list(RAISONS),
        "parametres": parameters,
        "moteur": f"jalons {__version__}",
    }


__all__ = ["MILLI", "classify", "compute", "indicators", "prepare_exits", "trace"]
