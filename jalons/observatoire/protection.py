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

How: one elimination gives a basis of the linear relations among all groups' vectors
(``Dependencies``; e.g. "ACI + EI + ETTI − Ensemble = 0", "year − Q1 − Q2 − Q3 − Q4
= 0" per row). A hidden group is determined exactly when some relation involves it
and no other hidden group, i.e. when its column of coefficients is not a combination
of the other hidden groups' columns: when it is in no linear dependency among the
hidden groups' columns. These tests depend only on the span of the columns, not on
the basis of relations chosen. While one is determined, a visible group whose hiding
breaks that is hidden too — the one with fewest people, then fewest structures, then
by key, a group of the same table first — until none is: a fixed point, reached
because each step hides one more group, and deterministic because every choice is
ordered. The hidden groups' columns are kept in an echelon basis that records the
dependencies found (``_Span``): hiding one more group only adds to it, so each step
reuses the work of the previous ones. The relations depend only on which structures
each row covers, so they are computed once per edition and shared by every family of
tables.

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
from itertools import chain

PRIMARY = "primaire"
SECONDARY = "secondaire"
_P = 2_305_843_009_213_693_951  # 2**61 - 1, a prime: ranks mod p equal ranks over Q here


def _subtract(vector: dict, factor: int, row: dict) -> None:
    """``vector -= factor × row`` (mod p), on sparse vectors, in place."""
    for col, value in row.items():
        new = (vector.get(col, 0) - factor * value) % _P
        if new:
            vector[col] = new
        else:
            vector.pop(col, None)


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
    involves ``h`` and no other hidden group; with ``columns[g]`` the coefficients of
    group ``g`` in a basis of the relations, that is when ``columns[h]`` is not a
    combination of the other hidden groups' columns (see ``_Span``). The relations are
    computed once (one elimination) and shared by every family of tables, which have
    the same rows."""

    def __init__(self, groups: list[Group]):
        relations = _relations(groups)
        self.size = len(relations)
        # Sparse columns {relation index: coefficient}: a row is in a handful of the
        # relations (its table's total, its year and quarters), not in all of them.
        self.columns: dict = {g.key: {} for g in groups}
        for index, relation in enumerate(relations):
            for position, coefficient in relation.items():
                self.columns[groups[position].key][index] = coefficient
        self.secret = {g.key: bool(g.atoms) for g in groups}
        # Groups in no relation at all: hiding them never protects another one.
        self.related = {k for k, column in self.columns.items() if column}


def _relations(groups: list[Group]) -> list[dict]:
    """A basis of the linear relations among the groups' vectors, each as {position of
    the group: coefficient}.

    They are the null space of the incidence matrix whose columns are the groups and
    whose rows are the classes of atoms (the set of groups an atom belongs to, as in
    ``_vectors``: atoms of the same groups make the same row). Eliminating on those
    rows is cheap: each is in a handful of groups, and its length is bounded by the
    number of groups, whereas a group's vector spans hundreds of classes."""
    signature: dict = {}  # atom -> bit mask of the groups holding it
    get = signature.get
    for position, g in enumerate(groups):
        bit = 1 << position
        for atom in g.atoms:
            signature[atom] = get(atom, 0) | bit
    rows: dict[int, dict] = {}  # pivot -> row, kept in reduced row echelon form
    for mask in sorted(set(signature.values())):
        vector = {}
        while mask:
            low = mask & -mask
            vector[low.bit_length() - 1] = 1
            mask ^= low
        # The rows are zero at each other's pivots: one pass over the pivots present.
        for pivot in [c for c in vector if c in rows]:
            factor = vector[pivot]
            _subtract(vector, factor, rows[pivot])
        if not vector:
            continue
        pivot = min(vector)
        inverse = pow(vector[pivot], _P - 2, _P)
        vector = {c: v * inverse % _P for c, v in vector.items()}
        for row in rows.values():
            factor = row.get(pivot)
            if factor:
                _subtract(row, factor, vector)
        rows[pivot] = vector
    # One relation per free group (not a pivot): it, minus the pivots it stands for.
    relations = []
    for free in range(len(groups)):
        if free in rows:
            continue
        relation = {free: 1}
        for pivot, row in rows.items():
            if free in row:
                relation[pivot] = (-row[free]) % _P
        relations.append(relation)
    return relations


class _Span:
    """The span of the hidden groups' columns, grown one group at a time.

    Rows are kept in echelon form mod p (each row is zero at the pivots of the rows
    before it), each with the combination of groups it stands for. A group whose column
    reduces to zero closes a dependency among hidden groups, and every group with a
    non-zero coefficient in it is a combination of the others. The hidden groups that
    the visible ones determine are exactly those in no dependency at all: ``free``, the
    groups of the basis that no dependency involves (the dependencies of the groups
    outside the basis span all the others). Hiding one more group only adds rows or
    dependencies, so each step of ``protect`` reuses the work of the previous ones
    instead of eliminating again from scratch."""

    def __init__(self, columns: dict):
        self.columns = columns
        self.rows: list[tuple[int, dict, dict]] = []  # (pivot, vector, combination)
        self.free: set = set()
        # key -> [rows applied, remainder, [(row index, factor)]]: a column reduced by
        # the first rows is reduced by the rows added since, never again by the others.
        self._partial: dict = {}

    def _reduced(self, key) -> list:
        state = self._partial.get(key)
        if state is None:
            state = self._partial[key] = [0, dict(self.columns[key]), []]
        done, vector, factors = state
        rows = self.rows
        for index in range(done, len(rows)):
            pivot, row, _combination = rows[index]
            factor = vector.get(pivot)
            if not factor:
                continue
            _subtract(vector, factor, row)
            factors.append((index, factor))
        state[0] = len(rows)
        return state

    def add(self, key) -> None:
        _done, vector, factors = self._reduced(key)
        del self._partial[key]  # hidden now: never a candidate again
        combination = {key: 1}
        for index, factor in factors:
            _subtract(combination, factor, self.rows[index][2])
        if not vector:  # a dependency: its groups are combinations of the others
            self.free.difference_update(combination)
            return
        pivot = min(vector)
        inverse = pow(vector[pivot], _P - 2, _P)
        self.rows.append(
            (
                pivot,
                {c: v * inverse % _P for c, v in vector.items()},
                {k: v * inverse % _P for k, v in combination.items()},
            )
        )
        self.free.add(key)

    def isolates(self, key, found) -> bool:
        """Would hiding ``key`` make ``found`` (a group of ``free``) undetermined? Yes
        exactly when ``key``'s column is in the span with a non-zero coefficient on
        ``found``: then ``found`` is a combination of ``key`` and the other hidden
        groups (it is in the basis and in no dependency, so that coefficient is
        unique)."""
        _done, vector, factors = self._reduced(key)
        if vector:
            return False
        rows = self.rows
        return sum(f * rows[i][2].get(found, 0) for i, f in factors) % _P != 0


def protect(
    groups: Iterable[Group],
    *,
    structures: int,
    people: int,
    dependencies: Dependencies | None = None,
    primary: set | None = None,
    initial: dict | None = None,
    locked: frozenset | set = frozenset(),
    primary_only: bool = False,
) -> Decision:
    """Which groups to hide, and why; ``groups`` are all the rows of one quantity (one
    family of tables) that one reader can see together. ``dependencies`` may be shared
    by families whose groups have the same keys and atoms. ``primary``, when given,
    replaces the primary rule (the keys to hide first); ``initial`` adds groups already
    decided hidden (key -> reason); ``locked`` groups are published already and are
    never chosen as partners. With ``primary_only``, only the primary groups must stay
    undetermined (the usual rule of statistical offices: a secondary group passes the
    thresholds, recomputing it discloses nothing); otherwise every hidden group.

    While a hidden group is determined, the partner that ``_partner`` picks is hidden
    too (secondary), one at a time."""
    groups = sorted(groups, key=lambda g: repr(g.key))
    deps = dependencies or Dependencies(groups)
    decision = Decision(
        hidden=_first_hidden(
            groups,
            structures=structures,
            people=people,
            primary=primary,
            initial=initial,
            locked=locked,
        )
    )
    hidden = decision.hidden
    order = {g.key: (g.people, g.structures, repr(g.key)) for g in groups}
    # A row whose cells are all zero discloses nothing: it stays secret on the page,
    # but we assume the reader knows it, and protect the others without its help.
    known = {g.key for g in groups if g.empty}
    partners = _Partners(groups, order, deps, locked)
    span = _span_of(deps, hidden, known, order)
    while pending := _determined(span, hidden, primary_only):
        # The first determined row, fewest people first.
        found = min(pending, key=order.__getitem__)
        partner = _partner(found, span, partners.candidates(found, hidden))
        if partner is None:  # determined by empty rows alone: it is empty too
            known.add(found)
            span = _span_of(deps, hidden, known, order)
            continue
        hidden[partner] = SECONDARY
        if deps.secret[partner] and partner not in known:
            span.add(partner)
    return decision


def _first_hidden(groups, *, structures, people, primary, initial, locked) -> dict:
    """The groups hidden before any partner, never a locked one: the primary ones (by
    the rule, or those of ``primary`` when given), then those of ``initial``."""
    hidden: dict = {}
    for g in groups:
        if g.key in locked:
            continue
        if primary is not None:
            if g.key in primary:
                hidden[g.key] = PRIMARY
        elif is_primary(g, structures, people):
            hidden[g.key] = PRIMARY
    for key, reason in (initial or {}).items():
        if key not in locked:
            hidden.setdefault(key, reason)
    return hidden


class _Partners:
    """Candidate partners in order of preference, computed once: a row of the same
    table first, then the fewest people, the fewest structures, by key; never a row in
    no relation, nor a locked one."""

    def __init__(self, groups: list[Group], order: dict, deps: Dependencies, locked):
        self.table_of = {g.key: g.table for g in groups}
        self.ranked = sorted(
            (k for k in order if k in deps.related and k not in locked), key=order.__getitem__
        )
        self.by_table: dict = {}
        for k in self.ranked:
            self.by_table.setdefault(self.table_of[k], []).append(k)

    def candidates(self, found, hidden: dict) -> Iterable:
        """The rows not hidden yet that could be hidden with ``found``, best first."""
        table = self.table_of[found]
        others = (k for k in self.ranked if self.table_of[k] != table)
        return (k for k in chain(self.by_table.get(table, ()), others) if k not in hidden)


def _partner(found, span: _Span, candidates: Iterable):
    """The first candidate whose hiding makes ``found`` undetermined, else the first
    (a row in a relation with it: the loop of ``protect`` goes on, each step hiding one
    more row); None when there is no candidate left."""
    first = None
    for k in candidates:
        if first is None:
            first = k
        if span.isolates(k, found):
            return k
    return first


def _span_of(deps: Dependencies, hidden: dict, known: set, order: dict) -> _Span:
    """The span of the hidden groups' columns (``_Span``), fewest people first; the
    groups without atoms and those known to the reader are left out."""
    span = _Span(deps.columns)
    for k in sorted(hidden, key=order.__getitem__):
        if deps.secret[k] and k not in known:
            span.add(k)
    return span


def _determined(span: _Span, hidden: dict, primary_only: bool) -> set:
    """The hidden groups that the visible ones determine (only the primary ones, with
    ``primary_only``): each needs one more partner."""
    if not primary_only:
        return span.free
    return {k for k in span.free if hidden.get(k) == PRIMARY}


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
            _subtract(vector, factor, row)
            _subtract(combination, factor, row_comb)
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
