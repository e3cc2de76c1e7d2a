"""Observatory at national scale (issue 7): full snapshot refresh and editions.

Usage (PostgreSQL):
    uv run python benchmarks/bench_observatoire.py --construire /tmp/jalons-national
    uv run python benchmarks/bench_observatoire.py            # base already built

``--construire DOSSIER`` (re)creates the database, generates a national folder
(4 500 structures, 350 000 pathways, about 3.5 million hours rows) unless DOSSIER
already holds one, and imports it with ``jalons importer``. Then the script gives
every structure 0 to 2 regional networks and a random consent (seeded), times a full
``refresh_snapshots`` (the years 2024 to 2026, the data ending on 31/12/2025), times
the publication of every edition of 2025 (``publishing.publish``: every region, network
and DDETS protected together, with the interval audit), then the reading of the
published editions of the largest region, a DDETS and the largest network (cold then
warm), their exports, and the pages with Django's test client.

    --sans-publication: read the editions already published (no new publication).
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_BASE = "postgres://postgres@127.0.0.1:5432/jalons_bench_obs"


def build(base: str, folder: Path) -> None:
    import psycopg

    name = base.rsplit("/", 1)[1]
    with psycopg.connect(base.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": base}
    if not (folder / "parcours.csv").exists():
        subprocess.run(
            ["uv", "run", "jalons", "donnees", "generer", str(folder), "--structures", "4500",
             "--parcours", "350000", "--graine", "2026", "--remplacer"],
            check=True, env=env,
        )  # fmt: skip
    subprocess.run(["uv", "run", "jalons", "manage", "migrate", "-v", "0"], check=True, env=env)
    start = time.perf_counter()
    subprocess.run(["uv", "run", "jalons", "importer", str(folder)], check=True, env=env)
    print(f"import : {time.perf_counter() - start:.0f} s")


def forget() -> None:
    """Empty the observatory's memory, as in a process that starts."""
    from jalons.observatoire import store

    store.forget()


def timed(function, repetitions=5):
    forget()
    start = time.perf_counter()
    function()
    cold = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return cold, statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=DEFAULT_BASE)
    parser.add_argument("--construire", metavar="DOSSIER", type=Path)
    parser.add_argument("--sans-actualisation", action="store_true")
    parser.add_argument("--sans-publication", action="store_true")
    args = parser.parse_args()
    if args.construire:
        build(args.base, args.construire)
    os.environ["DATABASE_URL"] = args.base
    os.environ["DJANGO_SETTINGS_MODULE"] = "jalons.settings"
    os.environ.setdefault("JALONS_DATA_DIR", tempfile.mkdtemp())
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from jalons.observatoire import selectors
    from jalons.observatoire.models import Consent, Snapshot
    from jalons.observatoire.services import refresh_snapshots
    from jalons.structures.models import Ddets, Departement, Network, Region, Structure

    structures = list(Structure.objects.select_related("departement").order_by("pk"))
    print(f"{len(structures)} structures")
    if not Network.objects.filter(name__startswith="Bench ").exists():
        rng = random.Random(7)
        regions = list(Region.objects.order_by("code"))
        networks = {}
        for region in regions:
            for label in ("URIAE", "Chantier école", "COORACE", "Fédération EI"):
                networks[(region.code, label)] = Network.objects.create(
                    name=f"Bench {label} {region.code}", acronym=f"{label} {region.code}",
                    region=region,
                )  # fmt: skip
        through = Structure.networks.through
        links, consents = [], []
        labels = ["URIAE", "Chantier école", "COORACE", "Fédération EI"]
        for s in structures:
            if s.departement_id is None:
                continue
            for label in rng.sample(labels, rng.choice([0, 1, 1, 2])):
                links.append(
                    through(
                        structure_id=s.pk, network_id=networks[(s.departement.region_id, label)].pk
                    )
                )
            consents.append(
                Consent(
                    structure_id=s.pk,
                    share_with_networks=rng.random() < 0.3,
                    share_with_ddets=rng.random() < 0.3,
                    compare_position=rng.random() < 0.5,
                )
            )
        through.objects.bulk_create(links, batch_size=5000)
        Consent.objects.bulk_create(consents, batch_size=5000, ignore_conflicts=True)
        for departement in Departement.objects.filter(structures__isnull=False).distinct():
            ddets, _ = Ddets.objects.get_or_create(name=f"DDETS bench {departement.code}")
            ddets.departements.add(departement)
    if not args.sans_actualisation:
        start = time.perf_counter()

        def progress(done, total):
            print(
                f"  période {done}/{total} : {time.perf_counter() - start:.1f} s", file=sys.stderr
            )

        written = refresh_snapshots(progress=progress)
        elapsed = time.perf_counter() - start
        print(
            f"refresh_snapshots (toutes les structures, 3 ans) : {elapsed:.1f} s, {written} lignes"
        )
    print(f"{Snapshot.objects.count()} instantanés en base")
    # Fresh planner statistics, as autovacuum gives a production database after a bulk
    # import: without them PostgreSQL scans the whole journal instead of its index.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from django.db.models import Count

    region_code = (
        Structure.objects.values("departement__region_id").annotate(n=Count("pk")).order_by("-n")
    )[0]["departement__region_id"]
    region = selectors.perimeter_for_region(region_code)
    dep = Structure.objects.values("departement_id").annotate(n=Count("pk")).order_by("-n")[0]
    ddets = Ddets.objects.get(name=f"DDETS bench {dep['departement_id']}")
    ddets_perimeter = selectors.perimeter_for_ddets(ddets, ddets.departements.all())
    network = Network.objects.annotate(n=Count("structures")).order_by("-n").first()
    network_perimeter = selectors.perimeter_for_network(network)
    # A person who sees a network and a DDETS works in one region: the DDETS of the
    # network's largest département.
    near = (
        Structure.objects.filter(networks=network)
        .values("departement_id")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["departement_id"]
    )
    near_ddets = Ddets.objects.get(name=f"DDETS bench {near}")
    if not args.sans_publication:
        import datetime as dt

        from jalons.observatoire import linked
        from jalons.observatoire.publishing import all_perimeters, publish

        print(f"{len(all_perimeters())} périmètres publiés")
        start = time.perf_counter()
        last = [0.0]

        def published(done, total):
            now = time.perf_counter() - start
            if now - last[0] > 10 or done == total:
                last[0] = now
                print(f"  édition {done}/{total} : {now:.1f} s", file=sys.stderr)

        publication = publish(
            year=2025, author="banc", today=dt.date(2026, 12, 3), progress=published
        )
        elapsed = time.perf_counter() - start
        print(f"publication de 2025 (toutes les éditions) : {elapsed:.1f} s")
        print(f"  résumé : {publication.summary}")
        print(f"  recherche linked : {getattr(linked, 'STATS', {})}")
    print(f"\n{'édition 2025 publiée (dgefp-2014)':60} {'froid':>8} {'médiane':>8} {'max':>8}")
    cases = [
        (f"région {region.label} ({len(region.structure_ids)} structures)", region, []),
        (f"{ddets.name} ({len(ddets_perimeter.structure_ids)} structures)", ddets_perimeter, []),
        (
            f"réseau {network} ({len(network_perimeter.structure_ids)} structures)",
            network_perimeter,
            [],
        ),
        ("2e trimestre 2025, réseau", network_perimeter, []),
    ]
    for label, perimeter, _companions in cases:
        quarter = 2 if label.startswith("2e") else None
        cold, median, worst = timed(
            lambda p=perimeter, q=quarter: selectors.build_edition(p, year=2025, quarter=q)
        )
        print(f"{label[:60]:60} {cold:6.0f} ms {median:6.0f} ms {worst:6.0f} ms")
    from jalons.observatoire import exports

    edition = selectors.build_edition(region, year=2025)
    for name, function in (("XLSX", exports.edition_to_xlsx), ("CSV", exports.edition_to_csv)):
        cold, median, worst = timed(lambda f=function: f(edition), 3)
        print(
            f"{'export ' + name + ' (région)':60} {cold:6.0f} ms {median:6.0f} ms {worst:6.0f} ms"
        )
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from jalons.accounts.models import DdetsMembership, NetworkMembership, User

    setup_test_environment()
    network_user, _ = User.objects.get_or_create(email="bench-obs@exemple.org")
    NetworkMembership.objects.get_or_create(user=network_user, network=network)
    ddets_user, _ = User.objects.get_or_create(email="bench-obs-ddets@exemple.org")
    membership, _ = DdetsMembership.objects.get_or_create(user=ddets_user, ddets=ddets)
    membership.departements.set(ddets.departements.all())
    both_user, _ = User.objects.get_or_create(email="bench-obs-both@exemple.org")
    NetworkMembership.objects.get_or_create(user=both_user, network=network)
    membership, _ = DdetsMembership.objects.get_or_create(user=both_user, ddets=near_ddets)
    membership.departements.set(near_ddets.departements.all())
    pages = [
        ("page réseau", network_user, reverse("observatoire:network", args=[network.pk])),
        ("page DDETS", ddets_user, reverse("observatoire:ddets", args=[ddets.pk])),
        (
            "page réseau, personne qui voit aussi une DDETS",
            both_user,
            reverse("observatoire:network", args=[network.pk]),
        ),
    ]
    for label, user, url in pages:
        client = Client()
        client.force_login(user)
        # The process's first page loads Django's templates and code, which is not the
        # observatory's doing: a page of another year goes first, then ``timed``
        # empties the observatory's memory.
        client.get(url + "?annee=2024")
        cold, median, worst = timed(lambda c=client, u=url: c.get(u + "?annee=2025"))
        status = client.get(url + "?annee=2025").status_code
        label = f"{label} (client de test, HTTP {status})"
        print(f"{label:60} {cold:6.0f} ms {median:6.0f} ms {worst:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
