"""Stale snapshots are always found, and a pack is never used unless it is exactly the
snapshots: interrupted refreshes, writes committed late, refreshes that cross."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection

from jalons.audit.models import AuditEntry
from jalons.observatoire import services, store
from jalons.observatoire.models import Snapshot, SnapshotRevision
from jalons.observatoire.publishing import publish
from jalons.observatoire.services import refresh_snapshots, stale_structures
from tests.factories import AnnexeFactory
from tests.observatoire.factories import TODAY, structure_with_people
from tests.parcours.factories import ParcoursFactory, PersonFactory

pytestmark = pytest.mark.django_db


def interrupt_at(monkeypatch, call: int):
    """Interrupt the refresh (Ctrl-C) at its ``call``-th period."""
    original, calls = services._write, []

    def write(*args, **kwargs):
        calls.append(1)
        if len(calls) == call:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_write", write)


def with_annexe(structure):
    return AnnexeFactory(
        structure=structure, start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31)
    )


def new_pathway(structure):
    person = PersonFactory(structure=structure)
    ParcoursFactory(person=person, hire_date=dt.date(2025, 2, 3))
    return AuditEntry.objects.create(structure=structure, action="creation", user_email="x@y.fr")


def figures_read(structure, revision) -> dict:
    """The year's figures read from the snapshots themselves."""
    read = store.read_snapshots([structure.pk], 2025, "dgefp-2014", {structure.pk: revision})
    return next(
        f for *period, f in read[structure.pk].rows if period == ["civile", 0, "dgefp-2014"]
    )


def test_a_refresh_interrupted_in_the_middle_of_a_year_leaves_the_year_stale(monkeypatch):
    structure = structure_with_people(people=12, exits=4)
    refresh_snapshots(years=[2025], today=TODAY)
    new_pathway(structure)
    interrupt_at(monkeypatch, 2)  # the year is rewritten, its quarters are not
    with pytest.raises(KeyboardInterrupt):
        refresh_snapshots(structure_ids=[structure.pk], years=[2025], today=TODAY)
    assert stale_structures([structure.pk]) == {structure.pk: [2025]}
    revision = SnapshotRevision.objects.get(structure=structure, year=2025)
    assert revision.packed_revision != revision.revision  # the old pack is not used
    assert store.read_packed([structure.pk], 2025, "dgefp-2014") == {}
    monkeypatch.undo()
    publish(year=2025, today=TODAY)  # the publication asks for fresh snapshots
    assert stale_structures([structure.pk]) == {}
    quarter = Snapshot.objects.get(structure=structure, year=2025, quarter=1, rule_set="dgefp-2014")
    assert quarter.figures["personnes"] == 13


def test_the_annexe_snapshots_of_a_removed_annexe_leave_with_the_first_period(monkeypatch):
    structure = structure_with_people(people=12, exits=4)
    annexe = with_annexe(structure)
    refresh_snapshots(years=[2025], today=TODAY)
    annexe.delete()
    interrupt_at(monkeypatch, 2)
    with pytest.raises(KeyboardInterrupt):
        refresh_snapshots(structure_ids=[structure.pk], years=[2025], today=TODAY)
    # Deleted in the transaction of the first period, which changed the revision: the
    # pack, which still has the annexe year, is not used any more.
    assert not Snapshot.objects.filter(structure=structure, period_kind="annexe").exists()
    assert store.read_packed([structure.pk], 2025, "dgefp-2014") == {}


def test_a_write_numbered_before_the_stamp_but_committed_after_it_is_found():
    structure = structure_with_people(people=12, exits=4)
    first = AuditEntry.objects.create(structure=structure, action="modification", user_email="a")
    later = AuditEntry.objects.create(structure=structure, action="modification", user_email="a")
    # The refresh reads the data while the transaction of ``first`` is still open
    # (on PostgreSQL numbers are given at insertion, commits come in any order):
    # ``first`` is invisible to it, then appears.
    AuditEntry.objects.filter(pk=first.pk).delete()
    refresh_snapshots(years=[2025], today=TODAY)
    assert SnapshotRevision.objects.get(structure=structure, year=2025).data_stamp == later.pk
    assert stale_structures([structure.pk]) == {}
    AuditEntry.objects.create(
        pk=first.pk, structure=structure, action="modification", user_email="a"
    )
    assert stale_structures([structure.pk]) == {structure.pk: [2025]}
    refresh_snapshots(structure_ids=[structure.pk], years=[2025], today=TODAY)
    assert stale_structures([structure.pk]) == {}


def test_a_refresh_crossed_by_another_keeps_no_pack_and_stays_stale(monkeypatch):
    structure = structure_with_people(people=12, exits=4)
    with_annexe(structure)
    refresh_snapshots(years=[2025], today=TODAY)
    original, crossed = services._write, []

    def write(period, *args, **kwargs):
        if period.kind == "annexe" and not crossed:
            # Between two periods of "the command": new data, and a page recomputes it.
            crossed.append(new_pathway(structure))
            refresh_snapshots(structure_ids=[structure.pk], years=[2025], today=TODAY)
        return original(period, *args, **kwargs)

    monkeypatch.setattr(services, "_write", write)
    refresh_snapshots(structure_ids=[structure.pk], years=[2025], today=TODAY)  # the command
    revision = SnapshotRevision.objects.get(structure=structure, year=2025)
    # The year now mixes both refreshes: no pack of this revision, and the structure
    # is stale (the command read the data before the new pathway).
    assert revision.packed_revision != revision.revision
    assert store.read_packed([structure.pk], 2025, "dgefp-2014") == {}
    annexe = Snapshot.objects.get(structure=structure, period_kind="annexe", rule_set="dgefp-2014")
    assert annexe.figures["personnes"] == 12  # the command's, older than the year's (13)
    assert figures_read(structure, revision.revision)["personnes"] == 13
    assert stale_structures([structure.pk]) == {structure.pk: [2025]}
    monkeypatch.undo()
    refresh_snapshots(structure_ids=[structure.pk], years=[2025], today=TODAY)
    revision.refresh_from_db()
    assert revision.packed_revision == revision.revision
    assert stale_structures([structure.pk]) == {}
    packed = store.read_packed([structure.pk], 2025, "dgefp-2014")[structure.pk]
    year = next(f for *period, f in packed.rows if period == ["civile", 0, "dgefp-2014"])
    assert year == figures_read(structure, revision.revision)
    assert year["personnes"] == 13


@pytest.mark.django_db(transaction=True)
def test_two_refreshes_of_one_structure_at_the_same_time_wait_for_each_other(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time by itself")
    structure = structure_with_people(people=12, exits=4)
    refresh_snapshots(years=[2025], today=TODAY)
    inside, go, errors = threading.Event(), threading.Event(), {}
    original = services._copy_rows

    def copy_rows(rows):
        if threading.current_thread().name == "command" and not inside.is_set():
            inside.set()  # the command has deleted the old rows of its first period
            go.wait(10)
        return original(rows)

    monkeypatch.setattr(services, "_copy_rows", copy_rows)

    def run():
        try:
            refresh_snapshots(structure_ids=[structure.pk], years=[2025], today=TODAY)
        except Exception as error:  # reported by the assertion below
            errors[threading.current_thread().name] = repr(error)
        finally:
            connection.close()

    command = threading.Thread(target=run, name="command")
    command.start()
    assert inside.wait(10)
    page = threading.Thread(target=run, name="page")
    page.start()
    time.sleep(1)
    go.set()
    command.join(30)
    page.join(30)
    assert errors == {}
    assert stale_structures([structure.pk]) == {}
