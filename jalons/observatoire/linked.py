"""Derived aggregates: what a reader computes by combining published rows. Pure Python
and numpy, no Django.

``protection.protect`` makes sure that no hidden row can be recomputed. That is not
enough when editions overlap: the region's ETTI row minus the network's ETTI row is
the total of the ETTI outside the network, a row that no table has, and if there is
one such structure its figures are out even though every published row is large. The
guarantee here is the one statistical offices give for linked tables: **no linear
combination of published rows (of every perimeter, period and table) adds up fewer
than ``structures`` contributing structures** that are not named.

How: every published row is a 0/1 vector over atoms (a structure not named, for a
quarter or an annexe year; ``protection``). Atoms that belong to exactly the same
published rows form a **class**: every combination of published rows is constant on
a class, so what a reader can compute is spanned by class indicators. With ``R`` the
space spanned by the published rows, a union of classes ``U`` is computable exactly
when ``Σ_{c ∈ U} y(c) = 0``, where ``y(c)`` is the row of class ``c`` in a basis of the
null space of the published rows (its **signature**, read off the reduced row echelon
form). More generally, a reader learns a non-trivial combination of the figures of a
set ``S`` of structures exactly when the signatures of the classes made of ``S``'s
atoms are linearly dependent. So, for each set ``S`` of fewer than ``structures``
contributing structures (the empty set, each structure, each pair with the default of
3), the classes whose contributing structures lie in ``S`` must have independent
signatures. Atoms of a structure whose figures are all zero in the period are known
(nothing about anyone is in them) and left out; atoms of structures that contribute
nothing to a table's population (no follow-up done, say) count as no structure, as
in the primary rule.

The people threshold applies to derived aggregates too: with ``people`` (an atom's
population), no union of classes computed exactly may add up fewer than
``minimum_people`` people (``linked_people``: the classes without people are divided
out first, then 0/1 vectors of the null space of the small classes' signatures are
searched, component by component).

Singletons are tested class group by class group; pairs only where the two
structures' signature spaces share a coordinate (elsewhere their sum of spans is
direct by construction). Arithmetic is modulo the prime 2³¹ − 1 on numpy arrays
(``linked_algebra``): a rank can only drop modulo a prime, so a rounding-free error
can only find a dependency that does not exist, which hides one row too many, never
too few.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from jalons.observatoire.linked_algebra import P as P
from jalons.observatoire.linked_algebra import eliminate, row_dependency
from jalons.observatoire.linked_people import STATS as STATS
from jalons.observatoire.linked_people import few_people


@dataclass(frozen=True)
class Disclosure:
    structures: frozenset  # the contributing structures of the derived aggregate
    combination: dict  # visible group key -> coefficient (mod P) that computes it


class Decomposition(NamedTuple):
    rows: list  # (key, atoms) of the visible rows, known atoms removed
    members: dict  # class mask -> its atoms
    masks: list  # the classes, in order
    reduced: np.ndarray  # reduced [rows | identity] (pivot rows)
    pivots: list  # pivot classes
    signature: np.ndarray  # class -> its signature (row in a null space basis)


def decompose(visible: list[tuple[Hashable, frozenset]], known: set) -> Decomposition | None:
    """The classes of the visible rows and their signatures (see the module), None when
    no row has an unknown atom."""
    rows = [(key, atoms - known) for key, atoms in visible]
    rows = [(key, atoms) for key, atoms in rows if atoms]
    if not rows:
        return None
    # Classes: atoms with the same visible rows.
    pattern: dict = {}
    for index, (_key, atoms) in enumerate(rows):
        bit = 1 << index
        for atom in atoms:
            pattern[atom] = pattern.get(atom, 0) | bit
    members: dict[int, list] = {}
    for atom, mask in pattern.items():
        members.setdefault(mask, []).append(atom)
    masks = sorted(members)
    class_of = {mask: i for i, mask in enumerate(masks)}
    matrix = np.zeros((len(rows), len(masks)), dtype=np.int64)
    for mask, column in class_of.items():
        bits = mask
        while bits:
            low = bits & -bits
            matrix[low.bit_length() - 1, column] = 1
            bits ^= low
    # Gauss-Jordan on [rows | identity]: the combination of rows behind each pivot row.
    augmented = np.concatenate([matrix, np.eye(len(rows), dtype=np.int64)], axis=1)
    reduced, pivots = eliminate(augmented, len(masks))
    reduced = reduced[: len(pivots)]
    # No free column: every class is computed exactly (its signature is empty).
    free = [c for c in range(len(masks)) if c not in set(pivots)]
    free_index = {c: i for i, c in enumerate(free)}
    signature = np.zeros((len(masks), len(free)), dtype=np.int64)
    for c, i in free_index.items():
        signature[c, i] = 1
    for r, c in enumerate(pivots):
        signature[c] = (-reduced[r, free]) % P
    return Decomposition(rows, members, masks, reduced, pivots, signature)


def disclosures(
    visible: list[tuple[Hashable, frozenset]],
    *,
    known: set,
    contributes: Callable[[Hashable], bool],
    structures: int,
    structure_of: Callable[[Hashable], Hashable] = lambda atom: atom[0],
    limit: int = 1,
    people: Callable[[Hashable], int] | None = None,
    minimum_people: int = 0,
    fixable: Callable[[dict], bool] = lambda combination: True,
    unfixable: list | None = None,
    decomposition: "Decomposition | None" = None,
) -> list[Disclosure]:
    """Derived aggregates of fewer than ``structures`` contributing structures, or (with
    ``people``, an atom's population) of fewer than ``minimum_people`` people, that the
    ``visible`` rows (key, atoms) compute; at most ``limit`` of them (the caller hides
    a row of the first and asks again). A disclosure whose combination ``fixable``
    refuses (only rows published before compute it) is not counted: it goes to
    ``unfixable``, and the search goes on. ``decomposition``: ``decompose(visible,
    known)`` when the caller asks for several populations of the same rows.

    The sets of structures are searched from the smallest: no structure, each one,
    each pair, then the aggregates with too few people; the search stops once
    ``limit`` disclosures are found."""
    split = decomposition or decompose(visible, known)
    if split is None:
        return []
    search = _Search(split, contributes, structure_of, structures, limit, fixable, unfixable)
    if search.without_contributors() or structures <= 1:
        return search.found
    singles = search.singles()
    if search.each_structure(singles) or structures <= 2:
        return search.found
    if search.each_pair(singles) or people is None or minimum_people <= 1:
        return search.found
    search.few_people(people, minimum_people)
    return search.found


class _Search:
    """The search of ``disclosures`` in one decomposition: the classes by the set of
    their contributing structures (``by_set``, sets of fewer than ``structures``), the
    signatures modulo the classes without contributors (``_Quotient``), and the
    disclosures found. Each step returns True once ``limit`` disclosures are found."""

    def __init__(self, split, contributes, structure_of, structures, limit, fixable, unfixable):
        self.split = split
        self.limit, self.fixable, self.unfixable = limit, fixable, unfixable
        members = split.members
        # The contributing structures of each class.
        self.contributors = [
            frozenset(structure_of(a) for a in members[mask] if contributes(a))
            for mask in split.masks
        ]
        self.by_set: dict[frozenset, list[int]] = {}
        for c, who in enumerate(self.contributors):
            if len(who) < structures:
                self.by_set.setdefault(who, []).append(c)
        self.empty = self.by_set.get(frozenset(), [])
        self.quotient = _Quotient(split.signature, self.empty)
        self.found: list[Disclosure] = []

    def keep(self, who: frozenset, vector: np.ndarray) -> bool:
        """Count the disclosure of ``who`` that ``vector`` (over the classes) computes;
        True when ``limit`` is reached."""
        split = self.split
        combination = _combination(
            vector, split.reduced, split.pivots, split.rows, len(split.masks)
        )
        disclosure = Disclosure(who, combination)
        if self.fixable(disclosure.combination):
            self.found.append(disclosure)
        elif self.unfixable is not None:
            self.unfixable.append(disclosure)
        return len(self.found) >= self.limit

    def test(self, classes: list[int], who: frozenset) -> bool:
        """Whether the classes (besides those without contributors) have dependent
        signatures, modulo those without contributors: a disclosure, kept."""
        dependency = row_dependency(self.quotient.signature[classes])
        if dependency is None:
            return False
        return self.keep(who, self.quotient.complete(classes, dependency))

    def without_contributors(self) -> bool:
        """The classes without contributors alone: a dependency among them."""
        if self.quotient.dependency is None:
            return False
        vector = np.zeros(len(self.split.masks), dtype=np.int64)
        vector[self.empty] = self.quotient.dependency
        return self.keep(frozenset(), vector)

    def singles(self) -> dict:
        """Each structure that alone contributes to some classes -> those classes."""
        singles: dict = {}
        for who, classes in self.by_set.items():
            if len(who) == 1:
                singles[next(iter(who))] = classes
        return singles

    def each_structure(self, singles: dict) -> bool:
        """The classes of one structure: a combination of its figures alone."""
        for s, classes in sorted(singles.items(), key=lambda item: repr(item[0])):
            if self.test(classes, frozenset([s])):
                return True
        return False

    def each_pair(self, singles: dict) -> bool:
        """The classes of two structures (``_pairs``): a combination of their figures."""
        for who in _pairs(singles, self.by_set, self.quotient):
            s, t = sorted(who, key=repr)
            classes = singles.get(s, []) + singles.get(t, []) + self.by_set.get(who, [])
            if self.test(classes, who):
                return True
        return False

    def few_people(self, people: Callable[[Hashable], int], minimum: int) -> bool:
        """Unions of classes computed exactly that add up people, but fewer than
        ``minimum`` (``few_people``)."""
        members = self.split.members
        population = [sum(people(a) for a in members[mask]) for mask in self.split.masks]
        for vector in few_people(self.quotient, population, minimum):
            who = frozenset().union(*(self.contributors[c] for c in np.flatnonzero(vector)))
            if self.keep(who, vector):
                return True
        return False


def _pairs(singles: dict, by_set: dict, quotient: "_Quotient") -> list[frozenset]:
    """The pairs of structures to test, in a fixed order: those sharing a class, and
    those whose reduced signatures share a coordinate (elsewhere the sum of their spans
    is direct)."""
    support: dict = {}
    for s, classes in singles.items():
        for coordinate in np.flatnonzero(quotient.signature[classes].any(axis=0)):
            support.setdefault(int(coordinate), set()).add(s)
    pairs = {who for who in by_set if len(who) == 2}
    for holders in support.values():
        ordered = sorted(holders, key=repr)
        for i, s in enumerate(ordered):
            for t in ordered[i + 1 :]:
                pairs.add(frozenset((s, t)))
    return sorted(pairs, key=lambda w: sorted(map(repr, w)))


class _Quotient:
    """The signatures modulo the span of those of the classes without contributors
    (``empty``): a set of classes plus any combination of those classes computes an
    aggregate of the set's structures and people alone. ``signature``: every class's
    reduced signature; ``complete`` turns a dependency among reduced signatures into a
    vector over all classes; ``dependency``: one among the empty classes themselves,
    or None."""

    def __init__(self, signature: np.ndarray, empty: list[int]):
        width = signature.shape[1]
        self.empty, self.raw = empty, signature
        self.pivots: list[int] = []
        self.dependency = None
        if empty:
            augmented = np.concatenate(
                [signature[empty], np.eye(len(empty), dtype=np.int64)], axis=1
            )
            m, self.pivots = eliminate(augmented, width)
            rank = len(self.pivots)
            self.basis, self.coefficients = m[:rank, :width], m[:rank, width:]
            if rank < len(empty):
                self.dependency = m[rank, width:]
        out = signature % P
        for i, c in enumerate(self.pivots):  # the basis is reduced: a pivot at a time
            factors = out[:, c : c + 1].copy()
            if factors.any():
                out = (out - (factors * self.basis[i]) % P) % P
        self.signature = out

    def complete(self, classes: list[int], coefficients: np.ndarray) -> np.ndarray:
        vector = np.zeros(self.raw.shape[0], dtype=np.int64)
        vector[classes] = coefficients
        if self.pivots:
            total = (coefficients @ self.raw[classes]) % P
            z = (total[self.pivots] @ self.coefficients) % P
            vector[self.empty] = (vector[self.empty] - z) % P
        return vector


def _combination(vector, reduced, pivots, rows, width) -> dict:
    """The visible rows (key -> coefficient) whose combination is ``vector`` (a vector
    of the row space, over the classes)."""
    total = np.zeros(reduced.shape[1] - width, dtype=np.int64)
    for r, c in enumerate(pivots):
        factor = int(vector[c])
        if factor:
            total = (total + factor * reduced[r, width:]) % P
    return {rows[i][0]: int(v) for i, v in enumerate(total) if v}


def combination_keys(disclosure: Disclosure) -> Iterable[Hashable]:
    return disclosure.combination.keys()
