"""The attacker's suite of the observatory (issue 12): every statistical edition that can
be obtained for a year, attacked together; any disclosure fails (see ``attack.py``)."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from jalons.observatoire import selectors
from jalons.observatoire.compute import EMPTY
from jalons.observatoire.compute.editions import withheld_note
from jalons.observatoire.compute.publication import decide
from jalons.observatoire.compute.tables import families
from jalons.observatoire.edition import (
    Cell,
    Edition,
    Perimeter,
    Row,
    Table,
    Thresholds,
    to_data,
)
from jalons.observatoire.models import Publication
from jalons.observatoire.publishing import all_perimeters
from jalons.observatoire.services import refresh_snapshots
from jalons.rules import builtin_names
from jalons.structures.models import Departement
from tests.factories import AnnexeFactory, DdetsFactory, NetworkFactory
from tests.observatoire import attack as attacker
from tests.observatoire.attack import Public, Release, Truth
from tests.observatoire.factories import TODAY, consent, structure_with_people
from tests.parcours.factories import ParcoursFactory, PersonFactory

YEAR = 2025


def run(collected) -> attacker.Report:
    return attacker.attack(collected, Truth.from_snapshots(YEAR))


def assert_no_disclosure(report: attacker.Report):
    """No disclosure, and no needless secret: a hidden cell that the published rows of
    its own period give (« Ensemble » minus the other rows) protects nothing and tells
    the reader the figures are secret when a subtraction shows them. What the attacker
    may still recompute is a flow column (entries, exits...) of a hidden row, from the
    rows of other periods (the year minus its quarters): the row stays hidden for its
    stocks (people in pathways, ETP), which do not add up over the quarters."""
    if report.mismatches or report.disclosures:
        pytest.fail(report.summary(), pytrace=False)
    needless = [r for r in report.recomputed if r.same_period or not r.flow]
    if needless:
        pytest.fail(
            f"{len(needless)} case(s) en secret recalculée(s) :\n"
            + "\n".join(str(r) for r in needless[:12]),
            pytrace=False,
        )


# ----------------------------------------------------------------------------------
# Regions built with the factories
# ----------------------------------------------------------------------------------


def publish():
    """Publish the year's editions where the observatory publishes them
    (``jalons.observatoire.publishing``: editions read, not built, by
    ``selectors.build_edition``); where an edition is built when it is read, there is
    nothing to do."""
    try:
        from jalons.observatoire.publishing import publish as publish_year
    except ImportError:
        return
    publish_year(year=YEAR, today=TODAY)


def later_hires(structure, count: int, hire: dt.date, exit_date: dt.date | None = None):
    """More pathways, hired later in the year (other quarters than the first)."""
    for _ in range(count):
        person = PersonFactory(structure=structure)
        options = {"exit_date": exit_date, "exit_motif": "cdi_non_aide"} if exit_date else {}
        ParcoursFactory(person=person, hire_date=hire, **options)


def build_region(plan, *, networks=2, ddets=(("59", "62"), ("80",))):
    """``plan``: (kind, département, people, exits, later hires, networks (indexes),
    consents to networks, consents to the DDETS, annexe (None, "civile", "juillet"))."""
    nets = [NetworkFactory(name=f"Réseau test {i}", acronym=f"RT{i}") for i in range(networks)]
    structures = []
    for kind, dep, people, exits, later, members, to_networks, to_ddets, annexe in plan:
        s = structure_with_people(people=people, kind=kind, departement=dep, exits=exits)
        if later:
            later_hires(s, later, dt.date(2025, 5, 12), dt.date(2025, 11, 28))
        s.networks.set([nets[i] for i in members])
        if to_networks or to_ddets:
            consent(s, share_with_networks=to_networks, share_with_ddets=to_ddets)
        if annexe == "civile":
            AnnexeFactory(
                structure=s, start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31)
            )
        elif annexe == "juillet":
            AnnexeFactory(
                structure=s, start_date=dt.date(2025, 7, 1), end_date=dt.date(2026, 6, 30)
            )
        structures.append(s)
    for codes in ddets:
        unit = DdetsFactory(name=f"DDETS test {'-'.join(codes)}")
        unit.departements.set(Departement.objects.filter(code__in=codes))
    refresh_snapshots(years=[YEAR], today=TODAY)
    publish()
    return {"networks": nets, "structures": structures}


# Sixteen structures of the Nord, the Pas-de-Calais and the Somme: big rows and small
# ones (two EI, a tiny ETTI, a lone AI, three EITI), two networks, four consents.
PLAN = [
    ("ACI", "59", 14, 11, 3, [0], True, True, "civile"),
    ("ACI", "59", 12, 10, 0, [0], False, False, "civile"),
    ("ACI", "59", 9, 4, 2, [0, 1], False, False, None),
    ("ACI", "62", 13, 12, 4, [0, 1], False, True, "juillet"),
    ("ACI", "62", 11, 10, 0, [1], False, False, "civile"),
    ("ACI", "80", 10, 6, 0, [1], False, False, None),
    ("EI", "59", 6, 3, 1, [0], False, False, "civile"),
    ("EI", "62", 5, 2, 0, [], False, False, None),
    ("ETTI", "59", 15, 12, 2, [0], True, False, "civile"),
    ("ETTI", "62", 14, 11, 0, [0], False, False, "juillet"),
    ("ETTI", "80", 3, 1, 0, [1], False, False, None),
    ("AI", "80", 12, 10, 3, [1], False, False, "civile"),
    ("EITI", "59", 4, 2, 0, [0], False, False, None),
    ("EITI", "62", 7, 3, 1, [0, 1], False, False, None),
    ("EITI", "80", 6, 4, 0, [1], False, False, None),
    ("AI", "59", 16, 12, 2, [0], False, False, "civile"),
]


@pytest.mark.django_db
def test_no_disclosure_in_a_generated_region():
    build_region(PLAN)
    collected = attacker.releases(YEAR)
    assert collected, "aucune édition à attaquer"
    report = run(collected)
    print(report.summary())
    assert_no_disclosure(report)


@pytest.mark.django_db
def test_no_row_in_primary_secret_is_left_narrow_in_a_generated_region():
    """With the interval audit (±10 %), the publication hides rows until no population
    of a row in primary secret can be bounded within ±10 %, and no other column of it
    determined (zeros force their structures to zero); the demo has such cells (see
    ``test_no_disclosure_in_the_demo_region``)."""
    build_region(PLAN)
    perimeters = all_perimeters()
    universe = selectors.universe_for(perimeters, YEAR)
    problem = {
        "scopes": perimeters,
        "universe": universe,
        "thresholds": selectors.default_thresholds(),
        "rule_names": sorted(builtin_names()),
        "published": set().union(*universe.published.values()),
    }
    without = decide(**problem)
    audited = decide(**problem, p=0.10)
    assert not audited.left  # every narrow cell found was widened
    assert not without.narrow
    assert sum(map(len, audited.hidden.values())) >= sum(map(len, without.hidden.values()))
    assert selectors.protection_interval() == 0.10  # on by default


# One département, one network: before the change, the region and the network show
# big rows only (every type has at least three members and three others).
MEMBERSHIP_PLAN = [
    ("ACI", "59", 12, 5, 1, [0], False, False, None),
    ("ACI", "59", 13, 6, 0, [0], False, False, None),
    ("ACI", "59", 11, 4, 2, [0], False, False, None),
    ("ACI", "59", 14, 6, 1, [], False, False, None),
    ("ACI", "59", 12, 5, 0, [], False, False, None),
    ("ACI", "59", 10, 4, 1, [], False, False, None),
    ("ACI", "59", 13, 5, 2, [], False, False, None),
    ("ETTI", "59", 12, 5, 1, [0], False, False, None),
    ("ETTI", "59", 11, 4, 0, [0], False, False, None),
    ("ETTI", "59", 14, 6, 2, [0], False, False, None),
    ("ETTI", "59", 12, 5, 1, [], False, False, None),
    ("ETTI", "59", 10, 4, 0, [], False, False, None),
    ("ETTI", "59", 13, 6, 1, [], False, False, None),
]


@pytest.mark.django_db
def test_no_disclosure_from_a_membership_or_consent_change():
    """Editions before and after an ACI joins the network and a member starts sharing
    its figures with it: the union must disclose nothing that each set alone does not
    (a network's row before and after differs by exactly the newcomer; a row before
    minus the figures the member publishes after leaves the two others)."""
    region = build_region(MEMBERSHIP_PLAN, networks=1, ddets=())
    before = attacker.releases(YEAR)
    assert before, "aucune édition à attaquer"
    newcomer, sharing = region["structures"][3], region["structures"][0]
    newcomer.networks.add(region["networks"][0])
    consent(sharing, share_with_networks=True)
    refresh_snapshots(years=[YEAR], today=TODAY)
    publish()
    after = attacker.releases(YEAR)
    truth = Truth.from_snapshots(YEAR)
    parts = [attacker.attack(part, truth) for part in (before, after)]
    known = {d.key for part in parts for d in part.disclosures}
    singles = {k for k in known if len(k[-1]) == 1}
    union = attacker.attack(before + after, truth)
    new = [d for d in attacker.without_implied(union.disclosures, singles) if d.key not in known]
    print("avant :", parts[0].summary(limit=3))
    print("après :", parts[1].summary(limit=3))
    print("ensemble des deux :", union.summary(limit=3))
    print(f"{len(new)} divulgations dues aux changements ; par attaque :")
    for name, found in union.by_attack.items():
        print(f"  {name} : {sum(d.key not in known for d in found)}")
    if union.mismatches or new:
        lines = [f"{len(new)} divulgations dues aux changements :"]
        lines += [f"  {d}" for d in new[:12]]
        pytest.fail("\n".join([*lines, union.summary(limit=0)]), pytrace=False)
    # The member that now shares is not named this year: its network row of three was
    # published without it; the edition says why, without naming it.
    summary = Publication.objects.filter(year=YEAR).latest("number").summary
    assert summary["structures non nommées cette année"] == 1
    network = selectors.perimeter_for_network(region["networks"][0])
    edition = selectors.build_edition(network, year=YEAR, rule_set=builtin_names()[0])
    assert withheld_note(1) in edition.notes
    assert not edition.structures
    assert sharing.name not in repr(to_data(edition))


# Five ACI and three ETTI in one network, then an ACI and an ETTI agree to be named:
# without the ACI four remain in every row published before; without the ETTI, two.
CONSENT_PLAN = [
    *(("ACI", "59", 12 + i, 5, 0, [0], False, False, None) for i in range(5)),
    *(("ETTI", "59", 11 + i, 4, 0, [0], False, False, None) for i in range(3)),
]


@pytest.mark.django_db
def test_a_later_consent_is_honoured_only_where_it_shows_nobody_else():
    region = build_region(CONSENT_PLAN, networks=1, ddets=())
    aci, etti = region["structures"][0], region["structures"][5]
    consent(aci, share_with_networks=True)
    consent(etti, share_with_networks=True)
    refresh_snapshots(years=[YEAR], today=TODAY)
    publish()
    network = selectors.perimeter_for_network(region["networks"][0])
    edition = selectors.build_edition(network, year=YEAR, rule_set=builtin_names()[0])
    named = {row.label for table in edition.structures for row in table.rows}
    assert named == {f"{aci.name} (ACI)"}
    assert edition.notes == [withheld_note(1)]
    summary = Publication.objects.filter(year=YEAR).latest("number").summary
    assert summary["structures non nommées cette année"] == 1
    report = run(attacker.releases(YEAR))
    assert_no_disclosure(report)


# ----------------------------------------------------------------------------------
# The demo region
# ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_disclosure_in_the_demo_region():
    from jalons.demo.data import load_demo

    load_demo(today=TODAY)  # with the observatory's 40 structures, snapshots computed
    collected = attacker.releases(YEAR)
    assert collected, "aucune édition à attaquer"
    report = run(collected)
    print(report.summary())
    assert_no_disclosure(report)
    # The interval audit had cells to widen in the demo (small counts of RSA, ASS,
    # QPV... that zeros elsewhere determine), and widened every one of them.
    summary = Publication.objects.filter(year=YEAR).latest("number").summary
    assert sum(summary["cases resserrées élargies"].values()) > 0, summary
    assert not summary["cases resserrées restantes"], summary


# ----------------------------------------------------------------------------------
# Random regions
# ----------------------------------------------------------------------------------


def forget_what_was_read():
    """The store keeps what it reads in memory (by primary key or revision); the
    examples below are rolled back, and the next one may be given the same primary
    keys: each starts with an empty memory."""
    from jalons.observatoire import store

    store.forget()


random_plans = st.lists(
    st.tuples(
        st.sampled_from(["ACI", "EI", "ETTI", "AI"]),
        st.sampled_from(["59", "62", "80"]),
        st.integers(min_value=1, max_value=16),  # people
        st.integers(min_value=0, max_value=6),  # exits
        st.integers(min_value=0, max_value=3),  # later hires
        st.sets(st.sampled_from([0, 1]), max_size=2).map(sorted),
        st.booleans(),  # shares with its networks
        st.booleans(),  # shares with the DDETS
        st.sampled_from([None, "civile", "juillet"]),
    ),
    min_size=5,
    max_size=10,
)


@pytest.mark.django_db
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),  # no shrinking: each example takes seconds
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(random_plans)
def test_no_disclosure_in_random_regions(plan):
    plan = [(k, d, p, min(e, p), *rest) for k, d, p, e, *rest in plan]
    with transaction.atomic():  # each example on an empty database
        try:
            forget_what_was_read()
            build_region(plan, ddets=(("59", "62", "80"),))
            collected = attacker.releases(YEAR, rule_sets=["dgefp-2014", "etti-450h"])
            assert collected, "aucune édition à attaquer"
            report = run(collected)
            print(report.summary(limit=3))
            assert_no_disclosure(report)
        finally:
            transaction.set_rollback(True)


# ----------------------------------------------------------------------------------
# The attacker itself, on hand-built editions
# ----------------------------------------------------------------------------------

PER_PERSON = "Heures d'accompagnement par personne accompagnée"  # a ratio: left out
COLUMNS = ["Personnes en parcours", "Entrées (embauches)", PER_PERSON]
KINDS = {1: "ACI", 2: "ACI", 3: "ACI", 4: "EI", 5: "EI", 6: "ETTI", 7: "ETTI", 8: "ETTI"}
PEOPLE = {1: 10, 2: 12, 3: 14, 4: 4, 5: 5, 6: 10, 7: 10, 8: 10}
ENTRIES = {1: 3, 2: 4, 3: 5, 4: 1, 5: 2, 6: 6, 7: 3, 8: 2}
PUBLIC = Public(
    names={pk: f"S{pk}" for pk in KINDS},
    kinds=KINDS,
    departements=dict.fromkeys(KINDS, "Nord (59)"),
    networks={pk: frozenset() for pk in KINDS},
)
TRUTH = Truth(
    {
        ("Y", "dgefp-2014"): {
            pk: {**EMPTY, "personnes": PEOPLE[pk], "entrees": ENTRIES[pk]} for pk in KINDS
        }
    }
)


def row(label, pks, *, hidden=False, total=False):
    if hidden:
        cells = [Cell(None, "secret", True, "primaire") for _ in COLUMNS]
        return Row(label, cells, None, is_total=total)
    people, entries = sum(PEOPLE[p] for p in pks), sum(ENTRIES[p] for p in pks)
    cells = [Cell(people, str(people)), Cell(entries, str(entries)), Cell(2.5, "2,5 h")]
    return Row(label, cells, len(pks), is_total=total)


def edition(rows, named=()):
    perimeter = Perimeter("region", "32", "Région test", structure_ids=tuple(KINDS))
    now = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    structures = []
    if named:
        structures = [
            Table(
                "structures_activite",
                "",
                "Structure",
                COLUMNS,
                [row(f"S{pk} ({KINDS[pk]})", [pk]) for pk in named],
            )
        ]
    table = Table("activite_par_type", "", "Type de SIAE", COLUMNS, rows)
    edition = Edition(
        perimeter=perimeter,
        period_label="Année 2025",
        rule_set="dgefp-2014",
        rule_set_version="1",
        computed_at=now,
        generated_at=now,
        thresholds=Thresholds(),
        tables=[table],
        structures=structures,
    )
    return Release(edition, perimeter, PUBLIC)


def attack_by_hand(*releases):
    return attacker.attack(list(releases), TRUTH, today=dt.date(2026, 1, 5))


ACI, EI, ETTI, ALL = [1, 2, 3], [4, 5], [6, 7, 8], list(KINDS)


def test_the_attacker_finds_a_hidden_row_recomputed_from_its_total():
    """The example of the documentation without secondary secret: EI = Ensemble − ACI −
    ETTI; both columns give the two EI away, and the figure is the real one."""
    report = attack_by_hand(
        edition(
            [
                row("ACI", ACI),
                row("EI", EI, hidden=True),
                row("ETTI", ETTI),
                row("Ensemble", ALL, total=True),
            ]
        )
    )
    assert not report.mismatches
    found = {(d.attack, d.column, d.structures, d.computed) for d in report.disclosures}
    assert ("rang", "Personnes en parcours", frozenset(EI), 9) in found
    assert ("rang", "Entrées (embauches)", frozenset(EI), 3) in found
    assert report.counts()["ensemble"] == 2
    assert all(d.computed == d.true for d in report.disclosures)
    assert PER_PERSON not in {d.column for d in report.disclosures}


def test_the_attacker_finds_nothing_when_the_partner_is_hidden_too():
    report = attack_by_hand(
        edition(
            [
                row("ACI", ACI),
                row("EI", EI, hidden=True),
                row("ETTI", ETTI, hidden=True),
                row("Ensemble", ALL, total=True),
            ]
        )
    )
    assert not report.mismatches
    assert report.disclosures == []


def test_the_attacker_notes_a_secret_that_its_total_gives_away():
    """ETTI is hidden but Ensemble − ACI − EI gives it: no disclosure (three structures,
    30 people), a needless secret, noted as given by the rows of its own period."""
    report = attack_by_hand(
        edition(
            [
                row("ACI", ACI),
                row("EI", EI),
                row("ETTI", ETTI, hidden=True),
                row("Ensemble", ALL, total=True),
            ]
        )
    )
    assert not report.mismatches
    etti = [r for r in report.recomputed if r.column == "Personnes en parcours"]
    assert len(etti) == 1 and etti[0].same_period and not etti[0].flow
    assert "Ensemble" in " ".join(etti[0].sources)
    assert {r.column for r in report.recomputed} == {"Personnes en parcours", "Entrées (embauches)"}
    # The attacker holds the same figures with the row published: nothing is recomputed.
    report = attack_by_hand(
        edition(
            [row("ACI", ACI), row("EI", EI), row("ETTI", ETTI), row("Ensemble", ALL, total=True)]
        )
    )
    assert report.recomputed == []


def test_the_attacker_subtracts_named_structures_and_combines_editions():
    """S1 publishes its figures: ACI minus S1 is S2 + S3, a pair. And the same rows in
    a second edition of other structures: ACI of the first (1, 2, 3) minus ACI of the
    second (1, 2) is S3."""
    report = attack_by_hand(
        edition([row("ACI", ACI), row("ETTI", ETTI), row("Ensemble", ALL, total=True)], [1])
    )
    pairs = {d.structures for d in report.disclosures if d.attack == "rang"}
    assert frozenset({2, 3}) in pairs
    assert all(d.computed == d.true for d in report.disclosures)

    smaller = Perimeter("reseau", "1", "Réseau test", structure_ids=(1, 2, 6, 7, 8))
    now = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    network = Edition(
        perimeter=smaller,
        period_label="Année 2025",
        rule_set="dgefp-2014",
        rule_set_version="1",
        computed_at=now,
        generated_at=now,
        thresholds=Thresholds(),
        tables=[
            Table(
                "activite_par_type",
                "",
                "Type de SIAE",
                COLUMNS,
                [row("ACI", [1, 2]), row("ETTI", ETTI), row("Ensemble", [1, 2, 6, 7, 8])],
            )
        ],
    )
    report = attack_by_hand(
        edition(
            [row("ACI", ACI), row("EI", EI), row("ETTI", ETTI), row("Ensemble", ALL, total=True)]
        ),
        Release(network, smaller, PUBLIC),
    )
    for name in ("rang", "soustraction"):
        single = [d for d in report.by_attack[name] if d.structures == frozenset({3})]
        assert {d.computed for d in single} == {14, 5}  # S3: 14 people, 5 entries


def test_every_column_of_the_tables_is_classified():
    """A new column must be declared additive (flow or stock) or excluded."""
    for family in families(builtin_names()):
        if family.all_rule_sets:
            continue
        for column in family.columns:
            assert attacker.column_kind(column.label) in ("flow", "stock", "excluded")
            if column.kind == "rate":
                assert attacker.column_kind(column.label) == "excluded"


def test_the_attacker_takes_the_year_minus_its_visible_quarters():
    """Entries are a flow: the year minus three visible quarters is the fourth, here two
    ACI with three people in the last quarter (a stock such as people in pathways is
    not added up over the quarters)."""
    aci = [1, 2, 3]
    entries = {1: {1: 3, 2: 1, 3: 2}, 2: {1: 2, 2: 2, 3: 1}, 3: {1: 4, 2: 0, 3: 3}, 4: {1: 1, 2: 2}}
    people = {
        1: {1: 10, 2: 10, 3: 10},
        2: {1: 9, 2: 9, 3: 9},
        3: {1: 8, 2: 8, 3: 8},
        4: {1: 2, 2: 1},
    }
    figures = {}
    for quarter in (1, 2, 3, 4):
        figures[(quarter, "dgefp-2014")] = {
            pk: {
                **EMPTY,
                "personnes": people[quarter].get(pk, 0),
                "entrees": entries[quarter].get(pk, 0),
            }
            for pk in aci
        }
    figures[("Y", "dgefp-2014")] = {
        pk: {**EMPTY, "personnes": 12, "entrees": sum(entries[q].get(pk, 0) for q in entries)}
        for pk in aci
    }
    truth = Truth(figures)
    perimeter = Perimeter("region", "32", "Région test", structure_ids=tuple(aci))
    now = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)

    def published(label, values):
        cells = [Cell(v, str(v)) if v is not None else Cell(None, "secret", True) for v in values]
        rows = [Row("ACI", cells, 3), Row("Ensemble", cells, 3, is_total=True)]
        table = Table("activite_par_type", "", "Type de SIAE", COLUMNS[:2], rows)
        e = Edition(perimeter, label, "dgefp-2014", "1", now, now, Thresholds(), [table])
        return Release(e, perimeter, PUBLIC)

    collected = [published("Année 2025", [36, 21])]
    for quarter, name in ((1, "1er"), (2, "2e"), (3, "3e")):
        total = [sum(people[quarter].values()), sum(entries[quarter].values())]
        collected.append(published(f"{name} trimestre 2025", total))
    collected.append(published("4e trimestre 2025", [None, None]))
    report = attacker.attack(collected, truth, today=dt.date(2026, 1, 5))
    assert not report.mismatches, report.summary()
    found = [(d.column, d.period, d.structures, d.computed) for d in report.disclosures]
    assert ("Entrées (embauches)", "4e trimestre 2025", frozenset({1, 2}), 3) in found
    assert all(d.column == "Entrées (embauches)" for d in report.disclosures)
    assert report.by_attack["année − trimestres"]
