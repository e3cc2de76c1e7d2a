"""Statistical disclosure control: property tests on random tables (no database)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from jalons.observatoire.protection import PRIMARY, SECONDARY, Group, determined, protect

KINDS = ("ACI", "EI", "ETTI", "AI")
DEPS = ("59", "62", "80")
NETS = ("N1", "N2")

structures_strategy = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.sampled_from(DEPS),
        st.sets(st.sampled_from(NETS), max_size=2),
        st.integers(min_value=0, max_value=30),  # people in the year
        st.booleans(),  # published by name (consented)
    ),
    min_size=1,
    max_size=16,
)


def _share(year: int, period: int) -> int:
    return year if period == 0 else year // 2 if period == 1 else year - year // 2


def build_groups(structures, *, scopes=("region",), quarters=(1, 2)):
    """Rows by type, by département and by network, plus Ensemble, for the year and
    some quarters, for one or two perimeters; the quarter values split the year's."""
    groups = []
    for scope in scopes:
        members = [i for i, s in enumerate(structures) if scope == "region" or scope in s[2]]
        for period in (0, *quarters):
            dims = {"type": {}, "dep": {}, "net": {}}
            for i in members:
                kind, dep, nets, _people, _pub = structures[i]
                dims["type"].setdefault(kind, []).append(i)
                dims["dep"].setdefault(dep, []).append(i)
                for n in nets:
                    dims["net"].setdefault(n, []).append(i)
            for dim, rows in dims.items():
                for label, pks in [*rows.items(), ("Ensemble", members)]:
                    if not pks:
                        continue
                    # Additive: the first quarter holds half the year, the second the rest.
                    people = [_share(structures[i][3], period) for i in pks]
                    residual = [i for i in pks if not structures[i][4]]
                    atoms = frozenset(
                        (i, q)
                        for i in residual
                        for q in ((quarters or (0,)) if period == 0 else (period,))
                    )
                    groups.append(
                        Group(
                            key=(scope, period, dim, label),
                            table=(scope, period, dim),
                            atoms=atoms,
                            structures=sum(1 for p in people if p),
                            people=sum(people),
                            residual_structures=len(residual),
                            residual_people=sum(
                                p for i, p in zip(pks, people, strict=True) if i in residual
                            ),
                            empty=not any(
                                p for i, p in zip(pks, people, strict=True) if i in residual
                            ),
                        )
                    )
    return groups


def by_key(groups):
    return {g.key: g for g in groups}


def span_contains(rows: list[set], target: set) -> bool:
    """Independent check with exact fractions on atom-level vectors."""
    atoms = sorted(set().union(target, *rows), key=repr)
    index = {a: i for i, a in enumerate(atoms)}

    def vec(s):
        v = [Fraction(0)] * len(atoms)
        for a in s:
            v[index[a]] = Fraction(1)
        return v

    basis = []  # (pivot, vector)
    for row in rows:
        v = vec(row)
        for pivot, b in basis:
            if v[pivot]:
                f = v[pivot] / b[pivot]
                v = [x - f * y for x, y in zip(v, b, strict=True)]
        nz = next((i for i, x in enumerate(v) if x), None)
        if nz is not None:
            basis.append((nz, v))
    v = vec(target)
    for pivot, b in basis:
        if v[pivot]:
            f = v[pivot] / b[pivot]
            v = [x - f * y for x, y in zip(v, b, strict=True)]
    return not any(v)


@settings(max_examples=60, deadline=None)
@given(structures_strategy, st.sampled_from([("region",), ("region", "N1"), ("N1", "N2")]))
def test_every_visible_row_meets_both_thresholds_for_every_scope(structures, scopes):
    groups = build_groups(structures, scopes=scopes)
    decision = protect(groups, structures=3, people=10)
    for g in groups:
        if g.key not in decision.hidden:
            assert g.structures >= 3 and g.people >= 10
            assert g.residual_structures == 0 or g.residual_structures >= 3
            assert g.residual_structures == 0 or g.residual_people >= 10


@settings(max_examples=60, deadline=None)
@given(structures_strategy, st.sampled_from([("region",), ("region", "N1"), ("N1", "N2")]))
def test_no_hidden_row_is_a_linear_combination_of_visible_rows(structures, scopes):
    groups = build_groups(structures, scopes=scopes)
    decision = protect(groups, structures=3, people=10)
    # Rows with no one in them are assumed known to the reader.
    visible = [set(g.atoms) for g in groups if g.key not in decision.hidden or g.empty]
    for g in groups:
        if g.key in decision.hidden and g.atoms and not g.empty:
            assert not span_contains(visible, set(g.atoms)), g.key
    assert determined(groups, {k for k in decision.hidden if not by_key(groups)[k].empty}) == []


@settings(max_examples=60, deadline=None)
@given(structures_strategy)
def test_no_total_has_exactly_one_hidden_row_in_a_partition(structures):
    groups = build_groups(structures)
    decision = protect(groups, structures=3, people=10)
    for table in {g.table for g in groups if g.table[2] in ("type", "dep")}:
        rows = [g for g in groups if g.table == table]
        secret = [g for g in rows if g.key in decision.hidden and g.atoms and not g.empty]
        others = [g for g in rows if g not in secret and g.atoms and not g.empty]
        # One secret row alone would be the total minus the others; unless every
        # other row is empty or published, so that there is nothing to subtract.
        assert len(secret) != 1 or not others


def test_the_worked_example_of_the_documentation():
    """ACI 40 people / 6 structures, EI 8 / 2, ETTI 30 / 4: EI is primary, and ETTI,
    the smallest other row, becomes secondary (EI = Ensemble − ACI − ETTI otherwise)."""
    rows = {"ACI": (6, 40), "EI": (2, 8), "ETTI": (4, 30)}
    atoms, groups, n = {}, [], 0
    for label, (count, _people) in rows.items():
        atoms[label] = frozenset(range(n, n + count))
        n += count
    for label, (count, people) in rows.items():
        groups.append(Group(("t", label), "t", atoms[label], count, people))
    groups.append(Group(("t", "Ensemble"), "t", frozenset(range(n)), 12, 78))
    decision = protect(groups, structures=3, people=10)
    assert decision.hidden == {("t", "EI"): PRIMARY, ("t", "ETTI"): SECONDARY}


def test_a_hidden_type_cannot_be_recovered_through_the_table_by_departement():
    """Two EI, both in the 62 which has nothing else: the row 62 would give EI away
    (62 = EI), so it is hidden too, whatever its size."""
    structures = [("ACI", "59", set(), 20, False)] * 3 + [("EI", "62", set(), 20, False)] * 2
    structures += [("ETTI", "59", set(), 20, False)] * 3
    groups = build_groups(structures, quarters=())
    decision = protect(groups, structures=3, people=10)
    assert ("region", 0, "type", "EI") in decision.hidden
    assert ("region", 0, "dep", "62") in decision.hidden
    visible = [set(g.atoms) for g in groups if g.key not in decision.hidden]
    ei = next(g for g in groups if g.key == ("region", 0, "type", "EI"))
    assert not span_contains(visible, set(ei.atoms))


def test_a_quarter_hidden_alone_cannot_be_recovered_from_the_year():
    """The year is the sum of its quarters: hiding only one quarter of a row would
    give it away, so another quarter (or the year) is hidden with it."""
    g = [
        Group(("y",), "year", frozenset({1, 2}), 5, 40),
        Group(("q1",), "q1", frozenset({1}), 5, 8),
        Group(("q2",), "q2", frozenset({2}), 5, 32),
    ]
    decision = protect(g, structures=3, people=10)
    assert decision.hidden[("q1",)] == PRIMARY
    assert len(decision.hidden) == 2


def test_a_group_covering_one_unpublished_structure_is_hidden():
    """Four structures, three of which publish their figures: the total minus them
    would be the fourth structure's figures."""
    g = Group(("t", "ACI"), "t", frozenset({4}), 4, 60, residual_structures=1, residual_people=12)
    assert protect([g], structures=3, people=10).hidden == {("t", "ACI"): PRIMARY}
