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
``minimum_people`` people (``_few_people``: the classes without people are divided out
first, then 0/1 vectors of the null space of the small classes' signatures are
searched, component by component).

Singletons are tested class group by class group; pairs only where the two
structures' signature spaces share a coordinate (elsewhere their sum of spans is
direct by construction). Arithmetic is modulo the prime 2³¹ − 1 on numpy arrays: a
rank can only drop modulo a prime, so a rounding-free error can only find a
dependency that does not exist, which hides one row too many, never too few.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

P = 2_147_483_647  # 2**31 - 1: products of two residues fit in int64


@dataclass(frozen=True)
class Disclosure:
    structures: frozenset  # the contributing structures of the derived aggregate
    combination: dict  # visible group key -> coefficient (mod P) that computes it


def _inverse(value: int) -> int:
    return pow(int(value), P - 2, P)


def _eliminate(augmented: np.ndarray, width: int) -> tuple[np.ndarray, list[int]]:
    """Gauss-Jordan modulo P on the first ``width`` columns of a copy: the first
    ``len(pivots)`` rows are reduced (pivot columns given), the others are zero on those
    columns and carry, in the remaining columns, a dependency among the original rows
    when ``augmented`` ends with an identity."""
    m = augmented % P
    rows = m.shape[0]
    pivots: list[int] = []
    r = 0
    # Only the columns that have a non-zero entry can hold a pivot (the matrices are
    # sparse: most columns of a subset of classes are zero).
    for c in np.flatnonzero(m[:, :width].any(axis=0)).tolist():
        if r == rows:
            break
        nonzero = np.flatnonzero(m[r:, c])
        if not nonzero.size:
            continue
        k = r + int(nonzero[0])
        if k != r:
            m[[r, k]] = m[[k, r]]
        m[r] = (m[r] * _inverse(m[r, c])) % P
        factors = m[:, c].copy()
        factors[r] = 0
        touched = np.flatnonzero(factors)
        if touched.size:
            m[touched] = (m[touched] - (factors[touched, None] * m[r]) % P) % P
        pivots.append(c)
        r += 1
    return m, pivots


def _dependency(vectors: np.ndarray) -> np.ndarray | None:
    """Coefficients (mod P) of a linear dependency among the rows, or None."""
    n = vectors.shape[0]
    if n == 0:
        return None
    augmented = np.concatenate([vectors, np.eye(n, dtype=np.int64)], axis=1)
    m, pivots = _eliminate(augmented, vectors.shape[1])
    if len(pivots) == n:
        return None
    return m[len(pivots), vectors.shape[1] :]


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
    reduced, pivots = _eliminate(augmented, len(masks))
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
    known)`` when the caller asks for several populations of the same rows."""
    split = decomposition or decompose(visible, known)
    if split is None:
        return []
    rows, members, masks, reduced, pivots, signature = split
    # The contributing structures of each class.
    contributors = [
        frozenset(structure_of(a) for a in members[mask] if contributes(a)) for mask in masks
    ]
    by_set: dict[frozenset, list[int]] = {}
    for c, who in enumerate(contributors):
        if len(who) < structures:
            by_set.setdefault(who, []).append(c)
    found: list[Disclosure] = []

    def keep(disclosure: Disclosure) -> bool:
        """Count a disclosure; True when ``limit`` is reached."""
        if fixable(disclosure.combination):
            found.append(disclosure)
        elif unfixable is not None:
            unfixable.append(disclosure)
        return len(found) >= limit

    empty = by_set.get(frozenset(), [])
    quotient = _Quotient(signature, empty)

    def test(classes: list[int], who: frozenset) -> bool:
        """Whether the classes (besides those without contributors) have dependent
        signatures, modulo those without contributors: a disclosure, kept."""
        dependency = _dependency(quotient.signature[classes])
        if dependency is None:
            return False
        vector = quotient.complete(classes, dependency)
        return keep(Disclosure(who, _combination(vector, reduced, pivots, rows, len(masks))))

    if quotient.dependency is not None:  # the classes without contributors alone
        vector = np.zeros(len(masks), dtype=np.int64)
        vector[empty] = quotient.dependency
        if keep(Disclosure(frozenset(), _combination(vector, reduced, pivots, rows, len(masks)))):
            return found
    if structures <= 1:
        return found
    singles: dict = {}
    for who, classes in by_set.items():
        if len(who) == 1:
            singles[next(iter(who))] = classes
    for s, classes in sorted(singles.items(), key=lambda item: repr(item[0])):
        if test(classes, frozenset([s])):
            return found
    if structures <= 2:
        return found
    # Pairs: those sharing a class, and those whose reduced signatures share a
    # coordinate (elsewhere the sum of their spans is direct).
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
    for who in sorted(pairs, key=lambda w: sorted(map(repr, w))):
        s, t = sorted(who, key=repr)
        classes = singles.get(s, []) + singles.get(t, []) + by_set.get(who, [])
        if test(classes, who):
            return found
    if people is None or minimum_people <= 1:
        return found
    population = [sum(people(a) for a in members[mask]) for mask in masks]
    for vector in _few_people(quotient, population, minimum_people):
        who = frozenset().union(*(contributors[c] for c in np.flatnonzero(vector)))
        if keep(Disclosure(who, _combination(vector, reduced, pivots, rows, len(masks)))):
            return found
    return found


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
            m, self.pivots = _eliminate(augmented, width)
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


STATS = {"doubtful": 0}  # searches of ``_sets_of`` that went past NODES
NODES = 20_000  # search nodes of ``_few_people`` before it reports a doubtful set


def _few_people(quotient: "_Quotient", population, minimum):
    """Vectors over the classes of derived aggregates with people but fewer than
    ``minimum``: ``1_T + Σ a_z 1_z`` for a set ``T`` of classes of positive population
    adding up less than ``minimum``, and classes ``z`` without people, whose signatures
    cancel out (``quotient``: any combination of those is allowed, they hold no
    people). The 0/1 vectors of the left null space of the reduced signatures of the
    small classes are searched, one component of the null space basis at a time
    (``_sets_of``): one vector per component at most."""
    width = quotient.signature.shape[1]
    small = [c for c, n in enumerate(population) if 0 < n < minimum]
    if not small:
        return
    # The 0/1 vectors of the left null space of ``quotient``: dependencies among rows,
    # in reduced form on their pivot classes (each vector is the sum of the basis rows
    # of the pivots it contains).
    augmented = np.concatenate(
        [quotient.signature[small], np.eye(len(small), dtype=np.int64)], axis=1
    )
    m, rank = _eliminate(augmented, width)
    kernel = m[len(rank) :, width:]
    if not kernel.shape[0]:
        return
    kernel, pivots_k = _eliminate(kernel, len(small))
    kernel = kernel[: len(pivots_k)]
    weight = [population[c] for c in small]
    # A set ``T`` is a sum of basis rows (those of its pivots). Its parts over pivots
    # that share no class are 0/1 vectors of the null space too, each with fewer
    # people: the search is made in each such component alone.
    parent = list(range(len(pivots_k)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holders: dict = {}
    for i in range(len(pivots_k)):
        for j in np.flatnonzero(kernel[i]).tolist():
            holders.setdefault(j, []).append(i)
    for rows_of_j in holders.values():
        for other in rows_of_j[1:]:
            parent[root(other)] = root(rows_of_j[0])
    components: dict = {}
    for i in range(len(pivots_k)):
        components.setdefault(root(i), []).append(i)
    for component in sorted(components.values(), key=lambda c: (len(c), c)):
        for t in _sets_of(component, kernel, pivots_k, holders, weight, minimum):
            yield quotient.complete(small, t)


def _sets_of(component, kernel, pivots_k, holders, weight, minimum):
    """0/1 sums of the basis rows of ``component`` with fewer than ``minimum`` people:
    depth first, pivots of fewest people first; a class is checked as soon as every
    row holding it is decided (its value must be 0 or 1 and its people count); past
    ``NODES`` nodes a row of the component is given instead (doubtful: hidden too)."""
    # Order the rows so that classes are settled early (few open at a time): the next
    # row is the one that closes the most open classes, then opens the fewest.
    touches = {i: set(np.flatnonzero(kernel[i]).tolist()) for i in component}
    count = {j: sum(1 for i in rows_of_j if i in touches) for j, rows_of_j in holders.items()}
    left = sorted(component, key=lambda i: (weight[pivots_k[i]], i))
    order, seen, remaining = [], set(), dict(count)
    while left:

        def score(i):
            closes = sum(1 for j in touches[i] if remaining[j] == 1)
            opens = sum(1 for j in touches[i] if j not in seen)
            return (-closes, opens, weight[pivots_k[i]], i)

        best = min(left, key=score) if order else left[0]
        left.remove(best)
        order.append(best)
        for j in touches[best]:
            seen.add(j)
            remaining[j] -= 1
    position = {i: n for n, i in enumerate(order)}
    # The classes settled once the row at each position is decided.
    settled: list[list[int]] = [[] for _ in order]
    for j, rows_of_j in holders.items():
        inside = [position[i] for i in rows_of_j if i in position]
        if inside:
            settled[max(inside)].append(j)
    nodes = 0

    def search(n, t, people):
        nonlocal nodes
        if n == len(order):
            return t if people > 0 else None
        nodes += 1
        if nodes > NODES:
            raise _Doubtful
        i = order[n]
        for take in (True, False):
            candidate = (t + kernel[i]) % P if take else t
            total = people
            good = True
            for j in settled[n]:
                value = candidate[j]
                if value > 1:
                    good = False
                    break
                total += weight[j] * value
            if not good or total >= minimum:
                continue
            result = search(n + 1, candidate, total)
            if result is not None:
                return result
        return None

    try:
        result = search(0, np.zeros(kernel.shape[1], dtype=np.int64), 0)
    except _Doubtful:
        STATS["doubtful"] += 1
        result = kernel[order[0]]
    if result is not None:
        yield result


class _Doubtful(Exception):
    """The search of ``_sets_of`` went past its limit."""


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
