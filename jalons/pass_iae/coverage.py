"""Which days the PASS IAE of a person cover (pure Python, no database).

A PASS covers the days from its start to its end date, and that end date already
includes its suspensions and prolongations (``jalons.pass_iae.services._recompute``
with ``jalons.rules.pass_iae.computed_end``). A person may hold several PASS one
after the other (a new one after the carence): the days covered are the union of
theirs. Days before the first PASS are not this module's concern (a missing PASS is
listed as an incomplete file); the days it finds are those after the end of a PASS
that no later PASS covers: the aide au poste is not paid for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PassPeriod:
    number: str
    start: dt.date
    end: dt.date  # suspensions and prolongations included


@dataclass(frozen=True)
class Block:
    """Consecutive days covered by one or more PASS; ``last`` is the one ending last."""

    start: dt.date
    end: dt.date
    last: PassPeriod


def blocks(periods: Iterable[PassPeriod]) -> list[Block]:
    """The covered days as disjoint blocks, in date order (touching periods merge)."""
    merged: list[Block] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        if merged and period.start <= merged[-1].end + ONE_DAY:
            block = merged[-1]
            if period.end > block.end:
                merged[-1] = Block(block.start, period.end, period)
        else:
            merged.append(Block(period.start, period.end, period))
    return merged


def block_on(periods: Iterable[PassPeriod], day: dt.date) -> Block | None:
    """The block covering ``day``, if any: its end is the end of the aide au poste."""
    return next((b for b in blocks(periods) if b.start <= day <= b.end), None)


def ended_before(periods: Iterable[PassPeriod], day: dt.date) -> PassPeriod | None:
    """The PASS that ended before ``day`` when none covers ``day``."""
    found = None
    for block in blocks(periods):
        if block.start <= day <= block.end:
            return None
        if block.end < day:
            found = block.last
    return found


def first_day_beyond(
    periods: Iterable[PassPeriod], start: dt.date, end: dt.date
) -> tuple[dt.date, PassPeriod] | None:
    """The first day of ``start``–``end`` (inclusive) that no PASS covers although a
    PASS ended before it, with that PASS; ``None`` when every such day is covered."""
    previous = None
    day = start
    for block in blocks(periods):
        if day > end:
            return None
        if block.end < day:
            previous = block.last
            continue
        if block.start > day:
            if previous is not None:
                return day, previous
            if block.start > end:
                return None
        day = block.end + ONE_DAY
        previous = block.last
    if day <= end and previous is not None:
        return day, previous
    return None


def wholly_beyond(periods: Iterable[PassPeriod], start: dt.date, end: dt.date) -> PassPeriod | None:
    """The PASS that ended before ``start`` when no PASS covers any day up to ``end``
    (a month of hours entirely after the end of the PASS)."""
    found = None
    for block in blocks(periods):
        if block.start <= end and block.end >= start:
            return None
        if block.end < start:
            found = block.last
    return found
