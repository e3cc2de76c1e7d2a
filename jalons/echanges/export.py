"""Writing the interchange folder from the database (contract section 6).

One CSV file per table, UTF-8 without BOM, ``,`` separator, ISO dates, ``AAAA-MM``
months, ``.`` decimals (``14`` rather than ``14.0``), ``oui``/``non``. A text that a
spreadsheet would run as a formula (``=…``, ``+…``, ``-…``, ``@…``) or that starts with
an apostrophe gets an apostrophe in front (``jalons.rules.tabular``); the reader
removes it, so export then import gives back the same text. The format has no names,
contact details nor NIR: none of them can leave through an export. The folder is
written whole or not at all (``jalons.rules.folders``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import polars as pl

from jalons.echanges.selectors import table_frame
from jalons.echanges.tables import TABLES
from jalons.rules.folders import FolderNotEmpty, written_whole
from jalons.rules.tables import SCHEMAS
from jalons.rules.tabular import escape_expr

TargetNotEmpty = FolderNotEmpty  # the target holds files (use ``replace``)


def frame_to_csv(name: str, frame: pl.DataFrame) -> str:
    """A table of the engine's input as the text of its CSV file."""
    exprs = []
    for column, dtype in SCHEMAS[name].items():
        value = pl.col(column)
        if dtype == pl.Date:
            value = value.dt.to_string("%Y-%m" if column == "mois" else "%Y-%m-%d")
        elif dtype == pl.Float64:
            whole = value.is_finite() & (value == value.floor()) & (value.abs() < 2**53)
            value = (
                pl.when(whole)
                .then(value.cast(pl.Int64, strict=False).cast(pl.String))
                .otherwise(value.cast(pl.String))
            )
        elif dtype == pl.Boolean:
            value = pl.when(value).then(pl.lit("oui")).when(~value).then(pl.lit("non"))
        elif dtype == pl.String:
            value = escape_expr(value)
        exprs.append(value.cast(pl.String).alias(column))
    return frame.select(exprs).write_csv(line_terminator="\n", null_value="")


def folder_export(
    *,
    folder: str | Path,
    structures: Iterable | None = None,
    replace: bool = False,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write every table for these structures (all when None); row counts per file."""
    ids = None if structures is None else [getattr(s, "pk", s) for s in structures]
    counts = {}
    with written_whole(folder, replace=replace) as tmp:
        for name in TABLES:
            if progress:
                progress(name)
            frame = table_frame(name, ids)
            (tmp / f"{name}.csv").write_text(frame_to_csv(name, frame), encoding="utf-8")
            counts[name] = frame.height
    return counts
