"""Reads of the observatory: perimeters, years, protected editions, a structure's own
figures and its anonymous position among structures of the same type. Snapshots and
published editions are read through ``store`` (caches, freshness); nothing here
writes."""

import contextlib
import datetime as dt
import gc
import statistics
from dataclasses import replace

from django.conf import settings
from django.utils import timezone

from jalons.observatoire import store
from jalons.observatoire.compute import civil_periods
from jalons.observatoire.compute.editions import assemble
from jalons.observatoire.compute.rows import StructureInfo, Universe
from jalons.observatoire.edition import Edition, Perimeter, PositionRow, Thresholds
from jalons.observatoire.models import (
    Consent,
    PeriodKind,
    PublishedEdition,
)
from jalons.rules import builtin_names, load_rule_set
from jalons.structures.models import Ddets, Departement, Network, Region, Structure
from jalons.web.charts import french_number

QUARTER_LABELS = {1: "1er trimestre", 2: "2e trimestre", 3: "3e trimestre", 4: "4e trimestre"}
DEFAULT_RULE_SET = "dgefp-2014"
# Quartiles of a handful of structures are the values of some of them: at least 10.
POSITION_MINIMUM = 10
# Read every figure of every rule set (a publication), not only the rates of the others.
ALL_RULE_SETS = store.ALL_RULE_SETS


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
    figures_key, (figures, versions, computed, reference, annexe_calendar, frames) = store.figures(
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
    return store.published_edition(*key)


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
    edition = store.cached_edition(
        key,
        lambda: assemble(
            perimeter=perimeter,
            companions=perimeters[1:],
            universe=universe,
            period=(period, quarter or 0),
            rule_set=rule_set,
            thresholds=thresholds,
            period_label=period_label(year, quarter, period),
            generated_at=timezone.now(),
        ),
    )
    return replace(edition, generated_at=timezone.now())


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
    rows = store.year_figures(peers, year, rule_set)
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
