"""``jalons manage ...``: Django's own commands (migrate, createsuperuser...)."""

import sys


def run_manage(argv: list[str]) -> int:
    from jalons.cli import django_setup

    django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jalons manage", *argv])
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "manage",
        help="commandes d'administration de Django (migrate, createsuperuser, shell…)",
        description="Transmet les arguments aux commandes de Django, par exemple "
        "« jalons manage migrate » ou « jalons manage createsuperuser ».",
        add_help=False,
    )
    parser.set_defaults(func=lambda args: run_manage(sys.argv[2:]))
