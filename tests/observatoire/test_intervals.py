"""Protection intervals of hidden cells (no database): worked examples, tables with
margins, known classes, zeros, determinism, and a brute-force check on tiny problems."""

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalons.observatoire.intervals import Narrow, audit, partners


def bounds(classes, published, hidden, known=()):
    """Every hidden cell's bounds: at p = 2 each bounded cell is "narrow" (its lower
    bound, at least 0, exceeds V(1 − p) = −V), so the audit reports them all."""
    return {
        (n.key, n.column): (n.low, n.high)
        for n in audit(classes, published, hidden, p=2.0, known=known)
    }


def types(eti: float) -> tuple[dict, dict, dict]:
    """The worked example: types ACI 40, EI 8, ETTI ``eti``, Ensemble; EI and ETTI
    hidden."""
    classes = {"aci": [40], "ei": [8], "etti": [eti]}
    published = {"ACI": {"aci"}, "Ensemble": {"aci", "ei", "etti"}}
    hidden = {"EI": {"ei"}, "ETTI": {"etti"}}
    return classes, published, hidden


def test_worked_example_is_wide():
    classes, published, hidden = types(30)
    assert audit(classes, published, hidden) == []
    assert bounds(classes, published, hidden) == {("EI", 0): (0, 38), ("ETTI", 0): (0, 38)}


def test_worked_example_with_a_small_partner_depends_on_p():
    classes, published, hidden = types(1)
    # EI in [0, 9]: 9 ≥ 8 × 1.10 is wide enough at 10 %, not at 15 % (9 < 9.2).
    assert audit(classes, published, hidden, p=0.10) == []
    assert audit(classes, published, hidden, p=0.15) == [Narrow("EI", 0, 8, 0, 9)]
    # Exactly at the edge (9 = 8 × 1.125) is not narrow; just past it is.
    assert audit(classes, published, hidden, p=0.125) == []
    assert audit(classes, published, hidden, p=0.126) == [Narrow("EI", 0, 8, 0, 9)]


def test_a_determined_cell_is_narrow():
    classes, published, hidden = types(30)
    published["ETTI"] = {"etti"}
    del hidden["ETTI"]
    assert audit(classes, published, hidden, p=0.10) == [Narrow("EI", 0, 8, 8, 8)]
    # At p = 0 nothing is required: high == V(1 + p) is not narrow.
    assert audit(classes, published, hidden, p=0.0) == []


def table_2x2():
    """Cells 8 3 / 22 3, margins 11, 25 (rows), 30, 6 (columns), total 36; all four
    cells hidden."""
    cells = {(1, 1): 8, (1, 2): 3, (2, 1): 22, (2, 2): 3}
    classes = {c: [v] for c, v in cells.items()}
    published = {
        ("row", 1): {(1, 1), (1, 2)},
        ("row", 2): {(2, 1), (2, 2)},
        ("col", 1): {(1, 1), (2, 1)},
        ("col", 2): {(1, 2), (2, 2)},
        "total": set(cells),
    }
    hidden = {("cell", c): {c} for c in cells}
    return classes, published, hidden


def test_two_dimensional_table_bounds_come_from_both_margins():
    classes, published, hidden = table_2x2()
    # x11 ≥ column 1 − row 2 = 30 − 25 = 5 and x11 ≤ row 1 = 11; x21 ≥ 30 − 11 = 19
    # and ≤ row 2 = 25; the cells of column 2 are at most its margin 6.
    assert bounds(classes, published, hidden) == {
        (("cell", (1, 1)), 0): (5, 11),
        (("cell", (1, 2)), 0): (0, 6),
        (("cell", (2, 1)), 0): (19, 25),
        (("cell", (2, 2)), 0): (0, 6),
    }
    # At 50 %: 11 < 12 and 5 > 4 for x11, 25 < 33 and 19 > 11 for x21.
    assert audit(classes, published, hidden, p=0.5) == [
        Narrow(("cell", (1, 1)), 0, 8, 5, 11),
        Narrow(("cell", (2, 1)), 0, 22, 19, 25),
    ]
    # At 10 %: 11 ≥ 8.8 and 5 ≤ 7.2, 25 ≥ 24.2 and 19 ≤ 19.8: wide enough.
    assert audit(classes, published, hidden, p=0.10) == []


def test_known_classes_are_constants_for_the_reader():
    # EI has two structures; one of them (4) is published by name.
    classes = {"aci": [40], "ei1": [4], "ei2": [4], "etti": [30]}
    published = {"ACI": {"aci"}, "Ensemble": set(classes)}
    hidden = {"EI": {"ei1", "ei2"}, "ETTI": {"etti"}}
    assert bounds(classes, published, hidden) == {("EI", 0): (0, 38), ("ETTI", 0): (0, 38)}
    assert bounds(classes, published, hidden, known={"ei2"}) == {
        ("EI", 0): (4, 38),  # at least the known structure
        ("ETTI", 0): (0, 34),
    }
    # Knowing the whole of ETTI determines EI.
    assert audit(classes, published, hidden, known={"etti"}) == [
        Narrow("EI", 0, 8, 8, 8),
        Narrow("ETTI", 0, 30, 30, 30),
    ]


def test_columns_are_separate_and_zeros_are_handled():
    # Column 0 as the worked example; in column 1 ETTI is zero (skipped) and EI is
    # bounded by the difference it hides in: [0, 4] around 4 is narrow. In column 2
    # everything is zero. A published zero (D2) fixes its class to zero.
    classes = {"aci": [40, 6, 0], "ei1": [5, 4, 0], "ei2": [3, 0, 0], "etti": [30, 0, 0]}
    published = {"ACI": {"aci"}, "Ensemble": set(classes), "D2": {"ei2"}}
    hidden = {"EI": {"ei1", "ei2"}, "ETTI": {"etti"}}
    assert audit(classes, published, hidden) == [Narrow("EI", 1, 4, 0, 4)]
    assert bounds(classes, published, hidden) == {
        ("EI", 0): (3, 38),  # ei2 = 3 is published by D2; ei1 + ETTI = 35
        ("ETTI", 0): (0, 35),
        ("EI", 1): (0, 4),
    }


def test_a_cell_narrow_from_below_reports_its_exact_upper_bound_too():
    # a + b = 10 and b + c = 1: a in [9, 10] is narrow from below only; pushing the
    # small cell b up first leaves a at 9, below its maximum.
    classes = {"a": [9], "b": [1], "c": [0]}
    published = {"ab": {"a", "b"}, "bc": {"b", "c"}}
    hidden = {"A": {"a"}, "B": {"b"}}
    assert audit(classes, published, hidden) == [
        Narrow("A", 0, 9, 9, 10),
        Narrow("B", 0, 1, 0, 1),
    ]


def test_a_class_in_no_published_group_is_unbounded():
    classes = {"a": [5], "b": [7], "c": [2]}
    published = {"ab": {"a", "b"}}
    hidden = {"a": {"a"}, "ac": {"a", "c"}}
    assert bounds(classes, published, hidden) == {("a", 0): (0, 12), ("ac", 0): (0, math.inf)}
    assert audit(classes, published, hidden, p=0.10) == []


def test_a_hidden_group_over_independent_tables_adds_their_bounds():
    classes_a, published_a, _hidden_a = types(1)
    classes_b, published_b, _hidden_b = table_2x2()
    classes = {**classes_a, **classes_b}
    published = {**published_a, **published_b}
    hidden = {"EI+x11": {"ei", (1, 1)}, "EI": {"ei"}}
    assert bounds(classes, published, hidden) == {("EI", 0): (0, 9), ("EI+x11", 0): (5, 20)}


def test_partners_share_a_class_smallest_first():
    classes, published, hidden = types(1)
    published["D1"] = {"ei", "etti"}  # 9
    published["Réseau"] = {"aci"}  # shares nothing with EI
    narrow = audit(classes, published, hidden, p=0.15)[0]
    assert partners(narrow, published, hidden, classes) == ["D1", "Ensemble"]


def test_result_does_not_depend_on_the_order_of_the_input():
    rng = random.Random(7)
    classes, published, hidden, known = random_region(rng)
    first = audit(classes, published, hidden, p=0.2, known=known)
    assert first  # the example exercises narrow cells
    for _ in range(3):
        shuffled = list(classes.items())
        rng.shuffle(shuffled)
        groups = list(published.items())
        rng.shuffle(groups)
        hidden_items = list(hidden.items())
        rng.shuffle(hidden_items)
        again = audit(
            dict(shuffled),
            {k: list(v)[::-1] for k, v in groups},
            dict(hidden_items),
            p=0.2,
            known=list(known)[::-1],
        )
        assert again == first


def test_bad_input_is_refused():
    classes, published, hidden = types(30)
    with pytest.raises(ValueError, match="'ghost'"):
        audit(classes, {**published, "X": {"ghost"}}, hidden)
    with pytest.raises(ValueError, match="non-negative"):
        audit({**classes, "aci": [-1]}, published, hidden)
    with pytest.raises(ValueError, match="one number per column"):
        audit({**classes, "aci": [1, 2]}, published, hidden)
    with pytest.raises(ValueError, match="p must"):
        audit(classes, published, hidden, p=-0.1)


def random_region(rng):
    """A small region: structures with a type, a département and a quarter; rows by
    type, by département and Ensemble for each quarter and the year, the 8 smallest
    hidden; two columns, some structures known."""
    classes, members = {}, {}
    for s in range(30):
        kind, dep = rng.choice("ABC"), rng.choice("XYZ")
        for q in (1, 2):
            name = (s, q)
            classes[name] = [rng.randint(0, 9), rng.randint(0, 2)]
            for period in (q, "Y"):
                for key in ((period, "type", kind), (period, "dep", dep), (period, "all")):
                    members.setdefault(key, set()).add(name)
    small = sorted(members, key=lambda k: (sum(classes[c][0] for c in members[k]), repr(k)))
    hidden_keys = set(small[:8])
    known = {(s, q) for s in range(0, 30, 7) for q in (1, 2)}
    published = {k: v for k, v in members.items() if k not in hidden_keys}
    hidden = {k: v for k, v in members.items() if k in hidden_keys}
    return classes, published, hidden, known


# Brute force on tiny integer problems ------------------------------------------------


def brute_force(values: dict, published: dict, hidden: dict, known: set) -> dict:
    """(low, high) of each hidden group with V > 0 over all non-negative *integer*
    solutions, by depth-first enumeration (one column)."""
    names = sorted(values, key=repr)
    rows = [(frozenset(g), sum(values[c] for c in g)) for g in published.values()]
    free = [c for c in names if c not in known and not any(c in g for g, _ in rows)]
    order = [c for c in names if c not in free]
    ranges = {}
    for c in order:
        if c in known:
            ranges[c] = [values[c]]
        else:
            ranges[c] = range(min(rhs for g, rhs in rows if c in g) + 1)
    position = {c: i for i, c in enumerate(order)}
    # Each row is checked once its last class is assigned, and never exceeded before.
    closing = {}
    for g, rhs in rows:
        closing.setdefault(max(position[c] for c in g), []).append((g, rhs))
    result = {k: [math.inf, -math.inf] for k, g in hidden.items() if sum(values[c] for c in g)}
    x = {c: 0 for c in free}

    def visit(i: int) -> None:
        if i == len(order):
            for k in result:
                total = sum(x[c] for c in hidden[k])
                result[k][0] = min(result[k][0], total)
                result[k][1] = max(result[k][1], total)
            return
        c = order[i]
        for v in ranges[c]:
            x[c] = v
            within = all(
                sum(x[d] for d in g if position[d] <= i) <= rhs for g, rhs in rows if c in g
            )
            if within and all(sum(x[d] for d in g) == rhs for g, rhs in closing.get(i, ())):
                visit(i + 1)
        del x[c]

    visit(0)
    for k in result:
        if any(c in free for c in hidden[k]):
            result[k][1] = math.inf
    return {k: tuple(b) for k, b in result.items()}


@st.composite
def tiny_problems(draw):
    n = draw(st.integers(2, 5))
    names = [f"c{i}" for i in range(n)]
    values = {c: draw(st.integers(0, 3)) for c in names}
    subsets = st.sets(st.sampled_from(names), min_size=1)
    published = {f"p{i}": g for i, g in enumerate(draw(st.lists(subsets, max_size=5)))}
    hidden = {f"h{i}": g for i, g in enumerate(draw(st.lists(subsets, min_size=1, max_size=4)))}
    known = draw(st.sets(st.sampled_from(names), max_size=2))
    return values, published, hidden, known


@st.composite
def tables(draw):
    """A table of 2 or 3 rows by 2 or 3 columns with its margins and total; some cells
    published; the other cells and some margins hidden (totally unimodular)."""
    r, c = draw(st.integers(2, 3)), draw(st.integers(2, 3))
    cells = [(i, j) for i in range(r) for j in range(c)]
    values = {cell: draw(st.integers(0, 3)) for cell in cells}
    margins = {("row", i): {(i, j) for j in range(c)} for i in range(r)}
    margins |= {("col", j): {(i, j) for i in range(r)} for j in range(c)}
    margins["total"] = set(cells)
    shown = draw(st.sets(st.sampled_from(cells), max_size=2))
    hidden_margins = draw(st.sets(st.sampled_from(sorted(margins, key=repr)), max_size=2))
    published = {k: g for k, g in margins.items() if k not in hidden_margins}
    published |= {("cell", cell): {cell} for cell in shown}
    hidden = {("cell", cell): {cell} for cell in cells if cell not in shown}
    hidden |= {k: margins[k] for k in hidden_margins}
    return values, published, hidden


def lp_bounds(values, published, hidden, known=()):
    return {k: b for (k, _column), b in bounds({c: [v] for c, v in values.items()},
                                              published, hidden, known).items()}  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(tiny_problems())
def test_relaxation_bounds_contain_the_integer_bounds(problem):
    values, published, hidden, known = problem
    exact = brute_force(values, published, hidden, known)
    relaxed = lp_bounds(values, published, hidden, known)
    assert relaxed.keys() == exact.keys()
    for key, (low, high) in exact.items():
        lp_low, lp_high = relaxed[key]
        assert lp_low <= low + 1e-7 and lp_high >= high - 1e-7, key
        # Nor wider than the obvious bounds: 0, and for each class its value if known,
        # else the smallest published group holding it.
        assert lp_low >= -1e-7
        if high < math.inf:
            caps = [
                values[c]
                if c in known
                else min(sum(values[d] for d in g) for g in published.values() if c in g)
                for c in hidden[key]
            ]
            assert lp_high <= sum(caps) + 1e-7
        else:
            assert lp_high == math.inf


@settings(max_examples=40, deadline=None)
@given(tables())
def test_relaxation_bounds_are_exact_on_tables_with_margins(problem):
    values, published, hidden = problem
    exact = brute_force(values, published, hidden, set())
    relaxed = lp_bounds(values, published, hidden)
    assert relaxed.keys() == exact.keys()
    for key, (low, high) in exact.items():
        assert relaxed[key] == (pytest.approx(low, abs=1e-7), pytest.approx(high, abs=1e-7))


@settings(max_examples=30, deadline=None)
@given(tiny_problems(), st.sampled_from([0.0, 0.1, 0.5, 1.0]))
def test_narrow_cells_follow_the_bounds(problem, p):
    values, published, hidden, known = problem
    classes = {c: [v, 2 * v] for c, v in values.items()}  # two columns
    relaxed = bounds(classes, published, hidden, known)
    narrow = {
        (n.key, n.column): (n.low, n.high)
        for n in audit(classes, published, hidden, p=p, known=known)
    }
    for (key, column), (low, high) in relaxed.items():
        value = sum(classes[c][column] for c in hidden[key])
        expected = high < value * (1 + p) - 1e-6 or low > value * (1 - p) + 1e-6
        wide = high >= value * (1 + p) + 1e-6 and low <= value * (1 - p) - 1e-6
        if expected:
            assert (key, column) in narrow
        elif wide:
            assert (key, column) not in narrow
    # A narrow cell is reported with both exact bounds, not with what proved it narrow.
    for key, column in narrow:
        reported = narrow[key, column]
        assert reported == pytest.approx(relaxed[key, column], abs=1e-7)


def test_narrow_cells_carry_their_exact_bounds():
    classes, published, hidden, known = random_region(random.Random(3))
    exact = bounds(classes, published, hidden, known)
    for p in (0.05, 0.2, 0.5):
        found = audit(classes, published, hidden, p=p, known=known)
        assert found
        for n in found:
            assert (n.low, n.high) == pytest.approx(exact[n.key, n.column], abs=1e-7)


def test_many_independent_tables():
    # 300 independent 2 × 2 tables with margins, the diagonal hidden: each cell's
    # bounds come from its own table only.
    rng = random.Random(5)
    classes, published, hidden, expected = {}, {}, {}, {}
    for t in range(300):
        v = {(i, j): rng.randint(1, 9) for i in range(2) for j in range(2)}
        classes |= {(t, i, j): [x] for (i, j), x in v.items()}
        for i in range(2):
            published[t, "row", i] = {(t, i, 0), (t, i, 1)}
            published[t, "col", i] = {(t, 0, i), (t, 1, i)}
        hidden[t, "x00"] = {(t, 0, 0)}
        r0, c0, r1 = v[0, 0] + v[0, 1], v[0, 0] + v[1, 0], v[1, 0] + v[1, 1]
        expected[(t, "x00"), 0] = (max(0, c0 - r1), min(r0, c0))
    assert bounds(classes, published, hidden) == expected
