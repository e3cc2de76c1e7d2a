"""Snapshots: figures per structure, period and rule set, stamped and kept fresh."""

import datetime as dt

import pytest

from jalons.audit.models import AuditEntry
from jalons.indicateurs.services import structure_indicators
from jalons.observatoire import selectors
from jalons.observatoire.models import Snapshot, SnapshotRevision
from jalons.observatoire.publishing import publish
from jalons.observatoire.services import refresh_snapshots, refresh_stale, stale_structures
from jalons.rules import builtin_names, load_rule_set
from tests.factories import UserFactory
from tests.observatoire.factories import TODAY, consent, structure_with_people
from tests.parcours.factories import ParcoursFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_refresh_writes_one_snapshot_per_period_and_rule_set_with_its_stamps():
    structure = structure_with_people(people=12, exits=4)
    written = refresh_snapshots(years=[2025], today=TODAY)
    # The year, its four quarters, under each of the four rule sets: 5 × 4 = 20.
    assert written == 20
    snapshot = Snapshot.objects.get(
        structure=structure, year=2025, quarter=0, rule_set="dgefp-2014"
    )
    assert snapshot.rule_set_version == load_rule_set("dgefp-2014").version
    assert snapshot.computed_at is not None
    assert snapshot.reference_date == TODAY
    assert snapshot.figures["personnes"] == 12
    assert snapshot.figures["entrees"] == 12
    assert snapshot.figures["sorties"] == 4


def test_snapshots_hold_counts_only_never_a_name_or_an_identifier():
    structure = structure_with_people(people=3, exits=1)
    refresh_snapshots(years=[2025], today=TODAY)
    for snapshot in Snapshot.objects.filter(structure=structure):
        assert all(isinstance(v, int) for v in snapshot.figures.values())
        text = str(snapshot.figures)
        assert "Durand" not in text and "P-" not in text


def test_the_figures_match_the_indicators_page_for_every_rule_set():
    structure = structure_with_people(people=14, exits=9)
    refresh_snapshots(years=[2025], today=TODAY)
    page = structure_indicators(
        structure=structure, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), reference=TODAY
    ).result
    for calcul in page["calculs"]:
        figures = Snapshot.objects.get(
            structure=structure, year=2025, quarter=0, rule_set=calcul["jeu_de_regles"]
        ).figures
        entry = calcul["structures"][0]
        for key in ("sorties", "sorties_examinees", "emploi_durable", "autre_sortie"):
            assert figures[key] == entry[key]


def test_refreshing_twice_gives_the_same_snapshots():
    structure_with_people(people=11, exits=3)
    refresh_snapshots(years=[2025], today=TODAY)
    first = sorted(Snapshot.objects.values_list("rule_set", "quarter", "figures"))
    refresh_snapshots(years=[2025], today=TODAY)
    assert sorted(Snapshot.objects.values_list("rule_set", "quarter", "figures")) == first


def test_an_interrupted_refresh_keeps_the_periods_it_finished():
    structure_with_people(people=11, exits=3)

    def stop_after_the_second(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        refresh_snapshots(years=[2025], today=TODAY, progress=stop_after_the_second)
    # The year and the first quarter are complete, nothing else was written.
    assert sorted(set(Snapshot.objects.values_list("quarter", flat=True))) == [0, 1]
    assert Snapshot.objects.count() == 2 * len(builtin_names())


def test_an_audited_write_makes_the_structure_stale_and_the_next_edition_recomputes():
    structure = structure_with_people(people=12, exits=4)
    other = structure_with_people(people=11, exits=2)
    refresh_snapshots(years=[2024, 2025], today=TODAY)
    assert stale_structures([structure.pk, other.pk]) == {}
    before = Snapshot.objects.get(structure=structure, year=2025, quarter=0, rule_set="dgefp-2014")
    # A new pathway, written the way the services do: saved, then journaled.
    person = PersonFactory(structure=structure)
    ParcoursFactory(person=person, hire_date=dt.date(2025, 2, 3))
    entry = AuditEntry.objects.create(
        structure=structure, action="creation", object_type="parcours", user_email="x@y.fr"
    )
    # Every year of its snapshots is to recompute, the other structure is not.
    assert stale_structures([structure.pk, other.pk]) == {structure.pk: [2024, 2025]}
    assert stale_structures([other.pk]) == {}
    # Reads never write: the publication asks for fresh snapshots first.
    publish(year=2025, today=TODAY)
    after = Snapshot.objects.get(structure=structure, year=2025, quarter=0, rule_set="dgefp-2014")
    assert after.figures["personnes"] == before.figures["personnes"] + 1
    assert after.data_stamp == entry.pk > before.data_stamp
    revisions = SnapshotRevision.objects.filter(structure=structure)
    assert sorted(revisions.values_list("year", "data_stamp")) == [
        (2024, entry.pk),
        (2025, entry.pk),
    ]
    assert stale_structures([structure.pk, other.pk]) == {}


def test_a_consultation_does_not_make_a_structure_stale():
    structure = structure_with_people(people=12)
    refresh_snapshots(years=[2025], today=TODAY)
    AuditEntry.objects.create(structure=structure, action="consultation", user_email="x@y.fr")
    assert stale_structures([structure.pk]) == {}


def test_too_many_stale_structures_are_left_to_the_command_and_the_publication_takes_them():
    first = structure_with_people(people=12, exits=4)
    second = structure_with_people(people=11, exits=3)
    third = structure_with_people(people=10, exits=2)
    refresh_snapshots(years=[2025], today=TODAY)
    stamps = dict(Snapshot.objects.values_list("structure_id", "data_stamp"))
    for structure in (first, second):
        AuditEntry.objects.create(structure=structure, action="modification", user_email="a@b.fr")
    ids = [first.pk, second.pk, third.pk]
    assert refresh_stale(structure_ids=ids, limit=1) == {first.pk, second.pk}
    # Nothing was recomputed: the snapshots keep their stamps.
    assert dict(Snapshot.objects.values_list("structure_id", "data_stamp")) == stamps
    # A read recomputes nothing either; the publication recomputes every stale one.
    selectors.edition_protected_alone(selectors.perimeter_for_region("32"), year=2025)
    assert set(stale_structures(ids)) == {first.pk, second.pk}
    publish(year=2025, today=TODAY)
    assert stale_structures(ids) == {}


def test_consent_is_audited_and_off_by_default():
    from jalons.audit.actor import Actor
    from jalons.observatoire.services import consent_for, consent_update

    structure = structure_with_people(people=1)
    assert not consent_for(structure).share_with_networks
    user = UserFactory()
    consent_update(
        structure=structure,
        actor=Actor(user=user, role="direction"),
        share_with_networks=True,
        share_with_ddets=False,
        compare_position=True,
    )
    saved = consent_for(structure)
    assert saved.share_with_networks and saved.compare_position and not saved.share_with_ddets
    assert saved.updated_by == user
    assert AuditEntry.objects.filter(structure=structure, object_type__icontains="consent").exists()


def test_the_position_needs_consent_and_ten_structures_of_the_same_type():
    own = structure_with_people(people=12, exits=10)
    others = [structure_with_people(people=12, exits=10 - i) for i in range(8)]
    refresh_snapshots(years=[2025], today=TODAY)
    assert selectors.structure_position(own, year=2025) is None  # no consent
    consent(own, compare_position=True)
    assert selectors.structure_position(own, year=2025) is None  # 9 ACI only
    assert "Moins de 10" in selectors.position_reason(own, year=2025)
    others.append(structure_with_people(people=12, exits=5))
    refresh_snapshots(years=[2025], today=TODAY)
    rows = selectors.structure_position(own, year=2025)
    rate = next(r for r in rows if r.key == "taux_sortie_dynamique")
    assert rate.structures == 10
    assert rate.q1 <= rate.median <= rate.q3
    assert rate.own == 100.0
