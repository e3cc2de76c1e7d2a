"""Progress of long work, reported from deep inside it without passing anything down.

The code that does the work calls ``report(0.4, "Mise en page")``; whoever started it
(a background job, a terminal progress bar) listens with ``reporting(callback)``.
Without a listener ``report`` does nothing. A listener may raise ``Cancelled`` to
stop the work at the next report: nothing has been stored yet at that point.
Pure Python (no Django).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Listener = Callable[[float, str], None]
_listener: ContextVar[Listener | None] = ContextVar("jalons_progress", default=None)
_span: ContextVar[tuple[float, float]] = ContextVar("jalons_progress_span", default=(0.0, 1.0))


class Cancelled(Exception):
    """The person who started the work asked to stop it."""


def report(fraction: float, step: str) -> None:
    """``fraction`` (0 to 1) of the current part of the work is done; ``step`` says
    what is being done, in French, for the person waiting."""
    listener = _listener.get()
    if listener is None:
        return
    start, end = _span.get()
    listener(start + (end - start) * min(max(fraction, 0.0), 1.0), step)


@contextmanager
def part(start: float, end: float) -> Iterator[None]:
    """Inside, ``report(0..1)`` covers only ``start..end`` of the enclosing span: the
    PDF layout reports 0 to 1, and the caller decides it is the last 60 %."""
    outer_start, outer_end = _span.get()
    width = outer_end - outer_start
    token = _span.set((outer_start + width * start, outer_start + width * end))
    try:
        yield
    finally:
        _span.reset(token)


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    token = _listener.set(listener)
    span = _span.set((0.0, 1.0))
    try:
        yield
    finally:
        _span.reset(span)
        _listener.reset(token)
