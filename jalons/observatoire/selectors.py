"""Reads of the observatory: perimeters, years, protected editions, a structure's own
figures and its anonymous position among structures of the same type."""

import datetime as dt
import statistics
from collections import OrderedDict
from dataclasses import replace

from django.conf import settings
from django.db.models import Max
from django.db.models.fields.json import KT
from django.utils import timezone

from jalons.observatoire import services
from jalons.observatoire.compute import civil_periods
from jalons.observatoire.compute.editions import StructureInfo, Universe, assemble
from jalons.observatoire.edition import Edition, Perimeter, PositionRow, Thresholds
from jalons.observatoire.models import Consent, PeriodKind, Snapshot
from jalons.observatoire.services import refresh_stale
from jalons.rules import builtin_names, load_rule_set
from jalons.structures.models import Ddets, Departement, Network, Region, Structure

QUARTER_LABELS = {1: "1er trimestre", 2: "2e trimestre", 3: "3e trimestre", 4: "4e trimestre"}
DEFAULT_RULE_SET = "dgefp-2014"
# Quartiles of a handful of structures are the values of some of them: at least 10.
POSITION_MINIMUM = 10
RATE_KEYS = ("sorties_examinees", "emploi_durable", "emploi_transition", "sortie_positive")


def default_thresholds() -> Thresholds:
    return Thresholds(
        structures=getattr(settings, "JALONS_OBSERVATOIRE_SEUIL_STRUCTURES", 3),
        people=getattr(settings, "JALONS_OBSERVATOIRE_SEUIL_PERSONNES", 10),
    )


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
    codes = tuple(sorted(getattr(d, "code", d) for d in departements))
    return Perimeter(
        kind="ddets",
        ident=str(ddets.pk),
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
    return sorted(
        set(
            Snapshot.objects.filter(
                structure_id__in=perimeter.structure_ids,
                quarter=0,
                period_kind="civile",
                rule_set=DEFAULT_RULE_SET,
            )
            .values_list("year", flat=True)
            .distinct()
        ),
        reverse=True,
    )


def _published(perimeter: Perimeter, year: int) -> set[int]:
    """Structures whose own figures this perimeter shows by name."""
    consents = Consent.objects.filter(structure_id__in=perimeter.structure_ids)
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
            structure_id__in=structure_ids, year=year, status__in=statuses
        ).values_list("structure_id", flat=True)
    )


def _universe(perimeters: list[Perimeter], year: int, rule_set: str) -> Universe:
    ids = sorted(set().union(*(p.structure_ids for p in perimeters)))
    structures = {}
    query = Structure.objects.filter(pk__in=ids).select_related("departement")
    labels = {n.pk: str(n) for n in Network.objects.all()}
    networks: dict[int, list[str]] = {}
    for pk, network_id in Structure.networks.through.objects.filter(
        structure_id__in=ids
    ).values_list("structure_id", "network_id"):
        networks.setdefault(pk, []).append(labels[network_id])
    for s in query.only("pk", "name", "kind", "departement__name", "departement__code"):
        dep = f"{s.departement.name} ({s.departement.code})" if s.departement_id else ""
        structures[s.pk] = StructureInfo(
            pk=s.pk,
            name=s.name,
            kind=s.kind,
            departement=dep,
            networks=tuple(sorted(networks.get(s.pk, []))),
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


_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 8


def _figures(ids: list[int], year: int, rule_set: str):
    """Snapshot figures of these structures for the year, kept in memory until one of
    their snapshots is rewritten (in any process); this process also counts its own
    refreshes, in case numbers are reused (SQLite after a rollback)."""
    # Every refresh deletes and inserts: the last number among these structures'
    # snapshots changes with any of them (an index lookup per structure).
    last = Snapshot.objects.filter(structure_id__in=ids, year=year).aggregate(last=Max("id"))[
        "last"
    ]
    key = (hash(tuple(ids)), len(ids), year, rule_set, last, services.generation())
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return key, _CACHE[key]
    snapshots = Snapshot.objects.filter(structure_id__in=ids, year=year)
    figures: dict = {}
    versions, computed, reference = {}, None, None
    annexe_calendar = set()
    stamps = (
        "structure_id",
        "quarter",
        "period_kind",
        "rule_set",
        "rule_set_version",
        "computed_at",
        "reference_date",
        "period_start",
        "period_end",
    )
    # The chosen rule set in full; the others only for the rates by rule set.
    chosen = snapshots.filter(rule_set=rule_set).values_list(*stamps, "figures")
    others = snapshots.exclude(rule_set=rule_set).values_list(
        *stamps, *(KT(f"figures__{key}") for key in RATE_KEYS)
    )
    for row in [*chosen, *others]:
        pk, quarter, kind, rule, version, at, ref, start, end, *rest = row
        values = (
            rest[0]
            if rule == rule_set
            else {k: int(v or 0) for k, v in zip(RATE_KEYS, rest, strict=True)}
        )
        figures.setdefault((kind, quarter), {}).setdefault(rule, {})[pk] = values
        versions[rule] = version
        computed = at if computed is None or at < computed else computed
        reference = ref if reference is None or ref < reference else reference
        if kind == PeriodKind.ANNEXE and (start, end) == (
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
        ):
            annexe_calendar.add(pk)
    value = (figures, versions, computed, reference, annexe_calendar, {})
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


def build_edition(
    perimeter: Perimeter,
    *,
    year: int,
    quarter: int | None = None,
    period: str = "civile",
    rule_set: str = DEFAULT_RULE_SET,
    thresholds: Thresholds | None = None,
    companions: list[Perimeter] = (),
) -> Edition:
    """The protected edition of one perimeter; ``companions`` are the other perimeters
    the same reader sees (protected together, see ``protection``)."""
    _check(year, quarter, period, rule_set)
    perimeters = [perimeter, *companions]
    refreshed_ids = set().union(*(p.structure_ids for p in perimeters))
    refresh_stale(structure_ids=refreshed_ids)
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
    if key in _EDITIONS:
        _EDITIONS.move_to_end(key)
        return replace(_EDITIONS[key], generated_at=timezone.now())
    edition = assemble(
        perimeter=perimeter,
        companions=list(companions),
        universe=universe,
        period=(period, quarter or 0),
        rule_set=rule_set,
        thresholds=thresholds,
        period_label=period_label(year, quarter, period),
        generated_at=timezone.now(),
    )
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
    refresh_stale(structure_ids=[structure.pk])
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
