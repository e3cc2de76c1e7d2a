"""The store's contract: reading never writes; freshness is asked for, then read."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jalons.audit.models import AuditEntry
from jalons.observatoire import selectors, store
from jalons.observatoire.publishing import publish
from jalons.observatoire.services import refresh_snapshots
from tests.observatoire.factories import TODAY, structure_with_people
from tests.parcours.factories import ParcoursFactory, PersonFactory

pytestmark = pytest.mark.django_db
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"])]


@pytest.fixture
def region():
    structures = [structure_with_people(people=12 + i, exits=3) for i in range(4)]
    refresh_snapshots(years=[2025], today=TODAY)
    publish(year=2025, today=TODAY)
    return structures


def test_reading_stale_snapshots_and_published_editions_writes_nothing(region):
    person = PersonFactory(structure=region[0])
    ParcoursFactory(person=person, hire_date=dt.date(2025, 3, 3))
    AuditEntry.objects.create(structure=region[0], action="creation", user_email="x@y.fr")
    assert store.stale([region[0].pk]) == {region[0].pk: [2025]}
    store.forget()
    perimeter = selectors.perimeter_for_region("32")
    ids = [s.pk for s in region]
    with CaptureQueriesContext(connection) as queries:
        _key, (figures, *_rest) = store.figures(ids, 2025, "dgefp-2014")
        edition = selectors.build_edition(perimeter, year=2025)
        selectors.edition_history(perimeter, year=2025)
        selectors.edition_protected_alone(perimeter, year=2025)
        selectors.structure_figures(region[0], year=2025)
    assert queries.captured_queries, "the reads went to the database"
    assert writes(queries) == []
    assert edition is not None and edition.number == 1
    # The stale structure is read as it is, and is still stale: nothing was recomputed.
    assert figures[("civile", 0)]["dgefp-2014"][region[0].pk]["personnes"] == 12
    assert store.stale([region[0].pk]) == {region[0].pk: [2025]}
    # Asking for freshness is the write; the next read sees the new figures.
    with CaptureQueriesContext(connection) as queries:
        assert store.ensure_fresh([region[0].pk]) == set()
    assert writes(queries)
    assert store.stale([region[0].pk]) == {}
    _key, (figures, *_rest) = store.figures(ids, 2025, "dgefp-2014")
    assert figures[("civile", 0)]["dgefp-2014"][region[0].pk]["personnes"] == 13


def test_forget_empties_every_cache(region):
    perimeter = selectors.perimeter_for_region("32")
    selectors.build_edition(perimeter, year=2025)
    selectors.edition_protected_alone(perimeter, year=2025)
    caches = (store._READS, store._PERIMETERS, store._PUBLISHED, store._EDITIONS)
    assert all(caches)
    store.forget()
    assert not any(caches)
