"""``jalons donnees generer``: a realistic, deterministic interchange folder."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def register(subparsers) -> None:
    from jalons.cli.indicateurs import parse_day

    parser = subparsers.add_parser(
        "donnees",
        help="données d'exemple au format d'échange",
        description="Données d'exemple (fictives) au format d'échange des indicateurs.",
    )
    commands = parser.add_subparsers(title="commandes", metavar="COMMANDE")
    gen = commands.add_parser(
        "generer",
        help="générer un dossier d'échange réaliste et reproductible",
        description=(
            "Génère un dossier d'échange fictif mais réaliste (tous les types de SIAE, "
            "heures mensuelles, suivis, orientations, accompagnement, formation). La "
            "même graine donne toujours les mêmes fichiers. Le dossier est écrit à "
            "côté puis renommé : une interruption ne laisse rien à moitié écrit."
        ),
    )
    gen.add_argument("dossier", metavar="DOSSIER")
    gen.add_argument("--structures", type=_positive, default=20, metavar="N")
    gen.add_argument("--parcours", type=_positive, default=1000, metavar="M")
    gen.add_argument("--graine", type=int, default=1, metavar="S")
    gen.add_argument(
        "--fin",
        type=parse_day,
        default=None,
        metavar="AAAA-MM-JJ",
        help="dernier jour couvert par les données (par défaut : 2025-12-31)",
    )
    gen.add_argument(
        "--remplacer", action="store_true", help="remplacer le dossier s'il existe déjà"
    )
    gen.set_defaults(func=run_generer)
    parser.set_defaults(func=lambda args: parser.print_help() or 0)


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"entier positif attendu, lu « {text} »")
    return value


def run_generer(args) -> int:
    import datetime as dt

    from jalons.demo.generator import FolderExists, generate

    bar = _progress_bar if sys.stderr.isatty() else None
    started = time.monotonic()
    try:
        counts = generate(
            Path(args.dossier),
            args.structures,
            args.parcours,
            args.graine,
            fin=args.fin or dt.date(2025, 12, 31),
            replace=args.remplacer,
            progress=bar,
        )
    except FolderExists:
        print(
            f"Le dossier {args.dossier} existe et n'est pas vide ; "
            "utilisez --remplacer pour le remplacer.",
            file=sys.stderr,
        )
        return 2
    if bar:
        print(file=sys.stderr)
    summary = ", ".join(f"{name}.csv {count} lignes" for name, count in counts.items())
    elapsed = time.monotonic() - started
    print(f"Dossier {args.dossier} écrit en {elapsed:.1f} s : {summary}", file=sys.stderr)
    return 0


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    percent = 100 * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d} % parcours")
    sys.stderr.flush()
