"""Bulk reads and writes for the import, without model instances.

The import writes hundreds of thousands of rows in one transaction: rows go to the
database as plain tuples (``COPY`` on PostgreSQL, ``executemany`` on SQLite), with the
same column values Django would write (its own adaptation of dates, datetimes and
decimals). Every value has been checked beforehand (``checks.py``), then against the
rules of its model field, and converted as that field stores it (``apply.py``,
``fields.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl
from django.db import connection
from django.utils import timezone

from jalons.echanges.selectors import _fetch

BATCH = 5_000


def existing(queryset, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """A values_list queryset ({field: type}) as a polars frame of these types."""
    names = list(schema)
    frame = _fetch(queryset.order_by().values_list(*names), names)
    exprs = []
    for name, dtype in schema.items():
        value = pl.col(name)
        current = frame.schema[name]
        if dtype == pl.Date and current == pl.String:  # SQLite returns ISO text
            value = value.str.slice(0, 10).str.to_date("%Y-%m-%d")
        elif dtype == pl.Boolean and current not in (pl.Boolean, pl.Null):
            value = value.cast(pl.Int64).cast(pl.Boolean)
        exprs.append(value.cast(dtype).alias(name))
    return frame.select(exprs)


def insert(model, frame: pl.DataFrame, fields: dict[str, str]) -> int:
    """Insert the rows of ``frame`` ({model field: frame column}); the other fields get
    their default value (``auto_now`` fields: now)."""
    if frame.is_empty():
        return 0
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    given = [model._meta.get_field(f) for f in fields]
    constants = {}
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in fields:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            constants[f] = now
        else:
            constants[f] = f.get_db_prep_save(f.get_default(), connection)
    columns = [f.column for f in given] + [f.column for f in constants]
    tail = tuple(constants.values())
    rows = (row + tail for row in frame.select(list(fields.values())).iter_rows())
    _write_rows(model._meta.db_table, columns, rows)
    return frame.height


def _write_rows(table: str, columns: list[str], rows: Iterator[tuple]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def update(model, frame: pl.DataFrame, fields: dict[str, str], pk: str = "pk") -> int:
    """Set ``fields`` ({model field: frame column}) of the rows whose primary key is in
    column ``pk``; ``updated_at`` (when the model has it) becomes now."""
    if frame.is_empty():
        return 0
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(f).column for f in fields]
    extra = ()
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        columns.append("updated_at")
        extra = (connection.ops.adapt_datetimefield_value(timezone.now()),)
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
    rows = [(*row[1:], *extra, row[0]) for row in frame.select(pk, *fields.values()).iter_rows()]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
    return len(rows)
