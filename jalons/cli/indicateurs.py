"""``jalons indicateurs calculer``: exit indicators of an interchange folder, or of
the database with ``--base`` (then Django is set up; the CSV path never imports it)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from jalons.cli._files import write_atomically as _write_atomically

FORMATS = ("json", "csv", "texte", "xlsx")


def parse_day(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"date illisible « {text} » (attendu AAAA-MM-JJ)")


def parse_year(text: str) -> int:
    if not text.strip().isdigit() or not 1900 <= int(text) <= 2999:
        raise argparse.ArgumentTypeError(f"année illisible « {text} » (attendu AAAA)")
    return int(text)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "indicateurs",
        help="indicateurs de sortie (taux de sortie dynamique...) d'un dossier de fichiers CSV",
        description="Indicateurs de sortie des SIAE, selon un ou plusieurs jeux de règles.",
    )
    commands = parser.add_subparsers(title="commandes", metavar="COMMANDE")
    calc = commands.add_parser(
        "calculer",
        help="calculer les indicateurs d'un dossier d'échange",
        description=(
            "Calcule les indicateurs de sortie des structures d'un dossier d'échange "
            "(structures.csv, parcours.csv et fichiers facultatifs), ou de la base avec "
            "--base, pour chaque jeu de règles demandé. Sortie 2 et messages sur la "
            "sortie d'erreur si les données sont invalides."
        ),
    )
    calc.add_argument(
        "dossier", metavar="DOSSIER", nargs="?", help="dossier des fichiers CSV (sans --base)"
    )
    calc.add_argument(
        "--base",
        action="store_true",
        help="lire les données dans la base de Jalons au lieu d'un dossier",
    )
    calc.add_argument(
        "--structure",
        metavar="ID",
        action="append",
        help="avec --base : identifiant d'échange (ou numéro) d'une structure ; répétable ; "
        "par défaut toutes",
    )
    calc.add_argument(
        "--regles",
        metavar="NOM",
        action="append",
        required=True,
        help="jeu de règles (nom livré ou fichier .yaml) ; répétable",
    )
    period = calc.add_mutually_exclusive_group(required=True)
    period.add_argument("--annee", metavar="AAAA", type=parse_year, help="année civile")
    period.add_argument("--du", metavar="AAAA-MM-JJ", type=parse_day, help="début de période")
    calc.add_argument("--au", metavar="AAAA-MM-JJ", type=parse_day, help="fin de période")
    calc.add_argument(
        "--date-reference",
        metavar="AAAA-MM-JJ",
        type=parse_day,
        help="date à laquelle les suivis sont attendus (par défaut : aujourd'hui)",
    )
    calc.add_argument(
        "--format",
        choices=FORMATS,
        help="format de sortie (par défaut : texte dans un terminal, json sinon ; xlsx : "
        "classeur pour un tableur, avec --sortie)",
    )
    calc.add_argument("--detail", action="store_true", help="détail de chaque sortie")
    calc.add_argument("--sortie", metavar="FICHIER", help="écrire le résultat dans ce fichier")
    calc.set_defaults(func=run_calculer, _parser=calc)
    parser.set_defaults(func=lambda args: _help(parser))


def _help(parser) -> int:
    parser.print_help()
    return 0


def _period(args) -> tuple[dt.date, dt.date]:
    parser = args._parser
    if args.annee is not None:
        if args.au is not None:
            parser.error("--au s'utilise avec --du, pas avec --annee")
        return dt.date(args.annee, 1, 1), dt.date(args.annee, 12, 31)
    if args.au is None:
        parser.error("--du demande aussi --au")
    if args.au < args.du:
        parser.error(f"période vide : --au ({args.au}) est avant --du ({args.du})")
    return args.du, args.au


def _source(args) -> None:
    parser = args._parser
    if args.base and args.dossier is not None:
        parser.error("indiquez soit un DOSSIER, soit --base, pas les deux")
    if not args.base and args.dossier is None:
        parser.error("indiquez le DOSSIER des fichiers CSV, ou --base pour lire la base")
    if args.structure and not args.base:
        parser.error("--structure s'utilise avec --base")


def run_calculer(args) -> int:
    from jalons.rules import InvalidInput, compute, load_rule_set, read_folder
    from jalons.rules.render import to_csv, to_json, to_text, to_xlsx

    _source(args)
    du, au = _period(args)
    date_reference = args.date_reference or dt.date.today()
    problems, rule_sets = [], []
    for name in args.regles:
        try:
            rule_sets.append(load_rule_set(name))
        except InvalidInput as exc:
            problems.extend(exc.problems)
    # Two sources of the same Tables: the CSV folder, or the database (--base).
    if args.base:
        tables = _tables_from_database(args.structure, problems)
    else:
        try:
            tables = read_folder(args.dossier)
        except InvalidInput as exc:
            _warn(exc.warnings)
            problems.extend(exc.problems)
            tables = None
    if problems:
        return report(problems)
    _warn(tables.avertissements)
    result = compute(tables, rule_sets, du, au, date_reference, detail=args.detail)
    fmt = args.format or ("texte" if args.sortie is None and sys.stdout.isatty() else "json")
    if fmt == "xlsx" and not args.sortie:
        print(
            "--format xlsx écrit un classeur : indiquez le fichier avec --sortie FICHIER.xlsx.",
            file=sys.stderr,
        )
        return 2
    if fmt == "json":
        text = to_json(result)
    elif fmt == "csv":
        text = to_csv(result)
    elif fmt == "xlsx":
        text = to_xlsx(result)
    else:
        text = to_text(result, {r.nom: r.titre for r in rule_sets})
    if args.sortie:
        write_atomically(Path(args.sortie), text)
        print(f"Résultat écrit dans {args.sortie}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _tables_from_database(references, problems):
    """The tables of the database (some structures, or all), checked as the reader
    checks a folder; problems are added to ``problems``."""
    from jalons.cli import django_setup

    django_setup()
    from jalons.echanges.selectors import (
        database_problems,
        structures_matching,
        tables_from_database,
    )
    from jalons.rules import Problem

    structures = None
    if references:
        structures, unknown = structures_matching(references)
        for reference in unknown:
            problems.append(
                Problem("--structure", None, None, f"structure inconnue « {reference} »")
            )
        if unknown:
            return None
    tables = tables_from_database(structures)
    problems.extend(database_problems(tables))
    return tables


def _warn(warnings) -> None:
    for warning in warnings:
        print(f"avertissement : {warning}", file=sys.stderr)


def report(problems, outcome: str = "aucun résultat") -> int:
    """Every problem on standard error, nothing on standard output; status 2."""
    count = len(problems)
    plural = "s" if count > 1 else ""
    print(f"Données invalides : {count} problème{plural} ; {outcome}.", file=sys.stderr)
    for problem in sorted(problems, key=lambda p: (p.fichier, p.ligne or 0, p.colonne or "")):
        print(f"  {problem}", file=sys.stderr)
    return 2


def write_atomically(path: Path, text: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, text)
