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
  rows and non-negativity (``interval_audit.Intervals``, ``intervals.audit``), when
  ``p`` is given.

Then a row hidden in secondary secret that the published rows of its period give
anyway is published (``secondary.needless``): hiding it protected nothing.

Each family class is one problem (``family_class.ClassRows``: its groups, the rows in
primary secret, the rows published before), protected part by part
(``secondary.protect_linked``); ``decide`` records what is hidden and released.

A structure's atoms carry the version of its figures (a digest): a row published
before with older figures is another vector, so a correction or a change of network
that would show one structure by difference with the ledger is found like any other
combination. A row that cannot be published again is shown with the value already
published and the mention « chiffres révisés non publiés ».
"""

from dataclasses import dataclass, field

from jalons.observatoire.compute.family_class import (
    FAMILY_CLASSES,
    NAMED,
    ClassRows,
    Year,
    all_zero,
    versions,
)
from jalons.observatoire.compute.interval_audit import Intervals
from jalons.observatoire.compute.rows import Universe, row_atoms, row_sums, table_rows
from jalons.observatoire.compute.secondary import protect_linked
from jalons.observatoire.edition import Perimeter, Thresholds
from jalons.observatoire.linked import P
from jalons.observatoire.protection import PRIMARY, SECONDARY

CLASS_OF = {family: name for name, members in FAMILY_CLASSES.items() for family in members}
REVISED = "révisé"  # reason of a row published before whose new figures stay unpublished


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
    """The decisions of a publication with the structures ``published`` named: each
    family class is protected on its own (``_decide_class``)."""
    periods = sorted(universe.figures)
    row_sets = table_rows(scopes, periods, universe)
    sums = row_sums(row_sets, universe)
    digests = versions(universe, rule_names)
    zero = all_zero(universe)
    ledger_by_class: dict = {}
    for row in ledger:
        ledger_by_class.setdefault(row.family_class, []).append(row)
    year = Year(
        universe=universe,
        thresholds=thresholds,
        rule_names=rule_names,
        published=published,
        edition_label=edition_label,
        p=p,
        periods=periods,
        row_sets=row_sets,
        sums=sums,
        digests=digests,
        zero=zero,
        ledger_by_class=ledger_by_class,
    )
    decisions = Decisions(named=set(published))
    for name in FAMILY_CLASSES:
        _decide_class(name, year, decisions)
    return decisions


def _decide_class(name: str, year: Year, decisions: Decisions) -> None:
    """One family class: its rows and those published before as one problem
    (``ClassRows``), protected part by part (``_protect_parts``); then what is hidden,
    why, and the rows released into the ledger."""
    rows = ClassRows(name, year)
    audit = None
    if year.p is not None:
        audit = Intervals(year.p, rows.members, year.universe, year.rule_names, year.digests, name)
    hidden, unfixable, left = _protect_parts(rows, year.thresholds, audit)
    _count(decisions, rows, hidden, unfixable, left, audit)
    mine = _hidden_rows(decisions, rows, hidden)
    _release(decisions, rows, mine)


def _protect_parts(rows: ClassRows, thresholds, audit) -> tuple[dict, list, int]:
    """Rows that share no structure (two regions) cannot be combined into an aggregate
    of fewer structures than either part alone: each part is protected by itself
    (``secondary.protect_linked``), which keeps every elimination and program small.
    Returns the hidden rows, the disclosures nothing left can fix and the narrow cells
    nothing can widen."""
    hidden, unfixable, left = {}, [], 0
    for part in _components(rows.groups):
        keys = {g.key for g in part}
        part_hidden, part_unfixable = protect_linked(
            part,
            thresholds=thresholds,
            primary=rows.primary & keys,
            locked=rows.locked & keys,
            known=rows.known,
            members=rows.members,
            populations=rows.populations,
            audit=audit,
        )
        hidden.update(part_hidden)
        unfixable.extend(part_unfixable)
        if audit is not None:
            left += audit.left
            audit.left = 0
    return hidden, unfixable, left


def _count(decisions: Decisions, rows: ClassRows, hidden, unfixable, left, audit) -> None:
    """The summary of a class (rows in primary secret, rows hidden for linkage, narrow
    cells), and the newly named structures behind what nothing left can fix
    (``Decisions.blame``)."""
    name = rows.name
    if unfixable:
        decisions.unfixable[name] = len(unfixable)
        before = {pk for row in rows.ledger if row.key[0] == NAMED for pk, *_rest in row.atoms}
        for disclosure in unfixable:
            decisions.blame.update(_behind(disclosure, rows.ledger, rows.year.published) - before)
    decisions.primary[name] = len(rows.primary)
    if audit is not None:
        decisions.narrow[name] = audit.narrow
        if left:
            decisions.left[name] = left
    decisions.rounds[name] = sum(1 for reason in hidden.values() if reason == SECONDARY)


def _hidden_rows(decisions: Decisions, rows: ClassRows, hidden: dict) -> dict:
    """The class's own rows hidden, and why: a row published before with other figures
    is shown as it was (« révisé »), not as secret."""
    mine = {k: v for k, v in hidden.items() if k in rows.cells_of}
    for key in list(mine):
        row = rows.previous.get(key)
        if row is not None and (key, row.atoms) not in rows.current:
            decisions.revised.setdefault(rows.name, {})[key] = row
            mine[key] = REVISED
    decisions.hidden[rows.name] = mine
    return mine


def _release(decisions: Decisions, rows: ClassRows, hidden: dict) -> None:
    """The ledger rows of this publication: every row published, and the figures of each
    structure named."""
    name, year = rows.name, rows.year
    for key, (atoms, cells) in rows.cells_of.items():
        if key not in hidden:
            decisions.released.append(
                LedgerRow(
                    family_class=name,
                    key=key,
                    atoms=atoms,
                    cells=cells,
                    edition=year.edition_label,
                )
            )
    for pk in sorted(year.published):
        atoms = frozenset(
            (pk, part, year.digests[(name, pk)])
            for per in year.periods
            for _pk, part in row_atoms([pk], per, year.universe)
            if (name, pk) in year.digests
        )
        if atoms:
            decisions.released.append(
                LedgerRow(
                    family_class=name,
                    key=(NAMED, pk),
                    atoms=atoms,
                    cells={},
                    edition=year.edition_label,
                )
            )


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


__all__ = ["FAMILY_CLASSES", "PRIMARY", "REVISED", "Decisions", "LedgerRow", "decide", "versions"]
