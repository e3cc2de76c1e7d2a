"""All the snapshots of one structure for one year, condensed into a few bytes.

The observatory reads every snapshot of hundreds of structures for an edition. Read
row by row, with each figure extracted from its JSON, that is thousands of rows and a
hundred thousand values to convert; condensed, it is one small value per structure
and year (``SnapshotRevision.packed``), written by the refresh next to the snapshots
it summarises and decoded here in microseconds. The snapshots stay the reference: a
pack whose revision is not the current one is ignored and the snapshots are read.

Layout (format 1): a JSON header (the rows' period kind, quarter and rule set, and
whether the annexe year is the calendar year), a newline, then every row's figures
in ``FIGURE_KEYS`` order as little-endian signed 64-bit integers; the whole
compressed with zlib. The format number changes with the list of figures, so a pack
written by another version of Jalons is recognised and ignored.

Pure Python, no Django.
"""

import json
import operator
import sys
import zlib
from array import array

from jalons.observatoire.compute import FIGURE_KEYS

FORMAT = zlib.crc32(("1:" + ",".join(FIGURE_KEYS)).encode())
WIDTH = len(FIGURE_KEYS)
_figures = operator.itemgetter(*FIGURE_KEYS)


class Packer:
    """Collects the rows of several structures as they are written (a full refresh
    passes a whole year through it: the figures are kept as bytes, not as dicts),
    then gives each structure's pack."""

    def __init__(self):
        self._rows: dict[int, list[list]] = {}
        self._values: dict[int, bytearray] = {}
        self._calendar: set[int] = set()

    def start(self, pk: int) -> None:
        """A structure with a pack even without any row (no activity in the year)."""
        self._rows.setdefault(pk, [])
        self._values.setdefault(pk, bytearray())

    def add(self, pk: int, kind: str, quarter: int, rule: str, figures: dict) -> None:
        self.start(pk)
        self._rows[pk].append([kind, quarter, rule])
        try:
            values = array("q", _figures(figures))
        except (KeyError, TypeError):  # a figure missing (0), or not an int
            values = array("q", (int(figures.get(k, 0)) for k in FIGURE_KEYS))
        if sys.byteorder == "big":  # pragma: no cover - supported platforms are little-endian
            values.byteswap()
        self._values[pk] += values.tobytes()

    def mark_calendar_annexe(self, pk: int) -> None:
        self._calendar.add(pk)

    def packs(self):
        """(structure, pack) for every structure seen."""
        for pk, rows in self._rows.items():
            header = {"format": FORMAT, "rows": rows, "calendar": pk in self._calendar}
            raw = json.dumps(header, separators=(",", ":")).encode() + b"\n"
            yield pk, zlib.compress(raw + bytes(self._values[pk]), 1)


def unpack(data: bytes) -> tuple[list[list], array, bool] | None:
    """(rows as [period kind, quarter, rule set], the figures of every row one after
    the other in ``FIGURE_KEYS`` order, annexe year is the calendar year), or None for
    a pack of another format. Row ``i`` has the figures ``[i * W, (i + 1) * W)`` with
    ``W = len(FIGURE_KEYS)``: the caller slices what it needs (no tuple per row)."""
    raw = zlib.decompress(data)
    cut = raw.index(b"\n")
    header = json.loads(raw[:cut])
    if header.get("format") != FORMAT:
        return None
    values = array("q")
    values.frombytes(memoryview(raw)[cut + 1 :])
    if sys.byteorder == "big":  # pragma: no cover
        values.byteswap()
    return header["rows"], values, bool(header["calendar"])
