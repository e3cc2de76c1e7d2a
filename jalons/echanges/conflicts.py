"""What a folder contradicts in the database: the checks of an import that need the
recorded pathways (``checks.py`` has those of the folder alone). Both report through
``Findings``, with file, line and column, before anything is written."""

from __future__ import annotations

import polars as pl

from jalons.echanges.checks import ROW, Findings
from jalons.echanges.plan import DB, PPK, SPK

FAR = pl.date(9999, 12, 31)


def check_overlaps(csv: pl.DataFrame, have: pl.DataFrame, findings: Findings) -> None:
    """A pathway of the folder may not overlap one recorded in Jalons only."""
    only_db = have.join(csv, on=[SPK, PPK, "date_embauche"], how="anti")
    if only_db.is_empty():
        return
    pairs = csv.select(ROW, SPK, PPK, "date_embauche", "date_sortie").join(
        only_db.select(
            SPK, PPK, pl.col("date_embauche").alias("_h"), pl.col("exit_date").alias("_x")
        ),
        on=[SPK, PPK],
    )
    clash = pairs.filter(
        (pl.col("date_embauche") <= pl.col("_x").fill_null(FAR))
        & (pl.col("_h") <= pl.col("date_sortie").fill_null(FAR))
    )

    def message(row):
        end = f"terminé le {row['_x']:%d/%m/%Y}" if row["_x"] is not None else "toujours en cours"
        return (
            "parcours qui chevauche un parcours déjà enregistré dans Jalons pour cette "
            f"personne (commencé le {row['_h']:%d/%m/%Y}, {end})"
        )

    findings.add("parcours", clash, "date_embauche", message)


def exits_removed(joined: pl.DataFrame) -> pl.DataFrame:
    """The recorded pathways whose exit the folder leaves empty."""
    exit_date = pl.col(DB + "exit_date")
    return joined.filter(pl.col("date_sortie").is_null() & exit_date.is_not_null())


def check_removed_exits(
    removed: pl.DataFrame, with_follow_ups: set[int], findings: Findings
) -> None:
    """An import may not remove an exit that has follow-ups (``removed``:
    ``exits_removed``; ``with_follow_ups``: the numbers of those pathways that have)."""
    findings.add(
        "parcours",
        removed.filter(pl.col("id").is_in(list(with_follow_ups))),
        "date_sortie",
        lambda r: (
            f"la sortie du {r[DB + 'exit_date']:%d/%m/%Y} enregistrée dans Jalons a des "
            "suivis : un import ne peut pas la retirer (corrigez-la dans la fiche de la "
            "personne)"
        ),
    )
