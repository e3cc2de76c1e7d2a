"""Global protection of everything the observatory publishes for a year. Pure Python
(no Django): ``services.publish`` reads the snapshots and the ledger, calls
``decide``, then ``editions.assemble`` for each perimeter, period and rule set.

One problem per family of linked tables (``FAMILY_CLASSES``) holds every row of every
perimeter (the region, each network, each DDETS), for the calendar year, its quarters
and the annexe year, plus every row published before (the **ledger**). A row is
published only if:

- it passes the primary rule in every table of its family (3 structures, 10 people);
- no hidden row can be recomputed from the published ones (``protection.protect``);
- no combination of published rows adds up fewer than 3 contributing structures that
  are not named (``linked.disclosures``): the region minus a network, a DDETS minus
  the network rows, the year minus its quarters, last edition minus this one;
- no row in primary secret is narrowed to within ±p % of its value by the published
  rows and non-negativity (``Intervals``, ``intervals.audit``), when ``p`` is given.

Then a row hidden in secondary secret that the published rows of its period give
anyway is published (``_needless``): hiding it protected nothing.

A structure's atoms carry the version of its figures (a digest): a row published
before with older figures is another vector, so a correction or a change of network
that would show one structure by difference with the ledger is found like any other
combination. A row that cannot be published again is shown with the value already
published and the mention « chiffres révisés non publiés ».
"""

import hashlib
from dataclasses import dataclass, field

from jalons.observatoire.compute.editions import (
    Universe,
    contributions_of,
    row_atoms,
    row_sums,
    table_rows,
)
from jalons.observatoire.compute.tables import families
from jalons.observatoire.edition import Perimeter, Thresholds
from jalons.observatoire.intervals import audit as audit_intervals
from jalons.observatoire.intervals import partners as interval_partners
from jalons.observatoire.linked import P, decompose, disclosures
from jalons.observatoire.protection import (
    PRIMARY,
    SECONDARY,
    Dependencies,
    Group,
    determined,
    protect,
)
from jalons.observatoire.protection import is_primary as primary_rule

# Tables that share a variable are protected with one pattern: the entries appear in
# the activity table and in the publics table; the exits in the lengths table, in the
# exits table of each rule set, and behind the rates by rule set.
FAMILY_CLASSES = {
    "activite": ("activite", "publics"),
    "sorties": ("durees", "sorties", "regles"),
    "suivi_3": ("suivi_3",),
    "suivi_6": ("suivi_6",),
    "suivi_12": ("suivi_12",),
}
CLASS_OF = {family: name for name, members in FAMILY_CLASSES.items() for family in members}
BATCH = 20  # disclosures fixed per round of ``_protect_linked`` (then it checks again)
REVISED = "révisé"  # reason of a row published before whose new figures stay unpublished
NAMED = "nommée"  # ledger key of a structure's own figures published by name


@dataclass(frozen=True)
class LedgerRow:
    """A row released by an earlier publication: its atoms (versioned), its cells."""

    family_class: str
    key: tuple  # (perimeter kind, ident, period, dim or "*", label)
    atoms: frozenset  # (structure, part, version)
    cells: dict  # family -> rule set ("" when none) -> values of the columns
    edition: str = ""  # "n° 2 du 03/12/2026": where it was published


@dataclass
class Decisions:
    """What the publication hides, per family class and row key."""

    hidden: dict = field(default_factory=dict)  # class -> row key -> reason
    revised: dict = field(default_factory=dict)  # class -> row key -> LedgerRow
    released: list = field(default_factory=list)  # LedgerRow of every published row
    primary: dict = field(default_factory=dict)  # class -> number of primary rows
    rounds: dict = field(default_factory=dict)  # class -> extra rows hidden for linkage
    named: set = field(default_factory=set)  # structures named in some edition
    # Structures that consented to be named but are not, this year: naming them would
    # show others by difference with rows published before without them.
    withheld: set = field(default_factory=set)
    # Disclosures that only rows published before compute, per class (nothing left to
    # hide): none when the ledger was built by ``decide``; counted in the summary.
    unfixable: dict = field(default_factory=dict)
    blame: set = field(default_factory=set)  # newly named structures behind those
    narrow: dict = field(default_factory=dict)  # class -> narrow cells found and widened
    left: dict = field(default_factory=dict)  # class -> narrow cells nothing can widen

    def reason(self, family: str, key) -> str:
        return self.hidden.get(CLASS_OF[family], {}).get(key, "")

    def revised_row(self, family: str, key) -> LedgerRow:
        return self.revised[CLASS_OF[family]][key]


def _members(universe: Universe, family_class: str, rule_names: list[str]):
    """(family, rule set or "") of a class: the exits and follow-up tables once per rule
    set."""
    wanted = FAMILY_CLASSES[family_class]
    out = []
    for family in families(rule_names):
        if family.key not in wanted:
            continue
        if family.per_rule_set:  # one more table per rule set: populations differ
            out.extend((family, rule) for rule in rule_names)
        else:
            out.append((family, ""))
    return out


def versions(universe: Universe, rule_names: list[str]) -> dict:
    """(family class, structure) -> digest of every figure the class shows of that
    structure in the year (every period, every rule set)."""
    out = {}
    per_structure: dict = {}
    for per in sorted(universe.figures):
        for rule in sorted(universe.figures[per]):
            for pk, figures in universe.figures[per][rule].items():
                per_structure.setdefault(pk, []).append((per, rule, figures))
    for name in FAMILY_CLASSES:
        members = _members(universe, name, rule_names)
        for pk, entries in per_structure.items():
            parts = []
            for per, rule, figures in entries:
                for family, member_rule in members:
                    if family.all_rule_sets or (member_rule and member_rule != rule):
                        continue
                    if not member_rule and rule != rule_names[0]:
                        continue
                    parts.append(
                        (per, rule, family.key, [c.value(figures) for c in family.columns])
                    )
            out[(name, pk)] = hashlib.blake2b(repr(parts).encode(), digest_size=6).hexdigest()
    return out


def decide(
    *,
    scopes: list[Perimeter],
    universe: Universe,
    thresholds: Thresholds,
    rule_names: list[str],
    ledger: list[LedgerRow] = (),
    published: set[int] = frozenset(),
    edition_label: str = "",
    p: float | None = None,
) -> Decisions:
    """Hide what must be hidden in every row of every scope, period and family, at
    once, against what was published before (``ledger``). ``published``: the
    structures that agree to be named in some edition (known to whoever holds it:
    files are forwarded). ``p``: the protection interval (0.10 for ±10 %), None for no
    interval audit.

    A structure newly named is a new known vector: a row published before with it and
    two others, minus its figures now named, would show those two. Nothing published
    can be withdrawn, so such a structure is not named this year (``withheld``) and
    the decision is made again without it."""
    named = set(published)
    withheld: set = set()
    problem = (scopes, universe, thresholds, rule_names, ledger, edition_label, p)
    while True:
        decisions = _decide(*problem, published=named)
        if not decisions.blame:
            decisions.withheld = withheld
            return decisions
        named -= decisions.blame
        withheld |= decisions.blame


def _decide(
    scopes, universe, thresholds, rule_names, ledger, edition_label, p, *, published
) -> Decisions:
    periods = sorted(universe.figures)
    row_sets = table_rows(scopes, periods, universe)
    sums = row_sums(row_sets, universe)
    digests = versions(universe, rule_names)
    # Structures whose figures are all zero in a period: their atoms are known.
    zero: dict = {}
    for per, per_rule in universe.figures.items():
        flags = {}
        for figures in per_rule.values():
            for pk, values in figures.items():
                flags[pk] = flags.get(pk, False) or any(values.values())
        zero[per] = {pk for pk, flag in flags.items() if not flag}
    decisions = Decisions(named=set(published))
    ledger_by_class: dict = {}
    for row in ledger:
        ledger_by_class.setdefault(row.family_class, []).append(row)
    for name in FAMILY_CLASSES:
        members = _members(universe, name, rule_names)
        groups, cells_of = [], {}
        primary: set = set()
        populations: dict = {}  # (member index, per) -> {pk: population}
        # Atoms of structures named in an edition (now or before, at those figures).
        known: set = {
            atom
            for row in ledger_by_class.get(name, [])
            if row.key[0] == NAMED
            for atom in row.atoms
        }
        for key, table_id, per, row_members in row_sets:
            unpublished = [pk for pk in row_members if pk not in published]
            atoms = frozenset(
                (pk, part, digests[(name, pk)])
                for pk, part in row_atoms(unpublished, per, universe)
            )
            known.update(
                (pk, part, digests[(name, pk)])
                for pk, part in row_atoms(
                    [pk for pk in unpublished if pk in zero[per]], per, universe
                )
            )
            people, count = None, None
            cells = {}
            is_primary = False
            for index, (family, rule) in enumerate(members):
                universe.chosen = rule or rule_names[0]
                if family.all_rule_sets:
                    total = {r: sums.get((key, r), {}) for r in rule_names}
                    total = total if all(total.values()) else {}
                else:
                    total = sums.get((key, universe.chosen), {})
                positive = populations.get((index, per))
                if positive is None:
                    positive = populations[(index, per)] = contributions_of(family, per, universe)
                residual = [positive[pk] for pk in unpublished if pk in positive]
                contributing = len(residual) + sum(
                    pk in positive for pk in row_members if pk in published
                )
                population = family.population(total) if total else 0
                group = Group(
                    key=key,
                    table=table_id,
                    atoms=atoms,
                    structures=contributing,
                    people=population,
                    residual_structures=len(residual),
                    residual_people=sum(residual),
                )
                if primary_rule(group, thresholds.structures, thresholds.people):
                    is_primary = True
                people = population if people is None else min(people, population)
                count = contributing if count is None else min(count, contributing)
                cells.setdefault(family.key, {})[rule] = [
                    c.value(total) if total else None for c in family.columns
                ]
            if is_primary:
                primary.add(key)
            cells_of[key] = (atoms, cells)
            groups.append(
                Group(
                    key=key,
                    table=table_id,
                    atoms=atoms,
                    structures=count or 0,
                    people=people or 0,
                    empty=not (atoms - known),
                )
            )
        # Rows published before: the same atoms are published already (locked); other
        # atoms (older figures, other members) are more rows the reader holds.
        locked: set = set()
        current = {(key, atoms) for key, (atoms, _cells) in cells_of.items()}
        previous: dict = {}
        for index, row in enumerate(ledger_by_class.get(name, [])):
            if row.key[0] == NAMED:
                continue
            previous.setdefault(row.key, row)  # the ledger lists the newest first
            if (row.key, row.atoms) in current:
                locked.add(row.key)
                continue
            ledger_key = ("publié", index, *row.key)
            locked.add(ledger_key)
            groups.append(
                Group(
                    key=ledger_key,
                    table=("publié", *row.key[:3]),
                    atoms=frozenset(a for a in row.atoms if a[0] not in published),
                    structures=thresholds.structures,
                    people=thresholds.people,
                )
            )
        primary -= locked
        audit = None
        if p is not None:
            audit = Intervals(p, members, universe, rule_names, digests, name)
        # Rows that share no structure (two regions) cannot be combined into an
        # aggregate of fewer structures than either part alone: each part is
        # protected by itself, which keeps every elimination and program small.
        hidden, unfixable, left = {}, [], 0
        for part in _components(groups):
            keys = {g.key for g in part}
            part_hidden, part_unfixable = _protect_linked(
                part,
                thresholds=thresholds,
                primary=primary & keys,
                locked=locked & keys,
                known=known,
                members=members,
                populations=populations,
                audit=audit,
            )
            hidden.update(part_hidden)
            unfixable.extend(part_unfixable)
            if audit is not None:
                left += audit.left
                audit.left = 0
        if unfixable:
            decisions.unfixable[name] = len(unfixable)
            rows = ledger_by_class.get(name, [])
            before = {pk for row in rows if row.key[0] == NAMED for pk, *_rest in row.atoms}
            for disclosure in unfixable:
                decisions.blame.update(_behind(disclosure, rows, published) - before)
        decisions.primary[name] = len(primary)
        if audit is not None:
            decisions.narrow[name] = audit.narrow
            if left:
                decisions.left[name] = left
        decisions.rounds[name] = sum(1 for reason in hidden.values() if reason == SECONDARY)
        mine = {k: v for k, v in hidden.items() if k in cells_of}
        for key in list(mine):
            row = previous.get(key)
            if row is not None and (key, row.atoms) not in current:
                decisions.revised.setdefault(name, {})[key] = row
                mine[key] = REVISED
        decisions.hidden[name] = mine
        for key, (atoms, cells) in cells_of.items():
            if key not in mine:
                decisions.released.append(
                    LedgerRow(
                        family_class=name,
                        key=key,
                        atoms=atoms,
                        cells=cells,
                        edition=edition_label,
                    )
                )
        for pk in sorted(published):
            atoms = frozenset(
                (pk, part, digests[(name, pk)])
                for per in periods
                for _pk, part in row_atoms([pk], per, universe)
                if (name, pk) in digests
            )
            if atoms:
                decisions.released.append(
                    LedgerRow(
                        family_class=name,
                        key=(NAMED, pk),
                        atoms=atoms,
                        cells={},
                        edition=edition_label,
                    )
                )
    return decisions


def _components(groups) -> list[list]:
    """The groups split into parts that share no structure and no table (each region
    with its networks and DDETS, say), in a fixed order."""
    parent: dict = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for group in groups:
        first = root(("table", group.table))
        for atom in group.atoms:
            other = root(("structure", atom[0]))
            if other != first:
                parent[other] = first
    parts: dict = {}
    for group in groups:
        parts.setdefault(root(("table", group.table)), []).append(group)
    return sorted(parts.values(), key=lambda part: min(repr(g.key) for g in part))


def _protect_linked(
    groups, *, thresholds, primary, locked, known, members, populations, audit
) -> tuple[dict, list]:
    """``protect``, then hide one more row while a combination of published rows adds
    up too few structures or people (or, with ``audit``, narrows a hidden row), and
    again. Returns the hidden rows and the disclosures that only rows published before
    compute (nothing left to hide: ``decide`` names fewer structures then).

    Once a round finds no disclosure, the rounds of the interval audit only hide more:
    every row hidden so far stays hidden (``initial``), so the published rows are a
    subset of a set without disclosure, whose combinations include all of theirs; the
    disclosures are not searched again (they were most of the time)."""
    ordered = sorted(groups, key=lambda g: repr(g.key))
    dependencies = Dependencies(ordered)
    order = {g.key: (g.people, g.structures, repr(g.key)) for g in groups}
    extra: dict = {}
    by_key = {g.key: g for g in groups}
    clean = False  # a round found no disclosure: from then on, only hide more
    unfixable: list = []
    while True:
        decision = protect(
            ordered,
            structures=thresholds.structures,
            people=thresholds.people,
            dependencies=dependencies,
            primary=primary,
            initial=extra,
            locked=locked,
            primary_only=True,
        )
        hidden = decision.hidden
        chosen: set = set()
        split = None
        if not clean:
            visible = [(g.key, g.atoms) for g in ordered if g.key not in hidden]
            unfixable = []
            split = decompose(visible, known)
        for index in range(len(members) if split is not None else 0):
            people = _population(index, populations)
            found = disclosures(
                visible,
                known=known,
                contributes=lambda atom, people=people: people(atom) > 0,
                structures=thresholds.structures,
                people=people,
                minimum_people=thresholds.people,
                fixable=lambda combination: any(k not in locked for k in combination),
                unfixable=unfixable,
                limit=BATCH,
                decomposition=split,
            )
            # One row of each combination found (not one already chosen): the next
            # round checks again with those rows hidden.
            for disclosure in found:
                if chosen.intersection(disclosure.combination):
                    continue
                candidates = [k for k in disclosure.combination if k not in locked]
                chosen.add(min(candidates, key=order.__getitem__))
        if not chosen and audit is not None:
            clean = True
            chosen = audit(by_key, hidden, known, locked, order)
        if not chosen:
            for key in _needless(ordered, hidden):
                del hidden[key]
            return hidden, unfixable
        if clean:
            extra.update((k, r) for k, r in hidden.items() if r != PRIMARY)
        extra.update(dict.fromkeys(chosen, SECONDARY))


def _needless(groups, hidden) -> list:
    """The rows hidden in secondary secret that the published rows of their period
    give anyway (« Ensemble » minus the other départements, say): hiding them protects
    nothing, and a reader who subtracts would wonder why they are secret. Publishing
    them adds no information (their values are already a combination of published
    ones: the span of what is published, on which every rule depends, is unchanged), so
    they are published. Only rows of the same period are used: a stock (people in
    pathways, ETP) does not add up over the quarters, so a row that only the year minus
    its quarters gives would show new stock figures."""
    by_period: dict = {}
    for group in groups:
        key = group.key
        per = key[4] if key[0] == "publié" else key[2]
        by_period.setdefault(per, []).append(group)
    needless = []
    secret = set(hidden)
    for per in sorted(by_period, key=repr):
        part = by_period[per]
        if not any(hidden.get(g.key) == SECONDARY for g in part):
            continue
        needless.extend(k for k in determined(part, secret) if hidden[k] == SECONDARY)
    return needless


EXACT = 1e-6  # the breakdown columns are only protected from being determined


class Intervals:
    """The interval audit of one family class (``intervals.audit``): the population of
    a row in primary secret (people in pathways, entries, exits, follow-ups done) must
    not be bounded within ±``p`` of its value by the rows published (now and before at
    the same figures), the structures named and non-negativity; and none of its other
    columns (RSA, ASS, exits to a job...) may be determined by them. The rank tests
    of ``linked`` cannot see the latter: a published zero forces each of its
    structures to zero in that column, which can leave one unknown.

    For each member and each column that adds up (``Column.bounded``), the reader's
    unknowns are the structures' values: per quarter (atom) for the flows, whose year is
    the sum of its quarters (``Column.over_quarters``); per period for the stocks. A row
    published before with other figures only bounds unknowns that are no longer
    published: it is left out here (the exact tests of ``linked`` cover it). For each
    narrow row, the published row that shares most with it and is smallest is hidden
    too (``intervals.partners``), and the rounds go on."""

    def __init__(self, p, members, universe, rule_names, digests, family_class):
        self.p = p
        self.members = members
        self.universe = universe
        self.rule_names = rule_names
        self.digests = digests
        self.family_class = family_class
        self.narrow = 0  # narrow cells found over the rounds
        self.left = 0  # narrow cells of the last round with no row left to hide

    def __call__(self, by_key, hidden, known, locked, order) -> set:
        targets = [k for k, reason in hidden.items() if reason == PRIMARY and k in by_key]
        if not targets:
            return set()
        chosen: set = set()
        done: set = set()  # narrow rows given a partner this round
        self.left = 0
        layouts = {flow: self._layout(by_key, hidden, known, flow) for flow in (True, False)}
        for family, rule in self.members:
            if family.all_rule_sets:
                continue
            rule = rule or self.rule_names[0]
            for flow, counted in ((True, True), (True, False), (False, True), (False, False)):
                columns = [
                    c
                    for index, c in enumerate(family.columns)
                    if c.bounded
                    and c.over_quarters == flow
                    and (index == family.counted) == counted
                ]
                locations, published, secret, named = layouts[flow]
                if not columns or not secret:
                    continue
                classes = self._values(locations, rule, columns)
                p = self.p if counted else EXACT
                for narrow in audit_intervals(classes, published, secret, p=p, known=named):
                    if not counted and narrow.high - narrow.low > EXACT * max(narrow.value, 1):
                        continue  # a breakdown bounded on one side only
                    self.narrow += 1
                    if narrow.key in done:
                        continue
                    partner = self._partner(narrow, classes, published, secret, locked | chosen)
                    if partner is not None:
                        chosen.add(partner)
                        done.add(narrow.key)
                    else:
                        self.left += 1
        return chosen

    def _partner(self, narrow, classes, published, secret, excluded):
        """The published row to hide with a narrow one: among those sharing an unknown
        with it, the smallest whose value covers what the interval lacks (the mass that
        can then move between the two), else the largest."""
        lacking = max(
            narrow.value * (1 + self.p) - narrow.high, narrow.low - narrow.value * (1 - self.p)
        )
        ranked = [
            (sum(classes[c][narrow.column] for c in published[key]), key)
            for key in interval_partners(narrow, published, secret, classes)
            if key not in excluded
        ]
        if not ranked:
            return None
        enough = [item for item in ranked if item[0] >= lacking]
        return enough[0][1] if enough else ranked[-1][1]

    def _layout(self, by_key, hidden, known, flow):
        """The reader's unknowns for the flow (or stock) columns, merged into classes:
        unknowns in exactly the same rows (and known or not alike) only ever appear
        through their sum, which can take any non-negative value the parts can, so the
        bounds are those of the unmerged problem with far fewer variables. Returns
        (class -> locations of its unknowns' figures, published row -> classes, row in
        primary secret -> classes, known classes); the same for every member and rule
        set of a round."""
        current = self.digests
        name = self.family_class
        rows_of: dict = {}  # unknown -> [location, known, row indices]
        keys = []
        for key, group in by_key.items():
            reason = hidden.get(key)
            if reason is not None and reason != PRIMARY:
                continue
            per = key[4] if key[0] == "publié" else key[2]
            found = []
            for atom in group.atoms:
                pk, part, version = atom
                if current.get((name, pk)) != version:
                    found = None  # older figures: not in this problem
                    break
                if flow:
                    unknown = atom
                    at = ("annexe", 0) if part == "annexe" else ("civile", part)
                else:
                    unknown = (pk, version, per)
                    at = per
                found.append((unknown, (at, pk), atom in known))
            if not found:
                continue
            index = len(keys)
            keys.append(key)
            for unknown, location, is_known in found:
                entry = rows_of.get(unknown)
                if entry is None:
                    entry = rows_of[unknown] = [location, False, []]
                entry[1] = entry[1] or is_known
                if not entry[2] or entry[2][-1] != index:  # a stock's quarters, once
                    entry[2].append(index)
        class_of: dict = {}
        locations: dict = {}
        members: list = [set() for _ in keys]
        named: set = set()
        for location, is_known, indices in rows_of.values():
            pattern = (is_known, tuple(indices))
            c = class_of.setdefault(pattern, len(class_of))
            locations.setdefault(c, []).append(location)
            if is_known:
                named.add(c)
            for index in indices:
                members[index].add(c)
        published, secret = {}, {}
        for index, key in enumerate(keys):
            if key in hidden:
                secret[key] = members[index]
            else:
                published[key] = members[index]
        return locations, published, secret, named

    def _values(self, locations, rule, columns) -> dict:
        """Each class's value in the columns: the sum of its unknowns' figures."""
        figures = self.universe.figures
        classes = {}
        for c, where in locations.items():
            total = [0.0] * len(columns)
            for at, pk in where:
                values = figures.get(at, {}).get(rule, {}).get(pk)
                if values:
                    for i, column in enumerate(columns):
                        total[i] += float(column.value(values) or 0)
            classes[c] = tuple(total)
        return classes


def _behind(disclosure, rows, named) -> set:
    """The named structures whose figures the combination of a disclosure subtracts:
    their atoms keep a coefficient once the rows published before are added up (a
    structure that cancels out, such as in « Ensemble » minus a type, is not)."""
    net: dict = {}
    for key, coefficient in disclosure.combination.items():
        if key[0] != "publié":
            continue
        for atom in rows[key[1]].atoms:
            if atom[0] in named:
                net[atom] = (net.get(atom, 0) + coefficient) % P
    return {atom[0] for atom, value in net.items() if value}


def _population(index, populations):
    """An atom's population for member ``index``: its structure's population in the
    atom's period (a quarter, or the annexe year); 0 when it contributes nothing."""
    cache: dict = {}

    def population(atom) -> int:
        pk, part = atom[0], atom[1]
        per = ("annexe", 0) if part == "annexe" else ("civile", part)
        value = cache.get((pk, per))
        if value is None:
            positive = populations.get((index, per))
            if positive is None:
                positive = populations.get((index, ("civile", 0)), {})
            value = cache[(pk, per)] = positive.get(pk, 0)
        return value

    return population


__all__ = ["FAMILY_CLASSES", "PRIMARY", "REVISED", "Decisions", "LedgerRow", "decide"]
