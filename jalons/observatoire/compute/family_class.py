"""One family class of a publication (``publication``) as one protection problem:

- a group per row of every scope and period, with the smallest population and count
  of the class's member tables (they show the same rows);
- the rows in primary secret: fewer than 3 structures or 10 people in one member table,
  or in what remains once the structures named are taken out (``protection.is_primary``);
- a group per row published before with other atoms (the **ledger**);
- the atoms the reader knows: those of the structures named, and of structures whose
  figures are all zero.

Pure Python (no Django)."""

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from jalons.observatoire.compute.rows import Universe, contributions_of, row_atoms
from jalons.observatoire.compute.tables import families
from jalons.observatoire.edition import Thresholds
from jalons.observatoire.protection import Group
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
NAMED = "nommée"  # ledger key of a structure's own figures published by name


def members_of(universe: Universe, family_class: str, rule_names: list[str]):
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
        members = members_of(universe, name, rule_names)
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


@dataclass(frozen=True)
class Year:
    """What the family classes of a publication share: every row of every scope and
    period (``table_rows``), their sums, the versions of the structures' figures."""

    universe: Universe
    thresholds: Thresholds
    rule_names: list[str]
    published: set  # structures named in some edition
    edition_label: str
    p: float | None
    periods: list
    row_sets: list  # (key, table id, period, structures with figures)
    sums: dict  # (row key, rule set) -> summed figures
    digests: dict  # (family class, structure) -> version of its figures
    zero: dict  # period -> structures whose figures are all zero (their atoms are known)
    ledger_by_class: dict  # family class -> rows published before, newest first


def all_zero(universe: Universe) -> dict:
    """The structures whose figures are all zero in each period (every rule set): their
    atoms are known."""
    zero: dict = {}
    for per, per_rule in universe.figures.items():
        flags = {}
        for figures in per_rule.values():
            for pk, values in figures.items():
                flags[pk] = flags.get(pk, False) or any(values.values())
        zero[per] = {pk for pk, flag in flags.items() if not flag}
    return zero


class Row(NamedTuple):
    """A row of every table of a family class, for one scope and period."""

    key: tuple
    table: tuple
    per: tuple
    members: list  # its structures with figures
    unpublished: list  # those not named
    atoms: frozenset  # (structure, part, version) of the unpublished ones


class ClassRows:
    """The problem of one family class (see the module), built at once: ``groups`` to
    protect, ``primary`` rows, ``locked`` rows (published already), ``known`` atoms;
    ``cells_of`` the values of each row, ``previous`` the newest row published under
    each key and ``current`` the (key, atoms) of this publication's rows."""

    def __init__(self, name: str, year: Year):
        self.name = name
        self.year = year
        self.members = members_of(year.universe, name, year.rule_names)
        self.ledger = year.ledger_by_class.get(name, [])
        self.groups: list = []
        self.cells_of: dict = {}  # row key -> (atoms, family -> rule set -> values)
        self.primary: set = set()
        self.populations: dict = {}  # (member index, per) -> {pk: population}
        # Atoms of structures named in an edition (now or before, at those figures).
        self.known: set = {atom for row in self.ledger if row.key[0] == NAMED for atom in row.atoms}
        for key, table_id, per, row_members in year.row_sets:
            self._add_row(key, table_id, per, row_members)
        self.current = {(key, atoms) for key, (atoms, _cells) in self.cells_of.items()}
        self.locked, self.previous = self._add_published_rows()
        self.primary -= self.locked

    def _atoms(self, pks, per) -> frozenset:
        """The atoms of structures in a period, with the version of their figures."""
        digests, name = self.year.digests, self.name
        return frozenset(
            (pk, part, digests[(name, pk)]) for pk, part in row_atoms(pks, per, self.year.universe)
        )

    def _add_row(self, key, table_id, per, row_members) -> None:
        """A row's group, its cells, and whether it is in primary secret (the rule fails
        in one of its member tables); the atoms of its structures whose figures are all
        zero become known."""
        year = self.year
        unpublished = [pk for pk in row_members if pk not in year.published]
        atoms = self._atoms(unpublished, per)
        self.known.update(self._atoms([pk for pk in unpublished if pk in year.zero[per]], per))
        row = Row(key, table_id, per, row_members, unpublished, atoms)
        people, count = None, None
        cells: dict = {}
        is_primary = False
        for index, (family, rule) in enumerate(self.members):
            group, values = self._member_group(row, index, family, rule)
            if primary_rule(group, year.thresholds.structures, year.thresholds.people):
                is_primary = True
            people = group.people if people is None else min(people, group.people)
            count = group.structures if count is None else min(count, group.structures)
            cells.setdefault(family.key, {})[rule] = values
        if is_primary:
            self.primary.add(key)
        self.cells_of[key] = (atoms, cells)
        self.groups.append(
            Group(
                key=key,
                table=table_id,
                atoms=atoms,
                structures=count or 0,
                people=people or 0,
                empty=not (atoms - self.known),
            )
        )

    def _member_group(self, row: Row, index: int, family, rule: str) -> tuple[Group, list]:
        """The row in one member table: its group for the primary rule (structures and
        people, and what remains once the named structures are taken out) and its
        values."""
        year = self.year
        universe = year.universe
        universe.chosen = rule or year.rule_names[0]
        if family.all_rule_sets:
            total = {r: year.sums.get((row.key, r), {}) for r in year.rule_names}
            total = total if all(total.values()) else {}
        else:
            total = year.sums.get((row.key, universe.chosen), {})
        positive = self.populations.get((index, row.per))
        if positive is None:
            positive = contributions_of(family, row.per, universe)
            self.populations[(index, row.per)] = positive
        residual = [positive[pk] for pk in row.unpublished if pk in positive]
        contributing = len(residual) + sum(
            pk in positive for pk in row.members if pk in year.published
        )
        group = Group(
            key=row.key,
            table=row.table,
            atoms=row.atoms,
            structures=contributing,
            people=family.population(total) if total else 0,
            residual_structures=len(residual),
            residual_people=sum(residual),
        )
        return group, [c.value(total) if total else None for c in family.columns]

    def _add_published_rows(self) -> tuple[set, dict]:
        """Rows published before: the same atoms are published already (locked); other
        atoms (older figures, other members) are more rows the reader holds. Returns the
        locked keys and the newest row published under each key."""
        thresholds, published = self.year.thresholds, self.year.published
        locked: set = set()
        previous: dict = {}
        for index, row in enumerate(self.ledger):
            if row.key[0] == NAMED:
                continue
            previous.setdefault(row.key, row)  # the ledger lists the newest first
            if (row.key, row.atoms) in self.current:
                locked.add(row.key)
                continue
            ledger_key = ("publié", index, *row.key)
            locked.add(ledger_key)
            self.groups.append(
                Group(
                    key=ledger_key,
                    table=("publié", *row.key[:3]),
                    atoms=frozenset(a for a in row.atoms if a[0] not in published),
                    structures=thresholds.structures,
                    people=thresholds.people,
                )
            )
        return locked, previous
