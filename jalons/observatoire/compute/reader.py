"""The engine's input for the observatory, read fast and without any identifier.

Same tables and columns as ``jalons.echanges.selectors.tables_from_database``, with two
differences: structures and people are keyed by their database numbers (as text),
not by their interchange identifiers, which saves the joins and keeps every person
identifier inside the database; and on PostgreSQL each table is streamed with
``COPY … TO STDOUT`` and parsed by polars, about ten times faster than turning
millions of cursor rows into Python tuples. On SQLite the cursor path is used.
"""

import io

import polars as pl
from django.core.exceptions import EmptyResultSet
from django.db import connection

from jalons.echanges.selectors import SOURCES, STRUCTURE_PATH, _normalise, table_frame
from jalons.rules import Tables
from jalons.rules.tables import SCHEMAS


def cursor_rows(queryset) -> list[tuple]:
    """Rows of a ``values_list`` query straight from the cursor: no model, no
    per-value converter (dates and numbers as the driver gives them)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. ``IN ()``: a perimeter without structures
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# ORM paths of SOURCES rewritten to database numbers.
_BY_NUMBER = {
    "identifier": "pk",
    "name": "kind",  # the engine needs no name: the type stands in
    "structure__identifier": "structure_id",
    "person__external_id": "person_id",
    "parcours__structure__identifier": "parcours__structure_id",
    "parcours__person__external_id": "parcours__person_id",
    "person__structure__identifier": "person__structure_id",
}


def _frame(name: str, ids: list[int] | None) -> pl.DataFrame:
    model, columns = SOURCES[name]
    paths = [_BY_NUMBER.get(path, path) for path in columns.values()]
    queryset = model.objects.order_by()
    if ids is not None:
        queryset = queryset.filter(**{f"{STRUCTURE_PATH[name]}__in": ids})
    sql, params = queryset.values_list(*paths).query.sql_with_params()
    names = list(columns)
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        statement = connection.ops.compose_sql(sql, params)
        with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                buffer.write(block)
    schema = SCHEMAS[name]
    if not buffer.tell():
        return pl.DataFrame(schema=schema)
    frame = pl.read_csv(buffer.getvalue(), has_header=False, new_columns=names, infer_schema=False)
    booleans = [c for c, dtype in schema.items() if dtype == pl.Boolean]
    frame = frame.with_columns(
        pl.col(c).replace_strict({"t": True, "f": False}, default=None, return_dtype=pl.Boolean)
        for c in booleans
    )
    return _normalise(frame, schema)


def engine_tables(structure_ids: list[int] | None) -> tuple[Tables, dict[str, int]]:
    """The tables of these structures (all when None) and {structure_id: pk}."""
    if connection.vendor != "postgresql":
        frames = {name: table_frame(name, structure_ids) for name in SOURCES}
        tables = Tables.build(**frames)
        from jalons.structures.models import Structure

        query = Structure.objects.all()
        if structure_ids is not None:
            query = query.filter(pk__in=structure_ids)
        return tables, dict(query.values_list("identifier", "pk"))
    frames = {name: _frame(name, structure_ids) for name in SOURCES}
    tables = Tables.build(**frames)
    ids = {sid: int(sid) for sid in tables.structures["structure_id"].to_list()}
    return tables, ids
