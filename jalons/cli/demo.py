"""``jalons demo``: a ready-to-explore installation on SQLite, with demo data."""

import os
import sys
from pathlib import Path


def _data_dir() -> Path:
    return Path(os.environ.get("JALONS_DATA_DIR", Path.cwd() / "data")).resolve()


def _demo(args) -> int:
    data_dir = _data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    database = data_dir / "demo.sqlite3"
    if args.reinitialiser:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        print("Base de démonstration effacée : elle va être recréée.")
    os.environ["JALONS_DATA_DIR"] = str(data_dir)
    os.environ["JALONS_DEMO"] = "1"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    if args.debug:
        os.environ["JALONS_DEBUG"] = "1"

    from jalons.cli import django_setup

    django_setup()
    from django.core.management import call_command

    print(f"Base de démonstration : {database}")
    print("Mise à jour du schéma de la base…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)

    from jalons.demo.data import DEMO_PASSWORD, demo_loaded, demo_logins, load_demo

    if demo_loaded():
        print(
            "Données de démonstration déjà présentes : elles sont conservées "
            "(--reinitialiser pour repartir de zéro)."
        )
    else:
        print("Chargement des données de démonstration…", flush=True)
        load_demo()
        print("Données de démonstration chargées.")

    url = f"http://127.0.0.1:{args.port}/"
    print()
    print(f"Adresse : {url}")
    print(f"Mot de passe de tous les comptes : {DEMO_PASSWORD}")
    print("Comptes de démonstration :")
    logins = demo_logins()
    width = max(len(login.email) for login in logins)
    for login in logins:
        print(f"  {login.email.ljust(width)}  {login.description}")
    print()
    sys.stdout.flush()
    if args.sans_serveur:
        print("Tout est prêt (--sans-serveur : le serveur n'est pas lancé).")
        return 0

    # Start the server in a fresh process: the demo data was computed with polars,
    # whose thread pool must not be inherited by forked workers (they would hang).
    command = [
        sys.executable,
        "-m",
        "jalons",
        "serve",
        "--hote",
        "127.0.0.1",
        "--port",
        str(args.port),
        "--workers",
        "1",
        "--threads",
        "8",
    ]
    os.execv(sys.executable, command)
    return 0  # not reached


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="lancer la démonstration (SQLite, données fictives)",
        description="Crée ou met à jour la base SQLite de démonstration (dossier data/), "
        "charge des données fictives, affiche les comptes et lance le serveur sur 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=8000, help="port du serveur (8000)")
    parser.add_argument(
        "--reinitialiser",
        action="store_true",
        help="effacer la base de démonstration et repartir de zéro",
    )
    parser.add_argument(
        "--sans-serveur", action="store_true", help="tout préparer sans lancer le serveur"
    )
    parser.add_argument(
        "--debug", action="store_true", help="mode débogage de Django (pour les développeurs)"
    )
    parser.set_defaults(func=_demo)
