"""The observatory keeps what it read in memory, and reads again exactly what changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jalons.observatoire import selectors, store
from jalons.observatoire.models import Snapshot, SnapshotRevision
from jalons.observatoire.services import refresh_snapshots
from jalons.structures.models import Structure
from tests.observatoire.factories import TODAY, structure_with_people

pytestmark = pytest.mark.django_db


def _snapshot_reads(queries) -> int:
    return sum('FROM "observatoire_snapshot"' in q["sql"] for q in queries)


def _people(edition) -> str:
    table = next(t for t in edition.tables if t.key.startswith("activite"))
    total = next(r for r in table.rows if r.is_total)
    return total.cells[0].display


@pytest.fixture
def region():
    structures = [structure_with_people(people=12 + i, exits=3) for i in range(4)]
    refresh_snapshots(years=[2025], today=TODAY)
    return structures


def test_a_refresh_gives_each_structure_a_new_revision_with_its_stamps(region):
    first = dict(SnapshotRevision.objects.values_list("structure_id", "revision"))
    assert set(first) == {s.pk for s in region}
    refresh_snapshots(structure_ids=[region[0].pk], years=[2025], today=TODAY)
    second = dict(SnapshotRevision.objects.values_list("structure_id", "revision"))
    assert second[region[0].pk] != first[region[0].pk]
    assert all(second[s.pk] == first[s.pk] for s in region[1:])
    revision = SnapshotRevision.objects.get(structure=region[0], year=2025)
    assert revision.reference_date == TODAY
    assert set(revision.versions) == set(
        Snapshot.objects.values_list("rule_set", flat=True).distinct()
    )


def test_an_unchanged_perimeter_is_not_read_again(region):
    perimeter = selectors.perimeter_for_region("32")
    selectors.edition_protected_alone(perimeter, year=2025)
    with CaptureQueriesContext(connection) as queries:
        selectors.edition_protected_alone(perimeter, year=2025, quarter=2)
    assert _snapshot_reads(queries.captured_queries) == 0


def test_a_snapshot_rewritten_elsewhere_is_read_again_and_only_that_structure(region, monkeypatch):
    """Another process (the command, another server) rewrites a structure's snapshots:
    its revision changes, and the next edition reads that structure only."""
    perimeter = selectors.perimeter_for_region("32")
    before = selectors.edition_protected_alone(perimeter, year=2025)
    people = sum(12 + i for i in range(4))
    assert _people(before) == str(people)
    # What another process would write: new figures and a new revision.
    for snapshot in Snapshot.objects.filter(structure=region[0], year=2025, quarter=0):
        snapshot.figures = {**snapshot.figures, "personnes": snapshot.figures["personnes"] + 5}
        snapshot.save()
    SnapshotRevision.objects.filter(structure=region[0], year=2025).update(revision=7)
    read, asked = store.read_snapshots, []

    def spy(ids, *args):
        asked.append(list(ids))
        return read(ids, *args)

    monkeypatch.setattr(store, "read_snapshots", spy)
    after = selectors.edition_protected_alone(perimeter, year=2025)
    assert _people(after) == str(people + 5)
    assert asked == [[region[0].pk]]


def test_any_of_finds_the_same_rows_as_in_and_nothing_for_an_empty_list(region):
    ids = [s.pk for s in region[:3]]
    assert sorted(Structure.objects.filter(pk__any_of=ids).values_list("pk", flat=True)) == sorted(
        ids
    )
    assert not Structure.objects.filter(pk__any_of=[]).exists()
    assert (
        Snapshot.objects.filter(structure_id__any_of=ids).count()
        == Snapshot.objects.filter(structure_id__in=ids).count()
    )


def test_a_memory_too_small_for_the_perimeter_still_gives_the_edition(region, monkeypatch):
    """The shared memory drops the least recently used structures: an edition whose
    structures were partly dropped, and partly rewritten, is still built whole."""
    from tests.factories import NetworkFactory

    network = NetworkFactory()
    for i in range(3):
        structure_with_people(people=10 + i, exits=2, departement="62").networks.add(network)
    refresh_snapshots(years=[2025], today=TODAY)
    monkeypatch.setattr(store, "_READS_SIZE", 3)
    hauts = selectors.perimeter_for_region("32")
    first = selectors.edition_protected_alone(hauts, year=2025)
    selectors.edition_protected_alone(selectors.perimeter_for_network(network), year=2025)
    refresh_snapshots(structure_ids=[region[0].pk], years=[2025], today=TODAY)
    again = selectors.edition_protected_alone(hauts, year=2025)
    assert _people(again) == _people(first)
    assert len(store._READS) <= 3


def test_a_network_without_structures_gets_an_empty_edition(db):
    from tests.factories import NetworkFactory

    edition = selectors.edition_protected_alone(
        selectors.perimeter_for_network(NetworkFactory()), year=2025
    )
    assert edition.tables == [] and edition.structures == []
