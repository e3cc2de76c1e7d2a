"""Exact arithmetic helpers shared by the engine and its reference implementation.

Hours and minutes are summed as integers in thousandths, so the order of additions
never changes a result; rates are exact fractions rounded half up.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import polars as pl

MILLI = 1000


def to_milli(value: float | None) -> int | None:
    """449.5 -> 449500 (values are read to the thousandth)."""
    # Same float operations as milli_expr, so both give the same integer.
    return None if value is None else math.floor(value * MILLI + 0.5)


def milli_expr(expr: pl.Expr) -> pl.Expr:
    return (expr * MILLI + 0.5).floor().cast(pl.Int64)


def round_half_up(value: Fraction, decimals: int) -> float:
    quantum = Decimal(1).scaleb(-decimals)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(quantum, rounding=ROUND_HALF_UP))


def shown(value, decimals: int) -> Decimal:
    """``value`` rounded half up as it is written in decimal, for display: 56.25 ->
    56.3, 5.35 -> 5.4, 2.25 -> 2.3 (a float is read as its shortest decimal form, as
    spreadsheets do, so a page, a PDF and an XLSX never show two roundings of one
    figure; Python's own formatting rounds 56.25 to 56.2)."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def rate(numerator: int, denominator: int) -> float | None:
    """A rate rounded to 4 decimals, None when the denominator is 0."""
    if not denominator:
        return None
    return round_half_up(Fraction(numerator, denominator), 4)


def hours(milli: int | None, decimals: int = 3) -> float | None:
    return None if milli is None else round_half_up(Fraction(milli, MILLI), decimals)
