"""Server time of the main pages of a structure with 2 000 pathways (issue 4).

Usage (PostgreSQL, as in production):
    uv run python benchmarks/bench_pages.py --base postgres://postgres@127.0.0.1:5432/jalons_bench

It creates (or empties) that database, migrates it, imports a generated structure of
2 000 pathways (about 20 000 hours rows), then times each page in process with
Django's test client: that is the server time, without the network or the browser.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse


def reset_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = url.replace(f"/{name}", "/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="DATABASE_URL PostgreSQL à (re)créer")
    parser.add_argument("--parcours", type=int, default=2000)
    parser.add_argument("--repetitions", type=int, default=20)
    args = parser.parse_args()
    reset_database(args.base)
    os.environ["DATABASE_URL"] = args.base
    os.environ["DJANGO_SETTINGS_MODULE"] = "jalons.settings"
    os.environ.setdefault("JALONS_DATA_DIR", tempfile.mkdtemp())
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment

    from jalons.accounts.models import Role, StructureMembership, User
    from jalons.audit.actor import Actor
    from jalons.demo.generator import generate
    from jalons.echanges.services import folder_import
    from jalons.parcours.models import MonthlyHours, Parcours, Person
    from jalons.structures.models import Structure

    setup_test_environment()
    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        generate(folder, structures=1, parcours=args.parcours, seed=7)
        start = time.perf_counter()
        folder_import(actor=Actor.from_command("banc d'essai"), folder=folder)
        print(f"import : {time.perf_counter() - start:.1f} s")
    structure = Structure.objects.get()
    user = User.objects.create_user(email="bench@exemple.org", password="x")
    StructureMembership.objects.create(user=user, structure=structure, role=Role.DIRECTION)
    busiest = (
        Person.objects.filter(structure=structure)
        .annotate(n=Count("monthly_hours"))
        .order_by("-n")
        .first()
    )
    print(
        f"structure {structure.identifier} ({structure.kind}) : "
        f"{Parcours.objects.count()} parcours, {MonthlyHours.objects.count()} lignes d'heures"
    )
    client = Client()
    client.force_login(user)
    s = structure.pk
    from django.urls import reverse

    person_args = [s, busiest.pk]
    pages_issue_5 = {
        "plan d'accompagnement": reverse("accompagnement:plan", args=person_args),
        "compétences de la personne": reverse("competences:person", args=person_args),
        "PDF : projet de CV": reverse("documents:cv", args=person_args),
        "PDF : attestation de compétences": reverse("documents:attestation", args=person_args),
        "PDF : livret d'accueil": reverse("documents:livret_pdf", args=[s]),
    }
    pages = {
        "liste des personnes": f"/structures/{s}/personnes/",
        "liste filtrée (présentes)": f"/structures/{s}/personnes/?statut=present",
        "dossier d'une personne": f"/structures/{s}/personnes/{busiest.pk}/",
        "indicateurs (4 jeux, année 2025)": f"/structures/{s}/indicateurs/?periode=annee-2025",
        "détail des sorties (dgefp-2014)": (
            f"/structures/{s}/indicateurs/sorties/?periode=annee-2025&regles=dgefp-2014"
        ),
        "à faire": f"/structures/{s}/a-faire/",
    }
    from jalons.indicateurs.services import _cached_tables

    pages.update(pages_issue_5)

    for label, url in list(pages.items()):
        if "indicateurs" in url:
            pages[label + " *"] = url
    print(f"\n{'page':45} {'médiane':>9} {'p95':>9} {'max':>9}")
    for label, url in pages.items():
        cold = label.endswith("*")  # tables rebuilt, as after any change of the data
        assert client.get(url).status_code == 200, url  # warm-up
        times = []
        for _ in range(args.repetitions):
            if cold:
                _cached_tables.cache_clear()
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{label:45} {statistics.median(times):7.0f} ms {p95:7.0f} ms {times[-1]:7.0f} ms")
    print("\n* premier affichage après une modification des données (tables recalculées)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
