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

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from jalons.audit.models import AuditAction, AuditEntry
from jalons.audit.services import audit_record, audited_save, snapshot
from jalons.indicateurs.services import without_exits_lacking_motif
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
from jalons.structures.models import AnnexeFinanciere, Structure


@transaction.atomic
def consent_update(
    *,
    structure: Structure,
    user,
    share_with_networks: bool,
    share_with_ddets: bool,
    compare_position: bool,
    request=None,
    role: str = "",
) -> Consent:
    consent, _created = Consent.objects.select_for_update().get_or_create(structure=structure)
    before = snapshot(consent) if consent.pk else {}
    consent.share_with_networks = share_with_networks
    consent.share_with_ddets = share_with_ddets
    consent.compare_position = compare_position
    consent.updated_by = user
    return audited_save(request=request, role=role, structure=structure, obj=consent, before=before)


def edition_read(*, edition, fmt: str, request=None, role: str = "") -> None:
    """Journal who read an edition (page, PDF, XLSX, CSV, command): the perimeter, the
    period, the rule set, and the structures shown by name in it."""
    named = sorted({row.label for table in edition.structures for row in table.rows})
    perimeter = edition.perimeter
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        role=role,
        object_type="état statistique de l'observatoire",
        object_repr=f"{perimeter.label}, {edition.period_label}, {edition.rule_set}",
        changes={
            "format": fmt,
            "périmètre": f"{perimeter.kind}:{perimeter.ident}",
            "structures nommées": named,
        },
        user_email="" if request is not None else "ligne de commande",
    )


def consent_for(structure) -> Consent:
    """The structure's consent, everything off when it never chose."""
    return Consent.objects.filter(structure=structure).first() or Consent(structure=structure)


def default_years(today: dt.date) -> list[int]:
    return [today.year - 2, today.year - 1, today.year]


def _stamps(ids: list[int] | None) -> dict[int, int]:
    entries = AuditEntry.objects.filter(structure__isnull=False).exclude(action=AuditAction.VIEW)
    if ids is not None:
        entries = entries.filter(structure_id__in=ids)
    return dict(
        entries.values("structure_id").annotate(last=Max("id")).values_list("structure_id", "last")
    )


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
        # any more (the annexe was removed or moved) are obsolete.
        with_annexe = {
            pk for y, periods, members in batches if y == year and members is not by_identifier
            for pk in members.values()
        }  # fmt: skip
        Snapshot.objects.filter(
            structure_id__in=sorted(set(all_ids) - with_annexe),
            year=year,
            period_kind=PeriodKind.ANNEXE,
        ).delete()
        packer, revisions = Packer(), {}
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
                count, revision = _write(
                    period, figures[period], pks, rule_sets, stamps, today, packer
                )
                written += count
                revisions.update(dict.fromkeys(pks, revision))
                done += 1
                if progress is not None:
                    progress(done, total)
        _write_packs(year, packer, revisions)
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


def _write(period, figures, pks, rule_sets, stamps, today, packer: Packer) -> tuple[int, int]:
    """Write the snapshots of one period (one transaction) and give them to ``packer``;
    returns how many were written and the new revision of their structures."""
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
                    data_stamp=stamps.get(pk, 0),
                    figures=values,
                )
            )
    with transaction.atomic():
        Snapshot.objects.filter(
            structure_id__in=pks,
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
        SnapshotRevision.objects.bulk_create(
            [
                SnapshotRevision(
                    structure_id=pk,
                    year=period.year,
                    revision=revision,
                    computed_at=now,
                    reference_date=today,
                    versions=versions,
                    data_stamp=stamps.get(pk, 0),
                )
                for pk in pks
            ],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["structure", "year"],
            update_fields=["revision", "computed_at", "reference_date", "versions", "data_stamp"],
        )
    return len(rows), revision


def _write_packs(year: int, packer: Packer, revisions: dict[int, int]) -> None:
    """Store each structure's pack of the year, only if its snapshots are still those
    of this refresh (another process may have rewritten them meanwhile)."""
    table = SnapshotRevision._meta.db_table
    rows = [(pack, revisions[pk], pk, year) for pk, pack in packer.packs()]
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(
                f"UPDATE {table} SET packed = %s, packed_revision = revision "
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
    """The structures among these whose journal holds a write newer than the data of
    their snapshots, with the years to recompute. Structures never computed are not
    in it: ``jalons observatoire actualiser`` computes them."""
    # A scalar subquery with LIMIT 1: the database probes the index of the writes
    # (``audit_structure_writes``) once per revision instead of joining the journal.
    newer = (
        AuditEntry.objects.filter(
            structure_id=OuterRef("structure_id"), id__gt=OuterRef("data_stamp")
        )
        .exclude(action=AuditAction.VIEW)
        .order_by()
        .values("id")[:1]
    )
    stale: dict[int, list[int]] = {}
    for pk, year in cursor_rows(
        SnapshotRevision.objects.filter(structure_id__any_of=sorted(set(structure_ids)))
        .annotate(newer=Subquery(newer))
        .filter(newer__isnull=False)
        .order_by("structure_id", "year")
        .values_list("structure_id", "year")
    ):
        stale.setdefault(pk, []).append(year)
    return stale


def refresh_stale(*, structure_ids: Iterable[int], limit: int | None = None) -> set[int]:
    """Recompute, right away, the stale structures among these, when there are at most
    ``limit`` (``JALONS_OBSERVATOIRE_RECALCUL_MAX``, 50; beyond, that is the work of
    ``jalons observatoire actualiser``); returns the stale structures left as they were
    (empty when all are fresh)."""
    if limit is None:
        limit = getattr(settings, "JALONS_OBSERVATOIRE_RECALCUL_MAX", 50)
    stale = stale_structures(structure_ids)
    if len(stale) > limit:
        return set(stale)
    if stale:
        years = sorted({year for years in stale.values() for year in years})
        refresh_snapshots(structure_ids=sorted(stale), years=years)
    return set()
