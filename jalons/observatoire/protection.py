"""Statistical disclosure control of the observatory's editions. Pure Python, no Django.

Vocabulary
----------
A **group** is one row of one published table: the structures of a type, of a
département, of a network, or all of them ("Ensemble"), for one period. Every cell of
the row adds up the same structures, so a row is visible or hidden as a whole. Its
**population** is the denominator of the table's cells (people in pathways, entries,
examined exits, follow-ups done), its **structures** the structures contributing a
non-zero population.

Primary suppression
-------------------
A group is hidden when fewer than ``Thresholds.structures`` structures or fewer than
``Thresholds.people`` people contribute to it. Structures whose own figures are
published beside the tables (they consented, or submitted their Offre de Services to
the DDETS) are known to the reader: subtracting them from a group leaves its
**residual** (the structures not published individually), and a residual that is
not empty must itself reach both thresholds, or the group is hidden too.

Secondary suppression: why a linear-algebra test
------------------------------------------------
A reader knows which structure belongs to which type, département and network (the
list of SIAE is public), and knows every visible group's value. Each group's value is
the sum of the values of **atoms**: one atom per structure not published individually
and per quarter (a year is the sum of its quarters: not for a stock such as people in
pathways, but the tables have flow columns, entries, exits, hours, follow-ups due,
for which it is exact, and a row is shown or hidden whole; only the table of rates by
rule set has none, and treating it alike merely makes us more careful). A hidden group
can be recomputed exactly — by differencing totals and rows, across the tables by type,
by département and by network that share the same total, across the year and its
quarters, across the perimeters one user sees, and after subtracting the published
structures — if and only if its atom vector is a linear combination of the visible
groups' vectors. This module tests exactly that (Gaussian elimination over the
integers modulo a large prime, on atoms merged into classes that always appear
together), so every differencing attack, however many tables it chains, is covered,
not only "a total with one hidden row".

How: one elimination of all groups' vectors gives a basis of their linear relations
(``Dependencies``; e.g. "ACI + EI + ETTI − Ensemble = 0", "year − Q1 − Q2 − Q3 − Q4
= 0" per row). A hidden group is determined exactly when some relation involves it
and no other hidden group, i.e. when its column of coefficients is not a combination
of the other hidden groups' columns (one reduced echelon form answers for all). While
one is, a visible group whose hiding breaks that is hidden too — the one with fewest
people, then fewest structures, then by key, a group of the same table first — until
none is: a fixed point, reached because each step hides one more group, and
deterministic because every choice is ordered. The relations depend only on which
structures each row covers, so they are computed once per edition and shared by
every family of tables.

Rows whose unpublished structures all have only zeros are treated as known to the
reader (nothing about anyone is in them): they stay "secret" on the page, but the
other rows are protected without counting on them.

Worked example (see ``docs/observatoire.md``): types ACI 40 people / 6 structures,
EI 8 / 2, ETTI 30 / 4, Ensemble 78 / 12. EI is hidden (primary: 2 structures, 8
people). EI = Ensemble − ACI − ETTI, so ETTI (the smallest other row) is hidden
(secondary). If the table by département has the same Ensemble, the same test then
checks that EI + ETTI cannot be isolated there either.

Rates are computed from the cells of their row: a hidden row has no rate.

Limit: the guarantee is that no hidden row can be computed exactly. Bounds remain:
counts are non-negative, so a hidden row is at most the difference it hides in (the
usual "protection interval" of statistical offices, not enforced here beyond the
thresholds of each hidden row's partners).
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

PRIMARY = "primaire"
SECONDARY = "secondaire"
_P = 2_305_843_009_213_693_951  # 2**61 - 1, a prime: ranks mod p equal ranks over Q here


@dataclass(frozen=True)
class Group:
    key: Hashable  # unique, sortable: (table, period, perimeter, row label)
    table: Hashable  # groups of one table are preferred as secondary partners
    atoms: frozenset  # atoms of structures not published individually
    structures: int  # contributing structures (non-zero population)
    people: int  # population of the row's cells
    residual_structures: int = -1  # -1: same as structures (nothing published)
    residual_people: int = -1
    empty: bool = False  # every cell is zero: nothing about anyone to disclose


@dataclass
class Decision:
    hidden: dict = field(default_factory=dict)  # key -> PRIMARY | SECONDARY

    def reason(self, key) -> str:
        return self.hidden.get(key, "")


def is_primary(group: Group, structures: int, people: int) -> bool:
    if group.structures < structures or group.people < people:
        return True
    rs = group.structures if group.residual_structures < 0 else group.residual_structures
    rp = group.people if group.residual_people < 0 else group.residual_people
    return 0 < rs < structures or (rs > 0 and rp < people)


class Dependencies:
    """The linear relations among all groups (left null space of their vectors).

    A hidden group ``h`` is determined by the visible ones exactly when some relation
    involves ``h`` and no other hidden group; with ``col[g]`` the coefficients of group
    ``g`` in a basis of the relations, that is when ``col[h]`` is not a combination of
    the other hidden groups' columns. The relations are computed once (one
    elimination) and shared by every family of tables, which have the same rows."""

    def __init__(self, groups: list[Group]):
        vectors = _vectors(groups)
        basis, relations = _Basis(), []
        for g in groups:
            relation = basis.add(vectors[g.key], g.key)
            if relation is not None:
                relations.append(relation)
        self.size = len(relations)
        self.columns = {g.key: tuple(r.get(g.key, 0) for r in relations) for g in groups}
        self.secret = {g.key: bool(vectors[g.key]) for g in groups}
        # Groups in no relation at all: hiding them never protects another one.
        self.related = {k for k, column in self.columns.items() if any(column)}

    def determined(self, key, hidden: list) -> bool:
        others = [self.columns[k] for k in hidden if k != key and self.secret[k]]
        return any(_reducer(others)(self.columns[key]))

    def all_determined(self, hidden: list, known=frozenset()) -> list:
        """The hidden groups that the visible ones determine, from one reduced echelon
        form of the hidden groups' columns: a column is outside the span of the others
        exactly when it is a pivot column whose pivot row is zero in every other
        column."""
        keys = [k for k in hidden if self.secret[k] and k not in known]
        if not keys or not self.size:
            return []
        matrix = [[self.columns[k][i] for k in keys] for i in range(self.size)]
        pivots = _rref(matrix)
        out = []
        for row, col in pivots:
            if not any(matrix[row][j] for j in range(len(keys)) if j != col):
                out.append(keys[col])
        return out


def _rref(matrix: list[list[int]]) -> list[tuple[int, int]]:
    """Reduce ``matrix`` (mod p) in place to reduced row echelon form; its pivots."""
    pivots, row = [], 0
    rows, cols = len(matrix), len(matrix[0]) if matrix else 0
    for col in range(cols):
        found = next((r for r in range(row, rows) if matrix[r][col]), None)
        if found is None:
            continue
        matrix[row], matrix[found] = matrix[found], matrix[row]
        inverse = pow(matrix[row][col], _P - 2, _P)
        matrix[row] = [x * inverse % _P for x in matrix[row]]
        for r in range(rows):
            if r != row and matrix[r][col]:
                f = matrix[r][col]
                matrix[r] = [(x - f * y) % _P for x, y in zip(matrix[r], matrix[row], strict=True)]
        pivots.append((row, col))
        row += 1
        if row == rows:
            break
    return pivots


def _reducer(vectors: list[tuple]):
    """A function giving the canonical remainder of a vector modulo span(vectors)."""
    basis: list[tuple[int, list[int]]] = []
    for vector in vectors:
        v = list(vector)
        for pivot, b in basis:
            if v[pivot]:
                f = v[pivot]
                v = [(x - f * y) % _P for x, y in zip(v, b, strict=True)]
        nz = next((i for i, x in enumerate(v) if x), None)
        if nz is None:
            continue
        inverse = pow(v[nz], _P - 2, _P)
        v = [x * inverse % _P for x in v]
        for index, (pivot, b) in enumerate(basis):  # keep the basis fully reduced
            if b[nz]:
                f = b[nz]
                basis[index] = (pivot, [(x - f * y) % _P for x, y in zip(b, v, strict=True)])
        basis.append((nz, v))

    def remainder(vector: tuple) -> list[int]:
        v = list(vector)
        for pivot, b in basis:
            if v[pivot]:
                f = v[pivot]
                v = [(x - f * y) % _P for x, y in zip(v, b, strict=True)]
        return v

    return remainder


def _proportional(a: list[int], b: list[int]) -> bool:
    """Is ``a`` a multiple of ``b`` (b not zero)?"""
    nz = next(i for i, x in enumerate(b) if x)
    factor = a[nz] * pow(b[nz], _P - 2, _P) % _P
    return all((x - factor * y) % _P == 0 for x, y in zip(a, b, strict=True))


def protect(
    groups: Iterable[Group],
    *,
    structures: int,
    people: int,
    dependencies: Dependencies | None = None,
) -> Decision:
    """Which groups to hide, and why; ``groups`` are all the rows of one quantity (one
    family of tables) that one reader can see together. ``dependencies`` may be shared
    by families whose groups have the same keys and atoms."""
    groups = sorted(groups, key=lambda g: repr(g.key))
    deps = dependencies or Dependencies(groups)
    decision = Decision()
    for g in groups:
        if is_primary(g, structures, people):
            decision.hidden[g.key] = PRIMARY
    order = {g.key: (g.people, g.structures, repr(g.key)) for g in groups}
    by_key = {g.key: g for g in groups}
    # A row whose cells are all zero discloses nothing: it stays secret on the page,
    # but we assume the reader knows it, and protect the others without its help.
    known = {g.key for g in groups if g.empty}
    while True:
        hidden = sorted(decision.hidden, key=lambda k: order[k])
        exposed = set(deps.all_determined(hidden, known))
        found = next((k for k in hidden if k in exposed), None)
        if found is None:
            return decision
        table = by_key[found].table
        others = [
            deps.columns[k] for k in hidden if k != found and deps.secret[k] and k not in known
        ]
        remainder = _reducer(others)
        target = remainder(deps.columns[found])
        # Candidates in order of preference: a row of the same table first, then the
        # fewest people, the fewest structures, by key.
        visible = sorted(
            (g.key for g in groups if g.key not in decision.hidden and g.key in deps.related),
            key=lambda k: (by_key[k].table != table, order[k]),
        )
        # The first partner whose hiding makes ``found`` undetermined (its remainder
        # is a multiple of the target's), else the first row in a relation with it;
        # the loop goes on, each step hiding one more row.
        partner = next(
            (
                k
                for k in visible
                if any(rest := remainder(deps.columns[k])) and _proportional(target, rest)
            ),
            None,
        ) or next((k for k in visible if any(deps.columns[k])), None)
        if partner is None:  # determined by empty rows alone: it is empty too
            known.add(found)
            continue
        decision.hidden[partner] = SECONDARY


def determined(groups: Iterable[Group], hidden: set) -> list:
    """The hidden groups whose value the visible ones determine (empty when safe)."""
    groups = sorted(groups, key=lambda g: repr(g.key))
    vectors = _vectors(groups)
    basis = _Basis()
    for g in groups:
        if g.key not in hidden:
            basis.add(vectors[g.key], g.key)
    return [
        g.key
        for g in groups
        if g.key in hidden and vectors[g.key] and basis.combination(vectors[g.key]) is not None
    ]


def _vectors(groups: list[Group]) -> dict:
    """Each group as {class: 1}: atoms that belong to exactly the same groups are merged
    into one class, which changes no rank and keeps the vectors short."""
    signature: dict = {}
    for index, g in enumerate(groups):
        for atom in g.atoms:
            signature.setdefault(atom, []).append(index)
    classes: dict[tuple, int] = {}
    vectors = {g.key: {} for g in groups}
    for members in signature.values():
        cls = classes.setdefault(tuple(members), len(classes))
        for index in members:
            vectors[groups[index].key][cls] = 1
    return vectors


class _Basis:
    """Rows in echelon form (mod p), each with the combination of groups it stands for."""

    def __init__(self):
        self.rows: list[tuple[int, dict, dict]] = []  # (pivot, vector, combination)

    def _reduce(self, vector: dict, combination: dict) -> tuple[dict, dict]:
        vector, combination = dict(vector), dict(combination)
        for pivot, row, row_comb in self.rows:
            factor = vector.get(pivot)
            if not factor:
                continue
            for col, value in row.items():
                new = (vector.get(col, 0) - factor * value) % _P
                if new:
                    vector[col] = new
                else:
                    vector.pop(col, None)
            for key, value in row_comb.items():
                new = (combination.get(key, 0) - factor * value) % _P
                if new:
                    combination[key] = new
                else:
                    combination.pop(key, None)
        return vector, combination

    def add(self, vector: dict, key) -> dict | None:
        """Add a row; when it depends on the rows already there, return the relation
        (coefficients of groups summing to zero) instead."""
        reduced, combination = self._reduce(vector, {key: 1})
        if not reduced:
            return combination
        pivot = min(reduced)
        inverse = pow(reduced[pivot], _P - 2, _P)
        reduced = {c: v * inverse % _P for c, v in reduced.items()}
        combination = {k: v * inverse % _P for k, v in combination.items()}
        self.rows.append((pivot, reduced, combination))
        return None

    def combination(self, vector: dict) -> dict | None:
        """Coefficients of visible groups summing to ``vector``, or None if none do."""
        reduced, combination = self._reduce(vector, {})
        if reduced:
            return None
        return {k: (-v) % _P for k, v in combination.items()}
