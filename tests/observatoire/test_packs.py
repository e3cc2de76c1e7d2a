"""Packs: every snapshot of a structure for a year condensed next to its revision, read
instead of the snapshots while it is of the current revision, and never different."""

import datetime as dt
from array import array
from decimal import Decimal

import pytest

from jalons.observatoire import selectors, store
from jalons.observatoire.compute import FIGURE_KEYS
from jalons.observatoire.compute.packing import WIDTH, Packer, unpack
from jalons.observatoire.models import Snapshot, SnapshotRevision
from jalons.observatoire.services import refresh_snapshots
from tests.factories import AnnexeFactory
from tests.observatoire.factories import TODAY, consent, structure_with_people

pytestmark = pytest.mark.django_db
D = dt.date


def forget():
    store.forget()


def content(edition) -> list:
    """Everything a reader sees in an edition's tables."""
    return [
        (
            table.key,
            [
                (
                    row.label,
                    row.structures,
                    [(c.value, c.display, c.hidden, c.reason) for c in row.cells],
                )
                for row in table.rows
            ],
        )
        for table in [*edition.tables, *edition.structures]
    ]


def test_packing_keeps_every_row_and_figure_and_the_calendar_flag():
    packer = Packer()
    first = {key: index for index, key in enumerate(FIGURE_KEYS)}
    packer.add(7, "civile", 0, "dgefp-2014", first)
    packer.add(7, "annexe", 0, "uriae", {"personnes": 3, "entrees": 2**40})
    packer.mark_calendar_annexe(7)
    packer.start(8)  # no activity: a pack without rows
    packs = dict(packer.packs())
    header, values, calendar = unpack(packs[7])
    assert calendar is True
    assert header == [["civile", 0, "dgefp-2014"], ["annexe", 0, "uriae"]]
    assert tuple(values[:WIDTH]) == tuple(range(WIDTH))
    assert dict(zip(FIGURE_KEYS, values[WIDTH:], strict=True)) == {
        **dict.fromkeys(FIGURE_KEYS, 0),
        "personnes": 3,
        "entrees": 2**40,
    }
    assert unpack(packs[8]) == ([], array("q"), False)


def test_the_refresh_writes_a_pack_of_the_current_revision_for_every_structure_and_year():
    busy = structure_with_people(people=12, exits=4)
    idle = structure_with_people(people=0)
    refresh_snapshots(years=[2024, 2025], today=TODAY)
    revisions = SnapshotRevision.objects.filter(structure__in=[busy, idle])
    assert revisions.count() == 4
    for revision in revisions:
        assert revision.packed_revision == revision.revision
        header, values, _calendar = unpack(bytes(revision.packed))
        snapshots = Snapshot.objects.filter(structure_id=revision.structure_id, year=revision.year)
        assert len(header) == snapshots.count() and len(values) == len(header) * WIDTH
        for index, (kind, quarter, rule) in enumerate(header):
            figures = snapshots.get(period_kind=kind, quarter=quarter, rule_set=rule).figures
            row = tuple(values[index * WIDTH : (index + 1) * WIDTH])
            assert row == tuple(figures.get(key, 0) for key in FIGURE_KEYS)


def test_an_edition_read_from_packs_is_the_edition_read_from_snapshots(monkeypatch):
    structures = [structure_with_people(people=10 + i, exits=i, rsa=i % 3) for i in range(6)]
    structures += [structure_with_people(people=9, kind="EI", departement="62")]
    # An annexe year that is the calendar year, and one that is not.
    AnnexeFactory(structure=structures[0], start_date=D(2025, 1, 1), end_date=D(2025, 12, 31))
    AnnexeFactory(
        structure=structures[1],
        start_date=D(2025, 7, 1),
        end_date=D(2026, 6, 30),
        etp_conventionnes=Decimal("8"),
    )
    consent(structures[2], share_with_networks=True, share_with_ddets=True)
    refresh_snapshots(years=[2025], today=TODAY)
    region = selectors.perimeter_for_region("32")
    calls = []
    original = store.read_snapshots
    monkeypatch.setattr(
        store, "read_snapshots", lambda ids, *args: calls.append(ids) or original(ids, *args)
    )
    cases = [
        {"quarter": None, "period": "civile", "rule_set": "dgefp-2014"},
        {"quarter": 3, "period": "civile", "rule_set": "uriae-2009"},
        {"quarter": None, "period": "annexe", "rule_set": "dgefp-2014"},
    ]
    forget()
    packed = [
        content(selectors.edition_protected_alone(region, year=2025, **case)) for case in cases
    ]
    assert calls == []  # every structure came from its pack
    SnapshotRevision.objects.update(packed=None, packed_revision=None)
    forget()
    read = [content(selectors.edition_protected_alone(region, year=2025, **case)) for case in cases]
    assert calls  # this time from the snapshots
    assert packed == read
    assert any(row[1] for table in packed[0] for row in table[1])  # not an empty edition


def test_a_pack_of_an_older_revision_or_another_format_is_not_used(monkeypatch):
    structure = structure_with_people(people=12, exits=4)
    refresh_snapshots(years=[2025], today=TODAY)
    revision = SnapshotRevision.objects.get(structure=structure, year=2025)
    # The snapshots were rewritten by something that wrote no pack.
    SnapshotRevision.objects.filter(pk=revision.pk).update(revision=revision.revision + 1)
    assert store.read_packed([structure.pk], 2025, "dgefp-2014") == {}
    monkeypatch.setattr("jalons.observatoire.compute.packing.FORMAT", 12345)
    SnapshotRevision.objects.filter(pk=revision.pk).update(packed_revision=revision.revision + 1)
    assert store.read_packed([structure.pk], 2025, "dgefp-2014") == {}
    forget()
    edition = selectors.structure_figures(structure, year=2025)
    assert edition.tables[0].rows[0].cells[0].display == "12"


def test_the_annexe_snapshots_of_a_removed_annexe_go_with_it():
    structure = structure_with_people(people=12, exits=4)
    annexe = AnnexeFactory(structure=structure, start_date=D(2025, 1, 1), end_date=D(2025, 12, 31))
    refresh_snapshots(years=[2025], today=TODAY)
    assert Snapshot.objects.filter(structure=structure, period_kind="annexe").exists()
    annexe.delete()
    refresh_snapshots(years=[2025], today=TODAY)
    assert not Snapshot.objects.filter(structure=structure, period_kind="annexe").exists()
    header, _values, _calendar = unpack(
        bytes(SnapshotRevision.objects.get(structure=structure).packed)
    )
    assert {kind for kind, *_ in header} == {"civile"}
