"""Cells that no spreadsheet runs as a formula: the one helper of every CSV and XLSX
Jalons writes (interchange folder, indicator CSV, observatory CSV and XLSX).

A spreadsheet evaluates a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a
tab, a carriage return (or their full-width forms, which some spreadsheets fold to
the ASCII ones): OWASP "CSV Injection". Rule, for **text** values only (numbers,
negative ones included, are written as numbers and never touched):

- CSV: such a text gets an apostrophe in front (``=1+1`` -> ``'=1+1``). A text that
  already starts with an apostrophe gets one more (``'abc`` -> ``''abc``), so that
  ``unescape`` gives back exactly the original text: the interchange reader removes
  the first apostrophe of a cell only when the next character is one of ``ESCAPED``.
- XLSX: the text is written as it is, as a string cell (``data_type`` ``"s"``, never
  ``"f"``) with Excel's "quote prefix" style, so that editing the cell does not turn
  it into a formula either; characters XML cannot carry are removed.

Pure Python (no Django): the rules package uses it for its reader and its CSV output.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

# What makes a spreadsheet read a cell as a formula (or DDE) when it comes first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")
ESCAPE = "'"
ESCAPED = (*FORMULA_START, ESCAPE)  # after a leading apostrophe, what it protects
# \uXXXX escapes mean the same to Python's ``re`` and to polars (Rust ``regex``).
_CLASS = "[" + "".join(f"\\u{ord(c):04X}" for c in ESCAPED) + "]"
_NEEDS_ESCAPE = "^" + _CLASS
_ESCAPED_CELL = "^" + f"\\u{ord(ESCAPE):04X}" + _CLASS
_XML_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def escape(text: str) -> str:
    """A text as a CSV cell: an apostrophe in front when it would be a formula, or
    when it starts with an apostrophe (so that ``unescape`` is exact)."""
    return ESCAPE + text if text.startswith(ESCAPED) else text


def unescape(text: str) -> str:
    """The original text of a cell written by ``escape`` (other text is unchanged)."""
    if len(text) > 1 and text[0] == ESCAPE and text[1:].startswith(ESCAPED):
        return text[1:]
    return text


def escape_expr(expr):
    """``escape`` as a polars expression on a String column (nulls stay null)."""
    import polars as pl

    return pl.when(expr.str.contains(_NEEDS_ESCAPE)).then(ESCAPE + expr).otherwise(expr)


def unescape_expr(expr):
    """``unescape`` as a polars expression on a String column (nulls stay null)."""
    import polars as pl

    return pl.when(expr.str.contains(_ESCAPED_CELL)).then(expr.str.slice(1)).otherwise(expr)


def number_text(value: int | float | Decimal, decimal: str = ".") -> str:
    """A number as a CSV cell: ``-0.5`` or ``-0,5``; never an exponent, never escaped."""
    if isinstance(value, int):
        return str(value)
    text = repr(value) if isinstance(value, float) else str(value)
    if "e" in text.lower() and text.lower() not in ("nan", "inf", "-inf"):
        text = format(Decimal(text), "f")
    return text.replace(".", decimal)


def csv_cell(value, decimal: str = ".") -> str:
    """One value as CSV text: None is empty, booleans are oui/non, numbers keep their
    sign, dates are ISO, and any other value is text, escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float | Decimal):
        return number_text(value, decimal)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape(str(value))


class CsvWriter:
    """``csv.writer`` whose rows go through ``csv_cell``: text escaped, numbers as
    numbers with the decimal mark asked (``,`` for a French CSV)."""

    def __init__(self, handle, *, decimal: str = ".", **options):
        options.setdefault("lineterminator", "\n")
        self._writer = csv.writer(handle, **options)
        # Python's writer quotes a field holding a character of ``lineterminator`` but
        # not a lone carriage return when the terminator is "\n": such a row is written
        # with every field quoted, so that no reader splits it.
        self._quoted = csv.writer(handle, **{**options, "quoting": csv.QUOTE_ALL})
        self.decimal = decimal

    def writerow(self, row: Iterable) -> None:
        cells = [csv_cell(v, self.decimal) for v in row]
        writer = self._quoted if any("\r" in c for c in cells) else self._writer
        writer.writerow(cells)

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


# XLSX (openpyxl) -------------------------------------------------------------------


def xlsx_text(text: str) -> str:
    """A text as XML can carry it (openpyxl refuses control characters)."""
    return _XML_ILLEGAL.sub("", text)


def xlsx_set(cell, value):
    """Write a value into an openpyxl cell; text is always a string cell."""
    if isinstance(value, str):
        value = xlsx_text(value)
    cell.value = value
    _as_text(cell)
    return cell


def xlsx_append(sheet, values: Iterable) -> tuple:
    """``sheet.append`` where every text is a string cell, never a formula; returns
    the cells of the row written."""
    values = [xlsx_text(v) if isinstance(v, str) else v for v in values]
    sheet.append(values)
    if not values:
        return ()
    row = sheet[sheet.max_row]
    for cell in row:
        _as_text(cell)
    return row


def _as_text(cell) -> None:
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if is_formula_like(cell.value):
            cell.quotePrefix = True
