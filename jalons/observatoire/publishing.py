"""Publishing the observatory: every edition of a year, protected together, frozen,
numbered and kept, with the ledger of every row released (writes; the reads are in
``selectors``)."""

import datetime as dt
import hashlib
import json

from django.db import transaction
from django.utils import timezone

from jalons.observatoire import store
from jalons.observatoire.compute import civil_periods
from jalons.observatoire.compute.editions import assemble
from jalons.observatoire.compute.publication import LedgerRow, decide
from jalons.observatoire.edition import to_data
from jalons.observatoire.models import LedgerEntry, Publication, PublishedEdition
from jalons.rules import builtin_names
from jalons.structures.models import Ddets, Network, Region, Structure


def all_perimeters() -> list:
    """Every perimeter an edition is published for: each region with structures, each
    network, each DDETS (all its départements)."""
    from jalons.observatoire import selectors

    perimeters = []
    codes = (
        Structure.objects.exclude(departement__isnull=True)
        .values_list("departement__region__code", flat=True)
        .distinct()
    )
    for region in Region.objects.filter(code__in=list(codes)).order_by("code"):
        perimeters.append(selectors.perimeter_for_region(region.code))
    for network in Network.objects.order_by("pk"):
        perimeters.append(selectors.perimeter_for_network(network))
    from jalons.accounts.models import DdetsMembership

    for ddets in Ddets.objects.order_by("pk"):
        perimeters.append(selectors.perimeter_for_ddets(ddets, ddets.departements.all()))
    # The départements an agent follows, when not all of the DDETS's.
    for membership in DdetsMembership.objects.select_related("ddets").order_by("pk"):
        perimeters.append(
            selectors.perimeter_for_ddets(membership.ddets, membership.departements.all())
        )
    unique = {}
    for p in perimeters:
        if p.structure_ids:
            unique.setdefault((p.kind, p.ident), p)
    return list(unique.values())


def _content_digest(data: dict) -> str:
    """What a reader sees, without the dates of the publication."""
    stable = {k: v for k, v in data.items() if k not in ("generated_at", "published_at", "number")}
    return hashlib.sha256(json.dumps(stable, sort_keys=True, default=str).encode()).hexdigest()


def _fingerprint(row: LedgerRow) -> str:
    text = json.dumps(
        [row.family_class, list(row.key), sorted(map(list, row.atoms), key=repr)], default=str
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _ledger(year: int) -> list[LedgerRow]:
    rows = []
    for entry in LedgerEntry.objects.filter(year=year).order_by("-publication__number", "pk"):
        rows.append(
            LedgerRow(
                family_class=entry.family_class,
                key=_tuple(entry.key),
                atoms=frozenset(tuple(_tuple(a)) for a in entry.atoms),
                cells=entry.cells,
                edition=entry.edition,
            )
        )
    return rows


def _tuple(value):
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    return value


def periods_of(year: int, today: dt.date) -> list[tuple[str, int]]:
    return [("civile", p.quarter) for p in civil_periods(year, today)] + [("annexe", 0)]


@transaction.atomic
def publish(*, year: int, author: str = "", today: dt.date | None = None, progress=None):
    """Publish every edition of ``year`` (region, networks, DDETS; year, quarters and
    annexe year; every rule set). Editions whose content did not change keep their
    number. All or nothing: one transaction."""
    from jalons.observatoire import selectors

    today = today or dt.date.today()
    perimeters = all_perimeters()
    ids = sorted(set().union(*(p.structure_ids for p in perimeters))) if perimeters else []
    store.ensure_fresh(ids)  # every stale one, before reading
    rule_names = sorted(builtin_names())
    universe = selectors.universe_for(perimeters, year)
    named = set().union(*universe.published.values()) if universe.published else set()
    number = Publication.objects.select_for_update().filter(year=year).order_by("-number").first()
    number = (number.number if number else 0) + 1
    now = timezone.now()
    label = f"publication n° {number} du {timezone.localtime(now):%d/%m/%Y}"
    decisions = decide(
        scopes=perimeters,
        universe=universe,
        thresholds=selectors.default_thresholds(),
        rule_names=rule_names,
        ledger=_ledger(year),
        published=named,
        edition_label=label,
        p=selectors.protection_interval(),
    )
    publication = Publication.objects.create(
        year=year, number=number, published_at=now, published_by=author
    )
    latest = {}
    for edition in PublishedEdition.objects.filter(year=year).order_by("number"):
        latest[
            (
                edition.perimeter_kind,
                edition.perimeter_ident,
                edition.period_kind,
                edition.quarter,
                edition.rule_set,
            )
        ] = edition
    created, kept = [], 0
    cells = {"publiées": 0, "secret": 0, "révisées": 0}
    steps = [
        (p, per, rule) for p in perimeters for per in periods_of(year, today) for rule in rule_names
    ]
    for index, (perimeter, per, rule) in enumerate(steps):
        if progress is not None:
            progress(index, len(steps))
        edition = assemble(
            perimeter=perimeter,
            companions=[],
            universe=universe,
            period=per,
            rule_set=rule,
            thresholds=selectors.default_thresholds(),
            period_label=selectors.period_label(year, per[1] or None, per[0]),
            generated_at=now,
            decisions=decisions,
        )
        data = to_data(edition)
        digest = _content_digest(data)
        key = (perimeter.kind, perimeter.ident, per[0], per[1], rule)
        before = latest.get(key)
        for table in edition.tables:
            for row in table.rows:
                for cell in row.cells:
                    if cell.reason == "révisé":
                        cells["révisées"] += 1
                    elif cell.hidden:
                        cells["secret"] += 1
                    else:
                        cells["publiées"] += 1
        if before is not None and before.digest == digest:
            kept += 1
            continue
        edition_number = (before.number if before else 0) + 1
        data.update(number=edition_number, published_at=now.isoformat())
        created.append(
            PublishedEdition(
                publication=publication,
                perimeter_kind=perimeter.kind,
                perimeter_ident=perimeter.ident,
                year=year,
                period_kind=per[0],
                quarter=per[1],
                rule_set=rule,
                number=edition_number,
                published_at=now,
                digest=digest,
                content=data,
            )
        )
    PublishedEdition.objects.bulk_create(created, batch_size=200)
    entries = [
        LedgerEntry(
            publication=publication,
            year=year,
            family_class=row.family_class,
            key=list(row.key),
            atoms=sorted(map(list, row.atoms), key=repr),
            cells=row.cells,
            edition=row.edition,
            fingerprint=_fingerprint(row),
        )
        for row in decisions.released
    ]
    LedgerEntry.objects.bulk_create(entries, batch_size=500, ignore_conflicts=True)
    publication.summary = {
        "éditions nouvelles": len(created),
        "éditions inchangées": kept,
        "cases": cells,
        "lignes en secret primaire": decisions.primary,
        "lignes masquées en plus": decisions.rounds,
        "cases resserrées élargies": decisions.narrow,
        "cases resserrées restantes": decisions.left,
        "structures non nommées cette année": len(decisions.withheld),
    }
    publication.save(update_fields=["summary"])
    if progress is not None:
        progress(len(steps), len(steps))
    return publication


def publish_demo(*, today: dt.date) -> None:
    """The demonstration publishes the years its snapshots cover."""
    from jalons.observatoire.services import default_years

    for year in default_years(today):
        publish(year=year, author="données de démonstration", today=today)
