"""The incremental ``protect`` makes exactly the documented choices: compared, on random
tables, with a direct implementation of the rule on the atoms, in exact fractions and
recomputed from scratch at every step (no database)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from jalons.observatoire.protection import (
    PRIMARY,
    SECONDARY,
    Dependencies,
    Group,
    is_primary,
    protect,
)
from tests.observatoire.test_protection import build_groups, structures_strategy


def _in_span(rows: list[frozenset], target: frozenset) -> bool:
    """Is ``target`` (a 0/1 vector over atoms) a combination of ``rows``? Fractions."""
    atoms = sorted(set().union(target, *rows), key=repr)
    index = {a: i for i, a in enumerate(atoms)}

    def vector(atom_set):
        v = [Fraction(0)] * len(atoms)
        for a in atom_set:
            v[index[a]] = Fraction(1)
        return v

    basis = []  # (pivot, vector with 1 at its pivot)
    for row in rows:
        v = vector(row)
        for pivot, b in basis:
            if v[pivot]:
                f = v[pivot]
                v = [x - f * y for x, y in zip(v, b, strict=True)]
        nz = next((i for i, x in enumerate(v) if x), None)
        if nz is not None:
            basis.append((nz, [x / v[nz] for x in v]))
    v = vector(target)
    for pivot, b in basis:
        if v[pivot]:
            f = v[pivot]
            v = [x - f * y for x, y in zip(v, b, strict=True)]
    return not any(v)


def reference_protect(groups: list[Group], *, structures: int, people: int) -> dict:
    """The rule of the module docstring, step by step: while a hidden row (with atoms,
    not empty) is a combination of the rows outside the hidden ones, hide the first
    row (same table first, then fewest people, fewest structures, by key) without
    which it would not be; else the first row in some relation; rows of no relation
    are never candidates."""
    groups = sorted(groups, key=lambda g: repr(g.key))
    by_key = {g.key: g for g in groups}
    hidden = {g.key: PRIMARY for g in groups if is_primary(g, structures, people)}
    order = {g.key: (g.people, g.structures, repr(g.key)) for g in groups}
    known = {g.key for g in groups if g.empty}
    # A row is in some relation when it is a combination of the other rows.
    related = {
        g.key for g in groups if _in_span([h.atoms for h in groups if h.key != g.key], g.atoms)
    }
    while True:
        protected = {k for k in hidden if by_key[k].atoms and k not in known}

        def determined(key, without=None, protected=protected):
            outside = [
                g.atoms for g in groups if g.key not in protected and g.key not in (key, without)
            ]
            return _in_span(outside, by_key[key].atoms)

        exposed = sorted((k for k in protected if determined(k)), key=order.__getitem__)
        if not exposed:
            return hidden
        found = exposed[0]
        table = by_key[found].table
        visible = sorted(
            (k for k in related if k not in hidden),
            key=lambda k: (by_key[k].table != table, order[k]),
        )
        partner = next((k for k in visible if not determined(found, without=k)), None)
        if partner is None and visible:
            partner = visible[0]
        if partner is None:
            known.add(found)
            continue
        hidden[partner] = SECONDARY


SCOPES = st.sampled_from([("region",), ("region", "N1"), ("N1", "N2")])
QUARTERS = st.sampled_from([(), (1,), (1, 2)])


@settings(max_examples=80, deadline=None)
@given(structures_strategy, SCOPES, QUARTERS, st.integers(1, 4), st.integers(1, 25))
def test_protect_makes_the_documented_choices(structures, scopes, quarters, count, people):
    groups = build_groups(structures, scopes=scopes, quarters=quarters)
    expected = reference_protect(groups, structures=count, people=people)
    assert protect(groups, structures=count, people=people).hidden == expected


@settings(max_examples=40, deadline=None)
@given(structures_strategy, SCOPES)
def test_shared_dependencies_give_the_same_decision(structures, scopes):
    """``assemble`` computes the relations once and shares them between families."""
    groups = build_groups(structures, scopes=scopes)
    shared = Dependencies(sorted(groups, key=lambda g: repr(g.key)))
    alone = protect(groups, structures=3, people=10)
    assert protect(groups, structures=3, people=10, dependencies=shared).hidden == alone.hidden


def test_a_row_determined_only_through_empty_rows_becomes_known():
    """Both quarters are empty (known to the reader), so the year is known too: there
    is nothing to hide in its place, and it is left hidden as it is."""
    groups = [
        Group(("y",), "year", frozenset({1, 2}), 5, 8),
        Group(("q1",), "q1", frozenset({1}), 5, 0, empty=True),
        Group(("q2",), "q2", frozenset({2}), 5, 0, empty=True),
    ]
    decision = protect(groups, structures=3, people=10)
    assert decision.hidden == reference_protect(groups, structures=3, people=10)
    assert decision.hidden == {("y",): PRIMARY, ("q1",): PRIMARY, ("q2",): PRIMARY}
