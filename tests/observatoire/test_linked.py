"""Derived aggregates (``linked.disclosures``): combinations of published rows that
add up too few structures or too few people."""

from jalons.observatoire.linked import P, disclosures


def atoms(*structures, part=1):
    return frozenset((s, part) for s in structures)


def find(visible, population, *, people=10, limit=5):
    """``population``: by structure, or by atom (structure, quarter)."""

    def of(atom):
        return population.get(atom, population.get(atom[0], 0))

    return disclosures(
        visible,
        known=set(),
        contributes=lambda atom: of(atom) > 0,
        structures=3,
        people=of,
        minimum_people=people,
        limit=limit,
    )


def signed(coefficient):
    return coefficient - P if coefficient > P // 2 else coefficient


def test_a_row_minus_another_that_leaves_one_structure_is_found():
    visible = [("region", atoms(1, 2, 3, 4)), ("reseau", atoms(1, 2, 3))]
    found = find(visible, {s: 20 for s in (1, 2, 3, 4)})
    assert [d.structures for d in found] == [frozenset({4})]
    combination = {k: signed(v) for k, v in found[0].combination.items()}
    assert combination in ({"region": 1, "reseau": -1}, {"region": -1, "reseau": 1})


def test_a_difference_of_three_structures_and_six_people_is_found_and_not_with_fifteen():
    visible = [("region", atoms(1, 2, 3, 4, 5, 6)), ("reseau", atoms(4, 5, 6))]
    few = find(visible, {1: 2, 2: 2, 3: 2, 4: 20, 5: 20, 6: 20})
    assert [d.structures for d in few] == [frozenset({1, 2, 3})]
    assert set(few[0].combination) == {"region", "reseau"}
    assert find(visible, {1: 5, 2: 5, 3: 5, 4: 20, 5: 20, 6: 20}) == []


def test_structures_without_people_do_not_hide_a_small_difference():
    # Structure 9 has figures but nobody in the population: region − network still
    # adds up structures 1, 2, 3 and their 6 people (plus 9, which counts for nothing).
    visible = [("region", atoms(1, 2, 3, 9)), ("reseau", atoms(9)), ("autre", atoms(1, 2, 3, 4))]
    found = find(visible, {1: 2, 2: 2, 3: 2, 4: 30}, limit=10)
    small = [d for d in found if d.structures == frozenset({1, 2, 3})]
    assert small and set(small[0].combination) == {"region", "reseau"}


def test_the_year_minus_its_quarters_is_a_derived_aggregate_too():
    # Year rows hold every quarter; the first quarter of each row is published too.
    year = lambda *s: frozenset((x, q) for x in s for q in (1, 2, 3, 4))  # noqa: E731
    q1 = lambda *s: frozenset((x, 1) for x in s)  # noqa: E731
    visible = [("annee", year(1, 2, 3)), ("t1", q1(1, 2, 3))]
    # 5 people in each first quarter (15: published), 1 in each later one (9 in all).
    population = {**{(s, 1): 5 for s in (1, 2, 3)}, **{s: 1 for s in (1, 2, 3)}}
    found = find(visible, population)
    assert [d.structures for d in found] == [frozenset({1, 2, 3})]
    assert set(found[0].combination) == {"annee", "t1"}
    population = {**{(s, 1): 5 for s in (1, 2, 3)}, **{s: 4 for s in (1, 2, 3)}}
    assert find(visible, population) == []  # 36 people after the first quarter


def test_a_disclosure_that_only_published_rows_compute_is_reported_apart():
    visible = [("region", atoms(1, 2, 3, 4)), ("reseau", atoms(1, 2, 3))]
    unfixable: list = []
    found = disclosures(
        visible,
        known=set(),
        contributes=lambda atom: True,
        structures=3,
        fixable=lambda combination: False,
        unfixable=unfixable,
    )
    assert found == [] and [d.structures for d in unfixable] == [frozenset({4})]


def test_nothing_is_found_when_every_combination_is_large():
    visible = [("a", atoms(1, 2, 3, 4, 5, 6, 7)), ("b", atoms(1, 2, 3)), ("c", atoms(4, 5, 6, 7))]
    assert find(visible, {s: 10 for s in range(1, 8)}) == []
