"""The interval audit of the publication (``intervals.audit``), one family class at a
time: a row in primary secret must not be bounded within ±``p`` of its value by what is
published. Pure Python (no Django)."""

from jalons.observatoire.intervals import audit as audit_intervals
from jalons.observatoire.intervals import partners as interval_partners
from jalons.observatoire.protection import PRIMARY

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
        rows_of, keys = self._unknowns(by_key, hidden, known, flow)
        return _classes(rows_of, keys, hidden)

    def _unknowns(self, by_key, hidden, known, flow):
        """The unknowns of the rows published and of those in primary secret: unknown
        -> [location of its figures, known, indices of its rows], and the rows' keys."""
        rows_of: dict = {}  # unknown -> [location, known, row indices]
        keys = []
        for key, group in by_key.items():
            reason = hidden.get(key)
            if reason is not None and reason != PRIMARY:
                continue
            found = self._row_unknowns(key, group, known, flow)
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
        return rows_of, keys

    def _row_unknowns(self, key, group, known, flow) -> list | None:
        """A row's unknowns (an atom for the flows; a structure in the row's period for
        the stocks), where their figures are, and whether they are known; None for a
        row with older figures (not in this problem)."""
        current = self.digests
        name = self.family_class
        per = key[4] if key[0] == "publié" else key[2]
        found = []
        for atom in group.atoms:
            pk, part, version = atom
            if current.get((name, pk)) != version:
                return None  # older figures: not in this problem
            if flow:
                unknown = atom
                at = ("annexe", 0) if part == "annexe" else ("civile", part)
            else:
                unknown = (pk, version, per)
                at = per
            found.append((unknown, (at, pk), atom in known))
        return found

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


def _classes(rows_of: dict, keys: list, hidden: dict):
    """The unknowns merged into classes (the same rows, known or not alike): class ->
    locations, published row -> classes, row in primary secret -> classes, known
    classes."""
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
