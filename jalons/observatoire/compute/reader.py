"""The engine's input for the observatory, read fast and without any identifier.

Same tables and columns as ``jalons.echanges.selectors.tables_from_database``, with two
differences: structures and people are keyed by their database numbers (as text),
not by their interchange identifiers (each column's path by number is declared with
the others in ``jalons.echanges.tables.TABLES``), which saves the joins and keeps every
person identifier inside the database; and on PostgreSQL each table is streamed with
``COPY … TO STDOUT`` and parsed by polars, about ten times faster than turning
millions of cursor rows into Python tuples. On SQLite the cursor path is used.
"""

import io

import polars as pl
from django.core.exceptions import EmptyResultSet
from django.db import connection

from jalons.echanges.selectors import table_frame
from jalons.echanges.tables import TABLES, normalise
from jalons.rules import Tables


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


def _frame(name: str, ids: list[int] | None) -> pl.DataFrame:
    table = TABLES[name]
    queryset = table.model.objects.order_by()
    if ids is not None:
        queryset = queryset.filter(**{f"{table.structure_path}__in": ids})
    paths = table.number_paths
    sql, params = queryset.values_list(*paths.values()).query.sql_with_params()
    names = list(paths)
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        statement = connection.ops.compose_sql(sql, params)
        with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                buffer.write(block)
    schema = table.schema
    if not buffer.tell():
        return pl.DataFrame(schema=schema)
    frame = pl.read_csv(buffer.getvalue(), has_header=False, new_columns=names, infer_schema=False)
    booleans = [c for c, dtype in schema.items() if dtype == pl.Boolean]
    frame = frame.with_columns(
        pl.col(c).replace_strict({"t": True, "f": False}, default=None, return_dtype=pl.Boolean)
        for c in booleans
    )
    return normalise(frame, schema)


def engine_tables(structure_ids: list[int] | None) -> tuple[Tables, dict[str, int]]:
    """The tables of these structures (all when None) and {structure_id: pk}."""
    if connection.vendor != "postgresql":
        frames = {name: table_frame(name, structure_ids) for name in TABLES}
        tables = Tables.build(**frames)
        from jalons.structures.models import Structure

        query = Structure.objects.all()
        if structure_ids is not None:
            query = query.filter(pk__in=structure_ids)
        return tables, dict(query.values_list("identifier", "pk"))
    frames = {name: _frame(name, structure_ids) for name in TABLES}
    tables = Tables.build(**frames)
    ids = {sid: int(sid) for sid in tables.structures["structure_id"].to_list()}
    return tables, ids
