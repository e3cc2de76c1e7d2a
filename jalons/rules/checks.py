"""Checks across rows and files of an interchange folder (contract section 2):
unknown structures, duplicates, negative amounts, exit/motif pairing, dates in the
wrong order, overlapping pathways, follow-ups without an exit."""

from __future__ import annotations

import datetime as dt

import polars as pl

from jalons.rules.errors import Problem

LINE = "_ligne"
FAR_FUTURE = dt.date(9999, 12, 31)
NON_NEGATIVE = {"heures_travaillees", "heures", "duree_minutes"}


def _rows(frame: pl.DataFrame, mask: pl.Expr, *columns: str):
    # Lazy, so only the needed columns are read.
    return frame.lazy().filter(mask).select(LINE, *columns).collect().iter_rows()


def cross_checks(frames, labels, problems: list[Problem]) -> None:
    structures = frames.get("structures")
    known = None
    if structures is not None:
        known = structures["structure_id"].unique()
        dup = pl.col("structure_id").is_duplicated()
        first = pl.col(LINE).min().over("structure_id")
        for line, sid, first_line in _rows(
            structures.with_columns(first.alias("_first")),
            dup & (pl.col(LINE) != pl.col("_first")),
            "structure_id",
            "_first",
        ):
            problems.append(
                Problem(
                    labels["structures"],
                    line,
                    "structure_id",
                    f"structure_id « {sid} » en double (déjà ligne {first_line})",
                )
            )
    for table, frame in frames.items():
        if frame is None:
            continue
        label = labels[table]
        if table != "structures" and known is not None:
            unknown = pl.col("structure_id").is_not_null() & ~pl.col("structure_id").is_in(
                known.implode()
            )
            for line, sid in _rows(frame, unknown, "structure_id"):
                problems.append(
                    Problem(
                        label,
                        line,
                        "structure_id",
                        f"structure_id « {sid} » absent de structures.csv",
                    )
                )
        for name in NON_NEGATIVE & set(frame.columns):
            for line, value in _rows(frame, pl.col(name) < 0, name):
                problems.append(Problem(label, line, name, f"valeur négative ({_fmt(value)})"))

    parcours = frames.get("parcours")
    if parcours is not None:
        _check_parcours(parcours, labels["parcours"], problems)
    suivis = frames.get("suivis")
    if suivis is not None:
        _check_suivis(suivis, parcours, labels["suivis"], problems)
    formations = frames.get("formations")
    if formations is not None:
        late = pl.col("date_fin") < pl.col("date_debut")
        for line, start, end in _rows(formations, late, "date_debut", "date_fin"):
            problems.append(
                Problem(
                    labels["formations"],
                    line,
                    "date_fin",
                    f"date de fin {end} antérieure à la date de début {start}",
                )
            )


def _check_parcours(parcours: pl.DataFrame, label: str, problems: list[Problem]) -> None:
    exit_ = pl.col("date_sortie")
    has_exit, has_motif = pl.col("_present_date_sortie"), pl.col("_present_motif_sortie")
    for (line,) in _rows(parcours, has_exit & ~has_motif):
        problems.append(
            Problem(
                label,
                line,
                "motif_sortie",
                "sortie sans motif : motif_sortie est obligatoire quand date_sortie est remplie",
            )
        )
    for (line,) in _rows(parcours, ~has_exit & has_motif):
        problems.append(
            Problem(
                label,
                line,
                "date_sortie",
                "motif sans sortie : date_sortie est obligatoire quand motif_sortie est rempli",
            )
        )
    early = exit_ < pl.col("date_embauche")
    for line, hired, left in _rows(parcours, early, "date_embauche", "date_sortie"):
        problems.append(
            Problem(
                label,
                line,
                "date_sortie",
                f"date de sortie {left} antérieure à la date d'embauche {hired}",
            )
        )
    # Overlaps: sort by person and hire date, then compare each hire with the latest
    # exit of the earlier pathways of the same person. A per-group cumulative max is
    # slow with many small groups, so each group is shifted by a large offset and
    # one global cumulative max is used.
    keys = ["structure_id", "personne_id"]
    span = 10**8  # days; far more than any date range
    days = lambda c: pl.col(c).cast(pl.Int64) + 10**6  # noqa: E731
    new_group = pl.any_horizontal(pl.col(k) != pl.col(k).shift(1) for k in keys).fill_null(True)
    ordered = (
        parcours.lazy()
        .filter(pl.col("date_embauche").is_not_null())
        .select(LINE, *keys, "date_embauche", pl.col("date_sortie").fill_null(FAR_FUTURE))
        .sort([*keys, "date_embauche", LINE])
        .with_columns(_new=new_group)
        .with_columns(_gid=pl.col("_new").cum_sum().cast(pl.Int64) * span)
        .with_columns(
            _prev_end=(pl.col("_gid") + days("date_sortie")).cum_max().shift(1),
            _start=pl.col("_gid") + days("date_embauche"),
            _prev_line=pl.col(LINE).shift(1),
        )
        .collect()
    )
    overlap = ~pl.col("_new") & (pl.col("_start") <= pl.col("_prev_end"))
    for line, other in _rows(ordered, overlap, "_prev_line"):
        problems.append(
            Problem(
                label,
                line,
                "date_embauche",
                "parcours qui chevauche un autre parcours de la même personne dans la même "
                f"structure (ligne {other})",
            )
        )


def _check_suivis(suivis, parcours, label: str, problems: list[Problem]) -> None:
    keys = ["structure_id", "personne_id", "date_sortie"]
    if parcours is not None:
        exits = parcours.filter(pl.col("date_sortie").is_not_null()).select(keys).unique()
        orphans = suivis.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in keys)).join(
            exits, on=keys, how="anti"
        )
        for (line,) in orphans.select(LINE).iter_rows():
            problems.append(
                Problem(
                    label,
                    line,
                    "date_sortie",
                    "suivi sans sortie correspondante dans parcours.csv "
                    "(même structure_id, personne_id et date_sortie)",
                )
            )
    group = [*keys, "echeance_mois"]
    first = pl.col(LINE).min().over(group)
    dup = suivis.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in group)).with_columns(
        first.alias("_first")
    )
    for line, first_line in _rows(dup, pl.col(LINE) != pl.col("_first"), "_first"):
        problems.append(
            Problem(
                label,
                line,
                "echeance_mois",
                f"suivi en double pour cette sortie et cette échéance (déjà ligne {first_line})",
            )
        )


def _fmt(value) -> str:
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
