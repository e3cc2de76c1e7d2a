"""Reads of the observatory: perimeters, years, protected editions, a structure's own
figures and its anonymous position among structures of the same type."""

import contextlib
import datetime as dt
import gc
import json
import operator
import statistics
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

import polars as pl
from django.conf import settings
from django.db.models import BigIntegerField, BooleanField, ExpressionWrapper, F, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from jalons.observatoire.compute import FIGURE_KEYS, civil_periods
from jalons.observatoire.compute.editions import StructureInfo, Universe, assemble
from jalons.observatoire.compute.packing import WIDTH, unpack
from jalons.observatoire.compute.reader import cursor_rows
from jalons.observatoire.edition import Edition, Perimeter, PositionRow, Thresholds, from_data
from jalons.observatoire.models import (
    Consent,
    PeriodKind,
    PublishedEdition,
    Snapshot,
    SnapshotRevision,
)
from jalons.rules import builtin_names, load_rule_set
from jalons.structures.models import Ddets, Departement, Network, Region, Structure
from jalons.web.charts import french_number

QUARTER_LABELS = {1: "1er trimestre", 2: "2e trimestre", 3: "3e trimestre", 4: "4e trimestre"}
DEFAULT_RULE_SET = "dgefp-2014"
# Quartiles of a handful of structures are the values of some of them: at least 10.
POSITION_MINIMUM = 10
# Read every figure of every rule set (a publication), not only the rates of the others.
ALL_RULE_SETS = "*"
RATE_KEYS = ("sorties_examinees", "emploi_durable", "emploi_transition", "sortie_positive")


def default_thresholds() -> Thresholds:
    return Thresholds(
        structures=getattr(settings, "JALONS_OBSERVATOIRE_SEUIL_STRUCTURES", 3),
        people=getattr(settings, "JALONS_OBSERVATOIRE_SEUIL_PERSONNES", 10),
    )


def protection_interval() -> float | None:
    """The share (0.10 for ±10 %) within which no cell in primary secret may be bounded;
    None when the interval audit is off (``JALONS_OBSERVATOIRE_INTERVALLE=0``)."""
    percent = getattr(settings, "JALONS_OBSERVATOIRE_INTERVALLE", 10)
    return percent / 100 if percent else None


def _ids(queryset) -> tuple[int, ...]:
    return tuple(queryset.order_by("pk").values_list("pk", flat=True))


def perimeter_for_network(network: Network) -> Perimeter:
    return Perimeter(
        kind="reseau",
        ident=str(network.pk),
        label=f"Réseau {network}",
        structure_ids=_ids(network.structures.all()),
    )


def perimeter_for_ddets(ddets: Ddets, departements) -> Perimeter:
    """A DDETS over some of its départements (an agent may follow only some): each
    set of départements is a perimeter of its own, published with the others."""
    codes = tuple(sorted(getattr(d, "code", d) for d in departements))
    every = tuple(sorted(ddets.departements.values_list("code", flat=True)))
    return Perimeter(
        kind="ddets",
        ident=str(ddets.pk) if codes == every else f"{ddets.pk}-{'-'.join(codes)}",
        label=ddets.name,
        structure_ids=_ids(Structure.objects.filter(departement_id__in=codes)),
        departements=codes,
    )


def perimeter_for_region(code: str) -> Perimeter:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValueError(f"Région inconnue : « {code} » (code INSEE, par exemple 32).")
    codes = tuple(Departement.objects.filter(region=region).values_list("code", flat=True))
    return Perimeter(
        kind="region",
        ident=region.code,
        label=region.name,
        structure_ids=_ids(Structure.objects.filter(departement__region=region)),
        departements=codes,
    )


def perimeter_for_structure(structure: Structure) -> Perimeter:
    return Perimeter(
        kind="structure",
        ident=str(structure.pk),
        label=str(structure),
        structure_ids=(structure.pk,),
    )


def perimeters_for_user(user) -> list[Perimeter]:
    """Every network and DDETS perimeter of one user: pass them as ``companions`` so that
    two editions the same person reads cannot be subtracted from one another."""
    from jalons.accounts.models import DdetsMembership, NetworkMembership

    ids = NetworkMembership.objects.filter(user=user).values_list("network_id", flat=True)
    perimeters = [perimeter_for_network(n) for n in Network.objects.filter(pk__in=ids)]
    for membership in DdetsMembership.objects.filter(user=user).select_related("ddets"):
        perimeters.append(perimeter_for_ddets(membership.ddets, membership.departements.all()))
    return perimeters


def available_years(perimeter: Perimeter) -> list[int]:
    """Years with a published edition of this perimeter, newest first."""
    return sorted(
        set(
            PublishedEdition.objects.filter(
                perimeter_kind=perimeter.kind, perimeter_ident=perimeter.ident
            )
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        ),
        reverse=True,
    )


def _published(perimeter: Perimeter, year: int) -> set[int]:
    """Structures whose own figures this perimeter shows by name."""
    consents = Consent.objects.filter(structure_id__any_of=perimeter.structure_ids)
    if perimeter.kind == "reseau":
        return set(consents.filter(share_with_networks=True).values_list("structure_id", flat=True))
    if perimeter.kind == "ddets":
        ids = set(consents.filter(share_with_ddets=True).values_list("structure_id", flat=True))
        return ids | _submitted(perimeter.structure_ids, year)
    return set()


def _submitted(structure_ids, year: int) -> set[int]:
    try:
        from jalons.offre.models import OffreDeServices, OffreStatus
    except ImportError:  # the Offre de Services app is not installed
        return set()
    statuses = [
        getattr(OffreStatus, "SUBMITTED", "transmise"),
        getattr(OffreStatus, "VALIDATED", "validee"),
    ]
    return set(
        OffreDeServices.objects.filter(
            structure_id__any_of=structure_ids, year=year, status__in=statuses
        ).values_list("structure_id", flat=True)
    )


def _universe(perimeters: list[Perimeter], year: int, rule_set: str) -> Universe:
    ids = sorted(set().union(*(p.structure_ids for p in perimeters)))
    structures = {}
    labels = {n.pk: str(n) for n in Network.objects.all()}
    networks: dict[int, list[str]] = {}
    for pk, network_id in Structure.networks.through.objects.filter(
        structure_id__any_of=ids
    ).values_list("structure_id", "network_id"):
        networks.setdefault(pk, []).append(labels[network_id])
    for pk, name, kind, dep_name, dep_code in Structure.objects.filter(pk__any_of=ids).values_list(
        "pk", "name", "kind", "departement__name", "departement__code"
    ):
        structures[pk] = StructureInfo(
            pk=pk,
            name=name,
            kind=kind,
            departement=f"{dep_name} ({dep_code})" if dep_code else "",
            networks=tuple(sorted(networks.get(pk, []))),
        )
    figures_key, (figures, versions, computed, reference, annexe_calendar, frames) = _figures(
        ids, year, rule_set
    )
    quarters = tuple(p.quarter for p in civil_periods(year, dt.date.today()) if p.quarter)
    published = {(p.kind, p.ident): _published(p, year) for p in perimeters}
    return Universe(
        structures=structures,
        figures=figures,
        annexe_is_calendar_year=annexe_calendar,
        quarters=quarters,
        published=published,
        computed_at=computed,
        versions=versions,
        reference_date=reference,
        frames=frames,
        figures_key=figures_key,
    )


@dataclass(frozen=True)
class _Read:
    """What one structure's snapshots of one year hold, as read once by this process.

    ``rows``: (period kind, quarter, rule set, figures); every figure (``FIGURE_KEYS``)
    for the chosen rule set, the rates only (``RATE_KEYS``) for the others. The
    dicts are shared by every edition built from them: never modify them.
    """

    revision: int
    rows: tuple
    versions: tuple[tuple[str, str], ...]
    computed_at: dt.datetime | None
    reference: dt.date | None
    annexe_is_calendar_year: bool

    @classmethod
    def of(cls, revision, rows, versions, computed_at, reference, calendar) -> "_Read":
        """A structure without any snapshot in the year stamps nothing on an edition."""
        return cls(
            revision=revision,
            rows=tuple(rows),
            versions=tuple(sorted((versions or {}).items())) if rows else (),
            computed_at=computed_at if rows else None,
            reference=reference if rows else None,
            annexe_is_calendar_year=calendar,
        )


# (structure, year, chosen rule set) -> _Read, the least recently used dropped first.
_READS: OrderedDict = OrderedDict()
_READS_SIZE = 4000  # about 20 kB each
# Figures of whole perimeters (the structures' reads put together), by freshness key.
_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 8
# The server may answer several requests of a process at once (threads).
_LOCK = threading.Lock()


def _json(value):
    return json.loads(value) if isinstance(value, str | bytes) else value


def _read(ids: list[int], year: int, rule_set: str, revisions: dict[int, int]) -> dict:
    """Read the snapshots of these structures (structure -> ``_Read``): every figure of the
    chosen rule set, the rates of the others (integers extracted by the database,
    aligned on ``FIGURE_KEYS`` and ``RATE_KEYS``), and the stamps of their revision."""
    snapshots = Snapshot.objects.filter(structure_id__any_of=ids, year=year).order_by()
    calendar = ExpressionWrapper(
        Q(period_kind=PeriodKind.ANNEXE)
        & Q(period_start=dt.date(year, 1, 1))
        & Q(period_end=dt.date(year, 12, 31)),
        output_field=BooleanField(),
    )
    found: dict[int, list] = {pk: [] for pk in ids}
    calendar_year: set[int] = set()
    every = rule_set == ALL_RULE_SETS
    chosen = (
        (snapshots if every else snapshots.filter(rule_set=rule_set))
        .annotate(calendar=calendar)
        .values_list(
            "structure_id",
            "quarter",
            "period_kind",
            "calendar",
            "rule_set",
            *_integers(FIGURE_KEYS),
        )
    )
    for row in cursor_rows(chosen):
        found[row[0]].append((row[2], row[1], row[4], dict(zip(FIGURE_KEYS, row[5:]))))  # noqa: B905
        if row[3]:
            calendar_year.add(row[0])
    others = snapshots.exclude(rule_set=rule_set).values_list(
        "structure_id", "quarter", "period_kind", "rule_set", *_integers(RATE_KEYS)
    )
    for row in [] if every else cursor_rows(others):
        found[row[0]].append((row[2], row[1], row[3], dict(zip(RATE_KEYS, row[4:]))))  # noqa: B905
    stamps = {
        pk: (_moment(at), _day(reference), _json(versions))
        for pk, at, reference, versions in cursor_rows(
            SnapshotRevision.objects.filter(structure_id__any_of=ids, year=year)
            .order_by()
            .values_list("structure_id", "computed_at", "reference_date", "versions")
        )
    }
    reads = {}
    for pk in ids:
        at, reference, versions = stamps.get(pk, (None, None, {}))
        reads[pk] = _Read.of(revisions[pk], found[pk], versions, at, reference, pk in calendar_year)
    return reads


_rates = operator.itemgetter(*(FIGURE_KEYS.index(key) for key in RATE_KEYS))


def _read_packed(ids: list[int], year: int, rule_set: str) -> dict:
    """``_Read`` of the structures whose pack (``SnapshotRevision.packed``, written by
    the refresh) is of their current revision: one small value per structure instead
    of its snapshots. The others are left out (read from the snapshots)."""
    reads = {}
    for pk, revision, data, at, reference, versions in cursor_rows(
        SnapshotRevision.objects.filter(
            structure_id__any_of=ids, year=year, packed_revision=F("revision")
        )
        .order_by()
        .values_list(
            "structure_id", "revision", "packed", "computed_at", "reference_date", "versions"
        )
    ):
        unpacked = unpack(bytes(data))
        if unpacked is None:  # written by a version of Jalons with other figures
            continue
        header, values, calendar = unpacked
        rows = []
        for index, (kind, quarter, rule) in enumerate(header):
            start = index * WIDTH
            if rule == rule_set or rule_set == ALL_RULE_SETS:
                figures = dict(zip(FIGURE_KEYS, values[start : start + WIDTH]))  # noqa: B905
            else:
                figures = dict(zip(RATE_KEYS, _rates(values[start : start + WIDTH])))  # noqa: B905
            rows.append((kind, quarter, rule, figures))
        reads[pk] = _Read.of(
            revision, rows, _json(versions), _moment(at), _day(reference), calendar
        )
    return reads


def _integers(keys):
    """The figures of these keys, as integers extracted by the database (0 when a
    snapshot lacks one)."""
    return (Coalesce(Cast(KT(f"figures__{key}"), BigIntegerField()), 0) for key in keys)


def _moment(value) -> dt.datetime | None:
    """A timestamp from the cursor: SQLite gives it without its time zone (UTC), or
    as text."""
    if value is None:
        return None
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _frames(columns: dict, rule_set: str) -> dict:
    """One polars frame per period and rule set (``_pk`` then the figures), built
    from the rows as read: the sums of the edition are computed on them."""
    frames = {}
    for (period, rule), rows in columns.items():
        keys = (
            FIGURE_KEYS
            if rule in (rule_set, ALL_RULE_SETS) or rule_set == ALL_RULE_SETS
            else RATE_KEYS
        )
        schema = [(k, pl.Int64) for k in ("_pk", *keys)]
        frames[(period, rule)] = pl.DataFrame(rows, schema=schema, orient="row")
    return frames


def _figures(ids: list[int], year: int, rule_set: str):
    """Snapshot figures of these structures for the year.

    Each structure's snapshots are read once and kept in memory with their revision
    (``SnapshotRevision``, rewritten with them, in any process): a call reads the
    revisions of the perimeter (one small query), then the snapshots of the structures
    whose revision changed only."""
    revisions = dict(
        cursor_rows(
            SnapshotRevision.objects.filter(structure_id__any_of=ids, year=year)
            .order_by()
            .values_list("structure_id", "revision")
        )
    )
    present = sorted(revisions)
    key = (year, rule_set, len(present), hash(tuple((pk, revisions[pk]) for pk in present)))
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
    if cached is not None:
        return key, cached
    # The reads this call uses are kept in a local dict: the shared memory may drop
    # some of them meanwhile (its size is bounded, other threads use it too).
    reads, missing = {}, []
    with _LOCK:
        for pk in present:
            read = _READS.get((pk, year, rule_set))
            if read is None or read.revision != revisions[pk]:
                missing.append(pk)
            else:
                reads[pk] = read
                _READS.move_to_end((pk, year, rule_set))
    for start in range(0, len(missing), 2000):
        chunk = missing[start : start + 2000]
        reads.update(_read_packed(chunk, year, rule_set))
        unpacked = [pk for pk in chunk if pk not in reads]
        if unpacked:  # no pack of the current revision: the snapshots themselves
            reads.update(_read(unpacked, year, rule_set, revisions))
    with _LOCK:
        for pk in missing:
            _READS[(pk, year, rule_set)] = reads[pk]
        while len(_READS) > _READS_SIZE:
            _READS.popitem(last=False)
    figures: dict = {}
    columns: dict = {}  # (period, rule set) -> [(structure, *values)]
    versions, computed, reference = {}, None, None
    annexe_calendar = set()
    for pk in present:
        read = reads[pk]
        for kind, quarter, rule, values in read.rows:
            figures.setdefault((kind, quarter), {}).setdefault(rule, {})[pk] = values
            columns.setdefault(((kind, quarter), rule), []).append((pk, *values.values()))
        versions.update(read.versions)
        if read.computed_at is not None and (computed is None or read.computed_at < computed):
            computed = read.computed_at
        if read.reference is not None and (reference is None or read.reference < reference):
            reference = read.reference
        if read.annexe_is_calendar_year:
            annexe_calendar.add(pk)
    value = (figures, versions, computed, reference, annexe_calendar, _frames(columns, rule_set))
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return key, value


def period_label(year: int, quarter: int | None, period: str) -> str:
    if period == PeriodKind.ANNEXE:
        return f"Année d'annexe {year}"
    if quarter:
        return f"{QUARTER_LABELS[quarter]} {year}"
    return f"Année {year}"


def _check(year, quarter, period, rule_set):
    if period not in PeriodKind.values:
        raise ValueError(f"Période inconnue : « {period} » (civile ou annexe).")
    if quarter not in (None, 0, 1, 2, 3, 4):
        raise ValueError(f"Trimestre inconnu : « {quarter} » (1 à 4).")
    if quarter and period != PeriodKind.CIVILE:
        raise ValueError("Un trimestre se choisit avec la période civile.")
    if rule_set not in builtin_names():
        raise ValueError(f"Jeu de règles inconnu : « {rule_set} » ({', '.join(builtin_names())}).")


@contextlib.contextmanager
def _without_collector():
    """Build an edition without pauses of the garbage collector: it allocates tens of
    thousands of small objects, each of which could start a full collection of the
    process (a tenth of a second each, measured), and leaves no cycle behind. The
    collector is off for the whole process meanwhile (other threads too), for well
    under a second, and always switched back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_edition(
    perimeter: Perimeter,
    *,
    year: int,
    quarter: int | None = None,
    period: str = "civile",
    rule_set: str = DEFAULT_RULE_SET,
    number: int | None = None,
) -> Edition | None:
    """The published edition of one perimeter (the latest, or number ``number``), as it
    was published; None when none is. A pure read: publishing is
    ``publishing.publish`` (``jalons observatoire publier``), which protects every
    perimeter together."""
    _check(year, quarter, period, rule_set)
    found = _published_of(perimeter, year, quarter, period, rule_set)
    if number is not None:
        found = found.filter(number=number)
    key = found.order_by("-number").values_list("pk", "digest", "published_at").first()
    if key is None:
        return None
    with _LOCK:
        edition = _PUBLISHED.get(key)
        if edition is not None:
            _PUBLISHED.move_to_end(key)
    if edition is None:
        content = PublishedEdition.objects.values_list("content", flat=True).get(pk=key[0])
        edition = from_data(_json(content))
        with _LOCK:
            _PUBLISHED[key] = edition
            while len(_PUBLISHED) > 64:
                _PUBLISHED.popitem(last=False)
    return edition


# Published editions parsed once (they never change), by primary key, digest and date:
# a primary key alone may come back for another edition (SQLite reuses the keys of
# rolled-back rows, as between two tests).
_PUBLISHED: OrderedDict = OrderedDict()


def edition_history(
    perimeter: Perimeter, *, year: int, quarter=None, period="civile", rule_set=DEFAULT_RULE_SET
) -> list[tuple[int, dt.datetime]]:
    """(number, date) of every published edition of this perimeter and period, newest
    first."""
    return list(
        _published_of(perimeter, year, quarter, period, rule_set)
        .order_by("-number")
        .values_list("number", "published_at")
    )


def _published_of(perimeter: Perimeter, year, quarter, period, rule_set):
    """The published editions of one perimeter, period and rule set."""
    return PublishedEdition.objects.filter(
        perimeter_kind=perimeter.kind,
        perimeter_ident=perimeter.ident,
        year=year,
        period_kind=period,
        quarter=quarter or 0,
        rule_set=rule_set,
    )


def universe_for(perimeters: list[Perimeter], year: int) -> Universe:
    """Every figure of every rule set of the structures of these perimeters (what a
    publication protects together)."""
    return _universe(perimeters, year, ALL_RULE_SETS)


def edition_protected_alone(
    perimeter: Perimeter,
    *,
    year: int,
    quarter: int | None = None,
    period: str = "civile",
    rule_set: str = DEFAULT_RULE_SET,
    thresholds: Thresholds | None = None,
    companions: list[Perimeter] = (),
) -> Edition:
    """The edition of one perimeter protected alone (with the other perimeters of one
    reader): what the observatory published before global protection. Kept to measure
    what global protection costs (benchmarks, tests); never shown."""
    _check(year, quarter, period, rule_set)
    perimeters = [perimeter, *companions]
    with _without_collector():
        return _edition(perimeter, perimeters, year, quarter, period, rule_set, thresholds)


def stale_note(count: int) -> str:
    if count == 1:
        who, whose = "d'une structure de ce périmètre ne comptent", "ses"
    else:
        number = french_number(count, 0)
        who, whose = f"de {number} structures de ce périmètre ne comptent", "leurs"
    return (
        f"Les chiffres {who} pas encore {whose} dernières saisies : ils seront à jour "
        "après la prochaine actualisation de l'observatoire (chaque nuit)."
    )


def _edition(perimeter, perimeters, year, quarter, period, rule_set, thresholds) -> Edition:
    universe = _universe(perimeters, year, rule_set)
    thresholds = thresholds or default_thresholds()
    # Same inputs, same edition: keyed by everything it is computed from.
    key = (
        universe.figures_key,
        tuple((p.kind, p.ident, p.label, p.structure_ids) for p in perimeters),
        tuple(sorted((k, tuple(sorted(v))) for k, v in universe.published.items())),
        hash(tuple(sorted(universe.structures.items()))),
        period,
        quarter,
        rule_set,
        thresholds,
    )
    with _LOCK:
        edition = _EDITIONS.get(key)
        if edition is not None:
            _EDITIONS.move_to_end(key)
    if edition is not None:
        return replace(edition, generated_at=timezone.now())
    edition = assemble(
        perimeter=perimeter,
        companions=perimeters[1:],
        universe=universe,
        period=(period, quarter or 0),
        rule_set=rule_set,
        thresholds=thresholds,
        period_label=period_label(year, quarter, period),
        generated_at=timezone.now(),
    )
    with _LOCK:
        _EDITIONS[key] = edition
        while len(_EDITIONS) > 32:
            _EDITIONS.popitem(last=False)
    return edition


_EDITIONS: OrderedDict = OrderedDict()


def structure_figures(
    structure: Structure,
    *,
    year: int,
    quarter: int | None = None,
    period: str = "civile",
    rule_set: str = DEFAULT_RULE_SET,
) -> Edition:
    """The structure's own figures, unprotected (it is its own data), as an edition."""
    _check(year, quarter, period, rule_set)
    perimeter = perimeter_for_structure(structure)
    universe = _universe([perimeter], year, rule_set)
    return assemble(
        perimeter=perimeter,
        companions=[],
        universe=universe,
        period=(period, quarter or 0),
        rule_set=rule_set,
        thresholds=default_thresholds(),
        period_label=period_label(year, quarter, period),
        generated_at=timezone.now(),
        protected=False,
    )


POSITION_INDICATORS = (
    ("taux_sortie_dynamique", "Taux de sortie dynamique", "%", 1),
    ("taux_emploi_durable", "Taux d'emploi durable", "%", 1),
    ("heures_accompagnement", "Heures d'accompagnement par personne", "h", 1),
    ("part_formes", "Part des personnes formées", "%", 1),
    ("taux_suivi_6", "Taux de suivi à 6 mois (réalisés ÷ attendus)", "%", 1),
)


def _position_values(f: dict) -> dict[str, float | None]:
    def ratio(a, b, scale=100):
        return a / b * scale if b else None

    dynamic = f["emploi_durable"] + f["emploi_transition"] + f["sortie_positive"]
    return {
        "taux_sortie_dynamique": ratio(dynamic, f["sorties_examinees"]),
        "taux_emploi_durable": ratio(f["emploi_durable"], f["sorties_examinees"]),
        "heures_accompagnement": ratio(f["acc_heures_x100"], f["acc_personnes"] * 100, 1),
        "part_formes": ratio(f["form_personnes"], f["personnes"]),
        "taux_suivi_6": ratio(f["s6_realises"], f["s6_attendus"]),
    }


def position_reason(structure: Structure, *, year: int, rule_set: str = DEFAULT_RULE_SET) -> str:
    """Why no position is shown, in French; empty when it is."""
    consent = Consent.objects.filter(structure=structure).first()
    if consent is None or not consent.compare_position:
        return "La structure n'a pas choisi de se situer parmi les structures du même type."
    if structure_position(structure, year=year, rule_set=rule_set) is None:
        return (
            f"Moins de {POSITION_MINIMUM} structures {structure.kind} de la région ont des "
            f"chiffres pour {year} : les situer trahirait leurs chiffres."
        )
    return ""


def structure_position(
    structure: Structure,
    *,
    year: int,
    rule_set: str = DEFAULT_RULE_SET,
    minimum: int = POSITION_MINIMUM,
) -> list[PositionRow] | None:
    """The structure's values against the quartiles of the structures of its type in its
    region (no names), or None: no consent, or fewer than ``minimum`` structures (below
    that, quartiles would come close to revealing one structure's value)."""
    consent = Consent.objects.filter(structure=structure).first()
    if consent is None or not consent.compare_position:
        return None
    peers = Structure.objects.filter(kind=structure.kind)
    if structure.departement_id:
        peers = peers.filter(departement__region_id=structure.departement.region_id)
    rows = dict(
        Snapshot.objects.filter(
            structure__in=peers, year=year, quarter=0, period_kind="civile", rule_set=rule_set
        ).values_list("structure_id", "figures")
    )
    if structure.pk not in rows:
        return None
    values = {pk: _position_values(f) for pk, f in rows.items()}
    result = []
    for key, label, unit, decimals in POSITION_INDICATORS:
        series = sorted(v[key] for v in values.values() if v[key] is not None)
        if len(series) < minimum:
            continue
        q1, median, q3 = statistics.quantiles(series, n=4, method="inclusive")
        result.append(
            PositionRow(
                key=key,
                label=label,
                own=values[structure.pk][key],
                q1=round(q1, decimals),
                median=round(median, decimals),
                q3=round(q3, decimals),
                structures=len(series),
                unit=unit,
                decimals=decimals,
            )
        )
    return result or None


def load_versions() -> dict[str, str]:
    return {name: load_rule_set(name).version for name in builtin_names()}
