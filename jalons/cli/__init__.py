"""The ``jalons`` console command.

Each subcommand lives in its own module exposing ``register(subparsers)``; the
module sets ``func`` on its parser. Commands that need Django call
``jalons.cli.django_setup()`` themselves, so the indicator commands can run on CSV
files without any database or settings.
"""

import argparse
import os
import sys
from importlib import import_module

from jalons import __version__
from jalons.cli import _argparse_fr

COMMAND_MODULES = (
    "jalons.cli.demo",
    "jalons.cli.serve",
    "jalons.cli.structures",
    "jalons.cli.manage",
    "jalons.cli.indicateurs",
    "jalons.cli.regles",
    "jalons.cli.donnees",
    "jalons.cli.echanges",
    "jalons.cli.offre",
    "jalons.cli.observatoire",
    "jalons.cli.sauvegarde",
)


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalons.settings")
    import django

    django.setup()


def build_parser() -> argparse.ArgumentParser:
    _argparse_fr.install()
    parser = argparse.ArgumentParser(
        prog="jalons",
        description="Jalons : parcours, indicateurs et Offre de Services des SIAE.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"jalons {__version__}",
        help="afficher la version et quitter",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="lancer la commande sur la base de la démonstration (data/demo.sqlite3)",
    )
    subparsers = parser.add_subparsers(title="commandes", metavar="COMMANDE")
    for name in COMMAND_MODULES:
        import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if argv and argv[0] == "--demo":
        problem = use_demo_database()
        if problem:
            print(problem, file=sys.stderr)
            return 1
        argv = argv[1:]
    if argv and argv[0] == "manage":
        # Pass everything after "manage" to Django untouched.
        from jalons.cli.manage import run_manage

        return run_manage(argv[1:])
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130
    except OSError as error:
        # Disk full, permission refused, a path that is not a folder: the writers
        # write beside the target and rename, so nothing is left half-written.
        from jalons.cli._files import os_error_message

        print(os_error_message(error), file=sys.stderr)
        return 1
    except Exception as error:
        message = database_problem(error)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return 1


def demo_database() -> "os.PathLike":
    from pathlib import Path

    data_dir = Path(os.environ.get("JALONS_DATA_DIR", Path.cwd() / "data")).resolve()
    return data_dir / "demo.sqlite3"


def use_demo_database() -> str | None:
    """Point this process at the demo's database (``jalons --demo …``); a French
    message when there is none yet. The option wins over ``DATABASE_URL``."""
    database = demo_database()
    if not database.exists():
        return (
            f"Pas encore de base de démonstration ({database}) : lancez d'abord "
            "« jalons demo » (ou « jalons demo --sans-serveur »)."
        )
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    return None


def database_problem(error: Exception) -> str | None:
    """A French message when a command failed because the database is unreachable or
    not initialised (the default database, say, after ``jalons demo``, which has its
    own); None for any other error."""
    if "django.db" not in sys.modules:
        return None
    if not isinstance(error, _database_errors()):
        return None
    from jalons.cli.serve import check_ready

    message = check_ready() or f"Erreur de la base de données : {error}"
    if not os.environ.get("DATABASE_URL"):
        from django.conf import settings

        demo = settings.DATA_DIR / "demo.sqlite3"
        message += f"\nBase utilisée : {settings.DATABASES['default']['NAME']} (par défaut)."
        if demo.exists():
            message += (
                "\nLa démonstration a sa propre base ; pour y lancer cette commande :\n"
                f"  jalons --demo {' '.join(sys.argv[1:])}"
            )
    return message


def _database_errors() -> tuple[type[Exception], ...]:
    """Django's database errors, and those of the drivers themselves: the bulk readers
    (interchange export, indicators from the database) use the driver's cursor."""
    import sqlite3

    from django.db import DatabaseError

    errors: list[type[Exception]] = [DatabaseError, sqlite3.Error]
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        errors.append(psycopg.Error)
    return tuple(errors)
