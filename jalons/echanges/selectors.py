"""The engine's input read from the database, with the columns and types of the reader.

Rows are fetched with the database cursor in chunks (no model instances, no per-value
Django converters) and turned into polars columns, then cast and normalised exactly as
``jalons.rules.reader`` does for a CSV file: trimmed text, empty text as null, dates
as ``pl.Date``, numbers as ``Float64``. Where each column is read from is declared
once, in ``tables.TABLES``. Each table is sorted on all its columns, so
the export (``export.py``, which writes these frames) and ``--base`` see the same rows
in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from django.db import connection

from jalons.echanges.tables import TABLES, normalise
from jalons.rules import Problem, Tables, load_referential
from jalons.rules.vocabulary import SITUATION_INCONNUE
from jalons.structures.models import Structure

CHUNK = 200_000


def structures_matching(references: Iterable[str]) -> tuple[list[Structure], list[str]]:
    """Structures named by their interchange identifier (or, failing that, their
    number in Jalons), and the references that match none."""
    found, unknown = [], []
    for reference in references:
        reference = reference.strip()
        structure = Structure.objects.filter(identifier=reference).first()
        if structure is None and reference.isdigit():
            structure = Structure.objects.filter(pk=int(reference)).first()
        if structure is None:
            unknown.append(reference)
        elif structure not in found:
            found.append(structure)
    return found, unknown


def tables_from_database(structures: Iterable | None = None) -> Tables:
    """Every table of the interchange format for these structures (objects or primary
    keys; all structures when None), as ``read_folder`` would return it for the
    folder that ``folder_export`` writes."""
    ids = None if structures is None else [getattr(s, "pk", s) for s in structures]
    frames = {name: table_frame(name, ids) for name in TABLES}
    return Tables.build(**frames)


def table_frame(name: str, structure_ids: list[int] | None = None) -> pl.DataFrame:
    table = TABLES[name]
    queryset = table.model.objects.all()
    if structure_ids is not None:
        queryset = queryset.filter(**{f"{table.structure_path}__in": structure_ids})
    queryset = queryset.order_by().values_list(*table.paths.values())
    frame = _fetch(queryset, list(table.paths))
    return normalise(frame, table.schema).sort(list(table.paths), nulls_last=True)


def _fetch(queryset, names: list[str]) -> pl.DataFrame:
    """The rows of a values_list queryset, straight from the cursor, in chunks."""
    sql, params = queryset.query.sql_with_params()
    chunks = []
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if connection.vendor == "postgresql":
            # numeric as float (correctly rounded from its text), not Decimal objects.
            from psycopg.types.numeric import FloatLoader

            raw.adapters.register_loader("numeric", FloatLoader)
        raw.execute(sql, params)
        while rows := raw.fetchmany(CHUNK):
            columns = list(zip(*rows, strict=True))
            chunks.append(
                pl.DataFrame(
                    [pl.Series(n, c, strict=False) for n, c in zip(names, columns, strict=True)]
                )
            )
    if not chunks:
        return pl.DataFrame({n: pl.Series(n, [], dtype=pl.Null) for n in names})
    return pl.concat(chunks, how="vertical_relaxed")


def database_problems(tables: Tables) -> list[Problem]:
    """What the pages allow but the interchange format refuses (an exit date without
    its motif, say): the checks of ``read_folder`` that the database can break."""
    problems = []
    where = "base de données"
    referential = load_referential()
    parcours = tables.parcours

    def who(sid, pid, hired):
        return f"structure {sid}, personne {pid}, parcours commencé le {hired:%d/%m/%Y}"

    rows = parcours.filter(
        pl.col("date_sortie").is_null() != pl.col("motif_sortie").is_null()
    ).select("structure_id", "personne_id", "date_embauche", "date_sortie")
    for sid, pid, hired, left in rows.iter_rows():
        what = (
            "sortie sans motif (à compléter dans la fiche de la personne)"
            if left is not None
            else "motif de sortie sans date de sortie"
        )
        problems.append(Problem(where, None, None, f"{who(sid, pid, hired)} : {what}"))
    unknown = parcours.filter(
        pl.col("motif_sortie").is_not_null()
        & ~pl.col("motif_sortie").is_in(list(referential.motifs))
    )
    for sid, pid, hired, motif in unknown.select(
        "structure_id", "personne_id", "date_embauche", "motif_sortie"
    ).iter_rows():
        problems.append(
            Problem(where, None, None, f"{who(sid, pid, hired)} : motif de sortie inconnu {motif}")
        )
    suivis = tables.suivis
    if suivis is not None:
        slugs = [*referential.motifs, SITUATION_INCONNUE]
        bad = suivis.filter(pl.col("date_sortie").is_null() | ~pl.col("situation").is_in(slugs))
        for sid, pid, left, months, situation in bad.select(
            "structure_id", "personne_id", "date_sortie", "echeance_mois", "situation"
        ).iter_rows():
            what = "suivi d'un parcours sans sortie" if left is None else "situation inconnue"
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    f"structure {sid}, personne {pid}, suivi à {months} mois : {what} "
                    f"({situation})",
                )
            )
    return problems
