"""Benchmark of the protection-interval audit (``jalons.observatoire.intervals``).

Builds synthetic regional problems of the observatory's size, then times ``audit``
on them (pure Python, no database):
- 200 structures per region with a type (ACI, EI, ETTI, AI, EITI), one of 6
  départements and 0 to 2 of 6 networks, 8 % of them published by name (their atoms
  are known to the reader); one atom per structure and quarter;
- the rows by type, by département, by network and Ensemble of the regional
  perimeter, by type and by network of each département's, by type and by
  département of each network's, and the type × département cross, for the 4
  quarters and the year: about 1 000 rows, 500 classes of atoms;
- 7 additive columns (people, entries, exits, examined exits, dynamic exits, hours,
  follow-ups) drawn at random, some of them often zero;
- the hidden rows: under 3 structures or 10 people, then the classic secondary rule
  (``hide``): about 200 of them, so about 1 300 cells to audit per region. Many of
  them remain determined by the year and its quarters or the cross's margins (the
  exact test of ``protection`` is not applied), so about 60 % of the cells are
  narrow: the worst case for the audit, which needs both exact bounds of each.

    uv run python benchmarks/bench_intervals.py [--regions 13] [--graine 2026] [--p 0.10]
        [--linprog]

It prints the size of each problem, the time of ``audit`` on each, the number of
linear programs solved and their total; the national run is 13 regions × 5 families,
so the total for 13 regions is multiplied by 5 for the national estimate (one core).
``--linprog`` solves each program from scratch with ``scipy.optimize.linprog`` instead
of re-solving with HiGHS from the previous basis, for comparison.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np

from jalons.observatoire import intervals
from jalons.observatoire.intervals import audit

TYPES = ("ACI", "EI", "ETTI", "AI", "EITI")
TYPE_WEIGHTS = (0.45, 0.2, 0.12, 0.15, 0.08)
DEPS = ("D1", "D2", "D3", "D4", "D5", "D6")
NETS = ("R1", "R2", "R3", "R4", "R5", "R6")
QUARTERS = (1, 2, 3, 4)
COLUMNS = 7


def structures(rng: random.Random, count: int) -> list[dict]:
    result = []
    for index in range(count):
        kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        nets = frozenset(rng.sample(NETS, rng.choices((0, 1, 2), (0.35, 0.5, 0.15))[0]))
        size = max(1, round(rng.lognormvariate(3.0, 0.8)))  # people in the year
        values = {}
        for q in QUARTERS:
            people = rng.randint(size // 2, size)
            entries = rng.randint(0, max(0, size // 4))
            exits = rng.randint(0, max(0, size // 4))
            examined = rng.randint(0, exits)
            dynamic = rng.randint(0, examined)
            hours = round(people * rng.uniform(50, 300), 1)
            followups = rng.randint(0, exits) if rng.random() < 0.4 else 0
            values[q] = (people, entries, exits, examined, dynamic, hours, followups)
        result.append(
            {
                "id": index,
                "type": kind,
                "dep": rng.choice(DEPS),
                "nets": nets,
                "published": rng.random() < 0.08,
                "values": values,
            }
        )
    return result


def rows(population: list[dict]) -> list[tuple]:
    """(key, table, members) for every row of every table, year and quarters."""
    result = []

    def table(perimeter, dim, members, label_of):
        for period in ("Y", *QUARTERS):
            groups: dict = {}
            for s in members:
                for label in label_of(s):
                    groups.setdefault(label, []).append(s)
            for label in sorted(groups):
                result.append(
                    ((perimeter, period, dim, label), (perimeter, period, dim), groups[label])
                )
            if dim != "cross":
                result.append(
                    ((perimeter, period, dim, "Ensemble"), (perimeter, period, dim), members)
                )

    table("region", "type", population, lambda s: [s["type"]])
    table("region", "dep", population, lambda s: [s["dep"]])
    table("region", "net", population, lambda s: sorted(s["nets"]))
    table("region", "cross", population, lambda s: [(s["type"], s["dep"])])
    for dep in DEPS:
        members = [s for s in population if s["dep"] == dep]
        table(dep, "type", members, lambda s: [s["type"]])
        table(dep, "net", members, lambda s: sorted(s["nets"]))
    for net in NETS:
        members = [s for s in population if net in s["nets"]]
        table(net, "type", members, lambda s: [s["type"]])
        table(net, "dep", members, lambda s: [s["dep"]])
    return result


def hide(layout: list[tuple], people: dict) -> set:
    """A plausible hidden set: the rows under 3 structures or 10 people, then, while a
    total (a row of the year, Ensemble, a row of the type × département cross's
    margins) has exactly one hidden part, its smallest visible part too (the classic
    rule; ``protection.protect`` does more, but on these many overlapping tables it
    hides almost everything)."""
    hidden = {key for key, _table, members in layout if len(members) < 3 or people[key] < 10}
    keys = {key for key, _table, _members in layout}
    relations = []  # (total, parts)
    for key in keys:
        perimeter, period, dim, label = key
        if period == "Y":
            parts = [(perimeter, q, dim, label) for q in QUARTERS]
            relations.append((key, [k for k in parts if k in keys]))
        if label == "Ensemble" and dim in ("type", "dep"):
            parts = [k for k in keys if k[:3] == key[:3] and k != key]
            relations.append((key, parts))
        if dim == "type" and perimeter == "region":
            parts = [k for k in keys if k[:3] == ("region", period, "cross") and k[3][0] == label]
            relations.append((key, parts))
        if dim == "dep" and perimeter == "region" and label != "Ensemble":
            parts = [k for k in keys if k[:3] == ("region", period, "cross") and k[3][1] == label]
            relations.append((key, parts))
    relations.sort(key=repr)
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            members = [total, *parts]
            if sum(k in hidden for k in members) == 1:
                visible = [k for k in members if k not in hidden]
                hidden.add(min(visible, key=lambda k: (people[k], repr(k))))
                changed = True
    return hidden


def problem(seed: int, count: int = 200):
    """(classes, published, hidden, known) of one synthetic region."""
    rng = random.Random(seed)
    population = structures(rng, count)
    layout = rows(population)
    people = {}
    members_of: dict = {}
    signature: dict = {}  # atom -> the rows holding it
    for key, _table, members in layout:
        quarters = QUARTERS if key[1] == "Y" else (key[1],)
        people[key] = sum(s["values"][q][0] for s in members for q in quarters)
        for s in members:
            for q in quarters:
                signature.setdefault((s["id"], q), []).append(key)
    hidden_keys = hide(layout, people)
    # Classes: unpublished atoms merged by the rows they belong to; a published
    # structure's atoms are classes of their own, known to the reader.
    by_id = {s["id"]: s for s in population}
    class_of: dict = {}

    def name_of(sid: int, q: int) -> tuple:
        if by_id[sid]["published"]:
            return ("pub", sid, q)
        return ("cls", class_of.setdefault(tuple(signature[sid, q]), len(class_of)))

    classes: dict = {}
    known = set()
    for (sid, q), keys in signature.items():
        name = name_of(sid, q)
        if by_id[sid]["published"]:
            known.add(name)
        values = classes.setdefault(name, [0.0] * COLUMNS)
        for j, v in enumerate(by_id[sid]["values"][q]):
            values[j] += v
        for key in keys:
            members_of.setdefault(key, set()).add(name)
    published = {k: v for k, v in members_of.items() if k not in hidden_keys}
    hidden = {k: v for k, v in members_of.items() if k in hidden_keys}
    return classes, published, hidden, known


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=13)
    parser.add_argument("--graine", type=int, default=2026)
    parser.add_argument("--p", type=float, default=0.10)
    parser.add_argument("--linprog", action="store_true")
    args = parser.parse_args()
    solve = linprog_solve if args.linprog else intervals._Program.solve
    programs = [0]

    def counted(self, cost):
        programs[0] += 1
        return solve(self, cost)

    intervals._Program.solve = counted
    times = []
    narrow = cells = 0
    for region in range(args.regions):
        classes, published, hidden, known = problem(args.graine + region)
        programs[0] = 0
        start = time.perf_counter()
        found = audit(classes, published, hidden, p=args.p, known=known)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        narrow += len(found)
        audited = sum(
            1 for m in hidden.values() for j in range(COLUMNS) if sum(classes[c][j] for c in m)
        )
        cells += audited
        print(
            f"région {region + 1:2d} : {len(classes)} classes ({len(known)} connues), "
            f"{len(published)} lignes publiées, {len(hidden)} masquées, {audited} cellules "
            f"dont {len(found)} trop étroites, {programs[0]} programmes, "
            f"{elapsed * 1000:.0f} ms"
        )
    total = sum(times)
    median, worst = statistics.median(times) * 1000, max(times) * 1000
    print(
        f"total {args.regions} régions : {total:.2f} s (médiane {median:.0f} ms, "
        f"max {worst:.0f} ms), {cells} cellules dont {narrow} trop étroites ; "
        f"estimation nationale × 5 familles : {total * 5:.1f} s sur un cœur"
    )
    return 0


def linprog_solve(self, cost):
    """``_Program.solve`` with each program solved from scratch by scipy."""
    from scipy.optimize import linprog

    result = linprog(cost, A_eq=self.matrix, b_eq=self.rhs, bounds=(0, None), method="highs")
    if result.status != 0:
        raise RuntimeError(result.message)
    self.witness(result.x)
    reduced = np.abs(result.lower.marginals).max(initial=0.0)
    return result.x, reduced * self.mass <= intervals.TOLERANCE


if __name__ == "__main__":
    raise SystemExit(main())
