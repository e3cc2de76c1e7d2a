"""The engine's input read from the database, with the columns and types of the reader.

Rows are fetched with the database cursor in chunks (no model instances, no per-value
Django converters) and turned into polars columns, then cast and normalised exactly as
``jalons.rules.reader`` does for a CSV file: trimmed text, empty text as null, dates
as ``pl.Date``, numbers as ``Float64``. Each table is sorted on all its columns, so
the export (``export.py``, which writes these frames) and ``--base`` see the same rows
in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from django.db import connection

from jalons.accompagnement.models import AccompanimentAction
from jalons.formation.models import TrainingAction
from jalons.orientations.models import Orientation
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours
from jalons.rules import Problem, Tables, load_referential
from jalons.rules.tables import SCHEMAS
from jalons.rules.vocabulary import SITUATION_INCONNUE
from jalons.structures.models import Structure

CHUNK = 200_000

# table -> (model, {column: ORM path}); the columns are those of SCHEMAS, in order.
SOURCES = {
    "structures": (
        Structure,
        {
            "structure_id": "identifier",
            "type_siae": "kind",
            "nom": "name",
            "departement": "departement_id",
            "region": "departement__region_id",
        },
    ),
    "parcours": (
        Parcours,
        {
            "structure_id": "structure__identifier",
            "personne_id": "person__external_id",
            "date_embauche": "hire_date",
            "date_sortie": "exit_date",
            "motif_sortie": "exit_motif",
            "heures_travaillees": "hours_worked",
            "sortie_temps_plein": "exit_full_time",
        },
    ),
    "heures": (
        MonthlyHours,
        {
            "structure_id": "structure__identifier",
            "personne_id": "person__external_id",
            "mois": "month",
            "heures": "hours",
        },
    ),
    "suivis": (
        FollowUp,
        {
            "structure_id": "parcours__structure__identifier",
            "personne_id": "parcours__person__external_id",
            "date_sortie": "parcours__exit_date",
            "echeance_mois": "months",
            "situation": "situation",
            "date_suivi": "obtained_on",
        },
    ),
    "orientations": (
        Orientation,
        {
            "structure_id": "structure__identifier",
            "date": "date",
            "prescripteur_type": "prescriber_type",
            "issue": "outcome",
            "personne_id": "person__external_id",
        },
    ),
    "accompagnements": (
        AccompanimentAction,
        {
            "structure_id": "person__structure__identifier",
            "personne_id": "person__external_id",
            "date": "date",
            "nature": "nature",
            "duree_minutes": "duration_minutes",
            "frein": "barrier",
            "modalite": "modality",
            "intervenant": "speaker",
        },
    ),
    "formations": (
        TrainingAction,
        {
            "structure_id": "person__structure__identifier",
            "personne_id": "person__external_id",
            "statut": "status",
            "date_debut": "start_date",
            "date_fin": "end_date",
            "intitule": "title",
            "heures": "hours",
            "qualifiante": "qualifying",
        },
    ),
}
# The ORM path of each table's structure, to restrict the rows to some structures.
STRUCTURE_PATH = {
    "structures": "pk",
    "parcours": "structure_id",
    "heures": "structure_id",
    "suivis": "parcours__structure_id",
    "orientations": "structure_id",
    "accompagnements": "person__structure_id",
    "formations": "person__structure_id",
}


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
    frames = {name: table_frame(name, ids) for name in SOURCES}
    return Tables.build(**frames)


def table_frame(name: str, structure_ids: list[int] | None = None) -> pl.DataFrame:
    model, columns = SOURCES[name]
    queryset = model.objects.all()
    if structure_ids is not None:
        queryset = queryset.filter(**{f"{STRUCTURE_PATH[name]}__in": structure_ids})
    queryset = queryset.order_by().values_list(*columns.values())
    frame = _fetch(queryset, list(columns))
    return _normalise(frame, SCHEMAS[name]).sort(list(columns), nulls_last=True)


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


def _normalise(frame: pl.DataFrame, schema: dict) -> pl.DataFrame:
    exprs = []
    for column, dtype in schema.items():
        value = pl.col(column)
        current = frame.schema[column]
        if dtype == pl.String:
            value = value.cast(pl.String).str.strip_chars().replace("", None)
        elif dtype == pl.Date and current == pl.String:  # SQLite returns ISO text
            value = value.str.slice(0, 10).str.to_date("%Y-%m-%d")
        elif dtype == pl.Boolean and current != pl.Boolean:  # SQLite returns 0/1
            value = value.cast(pl.Int64).cast(pl.Boolean)
        exprs.append(value.cast(dtype).alias(column))
    return frame.select(exprs)


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
