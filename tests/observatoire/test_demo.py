"""The demo region: enough fictitious structures for the observatory's pages to show
visible and secret cells, loaded quickly after the main demo."""

import datetime as dt
from collections import Counter

import pytest

from jalons.demo.data import load_demo
from jalons.demo.observatoire import IDENTIFIER_PREFIX, load_demo_observatory
from jalons.observatoire import selectors
from jalons.observatoire.models import Consent, Snapshot
from jalons.parcours.models import Person
from jalons.structures.models import Ddets, Departement, Network, Structure

TODAY = dt.date(2026, 6, 30)


def cells(edition):
    visible = hidden = 0
    for table in edition.tables:
        for row in table.rows:
            for cell in row.cells:
                hidden += cell.hidden
                visible += not cell.hidden
    return visible, hidden


@pytest.mark.django_db
def test_the_demo_region_shows_visible_and_secret_cells_to_the_network_and_the_ddets():
    load_demo(today=TODAY)
    load_demo_observatory(today=TODAY)

    region = Structure.objects.filter(identifier__startswith=IDENTIFIER_PREFIX)
    assert region.count() == 40
    assert all(s.siret.startswith("999") for s in region)
    assert set(region.values_list("kind", flat=True)) == {"ACI", "EI", "ETTI", "AI", "EITI"}
    assert set(region.values_list("departement_id", flat=True)) == {"59", "62", "80", "60", "02"}
    assert region.filter(kind="EITI", departement_id="80").count() == 2
    people = Counter(Person.objects.filter(structure__in=region).values_list("structure__name"))
    assert people[("Intérim Picard Solidaire",)] == 8
    assert Consent.objects.filter(structure__identifier__startswith="OBS-DEMO-").count() >= 5
    assert (
        Consent.objects.filter(
            structure__identifier__in=["DEMO-ACI-59-001", "DEMO-EI-59-002"]
        ).count()
        == 2
    )
    assert Snapshot.objects.filter(structure__in=region).exists()

    network = Network.objects.get(acronym="URIAE HdF")
    nord = Ddets.objects.get(name="DDETS du Nord")
    for perimeter in (
        selectors.perimeter_for_network(network),
        selectors.perimeter_for_ddets(nord, Departement.objects.filter(code="59")),
    ):
        edition = selectors.build_edition(perimeter, year=2025)
        visible, hidden = cells(edition)
        # Protected with every other perimeter (global protection) and against narrow
        # intervals, each edition still shows its totals and more (in June 2026: the
        # network 128 cells, the DDETS of the Nord 67).
        assert visible >= 50 and hidden > 0, (perimeter.label, visible, hidden)
        ensemble = [r for t in edition.tables for r in t.rows if r.is_total]
        assert any(not c.hidden for r in ensemble for c in r.cells), perimeter.label
        assert edition.structures, perimeter.label  # consenting structures are listed

    # Running it again adds nothing.
    load_demo_observatory(today=TODAY)
    assert Structure.objects.filter(identifier__startswith=IDENTIFIER_PREFIX).count() == 40
