"""``jalons structures lister``: the structures of this installation."""

import json
import sys


def _list(args) -> int:
    from jalons.cli import django_setup

    django_setup()
    from jalons.structures.selectors import structures_list

    rows = [
        {
            "id": s.pk,
            "identifiant": s.identifier,
            "type": s.kind,
            "nom": s.name,
            "siret": s.siret,
            "departement": s.departement_id,
            "organisation": s.organisation.name if s.organisation else "",
        }
        for s in structures_list()
        if not args.type or s.kind == args.type
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print("Aucune structure.")
        return 0
    headers = {
        "id": "N°",
        "type": "Type",
        "nom": "Nom",
        "siret": "SIRET",
        "departement": "Dépt",
        "identifiant": "Identifiant d'échange",
    }
    widths = {k: max(len(headers[k]), *(len(str(r[k])) for r in rows)) for k in headers}
    print("  ".join(headers[k].ljust(widths[k]) for k in headers))
    for row in rows:
        print("  ".join(str(row[k]).ljust(widths[k]) for k in headers))
    print(f"{len(rows)} structure{'s' if len(rows) > 1 else ''}.")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("structures", help="structures de l'installation")
    sub = parser.add_subparsers(title="actions", metavar="ACTION")
    lister = sub.add_parser("lister", help="lister les structures")
    lister.add_argument(
        "--type", choices=["ACI", "EI", "ETTI", "AI", "EITI"], help="ne garder qu'un type de SIAE"
    )
    lister.add_argument(
        "--format", choices=["texte", "json"], default="texte", help="format de sortie (texte)"
    )
    lister.set_defaults(func=_list)
    parser.set_defaults(func=lambda args: parser.print_help() or 0)
