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

Singletons are tested class group by class group; pairs only where the two
structures' signature spaces share a coordinate (elsewhere their sum of spans is
direct by construction). Arithmetic is modulo the prime 2³¹ − 1 on numpy arrays: a
rank can only drop modulo a prime, so a rounding-free error can only find a
dependency that does not exist, which hides one row too many, never too few.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

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
    for c in range(width):
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


def disclosures(
    visible: list[tuple[Hashable, frozenset]],
    *,
    known: set,
    contributes: Callable[[Hashable], bool],
    structures: int,
    structure_of: Callable[[Hashable], Hashable] = lambda atom: atom[0],
    limit: int = 1,
) -> list[Disclosure]:
    """Derived aggregates of fewer than ``structures`` contributing structures that the
    ``visible`` rows (key, atoms) compute; at most ``limit`` of them (the caller hides
    a row of the first and asks again)."""
    rows = [(key, atoms - known) for key, atoms in visible]
    rows = [(key, atoms) for key, atoms in rows if atoms]
    if not rows:
        return []
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
    free = [c for c in range(len(masks)) if c not in set(pivots)]
    if not free:
        return []
    free_index = {c: i for i, c in enumerate(free)}
    signature = np.zeros((len(masks), len(free)), dtype=np.int64)
    for c, i in free_index.items():
        signature[c, i] = 1
    for r, c in enumerate(pivots):
        signature[c] = (-reduced[r, free]) % P
    # The contributing structures of each class.
    contributors = [
        frozenset(structure_of(a) for a in members[mask] if contributes(a)) for mask in masks
    ]
    by_set: dict[frozenset, list[int]] = {}
    for c, who in enumerate(contributors):
        if len(who) < structures:
            by_set.setdefault(who, []).append(c)
    found: list[Disclosure] = []

    def test(classes: list[int], who: frozenset) -> bool:
        dependency = _dependency(signature[classes])
        if dependency is None:
            return False
        vector = np.zeros(len(masks), dtype=np.int64)
        vector[classes] = dependency
        found.append(Disclosure(who, _combination(vector, reduced, pivots, rows, len(masks))))
        return len(found) >= limit

    empty = by_set.get(frozenset(), [])
    if test(empty, frozenset()):
        return found
    if structures <= 1:
        return found
    singles: dict = {}
    for who, classes in by_set.items():
        if len(who) == 1:
            singles[next(iter(who))] = classes
    for s, classes in sorted(singles.items(), key=lambda item: repr(item[0])):
        if test(empty + classes, frozenset([s])):
            return found
    if structures <= 2:
        return found
    # Pairs: those sharing a class, and those whose signatures share a coordinate.
    support: dict = {}
    for s, classes in singles.items():
        for coordinate in np.flatnonzero(signature[empty + classes].any(axis=0)):
            support.setdefault(int(coordinate), set()).add(s)
    pairs = {who for who in by_set if len(who) == 2}
    for holders in support.values():
        ordered = sorted(holders, key=repr)
        for i, s in enumerate(ordered):
            for t in ordered[i + 1 :]:
                pairs.add(frozenset((s, t)))
    for who in sorted(pairs, key=lambda w: sorted(map(repr, w))):
        s, t = sorted(who, key=repr)
        classes = empty + singles.get(s, []) + singles.get(t, []) + by_set.get(who, [])
        if test(classes, who):
            return found
    return found


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
