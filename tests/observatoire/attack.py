"""The attacker of the regional observatory (issue 12).

It holds every statistical edition that can be obtained for a year (every perimeter,
period and rule set: files get forwarded) and what is public about the structures, and
tries to recompute the figures of structures that did not choose to publish them.

Public API
----------
- ``releases(year) -> list[Release]``: the editions an attacker can collect. This is
  the only function that knows how editions are obtained; replace its body by a read
  of the published editions. Each ``Release`` is ``(edition, perimeter, public)``;
  ``public`` (what the attacker knew of the structures when the edition came out:
  types, départements, networks) may be left ``None``, it is then read from the
  database when attacking.
- ``public_knowledge() -> Public``: the public lists (type, département label,
  networks, names) read from the database.
- ``Truth.from_snapshots(year)``: the real figures (``Snapshot.figures``), used only to
  prove that what the attacker computes is the real figure, never by the attacks.
- ``attack(releases, truth) -> Report``: every attack below; ``Report.disclosures`` is
  the deduplicated union, ``Report.by_attack`` the disclosures of each attack,
  ``Report.mismatches`` any figure the attacker computed that is not the real one (its
  model of the tables would be wrong: a test failure too).
- ``observe(releases)`` and the attacks alone: ``rank_attack``,
  ``subtraction_attack`` (also the before/after comparison of one cell),
  ``ensemble_attack``, ``year_attack``, each ``(observations, truth) -> list``.

Model
-----
Work is done per family of tables, per additive column and per rule set (for the
families whose figures depend on it: exits and follow-ups). Every published cell is a
sum of **atoms**: for a flow column (entries, exits, follow-ups, publics at entry), an
atom is (structure, quarter), and a calendar-year cell is the sum of the quarters of
the year that have begun; for a stock column (people in pathways, ETP, people trained
and hours of training, counted on every period they overlap), every period has atoms
of its own. The annexe year is linked to nothing: which structures have a calendar
annexe year is not public, so its cells are atoms (structure, "annexe") of their own.
Rate and ratio columns, and the table of rates by rule set, are left out.

A row's structures are rebuilt from its label and the public lists: the structures of
the perimeter of that type, of that département, members of that network, or all of
them ("Ensemble"). Structures without figures in the period are zero: including them
is harmless. A structure named in some edition (its own figures published beside the
tables, to a network or a DDETS: the attacker holds those editions too) is known, in
every family and period, as the protection itself assumes: its figures are
subtracted from every row that holds it (taken from the snapshots: only two families
are printed by structure, the others are granted) and its atoms removed; the figures
the tables of named structures print are checked against the snapshots. A named
structure is never a target.

A **disclosure** is a quantity the attacker computes exactly about structures never
named: its non-named contributing structures (non-zero population) are fewer than the
thresholds (3), or their population is below the threshold (10). Figures are compared
with the snapshots: the attacker is right every time, or ``mismatches`` says why not.
Disclosures are deduplicated on (family, column, rule set, period, non-named
contributing structures).

Limits (what this attacker does not try): relations between columns (examined exits
+ removed = all exits), between rule sets, bounds from non-negativity, the number of
contributing structures printed on visible rows, and the rates.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from jalons.observatoire.compute import EMPTY, civil_periods
from jalons.observatoire.compute.tables import add, families
from jalons.observatoire.edition import Edition, Perimeter, Thresholds

P = 2**61 - 1  # a prime: ranks of these small 0/1 matrices mod P are their ranks over Q
SCALE = 100  # values are handled as integers: hundredths (ETP, hours)
TOTAL = "Ensemble"
DEFAULT_RULE_SET = "dgefp-2014"
ANNEXE, YEAR = "A", "Y"

# Families whose figures depend on the rule set (exits, follow-ups of examined exits);
# the others are the same in every edition whatever its rule set.
RULE_DEPENDENT = frozenset({"sorties", "suivi_3", "suivi_6", "suivi_12"})
SKIPPED_FAMILIES = frozenset({"regles"})  # rates only
# Additive columns (labels of ``jalons/observatoire/compute/tables.py``). A flow adds
# up over the quarters (year = sum of its quarters); a stock does not.
FLOW_COLUMNS = frozenset(
    {
        "Entrées (embauches)",
        "Entrées",
        "RSA",
        "ASS",
        "AAH",
        "DELD (12 mois et plus)",
        "DETLD (24 mois et plus)",
        "QPV",
        "ZRR",
        "RQTH",
        "Moins de 26 ans",
        "50 ans et plus",
        "Sorties",
        "Moins de 6 mois",
        "6 à 12 mois",
        "12 à 24 mois",
        "Plus de 24 mois",
        "Sorties examinées",
        "Emploi durable",
        "Emploi de transition",
        "Sorties positives",
        "Autres sorties",
        "Retirées de la base",
        "Suivis attendus",
        "Suivis réalisés",
        "En emploi ou en formation",
    }
)
# ETP are averages over the period, people and training are counted on every period
# they overlap: additive across structures, not across quarters.
STOCK_COLUMNS = frozenset(
    {
        "Personnes en parcours",
        "ETP réalisés",
        "ETP conventionnés",
        "Personnes formées",
        "Heures de formation",
    }
)
# Not sums: left out on purpose.
EXCLUDED_COLUMNS = frozenset(
    {
        "Heures d'accompagnement par personne accompagnée",
        "Taux (dynamiques ÷ réalisés)",
        "Taux de sortie dynamique",
        "Taux d'emploi durable",
    }
)
QUARTER_NAMES = {1: "1er trimestre", 2: "2e trimestre", 3: "3e trimestre", 4: "4e trimestre"}


# ----------------------------------------------------------------------------------
# What the attacker holds
# ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Public:
    """The public lists of SIAE: type, département (as editions print it), networks."""

    names: dict[int, str]
    kinds: dict[int, str]
    departements: dict[int, str]  # "Nord (59)", "" when unknown
    networks: dict[int, frozenset[str]]  # labels as editions print them

    def label(self, pk: int) -> str:
        """The label of the structure in the tables of named structures."""
        return f"{self.names[pk]} ({self.kinds[pk]})"

    def describe(self, pk: int) -> str:
        departement = self.departements.get(pk) or "département inconnu"
        return f"{self.names.get(pk, pk)} ({self.kinds.get(pk, '?')}, {departement})"


@dataclass(frozen=True)
class Release:
    """One edition as the attacker got it, with the perimeter it covers."""

    edition: Edition
    perimeter: Perimeter
    public: Public | None = None  # public lists when it came out; None: read now


def public_knowledge() -> Public:
    from jalons.structures.models import Network, Structure

    labels = {n.pk: str(n) for n in Network.objects.all()}
    networks: dict[int, set[str]] = defaultdict(set)
    for pk, network_id in Structure.networks.through.objects.values_list(
        "structure_id", "network_id"
    ):
        networks[pk].add(labels[network_id])
    names, kinds, departements = {}, {}, {}
    for pk, name, kind, dep_name, dep_code in Structure.objects.values_list(
        "pk", "name", "kind", "departement__name", "departement__code"
    ):
        names[pk], kinds[pk] = name, kind
        departements[pk] = f"{dep_name} ({dep_code})" if dep_code else ""
    return Public(
        names=names,
        kinds=kinds,
        departements=departements,
        networks={pk: frozenset(networks.get(pk, ())) for pk in names},
    )


def releases(year: int, *, rule_sets: list[str] | None = None) -> list[Release]:
    """Every edition of the year that can be obtained today: each region having
    structures, each network, each DDETS with all its départements; the calendar year,
    each quarter that has snapshots and the annexe year; every rule set. No companions:
    each is protected alone, as its reader gets it."""
    from jalons.observatoire import selectors
    from jalons.observatoire.models import Snapshot
    from jalons.rules import builtin_names
    from jalons.structures.models import Ddets, Network, Structure

    public = public_knowledge()
    regions = sorted(
        set(
            Structure.objects.exclude(departement=None).values_list(
                "departement__region__code", flat=True
            )
        )
    )
    perimeters = [selectors.perimeter_for_region(code) for code in regions]
    perimeters += [
        selectors.perimeter_for_network(n)
        for n in Network.objects.filter(structures__isnull=False).distinct().order_by("pk")
    ]
    perimeters += [
        selectors.perimeter_for_ddets(d, d.departements.all()) for d in Ddets.objects.order_by("pk")
    ]
    quarters = [
        q
        for q in (1, 2, 3, 4)
        if Snapshot.objects.filter(year=year, period_kind="civile", quarter=q).exists()
    ]
    periods = [(None, "civile"), *((q, "civile") for q in quarters), (None, "annexe")]
    out = []
    for perimeter in perimeters:
        for quarter, period in periods:
            for rule_set in rule_sets or builtin_names():
                edition = selectors.build_edition(
                    perimeter, year=year, quarter=quarter, period=period, rule_set=rule_set
                )
                if edition is not None:  # None: nothing published for it
                    out.append(Release(edition=edition, perimeter=perimeter, public=public))
    return out


# ----------------------------------------------------------------------------------
# The real figures (to prove the attacker right, never used to attack)
# ----------------------------------------------------------------------------------

_FAMILIES = {f.key: f for f in families([DEFAULT_RULE_SET]) if not f.all_rule_sets}
_COLUMNS = {(f.key, c.label): c for f in _FAMILIES.values() for c in f.columns}


def column_kind(label: str) -> str:
    """ "flow", "stock" or "excluded" (rates, ratios); KeyError for an unknown label."""
    if label in FLOW_COLUMNS:
        return "flow"
    if label in STOCK_COLUMNS:
        return "stock"
    if label in EXCLUDED_COLUMNS:
        return "excluded"
    raise KeyError(label)


def _scaled(value) -> int:
    scaled = Fraction(str(value)) * SCALE
    if scaled.denominator != 1:
        raise ValueError(f"not a multiple of 1/{SCALE}: {value!r}")
    return int(scaled)


class Truth:
    """The snapshots' figures: (period, rule set) -> structure -> figures, period being
    1..4 (quarters), "Y" (calendar year) or "A" (annexe year)."""

    def __init__(self, figures: dict, rule_set: str = DEFAULT_RULE_SET):
        self.figures = figures
        self.rule_set = rule_set  # for the families that do not depend on it

    @classmethod
    def from_snapshots(cls, year: int) -> "Truth":
        from jalons.observatoire.models import Snapshot

        figures: dict = defaultdict(dict)
        for pk, quarter, kind, rule, values in Snapshot.objects.filter(year=year).values_list(
            "structure_id", "quarter", "period_kind", "rule_set", "figures"
        ):
            period = ANNEXE if kind == "annexe" else quarter or YEAR
            figures[(period, rule)][pk] = {**EMPTY, **values}
        return cls(dict(figures))

    def _of(self, pk, period, rule_key) -> dict | None:
        return self.figures.get((period, rule_key or self.rule_set), {}).get(pk)

    def total(self, cells) -> dict:
        summed: dict = {}
        for pk, period, rule_key in cells:
            values = self._of(pk, period, rule_key)
            if values:
                add(summed, values)
        return summed

    def value(self, family: str, column: str, rule_key, cells) -> int:
        summed = self.total((pk, period, rule_key) for pk, period in cells)
        if not summed:
            return 0
        return _scaled(_COLUMNS[(family, column)].value(summed))

    def population(self, family: str, rule_key, cells) -> dict[int, int]:
        """Population of each structure of these cells (summed over its cells)."""
        population = _FAMILIES[family].population
        out: dict[int, int] = defaultdict(int)
        for pk, period in cells:
            values = self._of(pk, period, rule_key)
            if values:
                out[pk] += population(values)
        return dict(out)


# ----------------------------------------------------------------------------------
# Reading the editions
# ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """One row of one table of one edition, for the additive columns of its family."""

    family: str
    rule_key: str | None  # None: the family does not depend on the rule set
    period: object  # 1..4, "Y", "A"
    structures: frozenset[int]
    values: dict  # column label -> value in hundredths; empty when hidden
    hidden: bool
    named: bool  # a row of the table of structures that publish their figures
    cell: tuple  # (perimeter kind, ident, table key, row label): the same cell over time
    table: tuple  # (release index, table key)
    dimension: str
    is_total: bool
    source: str


@dataclass
class Observations:
    year: int
    quarters: tuple[int, ...]  # quarters of the year that have begun
    rows: list[Published]
    named: set[int]  # structures published by name in some edition
    structures: set[int]  # every structure of the perimeters
    public: Public
    thresholds: Thresholds
    problems: list = field(default_factory=list)  # the attacker's model does not fit
    cache: dict = field(default_factory=dict)


def _period_of(label: str):
    words = label.split()
    if label.startswith("Année d'annexe"):
        return ANNEXE
    if words[0] == "Année":
        return YEAR
    for quarter, name in QUARTER_NAMES.items():
        if label.startswith(name):
            return quarter
    raise ValueError(f"unknown period: {label!r}")


def _members(perimeter: Perimeter, public: Public, dimension: str, label: str) -> frozenset:
    ids = perimeter.structure_ids
    if label == TOTAL:
        return frozenset(ids)
    if dimension == "Type de SIAE":
        return frozenset(pk for pk in ids if public.kinds.get(pk) == label)
    if dimension == "Département":
        return frozenset(
            pk for pk in ids if (public.departements.get(pk) or "Département inconnu") == label
        )
    if dimension == "Réseau":
        return frozenset(pk for pk in ids if label in public.networks.get(pk, ()))
    raise ValueError(f"unknown dimension: {dimension!r}")


def _values(columns: list[str], cells) -> dict:
    out = {}
    for label, cell in zip(columns, cells, strict=True):
        if column_kind(label) != "excluded" and cell.value is not None:
            out[label] = _scaled(cell.value)
    return out


def observe(collected: list[Release], *, today: dt.date | None = None) -> Observations:
    """Every row of every edition as sets of structures with their values."""
    if not collected:
        raise ValueError("no edition to attack")
    today = today or dt.date.today()
    latest = None
    years = {int(r.edition.period_label.split()[-1]) for r in collected}
    if len(years) != 1:
        raise ValueError(f"editions of several years: {sorted(years)}")
    year = years.pop()
    rows, named, structures = [], set(), set()
    # The same edition published several times (before and after a change): numbered.
    times: dict = defaultdict(int)
    for release in collected:
        e = release.edition
        times[(release.perimeter.kind, release.perimeter.ident, e.period_label, e.rule_set)] += 1
    seen: dict = defaultdict(int)
    for index, release in enumerate(collected):
        public = release.public
        if public is None:
            public = latest = latest or public_knowledge()
        edition, perimeter = release.edition, release.perimeter
        structures.update(perimeter.structure_ids)
        period = _period_of(edition.period_label)
        where = f"{perimeter.label} — {edition.period_label} — {edition.rule_set}"
        same = (perimeter.kind, perimeter.ident, edition.period_label, edition.rule_set)
        seen[same] += 1
        if times[same] > 1:
            where += f" (publication {seen[same]})"
        for table in edition.tables:
            family = table.key.split("_par_")[0]
            if family in SKIPPED_FAMILIES:
                continue
            rule_key = edition.rule_set if family in RULE_DEPENDENT else None
            for row in table.rows:
                if getattr(row, "revised", ""):
                    # Figures of an earlier edition (the one named), for the structures
                    # of then: the attacker holds that edition, nothing new here.
                    continue
                total = row.is_total or row.label == TOTAL
                members = _members(perimeter, public, table.dimension, row.label)
                hidden = any(c.hidden for c in row.cells)
                rows.append(
                    Published(
                        family=family,
                        rule_key=rule_key,
                        period=period,
                        structures=members,
                        values={} if hidden else _values(table.columns, row.cells),
                        hidden=hidden,
                        named=False,
                        cell=(perimeter.kind, perimeter.ident, table.key, row.label),
                        table=(index, table.key),
                        dimension=table.dimension,
                        is_total=total,
                        source=f"{where} — {table.key} — {row.label}",
                    )
                )
        for table in edition.structures:
            family = table.key.removeprefix("structures_")
            rule_key = edition.rule_set if family in RULE_DEPENDENT else None
            by_label = defaultdict(list)
            for pk in perimeter.structure_ids:
                if pk in public.names:
                    by_label[public.label(pk)].append(pk)
            for row in table.rows:
                pks = by_label.get(row.label, [])
                if len(pks) != 1:  # two structures of the same name and type: unknown
                    continue
                named.add(pks[0])
                rows.append(
                    Published(
                        family=family,
                        rule_key=rule_key,
                        period=period,
                        structures=frozenset(pks),
                        values=_values(table.columns, row.cells),
                        hidden=False,
                        named=True,
                        cell=(perimeter.kind, perimeter.ident, table.key, row.label),
                        table=(index, table.key),
                        dimension="Structure",
                        is_total=False,
                        source=f"{where} — {table.key} — {row.label}",
                    )
                )
    quarters = tuple(p.quarter for p in civil_periods(year, today) if p.quarter)
    first = collected[0]
    return Observations(
        year=year,
        quarters=quarters,
        rows=rows,
        named=named,
        structures=structures,
        public=first.public or latest or public_knowledge(),
        thresholds=first.edition.thresholds,
    )


# ----------------------------------------------------------------------------------
# Systems: the cells of one quantity, as vectors over atoms
# ----------------------------------------------------------------------------------


@dataclass
class System:
    """The cells of one family, rule set and kind of column that share atoms."""

    family: str
    rule_key: str | None
    flow: bool
    block: object  # "civile" or "A" for flows, the period for stocks
    columns: tuple[str, ...]
    quarters: tuple[int, ...]
    visible: list = field(default_factory=list)  # _Visible
    hidden: list = field(default_factory=list)  # (atoms, Published)

    def atoms(self, structures, period) -> frozenset:
        if self.flow and period == YEAR:
            return frozenset((s, q) for s in structures for q in self.quarters)
        return frozenset((s, period) for s in structures)

    @property
    def periods(self) -> tuple:
        if self.flow and self.block == "civile":
            return (*self.quarters, YEAR)
        return (self.block,)


def systems(obs: Observations, truth: Truth) -> list[System]:
    """The systems of the observations (computed once per ``obs``). Structures named in
    some edition are known to the attacker, as the protection assumes: their figures
    (``truth``) are subtracted from every row holding them, and their atoms removed;
    the figures the tables of named structures publish are checked against them."""
    if "systems" in obs.cache:
        return obs.cache["systems"]
    out: dict = {}
    for row in obs.rows:
        columns = [c for f, c in _COLUMNS if f == row.family]
        for flow in (True, False):
            kept = tuple(c for c in columns if column_kind(c) == ("flow" if flow else "stock"))
            if not kept:
                continue
            block = (ANNEXE if row.period == ANNEXE else "civile") if flow else row.period
            key = (row.family, row.rule_key, flow, block)
            system = out.get(key)
            if system is None:
                system = out[key] = System(
                    row.family, row.rule_key, flow, block, kept, obs.quarters
                )
            named = sorted(row.structures & obs.named)
            atoms = system.atoms(row.structures - obs.named, row.period)
            if row.hidden:
                if atoms:
                    system.hidden.append((atoms, row))
                continue
            values = [row.values.get(c) for c in kept]
            for pk in named:
                own = [truth.value(row.family, c, row.rule_key, [(pk, row.period)]) for c in kept]
                values = [None if v is None else v - o for v, o in zip(values, own, strict=True)]
            note = f" (moins {len(named)} nommée{'s' * (len(named) > 1)})" if named else ""
            if row.named or not atoms:  # known: every value must be what is subtracted
                if any(values):
                    obs.problems.append(
                        f"{row.source} : {[v / SCALE for v in values if v]} de plus que les "
                        "chiffres des structures nommées"
                    )
                continue
            system.visible.append(_Visible(atoms, tuple(values), row, row.source + note))
    obs.cache["systems"] = [out[k] for k in sorted(out, key=repr)]
    return obs.cache["systems"]


@dataclass(frozen=True)
class _Visible:
    atoms: frozenset
    values: tuple  # hundredths per column of the system, named structures subtracted
    row: Published
    source: str


# ----------------------------------------------------------------------------------
# Linear algebra mod P
# ----------------------------------------------------------------------------------


def _subtract(target: dict, factor: int, row: dict) -> None:
    """``target -= factor × row`` (mod P), sparse, in place."""
    for key, value in row.items():
        new = (target.get(key, 0) - factor * value) % P
        if new:
            target[key] = new
        else:
            target.pop(key, None)


def _values_minus(values: list, factor: int, other) -> list:
    return [
        None if a is None or b is None else (a - factor * b) % P
        for a, b in zip(values, other, strict=True)
    ]


def _signed(value: int) -> int:
    return value if value <= P // 2 else value - P


def _rational(value: int) -> Fraction:
    """The small fraction a/b equal to ``value`` mod P (rational reconstruction)."""
    r0, r1, s0, s1 = P, value % P, 0, 1
    while r1 * r1 * 2 > P:
        q = r0 // r1
        r0, r1, s0, s1 = r1, r0 - q * r1, s1, s0 - q * s1
    return Fraction(r1, s1)


class Span:
    """Rows in reduced row echelon form mod P, each with its values (one per column)
    and the combination of observations it stands for."""

    def __init__(self, width: int):
        self.width = width
        self.rows: dict[int, tuple[dict, list, dict]] = {}  # pivot -> row

    def reduce(self, vector: dict) -> tuple[dict, list, dict]:
        """(what is left of ``vector``, values of the part in the span, combination)."""
        vector = dict(vector)
        values, combination = [0] * self.width, {}
        # The rows are zero at each other's pivots: one pass over the pivots present.
        for pivot in [c for c in vector if c in self.rows]:
            factor = vector.get(pivot)
            if not factor:
                continue
            row, row_values, row_combination = self.rows[pivot]
            _subtract(vector, factor, row)
            values = _values_minus(values, -factor, row_values)
            _subtract(combination, -factor, row_combination)
        return vector, values, combination

    def add(self, vector: dict, values, origin) -> list | None:
        """Add an observation; when it is a combination of the others, return its value
        minus theirs (all zeros when the observations agree) instead."""
        left, known, combination = self.reduce(vector)
        values = _values_minus(list(values), 1, known)
        combination = {k: (-v) % P for k, v in combination.items()}
        combination[origin] = (combination.get(origin, 0) + 1) % P
        if not left:
            return values
        pivot = min(left)
        inverse = pow(left[pivot], P - 2, P)
        left = {c: v * inverse % P for c, v in left.items()}
        values = [None if v is None else v * inverse % P for v in values]
        combination = {k: v * inverse % P for k, v in combination.items()}
        for other, (row, row_values, row_combination) in self.rows.items():
            factor = row.get(pivot)
            if factor:
                _subtract(row, factor, left)
                self.rows[other] = (
                    row,
                    _values_minus(row_values, factor, values),
                    row_combination,
                )
                _subtract(row_combination, factor, combination)
        self.rows[pivot] = (left, values, combination)
        return None


# ----------------------------------------------------------------------------------
# Disclosures
# ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Disclosure:
    attack: str  # "rang", "soustraction", "avant/après", "ensemble", "année − trimestres"
    family: str
    column: str
    rule_set: str | None
    period: str  # "2e trimestre 2025", "Année 2025", "1er et 3e trimestres 2025"
    structures: frozenset[int]  # the structures never named that contribute
    names: tuple[str, ...]
    computed: Fraction
    true: Fraction
    population: int  # of the structures never named
    sources: tuple[str, ...]  # the published cells used, with their coefficients

    @property
    def key(self) -> tuple:
        return (self.family, self.column, self.rule_set, self.period, self.structures)

    def __str__(self) -> str:
        rules = f" [{self.rule_set}]" if self.rule_set else ""
        who = " + ".join(self.names)
        shown = "; ".join(self.sources[:6]) + (" ; …" if len(self.sources) > 6 else "")
        return (
            f"[{self.attack}] {self.family} « {self.column} »{rules}, {self.period} : "
            f"{who} = {_french(self.computed)} (réel : {_french(self.true)}, population "
            f"{self.population}) ← {shown}"
        )


def _french(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".replace(".", ",")


def period_label(period, year: int) -> str:
    if period == YEAR:
        return f"Année {year}"
    if period == ANNEXE:
        return f"Année d'annexe {year}"
    if isinstance(period, tuple):
        if len(period) == 1:
            return period_label(period[0], year)
        names = [QUARTER_NAMES[q].split()[0] for q in period]
        return f"{', '.join(names[:-1])} et {names[-1]} trimestres {year}"
    return f"{QUARTER_NAMES[period]} {year}"


@dataclass(frozen=True)
class Recomputed:
    """A hidden cell the attacker computes exactly, about enough structures and people
    to be no disclosure. ``same_period``: the published rows of its own period give it
    (« Ensemble » minus the other rows): then hiding it protected nothing; otherwise
    only rows of other periods do (the year minus its quarters, for a flow column)."""

    family: str
    column: str
    period: str
    flow: bool
    same_period: bool
    sources: tuple[str, ...]

    def __str__(self) -> str:
        where = "sa période" if self.same_period else "d'autres périodes"
        return f"{self.family} « {self.column} » {self.period} (par {where}) : " + "; ".join(
            self.sources[:3]
        )


@dataclass
class Report:
    disclosures: list[Disclosure]  # deduplicated union of every attack
    by_attack: dict[str, list[Disclosure]]
    mismatches: list[str]  # computed figures that are not the real ones
    recomputed: list["Recomputed"]  # hidden cells recomputed, above the thresholds

    def counts(self) -> dict[str, int]:
        return {name: len(found) for name, found in self.by_attack.items()}

    def by_family(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for d in self.disclosures:
            out[d.family] += 1
        return dict(out)

    def summary(self, limit: int = 12) -> str:
        """The counts, then examples: one line per set of structures (the first column
        found, and how many other columns give it away), single structures first."""
        groups: dict = {}
        for d in self.disclosures:
            groups.setdefault((d.attack, d.family, d.rule_set, d.period, d.structures), []).append(
                d
            )
        order = ["rang", "avant/après", "soustraction", "ensemble", "année − trimestres"]
        shown = sorted(
            groups.values(),
            key=lambda ds: (
                len(ds[0].structures),
                order.index(ds[0].attack) if ds[0].attack in order else len(order),
            ),
        )
        distinct = {(d.family, d.rule_set, d.period, d.structures) for d in self.disclosures}
        lines = [
            f"{len(self.disclosures)} divulgations (une par colonne), {len(distinct)} ensembles "
            "(famille, jeu de règles, période, structures) ; par attaque : "
            + ", ".join(f"{k} {v}" for k, v in self.counts().items())
            + " ; par famille : "
            + ", ".join(f"{k} {v}" for k, v in sorted(self.by_family().items()))
            + f" ; cases secrètes recalculées sans fuite : {len(self.recomputed)}"
            + f" ; incohérences : {len(self.mismatches)}"
        ]
        for ds in shown[:limit]:
            more = f" (et {len(ds) - 1} autres colonnes)" if len(ds) > 1 else ""
            lines.append(f"  {ds[0]}{more}")
        lines += [f"  incohérence : {m}" for m in self.mismatches[:limit]]
        return "\n".join(lines)


class _Judge:
    """Turns a computed quantity into a disclosure (or nothing), checked on the truth."""

    def __init__(self, obs: Observations, truth: Truth):
        self.obs, self.truth = obs, truth
        self.mismatches: list[str] = []
        self.recomputed: list[Recomputed] = []
        self.minimum = obs.thresholds

    def judge(self, attack, system, column, cells, computed, sources, *, note_safe=None):
        """``cells``: (structure, period) of the truth the quantity adds up;
        ``computed``: its value in hundredths as the attacker found it (None: unknown).
        ``note_safe``: for a hidden cell, whether the rows of its period give it (it is
        then noted in ``recomputed`` when it is no disclosure).
        """
        if computed is None:
            return None
        family, rule_key = system.family, system.rule_key
        if not cells:  # nothing left: the cells used must add up exactly
            if computed:
                self.mismatches.append(
                    f"[{attack}] {family} « {column} » : reste {computed / SCALE} sans "
                    f"structure ← {'; '.join(sources[:4])}"
                )
            return None
        population = self.truth.population(family, rule_key, cells)
        unnamed = {pk: n for pk, n in population.items() if pk not in self.obs.named and n > 0}
        true = self.truth.value(family, column, rule_key, cells)
        periods = tuple(sorted({p for _pk, p in cells}, key=repr))
        label = period_label(periods if len(periods) > 1 else periods[0], self.obs.year)
        if true != computed:
            self.mismatches.append(
                f"[{attack}] {family} « {column} » {rule_key or ''} {label} "
                f"{sorted(pk for pk, _p in cells)} : calculé {computed / SCALE}, "
                f"réel {true / SCALE} ← {'; '.join(sources[:4])}"
            )
            return None
        if not unnamed:
            return None
        people = sum(unnamed.values())
        if len(unnamed) >= self.minimum.structures and people >= self.minimum.people:
            if note_safe is not None:
                self.recomputed.append(
                    Recomputed(
                        family=family,
                        column=column,
                        period=label,
                        flow=system.flow,
                        same_period=note_safe,
                        sources=tuple(sources),
                    )
                )
            return None
        public = self.obs.public
        return Disclosure(
            attack=attack,
            family=family,
            column=column,
            rule_set=rule_key,
            period=label,
            structures=frozenset(unnamed),
            names=tuple(public.describe(pk) for pk in sorted(unnamed)),
            computed=Fraction(computed, SCALE),
            true=Fraction(true, SCALE),
            population=people,
            sources=tuple(sources),
        )


def _dedupe(found) -> list[Disclosure]:
    seen, out = set(), []
    for d in found:
        if d is not None and d.key not in seen:
            seen.add(d.key)
            out.append(d)
    return out


def without_implied(found: list[Disclosure], singles: set | None = None) -> list:
    """Without the disclosures of several structures each of which is disclosed alone
    (same family, column, rule set and period): they tell nothing more. ``singles``:
    keys of the single structures known to be disclosed (by default, those of
    ``found``)."""
    if singles is None:
        singles = {d.key for d in found if len(d.structures) == 1}
    return [
        d
        for d in found
        if len(d.structures) == 1
        or not all((*d.key[:4], frozenset({pk})) in singles for pk in d.structures)
    ]


# ----------------------------------------------------------------------------------
# 1. Rank test: everything the published cells determine
# ----------------------------------------------------------------------------------


def rank_attack(obs: Observations, truth: Truth, *, judge: _Judge | None = None) -> list:
    """Every single structure, pair and triple of structures never named (per period)
    and every hidden cell whose value is a linear combination of the published cells
    (exact, mod P), with the value that combination gives."""
    judge = judge or _Judge(obs, truth)
    found = []
    targets = sorted(obs.structures - obs.named)
    for system in systems(obs, truth):
        span, index, origins = Span(len(system.columns)), {}, []
        seen: dict = {}
        of_period: dict = defaultdict(list)  # period -> visible rows (vector, values)

        def vector(atoms, index=index):
            return {index.setdefault(a, len(index)): 1 for a in atoms}

        for visible in system.visible:
            atoms, values, source = visible.atoms, visible.values, visible.source
            if atoms in seen:  # the same cell in another edition (or another table)
                first = seen[atoms]
                if first[0] != values:
                    judge.mismatches.append(
                        f"deux valeurs pour les mêmes structures : {first[1]} ≠ {source}"
                    )
                continue
            seen[atoms] = (values, source)
            origins.append(source)
            modular = [None if v is None else v % P for v in values]
            of_period[visible.row.period].append((vector(atoms), modular, len(origins) - 1))
            residual = span.add(vector(atoms), modular, len(origins) - 1)
            if residual and any(residual):
                judge.mismatches.append(
                    f"{system.family} {system.block} : cellule incohérente avec les autres "
                    f"({[_signed(v) for v in residual if v is not None]}) ← {source}"
                )

        def sources(combination, origins=origins):
            terms = sorted(combination.items(), key=lambda kv: kv[0])
            out = []
            for origin, coefficient in terms:
                c = _rational(coefficient)
                sign = "+" if c > 0 else "−"
                size = "" if abs(c) == 1 else f"{abs(c)} × "
                out.append(f"{sign}{size}« {origins[origin]} »")
            return out

        def report(attack, cells, values, combination, note_safe=None, system=system):
            used = sources(combination)
            for column, value in zip(system.columns, values, strict=True):
                computed = None if value is None else _signed(value)
                found.append(
                    judge.judge(attack, system, column, cells, computed, used, note_safe=note_safe)
                )

        for period in system.periods:
            reduced = {}
            for s in targets:
                left, values, combination = span.reduce(vector(system.atoms([s], period)))
                if not left:
                    report("rang", [(s, period)], values, combination)
                else:
                    reduced[s] = (left, values, combination)
            # Pairs and triples: the left parts cancel out (found by hashing them).
            by_left = defaultdict(list)
            for s, (left, _v, _c) in reduced.items():
                by_left[frozenset(left.items())].append(s)
            ordered = sorted(reduced)
            for i, s1 in enumerate(ordered):
                left1, values1, comb1 = reduced[s1]
                negated = frozenset((c, -v % P) for c, v in left1.items())
                for s2 in by_left.get(negated, ()):
                    if s2 > s1:
                        values = _values_minus(values1, -1, reduced[s2][1])
                        combination = dict(comb1)
                        _subtract(combination, -1, reduced[s2][2])
                        report("rang", [(s1, period), (s2, period)], values, combination)
                for s2 in ordered[i + 1 :]:
                    left = dict(left1)
                    _subtract(left, -1, reduced[s2][0])
                    if not left:
                        continue  # a pair, reported above
                    negated = frozenset((c, -v % P) for c, v in left.items())
                    for s3 in by_left.get(negated, ()):
                        if s3 > s2:
                            values = _values_minus(values1, -1, reduced[s2][1])
                            values = _values_minus(values, -1, reduced[s3][1])
                            combination = dict(comb1)
                            _subtract(combination, -1, reduced[s2][2])
                            _subtract(combination, -1, reduced[s3][2])
                            cells = [(s1, period), (s2, period), (s3, period)]
                            report("rang", cells, values, combination)
        # Hidden cells: recomputed exactly, and too small? From the rows of their own
        # period alone (the span of those rows, built when needed)?
        done = set()
        own: dict = {}
        for atoms, row in system.hidden:
            if atoms in done:
                continue
            done.add(atoms)
            left, values, combination = span.reduce(vector(atoms))
            if not left:
                if row.period not in own:
                    own[row.period] = Span(len(system.columns))
                    for v, modular, origin in of_period[row.period]:
                        own[row.period].add(v, modular, origin)
                same = not own[row.period].reduce(vector(atoms))[0]
                cells = [(pk, row.period) for pk in sorted(row.structures - obs.named)]
                report("rang", cells, values, combination, note_safe=same)
    return _dedupe(found)


# ----------------------------------------------------------------------------------
# 2-5. Constructive attacks: what a person with a spreadsheet would do
# ----------------------------------------------------------------------------------


@dataclass
class _Cell:
    atoms: frozenset
    values: list  # hundredths, per column of the system (None: unknown)
    rows: list  # Published, the first of which is shown
    sources: list


def _reduced_cells(system: System) -> dict:
    """period -> visible cells (named structures already subtracted), one per
    distinct set of atoms."""
    out: dict = defaultdict(dict)
    for visible in system.visible:
        cells = out[visible.row.period]
        cell = cells.get(visible.atoms)
        if cell is None:
            cells[visible.atoms] = _Cell(
                visible.atoms, list(visible.values), [visible.row], [f"+« {visible.source} »"]
            )
        else:
            cell.rows.append(visible.row)
    return out


def _truth_cells(system: System, atoms, period) -> list:
    """The cells of the truth an atom set adds up (a flow's calendar year in one piece
    when it holds every quarter of its structures)."""
    if system.flow and period == YEAR:
        structures = {s for s, _q in atoms}
        if atoms == system.atoms(structures, YEAR):
            return [(s, YEAR) for s in sorted(structures)]
    return sorted(atoms, key=repr)


def _difference(judge, attack, system, period, big: _Cell, small_cells, left, found):
    values = list(big.values)
    sources = list(big.sources)
    for cell in small_cells:
        values = _values_minus(values, 1, cell.values)
        sources += [s.replace("+«", "−«", 1) for s in cell.sources[:1]]
    cells = _truth_cells(system, left, period)
    for column, value in zip(system.columns, values, strict=True):
        computed = None if value is None else _signed(value % P)
        found.append(judge.judge(attack, system, column, cells, computed, sources))


def subtraction_attack(obs: Observations, truth: Truth, *, judge: _Judge | None = None) -> list:
    """Two visible cells whose structures are nested (same family, column and period,
    any perimeters): their difference. When they are the same cell of the same
    perimeter in two publications (a membership or consent changed in between), the
    attack is called "avant/après"."""
    judge = judge or _Judge(obs, truth)
    found = []
    for system in systems(obs, truth):
        for period, cells in _reduced_cells(system).items():
            ordered = sorted(cells.values(), key=lambda c: len(c.atoms))
            for i, small in enumerate(ordered):
                for big in ordered[i + 1 :]:
                    if len(big.atoms) == len(small.atoms) or not small.atoms < big.atoms:
                        continue
                    same = {r.cell for r in small.rows} & {r.cell for r in big.rows}
                    attack = "avant/après" if same else "soustraction"
                    left = big.atoms - small.atoms
                    _difference(judge, attack, system, period, big, [small], left, found)
    return _dedupe(found)


def _greedy(judge, attack, system, period, start: _Cell, first, others, found):
    """``start`` minus the cells of ``first`` that fit, then minus other cells that fit
    in what is left, largest first; judged after each step."""
    left, used = set(start.atoms), []
    for cell in first:
        if cell.atoms and cell.atoms <= left:
            left -= cell.atoms
            used.append(cell)
    if used:
        _difference(judge, attack, system, period, start, used, frozenset(left), found)
    taken = {id(c) for c in used} | {id(start)}
    for cell in sorted(others, key=lambda c: -len(c.atoms)):
        if not left:
            break
        if id(cell) not in taken and cell.atoms and cell.atoms <= left:
            left -= cell.atoms
            used.append(cell)
            taken.add(id(cell))
            _difference(judge, attack, system, period, start, used, frozenset(left), found)


def ensemble_attack(obs: Observations, truth: Truth, *, judge: _Judge | None = None) -> list:
    """« Ensemble » minus the visible rows of its table (type, département: a
    partition), then minus visible rows of other tables and perimeters that fit."""
    judge = judge or _Judge(obs, truth)
    found = []
    for system in systems(obs, truth):
        for period, cells in _reduced_cells(system).items():
            by_table = defaultdict(list)
            for cell in cells.values():
                for row in cell.rows:
                    by_table[row.table].append((row, cell))
            for members in by_table.values():
                totals = [c for r, c in members if r.is_total]
                if not totals:
                    continue
                rows = [c for r, c in members if not r.is_total]
                if members[0][0].dimension == "Réseau":  # overlapping rows: disjoint ones
                    disjoint, taken = [], set()
                    for c in sorted(rows, key=lambda c: -len(c.atoms)):
                        if not c.atoms & taken:
                            disjoint.append(c)
                            taken |= c.atoms
                    rows = disjoint
                taken = {id(c) for c in rows}
                others = [c for c in cells.values() if id(c) not in taken]
                _greedy(judge, "ensemble", system, period, totals[0], rows, others, found)
    return _dedupe(found)


def year_attack(obs: Observations, truth: Truth, *, judge: _Judge | None = None) -> list:
    """A flow's calendar year minus its visible quarters (the same structures first,
    then any visible quarter cell that fits in what is left)."""
    judge = judge or _Judge(obs, truth)
    found = []
    for system in systems(obs, truth):
        if not (system.flow and system.block == "civile"):
            continue
        reduced = _reduced_cells(system)
        quarters = [c for q in system.quarters for c in reduced.get(q, {}).values()]
        for year_cell in reduced.get(YEAR, {}).values():
            structures = {s for s, _q in year_cell.atoms}
            same = [c for c in quarters if {s for s, _q in c.atoms} == structures]
            _greedy(judge, "année − trimestres", system, YEAR, year_cell, same, quarters, found)
    return _dedupe(found)


# ----------------------------------------------------------------------------------
# Everything
# ----------------------------------------------------------------------------------

ATTACKS = {
    "rang": rank_attack,
    "soustraction": subtraction_attack,
    "ensemble": ensemble_attack,
    "année − trimestres": year_attack,
}


def attack(collected: list[Release], truth: Truth, *, today: dt.date | None = None) -> Report:
    """Every attack on every release; disclosures of each, and their union."""
    obs = observe(collected, today=today)
    judge = _Judge(obs, truth)
    by_attack: dict[str, list] = {}
    for name, run in ATTACKS.items():
        for d in run(obs, truth, judge=judge):
            by_attack.setdefault(d.attack, []).append(d)
        by_attack.setdefault(name, [])
    union = _dedupe(d for found in by_attack.values() for d in found)
    singles = {d.key for d in union if len(d.structures) == 1}
    union = without_implied(union, singles)
    by_attack = {k: without_implied(_dedupe(v), singles) for k, v in by_attack.items()}
    mismatches = list(dict.fromkeys(obs.problems + judge.mismatches))
    return Report(
        disclosures=union,
        by_attack=by_attack,
        mismatches=mismatches,
        recomputed=list(dict.fromkeys(judge.recomputed)),
    )
