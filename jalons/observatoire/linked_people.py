"""Derived aggregates with people, but fewer than the threshold (``linked``): the
classes without people are divided out first (``linked._Quotient``), then 0/1 vectors
of the null space of the small classes' signatures are searched, component by
component, depth first (``_sets_of``)."""

import numpy as np

from jalons.observatoire.linked_algebra import P, eliminate

STATS = {"doubtful": 0}  # searches of ``_sets_of`` that went past NODES
NODES = 20_000  # search nodes of ``few_people`` before it reports a doubtful set


def few_people(quotient, population, minimum):
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
    m, rank = eliminate(augmented, width)
    kernel = m[len(rank) :, width:]
    if not kernel.shape[0]:
        return
    kernel, pivots_k = eliminate(kernel, len(small))
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
    order = _search_order(component, kernel, pivots_k, holders, weight)
    search = _DepthFirst(kernel, order, _settled(order, holders), weight, minimum)
    try:
        result = search.visit(0, np.zeros(kernel.shape[1], dtype=np.int64), 0)
    except _Doubtful:
        STATS["doubtful"] += 1
        result = kernel[order[0]]
    if result is not None:
        yield result


def _search_order(component, kernel, pivots_k, holders, weight) -> list:
    """The rows of the component in the order of the search, so that classes are settled
    early (few open at a time): the next row is the one that closes the most open
    classes, then opens the fewest; the row of fewest people first."""
    touches = {i: set(np.flatnonzero(kernel[i]).tolist()) for i in component}
    count = {j: sum(1 for i in rows_of_j if i in touches) for j, rows_of_j in holders.items()}
    left = sorted(component, key=lambda i: (weight[pivots_k[i]], i))
    order, seen, remaining = [], set(), dict(count)

    def score(i):
        closes = sum(1 for j in touches[i] if remaining[j] == 1)
        opens = sum(1 for j in touches[i] if j not in seen)
        return (-closes, opens, weight[pivots_k[i]], i)

    while left:
        best = min(left, key=score) if order else left[0]
        left.remove(best)
        order.append(best)
        for j in touches[best]:
            seen.add(j)
            remaining[j] -= 1
    return order


def _settled(order: list, holders: dict) -> list[list[int]]:
    """The classes settled once the row at each position of ``order`` is decided."""
    position = {i: n for n, i in enumerate(order)}
    settled: list[list[int]] = [[] for _ in order]
    for j, rows_of_j in holders.items():
        inside = [position[i] for i in rows_of_j if i in position]
        if inside:
            settled[max(inside)].append(j)
    return settled


class _DepthFirst:
    """The search of ``_sets_of``: each row of ``order`` taken or not, a branch cut as
    soon as a settled class is neither 0 nor 1 or the people reach ``minimum``."""

    def __init__(self, kernel, order, settled, weight, minimum):
        self.kernel, self.order, self.settled = kernel, order, settled
        self.weight, self.minimum = weight, minimum
        self.nodes = 0

    def visit(self, n: int, t, people):
        """The first set found from position ``n``, with the sum ``t`` of the rows
        taken so far and their ``people``; None when there is none."""
        if n == len(self.order):
            return t if people > 0 else None
        self.nodes += 1
        if self.nodes > NODES:
            raise _Doubtful
        row = self.kernel[self.order[n]]
        for take in (True, False):
            candidate = (t + row) % P if take else t
            total = self._people(n, candidate, people)
            if total is None or total >= self.minimum:
                continue
            result = self.visit(n + 1, candidate, total)
            if result is not None:
                return result
        return None

    def _people(self, n: int, candidate, people):
        """``people`` plus those of the classes settled at position ``n``; None when one
        of them is neither 0 nor 1."""
        total = people
        for j in self.settled[n]:
            value = candidate[j]
            if value > 1:
                return None
            total += self.weight[j] * value
        return total


class _Doubtful(Exception):
    """The search of ``_sets_of`` went past its limit."""
