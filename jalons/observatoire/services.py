"""Writes of the observatory: consent, and snapshots refreshed from the structures' data.

A structure's snapshots of a year are stale when its journal (``AuditEntry``, written
by every service and by the imports) has a write numbered after the one stamped on
their revision (``SnapshotRevision.data_stamp``): ``stale_structures`` asks it for the
structures of a perimeter (one probe of an index per structure and year, whatever the
size of the journal), and ``refresh_stale`` recomputes them.
"""

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl
from django.db import connection, transaction
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from jalons.audit.models import AuditAction, AuditEntry
from jalons.audit.services import audit_record, audited_save, snapshot
from jalons.observatoire.compute import (
    PUBLICS,
    PeriodSpec,
    civil_periods,
    entry_frame,
    has_activity,
    periods_figures,
)
from jalons.observatoire.compute.packing import Packer
from jalons.observatoire.compute.reader import cursor_rows, engine_tables
from jalons.observatoire.models import Consent, PeriodKind, Snapshot, SnapshotRevision
from jalons.parcours.models import Parcours
from jalons.rules import Tables, builtin_names, load_rule_set
from jalons.rules.tables import without_exits_lacking_motif
from jalons.structures.models import AnnexeFinanciere, Structure


@transaction.atomic
def consent_update(
    *,
    structure: Structure,
    share_with_networks: bool,
    share_with_ddets: bool,
    compare_position: bool,
    actor,
) -> Consent:
    consent, _created = Consent.objects.select_for_update().get_or_create(structure=structure)
    before = snapshot(consent) if consent.pk else {}
    consent.share_with_networks = share_with_networks
    consent.share_with_ddets = share_with_ddets
    consent.compare_position = compare_position
    consent.updated_by = actor.user
    return audited_save(actor=actor, structure=structure, obj=consent, before=before)


def edition_read(*, edition, fmt: str, actor) -> None:
    """Journal who read an edition (page, PDF, XLSX, CSV, command): the perimeter, the
    period, the rule set, and the structures shown by name in it."""
    named = sorted({row.label for table in edition.structures for row in table.rows})
    perimeter = edition.perimeter
    audit_record(
        action=AuditAction.VIEW,
        actor=actor,
        object_type="état statistique de l'observatoire",
        object_repr=f"{perimeter.label}, {edition.period_label}, {edition.rule_set}",
        changes={
            "format": fmt,
            "périmètre": f"{perimeter.kind}:{perimeter.ident}",
            "structures nommées": named,
        },
    )


def consent_for(structure) -> Consent:
    """The structure's consent, everything off when it never chose."""
    return Consent.objects.filter(structure=structure).first() or Consent(structure=structure)


def default_years(today: dt.date) -> list[int]:
    return [today.year - 2, today.year - 1, today.year]


# Journal entries are numbered when written but visible only once their transaction is
# committed: an entry may appear after others numbered after it. Entries written more
# than this long before a refresh read the data are taken as committed by then.
SETTLE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class DataStamp:
    """What a structure's snapshots include of its journal: every write up to ``last``,
    among which ``recent`` numbered after ``settled`` (written in the last minutes
    before the data was read, and which a write committed later could join)."""

    last: int = 0
    settled: int = 0
    recent: int = 0


_NOTHING = DataStamp()


def _writes():
    return AuditEntry.objects.filter(structure__isnull=False).exclude(action=AuditAction.VIEW)


def _stamps(ids: list[int] | None) -> dict[int, DataStamp]:
    """Each structure's ``DataStamp``, read before its data (a write after it makes the
    snapshots stale)."""
    settled = (
        AuditEntry.objects.filter(at__lte=timezone.now() - SETTLE)
        .order_by("-at", "-id")
        .values_list("id", flat=True)
        .first()
    ) or 0
    entries = _writes()
    if ids is not None:
        entries = entries.filter(structure_id__any_of=ids)
    return {
        pk: DataStamp(last=last, settled=min(settled, last), recent=recent)
        for pk, last, recent in entries.values("structure_id")
        .annotate(last=Max("id"), recent=Count("id", filter=Q(id__gt=settled)))
        .values_list("structure_id", "last", "recent")
    }


def _entries(ids: list[int] | None) -> pl.DataFrame:
    query = Parcours.objects.order_by()
    if ids is not None:
        query = query.filter(structure_id__in=ids)
    return entry_frame(
        cursor_rows(query.values_list("structure_id", "hire_date", "person__birth_date", *PUBLICS))
    )


def _subset(tables: Tables, identifiers: set[str]) -> Tables:
    keep = pl.col("structure_id").is_in(list(identifiers))

    def cut(frame):
        return None if frame is None else frame.filter(keep)

    return Tables.build(
        structures=tables.structures.filter(keep),
        parcours=tables.parcours.filter(keep),
        heures=cut(tables.heures),
        suivis=cut(tables.suivis),
        orientations=cut(tables.orientations),
        accompagnements=cut(tables.accompagnements),
        formations=cut(tables.formations),
    )


def refresh_snapshots(
    *,
    structure_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
) -> int:
    """Recompute the snapshots of these structures (all when None) for these years
    (the last three by default); returns the number of snapshots written.

    Every period (a year, a quarter, an annexe year) is one batch written in its own
    transaction, so an interruption leaves complete periods only; running it again
    rewrites the same figures (idempotent)."""
    today = today or dt.date.today()
    years = sorted(set(years or default_years(today)))
    ids = None if structure_ids is None else sorted(set(structure_ids))
    stamps = _stamps(ids)  # read before the data: a later write makes them stale again
    rule_sets = [load_rule_set(name) for name in builtin_names()]
    tables, by_identifier = engine_tables(ids)
    if not by_identifier:
        return 0
    tables, _excluded = without_exits_lacking_motif(tables)
    all_ids = sorted(by_identifier.values())
    entries = _entries(ids)
    annexes = AnnexeFinanciere.objects.order_by("structure_id", "start_date")
    if ids is not None:
        annexes = annexes.filter(structure_id__in=ids)
    annexes = list(
        annexes.values_list(
            "structure_id", "start_date", "end_date", "etp_conventionnes", "annual_reference_hours"
        )
    )
    batches = []  # (year, periods computed together, structures): a transaction a period
    for year in years:
        batches.append((year, civil_periods(year, today), by_identifier))
        for period, members in _annexe_periods(annexes, year, by_identifier):
            batches.append((year, [period], members))
    total = sum(len(periods) for _year, periods, _members in batches)
    done = written = 0
    for year in years:
        # The annexe snapshots of structures without an annexe year starting this year
        # any more (the annexe was removed or moved) are obsolete: deleted with the
        # year's first period.
        with_annexe = {
            pk for y, periods, members in batches if y == year and members is not by_identifier
            for pk in members.values()
        }  # fmt: skip
        obsolete = sorted(set(all_ids) - with_annexe)
        # The year's revisions as this refresh left them; a structure whose revision
        # another process changed between two of its periods is "mixed": no pack, and
        # its stamp stays the older one (see ``_write``).
        packer, mine, mixed = Packer(), {}, set()
        for _year, periods, members in (b for b in batches if b[0] == year):
            subset = tables if members is by_identifier else _subset(tables, set(members))
            figures = periods_figures(
                tables=subset,
                entries=entries,
                annexes=annexes,
                ids=members,
                rule_sets=rule_sets,
                periods=periods,
                reference=today,
            )
            for period in periods:
                pks = list(members.values())
                count, revision, before = _write(
                    period, figures[period], pks, rule_sets, stamps, today, packer, obsolete
                )
                obsolete = []
                mixed.update(pk for pk in pks if pk in mine and before.get(pk) != mine[pk])
                mine.update(dict.fromkeys(pks, revision))
                written += count
                done += 1
                if progress is not None:
                    progress(done, total)
        _complete_year(year, packer, mine, mixed, stamps)
    if len(all_ids) >= VACUUM_AFTER:
        _vacuum()
    return written


# A refresh of this many structures rewrites most of the table: PostgreSQL is asked to
# clear the old rows and renew its statistics at once rather than when autovacuum
# comes by (measured: the first editions read a third less, for 3 s of VACUUM).
VACUUM_AFTER = 500


def _vacuum() -> None:
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {Snapshot._meta.db_table}")


def _annexe_periods(annexes, year: int, by_identifier: dict[str, int]):
    """Annexe years starting in ``year``: one period per distinct pair of dates."""
    wanted = set(by_identifier.values())
    groups: dict[tuple, dict[str, int]] = {}
    first: dict[int, tuple] = {}
    for pk, start, end, *_rest in sorted(annexes, key=lambda a: (a[0], a[1])):
        if pk in wanted and start.year == year and pk not in first:
            first[pk] = (start, end)
    identifiers = {pk: ident for ident, pk in by_identifier.items()}
    for pk, dates in first.items():
        groups.setdefault(dates, {})[identifiers[pk]] = pk
    for (start, end), members in sorted(groups.items()):
        yield PeriodSpec(year, 0, PeriodKind.ANNEXE, start, end), members


def _write(
    period, figures, pks, rule_sets, stamps, today, packer: Packer, obsolete=()
) -> tuple[int, int, dict[int, int]]:
    """Write the snapshots of one period (one transaction) and give them to ``packer``;
    returns how many were written, the new revision of their structures, and the
    revisions they had before (structure -> revision)."""
    now = timezone.now()
    rows = []
    calendar = (
        period.kind == PeriodKind.ANNEXE
        and period.start == dt.date(period.year, 1, 1)
        and period.end == dt.date(period.year, 12, 31)
    )
    # Structure by structure: the rows an edition reads together (one structure, every
    # rule set) land on the same pages of the table.
    for pk in pks:
        packer.start(pk)
        for rule_set in rule_sets:
            values = figures[rule_set.nom][pk]
            if not has_activity(values):
                continue
            packer.add(pk, period.kind, period.quarter, rule_set.nom, values)
            if calendar:
                packer.mark_calendar_annexe(pk)
            rows.append(
                Snapshot(
                    structure_id=pk,
                    year=period.year,
                    quarter=period.quarter,
                    period_kind=period.kind,
                    period_start=period.start,
                    period_end=period.end,
                    rule_set=rule_set.nom,
                    rule_set_version=rule_set.version,
                    computed_at=now,
                    reference_date=today,
                    data_stamp=stamps.get(pk, _NOTHING).last,
                    figures=values,
                )
            )
    with transaction.atomic():
        _lock_writes()
        previous = {
            pk: (revision, DataStamp(last, settled, recent))
            for pk, revision, last, settled, recent in SnapshotRevision.objects.filter(
                structure_id__any_of=pks, year=period.year
            )
            .order_by()
            .values_list("structure_id", "revision", "data_stamp", "data_settled", "data_recent")
        }
        if obsolete:
            Snapshot.objects.filter(
                structure_id__any_of=obsolete, year=period.year, period_kind=PeriodKind.ANNEXE
            ).delete()
        Snapshot.objects.filter(
            structure_id__any_of=pks,
            year=period.year,
            quarter=period.quarter,
            period_kind=period.kind,
        ).delete()
        if connection.vendor == "postgresql":
            _copy_rows(rows)
        else:
            Snapshot.objects.bulk_create(rows, batch_size=2000)
        # A new number, never a reused one (numbers can come back after a rollback):
        # the selectors read again the structures whose number changed.
        revision = secrets.randbits(62)
        versions = {rule_set.nom: rule_set.version for rule_set in rule_sets}
        revisions = []
        for pk in pks:
            # Until the year is complete (``_complete_year``), the stamp is the older of
            # the one already there and this refresh's: the snapshots of the year mix
            # both. A new row has none: stale as soon as the structure has a write.
            stamp = previous[pk][1] if pk in previous else _NOTHING
            ours = stamps.get(pk, _NOTHING)
            if pk in previous and ours.last < stamp.last:
                stamp = ours
            revisions.append(
                SnapshotRevision(
                    structure_id=pk,
                    year=period.year,
                    revision=revision,
                    computed_at=now,
                    reference_date=today,
                    versions=versions,
                    data_stamp=stamp.last,
                    data_settled=stamp.settled,
                    data_recent=stamp.recent,
                )
            )
        SnapshotRevision.objects.bulk_create(
            revisions,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["structure", "year"],
            update_fields=[
                "revision",
                "computed_at",
                "reference_date",
                "versions",
                "data_stamp",
                "data_settled",
                "data_recent",
            ],
        )
    return len(rows), revision, {pk: previous[pk][0] for pk in previous}


# Snapshot writes of all processes, one after the other (PostgreSQL): two refreshes of
# the same structure (the command, a page) would otherwise delete then insert the same
# rows at once, and the second insert would collide with the first.
_WRITE_LOCK = 0x4A414C4F4E53  # "JALONS"


def _lock_writes() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])


def _complete_year(year: int, packer: Packer, mine: dict, mixed: set, stamps: dict) -> None:
    """Once every period of the year is written: store each structure's pack and stamp,
    only if its snapshots are all of this refresh (its revision is still the one this
    refresh gave, and no other process wrote between two of its periods)."""
    table = SnapshotRevision._meta.db_table
    rows = []
    for pk, pack in packer.packs():
        if pk in mixed:
            continue
        stamp = stamps.get(pk, _NOTHING)
        rows.append((pack, stamp.last, stamp.settled, stamp.recent, mine[pk], pk, year))
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(
                f"UPDATE {table} SET packed = %s, packed_revision = revision, "
                "data_stamp = %s, data_settled = %s, data_recent = %s "
                "WHERE revision = %s AND structure_id = %s AND year = %s",
                rows[start : start + 2000],
            )


_COPY_COLUMNS = (
    "structure_id",
    "year",
    "quarter",
    "period_kind",
    "period_start",
    "period_end",
    "rule_set",
    "rule_set_version",
    "computed_at",
    "reference_date",
    "data_stamp",
    "figures",
)


def _copy_rows(rows: list[Snapshot]) -> None:
    """Insert with COPY (PostgreSQL): ten times faster than INSERT for 18 000 rows."""
    from psycopg.types.json import Jsonb

    statement = f"COPY {Snapshot._meta.db_table} ({', '.join(_COPY_COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([getattr(row, c) for c in _COPY_COLUMNS[:-1]] + [Jsonb(row.figures)])


def stale_structures(structure_ids: Iterable[int]) -> dict[int, list[int]]:
    """The structures among these whose journal holds a write that the snapshots of a
    year do not include, with the years to recompute: a write numbered after their
    stamp, or one numbered before it but committed after the data was read (the count
    of the writes of the last minutes before the stamp has changed). Structures never
    computed are not in it: ``jalons observatoire actualiser`` computes them."""
    # Scalar subqueries: the database probes the index of the writes
    # (``audit_structure_writes``) for each revision instead of joining the journal.
    mine = _writes().filter(structure_id=OuterRef("structure_id")).order_by()
    newer = mine.filter(id__gt=OuterRef("data_stamp")).values("id")[:1]
    recent = (
        mine.filter(id__gt=OuterRef("data_settled"), id__lte=OuterRef("data_stamp"))
        .values("structure_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    stale: dict[int, list[int]] = {}
    for pk, year in cursor_rows(
        SnapshotRevision.objects.filter(structure_id__any_of=sorted(set(structure_ids)))
        .annotate(newer=Subquery(newer), recent=Coalesce(Subquery(recent), 0))
        .filter(Q(newer__isnull=False) | ~Q(recent=F("data_recent")))
        .order_by("structure_id", "year")
        .values_list("structure_id", "year")
    ):
        stale.setdefault(pk, []).append(year)
    return stale


def refresh_stale(*, structure_ids: Iterable[int], limit: int | None = None) -> set[int]:
    """Recompute, right away, the stale structures among these (all of them, or none
    when there are more than ``limit``: then that is the work of ``jalons observatoire
    actualiser``); returns the stale structures left as they were (empty when all are
    fresh)."""
    stale = stale_structures(structure_ids)
    if limit is not None and len(stale) > limit:
        return set(stale)
    if stale:
        years = sorted({year for years in stale.values() for year in years})
        refresh_snapshots(structure_ids=sorted(stale), years=years)
    return set()
