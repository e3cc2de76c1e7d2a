"""The observatory's store: the one place where snapshots and published editions are
read, kept in memory and asked for freshness.

The contract:

- The store reads snapshots (from their pack, ``SnapshotRevision.packed``, when it is of
  the current revision, from the snapshots themselves otherwise) and published
  editions, and keeps every process-wide cache of the observatory, under one lock.
- Reading never writes: ``figures``, ``read_snapshots``, ``read_packed``,
  ``published_edition`` and ``cached_edition`` only issue SELECT queries. A stale
  snapshot is read as it is, never recomputed on the way.
- Freshness is asked for explicitly, and before building: ``ensure_fresh`` (a write,
  ``services.refresh_stale``) is called by the publication and by the structure's own
  page before they read; ``stale`` only says which structures are stale.
"""

import datetime as dt
import json
import operator
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl
from django.db.models import BigIntegerField, BooleanField, ExpressionWrapper, F, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce

from jalons.observatoire import services
from jalons.observatoire.compute import FIGURE_KEYS
from jalons.observatoire.compute.packing import WIDTH, unpack
from jalons.observatoire.compute.reader import cursor_rows
from jalons.observatoire.edition import Edition, from_data
from jalons.observatoire.models import PeriodKind, PublishedEdition, Snapshot, SnapshotRevision

# Read every figure of every rule set (a publication), not only the rates of the others.
ALL_RULE_SETS = "*"
RATE_KEYS = ("sorties_examinees", "emploi_durable", "emploi_transition", "sortie_positive")


@dataclass(frozen=True)
class _Read:
    """What one structure's snapshots of one year hold, as read once by this process.

    ``rows``: (period kind, quarter, rule set, figures); every figure (``FIGURE_KEYS``)
    for the chosen rule set, the rates only (``RATE_KEYS``) for the others. The
    dicts are shared by every edition built from them: never modify them.
    """

    revision: int
    rows: tuple
    versions: tuple[tuple[str, str], ...]
    computed_at: dt.datetime | None
    reference: dt.date | None
    annexe_is_calendar_year: bool

    @classmethod
    def of(cls, revision, rows, versions, computed_at, reference, calendar) -> "_Read":
        """A structure without any snapshot in the year stamps nothing on an edition."""
        return cls(
            revision=revision,
            rows=tuple(rows),
            versions=tuple(sorted((versions or {}).items())) if rows else (),
            computed_at=computed_at if rows else None,
            reference=reference if rows else None,
            annexe_is_calendar_year=calendar,
        )


# Every cache below drops its least recently used entry first. The sizes are read at
# each call (tests make them smaller).
# (structure, year, chosen rule set) -> _Read.
_READS: OrderedDict = OrderedDict()
_READS_SIZE = 4000  # about 20 kB each
# Figures of whole perimeters (the structures' reads put together), by freshness key.
_PERIMETERS: OrderedDict = OrderedDict()
_PERIMETERS_SIZE = 8
# Published editions parsed once (they never change), by primary key, digest and date:
# a primary key alone may come back for another edition (SQLite reuses the keys of
# rolled-back rows, as between two tests).
_PUBLISHED: OrderedDict = OrderedDict()
_PUBLISHED_SIZE = 64
# Editions protected alone, by everything they are computed from.
_EDITIONS: OrderedDict = OrderedDict()
_EDITIONS_SIZE = 32
# The server may answer several requests of a process at once (threads).
_LOCK = threading.Lock()


def forget() -> None:
    """Empty every cache, as in a process that starts (tests whose primary keys come
    back after a rollback, benchmarks that time a cold read)."""
    with _LOCK:
        for cache in (_READS, _PERIMETERS, _PUBLISHED, _EDITIONS):
            cache.clear()


def _get(cache: OrderedDict, key):
    """The value kept under ``key``, now the most recently used; None when there is none."""
    with _LOCK:
        value = cache.get(key)
        if value is not None:
            cache.move_to_end(key)
    return value


def _keep(cache: OrderedDict, items: dict, size: int) -> None:
    with _LOCK:
        cache.update(items)
        while len(cache) > size:
            cache.popitem(last=False)


def ensure_fresh(structure_ids: Iterable[int], *, limit: int | None = None) -> set[int]:
    """Recompute the stale snapshots of these structures before building from them (a
    write, see ``services.refresh_stale`` for ``limit``); returns the stale structures
    left as they were. The only function of the store that writes."""
    return services.refresh_stale(structure_ids=structure_ids, limit=limit)


def stale(structure_ids: Iterable[int]) -> dict[int, list[int]]:
    """The stale structures among these, with their years to recompute (a read)."""
    return services.stale_structures(structure_ids)


def published_edition(pk: int, digest: str, published_at: dt.datetime) -> Edition:
    """The edition published under this key (``PublishedEdition``), parsed once."""
    key = (pk, digest, published_at)
    edition = _get(_PUBLISHED, key)
    if edition is None:
        content = PublishedEdition.objects.values_list("content", flat=True).get(pk=pk)
        edition = from_data(_json(content))
        _keep(_PUBLISHED, {key: edition}, _PUBLISHED_SIZE)
    return edition


def cached_edition(key, build: Callable[[], Edition]) -> Edition:
    """The edition of ``key`` (everything it is computed from), built by ``build`` the
    first time only: the same inputs give the same edition. It is shared: the caller
    stamps a copy with its own date."""
    edition = _get(_EDITIONS, key)
    if edition is None:
        edition = build()
        _keep(_EDITIONS, {key: edition}, _EDITIONS_SIZE)
    return edition


def year_figures(structures, year: int, rule_set: str) -> dict[int, dict]:
    """The civil-year figures of these structures (a queryset), not kept: a structure's
    position compares it with the structures of its type, a set no edition reads."""
    return dict(
        Snapshot.objects.filter(
            structure__in=structures,
            year=year,
            quarter=0,
            period_kind=PeriodKind.CIVILE,
            rule_set=rule_set,
        ).values_list("structure_id", "figures")
    )


def _json(value):
    return json.loads(value) if isinstance(value, str | bytes) else value


def read_snapshots(ids: list[int], year: int, rule_set: str, revisions: dict[int, int]) -> dict:
    """Read the snapshots of these structures (structure -> ``_Read``): every figure of the
    chosen rule set, the rates of the others (integers extracted by the database,
    aligned on ``FIGURE_KEYS`` and ``RATE_KEYS``), and the stamps of their revision."""
    snapshots = Snapshot.objects.filter(structure_id__any_of=ids, year=year).order_by()
    calendar = ExpressionWrapper(
        Q(period_kind=PeriodKind.ANNEXE)
        & Q(period_start=dt.date(year, 1, 1))
        & Q(period_end=dt.date(year, 12, 31)),
        output_field=BooleanField(),
    )
    found: dict[int, list] = {pk: [] for pk in ids}
    calendar_year: set[int] = set()
    every = rule_set == ALL_RULE_SETS
    chosen = (
        (snapshots if every else snapshots.filter(rule_set=rule_set))
        .annotate(calendar=calendar)
        .values_list(
            "structure_id",
            "quarter",
            "period_kind",
            "calendar",
            "rule_set",
            *_integers(FIGURE_KEYS),
        )
    )
    for row in cursor_rows(chosen):
        found[row[0]].append((row[2], row[1], row[4], dict(zip(FIGURE_KEYS, row[5:]))))  # noqa: B905
        if row[3]:
            calendar_year.add(row[0])
    others = snapshots.exclude(rule_set=rule_set).values_list(
        "structure_id", "quarter", "period_kind", "rule_set", *_integers(RATE_KEYS)
    )
    for row in [] if every else cursor_rows(others):
        found[row[0]].append((row[2], row[1], row[3], dict(zip(RATE_KEYS, row[4:]))))  # noqa: B905
    stamps = {
        pk: (_moment(at), _day(reference), _json(versions))
        for pk, at, reference, versions in cursor_rows(
            SnapshotRevision.objects.filter(structure_id__any_of=ids, year=year)
            .order_by()
            .values_list("structure_id", "computed_at", "reference_date", "versions")
        )
    }
    reads = {}
    for pk in ids:
        at, reference, versions = stamps.get(pk, (None, None, {}))
        reads[pk] = _Read.of(revisions[pk], found[pk], versions, at, reference, pk in calendar_year)
    return reads


_rates = operator.itemgetter(*(FIGURE_KEYS.index(key) for key in RATE_KEYS))


def read_packed(ids: list[int], year: int, rule_set: str) -> dict:
    """``_Read`` of the structures whose pack (``SnapshotRevision.packed``, written by
    the refresh) is of their current revision: one small value per structure instead
    of its snapshots. The others are left out (read from the snapshots)."""
    reads = {}
    for pk, revision, data, at, reference, versions in cursor_rows(
        SnapshotRevision.objects.filter(
            structure_id__any_of=ids, year=year, packed_revision=F("revision")
        )
        .order_by()
        .values_list(
            "structure_id", "revision", "packed", "computed_at", "reference_date", "versions"
        )
    ):
        unpacked = unpack(bytes(data))
        if unpacked is None:  # written by a version of Jalons with other figures
            continue
        header, values, calendar = unpacked
        rows = []
        for index, (kind, quarter, rule) in enumerate(header):
            start = index * WIDTH
            if rule == rule_set or rule_set == ALL_RULE_SETS:
                figures = dict(zip(FIGURE_KEYS, values[start : start + WIDTH]))  # noqa: B905
            else:
                figures = dict(zip(RATE_KEYS, _rates(values[start : start + WIDTH])))  # noqa: B905
            rows.append((kind, quarter, rule, figures))
        reads[pk] = _Read.of(
            revision, rows, _json(versions), _moment(at), _day(reference), calendar
        )
    return reads


def _integers(keys):
    """The figures of these keys, as integers extracted by the database (0 when a
    snapshot lacks one)."""
    return (Coalesce(Cast(KT(f"figures__{key}"), BigIntegerField()), 0) for key in keys)


def _moment(value) -> dt.datetime | None:
    """A timestamp from the cursor: SQLite gives it without its time zone (UTC), or
    as text."""
    if value is None:
        return None
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _frames(columns: dict, rule_set: str) -> dict:
    """One polars frame per period and rule set (``_pk`` then the figures), built
    from the rows as read: the sums of the edition are computed on them."""
    frames = {}
    for (period, rule), rows in columns.items():
        keys = (
            FIGURE_KEYS
            if rule in (rule_set, ALL_RULE_SETS) or rule_set == ALL_RULE_SETS
            else RATE_KEYS
        )
        schema = [(k, pl.Int64) for k in ("_pk", *keys)]
        frames[(period, rule)] = pl.DataFrame(rows, schema=schema, orient="row")
    return frames


def figures(ids: list[int], year: int, rule_set: str):
    """Snapshot figures of these structures for the year, as they are (stale or not),
    with the key of their freshness.

    Each structure's snapshots are read once and kept in memory with their revision
    (``SnapshotRevision``, rewritten with them, in any process): a call reads the
    revisions of the perimeter (one small query), then the snapshots of the structures
    whose revision changed only."""
    revisions = dict(
        cursor_rows(
            SnapshotRevision.objects.filter(structure_id__any_of=ids, year=year)
            .order_by()
            .values_list("structure_id", "revision")
        )
    )
    present = sorted(revisions)
    key = (year, rule_set, len(present), hash(tuple((pk, revisions[pk]) for pk in present)))
    cached = _get(_PERIMETERS, key)
    if cached is not None:
        return key, cached
    reads = _reads(present, year, rule_set, revisions)
    value = _put_together(present, reads, rule_set)
    _keep(_PERIMETERS, {key: value}, _PERIMETERS_SIZE)
    return key, value


def _reads(present: list[int], year: int, rule_set: str, revisions: dict[int, int]) -> dict:
    """The ``_Read`` of each structure, from memory when it is of its current revision.
    They are gathered in a local dict: the shared memory may drop some of them
    meanwhile (its size is bounded, other threads use it too)."""
    reads, missing = {}, []
    with _LOCK:
        for pk in present:
            read = _READS.get((pk, year, rule_set))
            if read is None or read.revision != revisions[pk]:
                missing.append(pk)
            else:
                reads[pk] = read
                _READS.move_to_end((pk, year, rule_set))
    for start in range(0, len(missing), 2000):
        chunk = missing[start : start + 2000]
        reads.update(read_packed(chunk, year, rule_set))
        unpacked = [pk for pk in chunk if pk not in reads]
        if unpacked:  # no pack of the current revision: the snapshots themselves
            reads.update(read_snapshots(unpacked, year, rule_set, revisions))
    _keep(_READS, {(pk, year, rule_set): reads[pk] for pk in missing}, _READS_SIZE)
    return reads


def _put_together(present: list[int], reads: dict, rule_set: str) -> tuple:
    """The structures' reads as one perimeter: figures by period, rule set and
    structure, the versions, the oldest dates, the annexes that are the calendar year
    and the frames."""
    figures: dict = {}
    columns: dict = {}  # (period, rule set) -> [(structure, *values)]
    versions, computed, reference = {}, None, None
    annexe_calendar = set()
    for pk in present:
        read = reads[pk]
        for kind, quarter, rule, values in read.rows:
            figures.setdefault((kind, quarter), {}).setdefault(rule, {})[pk] = values
            columns.setdefault(((kind, quarter), rule), []).append((pk, *values.values()))
        versions.update(read.versions)
        if read.computed_at is not None and (computed is None or read.computed_at < computed):
            computed = read.computed_at
        if read.reference is not None and (reference is None or read.reference < reference):
            reference = read.reference
        if read.annexe_is_calendar_year:
            annexe_calendar.add(pk)
    return figures, versions, computed, reference, annexe_calendar, _frames(columns, rule_set)
