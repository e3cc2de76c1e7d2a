"""``jalons regles lister`` and ``jalons regles montrer NOM``: the rule sets."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "regles",
        help="jeux de règles des indicateurs de sortie",
        description="Jeux de règles livrés et personnalisés, avec leurs sources.",
    )
    commands = parser.add_subparsers(title="commandes", metavar="COMMANDE")
    lister = commands.add_parser("lister", help="lister les jeux de règles livrés")
    lister.add_argument("--format", choices=("texte", "json"), default="texte")
    lister.set_defaults(func=run_lister)
    montrer = commands.add_parser(
        "montrer",
        help="montrer un jeu de règles : paramètres datés, sources, groupes de motifs",
    )
    montrer.add_argument("nom", metavar="NOM", help="nom d'un jeu livré ou fichier .yaml")
    montrer.add_argument("--format", choices=("texte", "json"), default="texte")
    montrer.set_defaults(func=run_montrer)
    parser.set_defaults(func=lambda args: parser.print_help() or 0)


def run_lister(args) -> int:
    from jalons.rules import builtin_names, load_rule_set
    from jalons.rules.render import table

    rule_sets = [load_rule_set(n) for n in builtin_names()]
    if args.format == "json":
        data = [
            {
                "nom": r.nom,
                "version": r.version,
                "titre": r.titre,
                "famille_de_motifs": r.famille,
                "herite_de": r.parent.nom if r.parent else None,
                "description": r.description,
            }
            for r in rule_sets
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [[r.nom, r.version, r.famille, r.titre] for r in rule_sets]
    print(table(["Nom", "Version", "Famille de motifs", "Titre"], rows, right_from=99))
    print("\nDétail : jalons regles montrer NOM")
    return 0


def run_montrer(args) -> int:
    from jalons.cli.indicateurs import report
    from jalons.rules import InvalidInput, load_rule_set
    from jalons.rules.describe import describe, describe_text

    try:
        rule_set = load_rule_set(args.nom)
    except InvalidInput as exc:
        return report(exc.problems)
    if args.format == "json":
        sys.stdout.write(json.dumps(describe(rule_set), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(describe_text(rule_set))
    return 0
