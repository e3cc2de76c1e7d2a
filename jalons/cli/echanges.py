"""``jalons importer`` and ``jalons exporter``: the interchange folder in and out of
the database (contract section 6)."""

from __future__ import annotations

import sys
import time

from jalons.documents.french import plural


def register(subparsers) -> None:
    imp = subparsers.add_parser(
        "importer",
        help="importer un dossier d'échange (CSV) dans la base",
        description=(
            "Importe un dossier d'échange (structures.csv, parcours.csv et fichiers "
            "facultatifs) dans la base : structures, personnes, parcours, heures, suivis, "
            "orientations, accompagnement et formation. Tout est vérifié avant d'écrire, "
            "avec les messages de « jalons indicateurs calculer » ; puis tout est écrit, "
            "ou rien. Importer deux fois le même dossier ne change rien."
        ),
    )
    imp.add_argument("dossier", metavar="DOSSIER", help="dossier des fichiers CSV")
    imp.add_argument(
        "--essai",
        action="store_true",
        help="tout vérifier et dire ce qui serait écrit, sans rien écrire",
    )
    imp.set_defaults(func=run_importer)
    exp = subparsers.add_parser(
        "exporter",
        help="exporter la base en dossier d'échange (CSV)",
        description=(
            "Écrit les données de la base au format d'échange : un fichier CSV par table "
            "(UTF-8, séparateur virgule, dates AAAA-MM-JJ). Aucun nom, contact ni NIR des "
            "personnes accompagnées : le format n'en contient pas (la colonne intervenant "
            "des accompagnements reprend le texte saisi, qui peut nommer un référent). Le "
            "dossier est écrit à côté puis renommé."
        ),
    )
    exp.add_argument("dossier", metavar="DOSSIER", help="dossier à écrire")
    exp.add_argument(
        "--structure",
        metavar="ID",
        action="append",
        help="identifiant d'échange (ou numéro) d'une structure à exporter ; répétable ; "
        "par défaut toutes",
    )
    exp.add_argument(
        "--remplacer", action="store_true", help="remplacer le dossier s'il n'est pas vide"
    )
    exp.set_defaults(func=run_exporter)


class Progress:
    """A one-line progress indication on standard error, only on a terminal."""

    def __init__(self, steps: list[str]):
        self.steps = steps
        self.done = 0
        self.active = sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, label: str) -> None:
        if not self.active:
            return
        position = self.steps.index(label) if label in self.steps else self.done
        self.done = position + 1
        width = 30
        filled = width * position // len(self.steps)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {label[:40]:<40}"
            f" {time.monotonic() - self.started:5.1f} s"
        )
        sys.stderr.flush()

    def end(self) -> None:
        if self.active:
            sys.stderr.write("\r" + " " * 90 + "\r")
            sys.stderr.flush()


IMPORT_STEPS = [
    "lecture et vérification des fichiers",
    "structures",
    "personnes",
    "parcours",
    "heures",
    "suivis",
    "orientations",
    "accompagnements",
    "formations",
    "journal",
]


def run_importer(args) -> int:
    from jalons.cli import django_setup
    from jalons.cli.indicateurs import report

    django_setup()
    from jalons.audit.actor import Actor
    from jalons.echanges.journal import counts_phrase
    from jalons.echanges.services import folder_import
    from jalons.rules import InvalidInput

    progress = Progress(IMPORT_STEPS)
    started = time.monotonic()
    try:
        result = folder_import(
            folder=args.dossier,
            trial=args.essai,
            progress=progress,
            actor=Actor.from_command("jalons importer"),
        )
    except InvalidInput as exc:
        progress.end()
        _warn(exc.warnings)
        return report(exc.problems, outcome="rien n'a été importé")
    except KeyboardInterrupt:
        progress.end()
        print("\nInterrompu : rien n'a été importé.", file=sys.stderr)
        return 130
    progress.end()
    _warn(result.avertissements)
    elapsed = time.monotonic() - started
    if result.essai:
        print(f"Essai d'import de {args.dossier} : rien n'a été écrit. L'import ferait :")
    else:
        print(f"Import de {args.dossier} terminé en {elapsed:.1f} s.")
    for _table, label, created, updated, unchanged in result.rows():
        print(f"  {label} : {counts_phrase(created, updated, unchanged)}")
    return 0


def run_exporter(args) -> int:
    from jalons.cli import django_setup

    django_setup()
    from jalons.echanges.export import TargetNotEmpty, folder_export
    from jalons.echanges.selectors import database_problems, structures_matching, table_frame

    structures = None
    if args.structure:
        structures, unknown = structures_matching(args.structure)
        if unknown:
            for reference in unknown:
                print(f"Structure inconnue : « {reference} ».", file=sys.stderr)
            return 2
    started = time.monotonic()
    try:
        counts = folder_export(folder=args.dossier, structures=structures, replace=args.remplacer)
    except TargetNotEmpty:
        print(
            f"Le dossier {args.dossier} existe et n'est pas vide ; "
            "utilisez --remplacer pour le remplacer.",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print("\nInterrompu : le dossier n'a pas été écrit.", file=sys.stderr)
        return 130
    elapsed = time.monotonic() - started
    summary = ", ".join(f"{name}.csv {count} lignes" for name, count in counts.items())
    print(f"Dossier {args.dossier} écrit en {elapsed:.1f} s : {summary}", file=sys.stderr)
    from jalons.rules import Tables

    ids = None if structures is None else [s.pk for s in structures]
    tables = Tables.build(
        parcours=table_frame("parcours", ids),
        structures=table_frame("structures", ids),
        suivis=table_frame("suivis", ids),
    )
    problems = database_problems(tables)
    if problems:
        print(
            f"Attention : {plural(len(problems), 'donnée incomplète', 'données incomplètes')} ; "
            "le dossier ne passera pas "
            "la vérification de l'import ni du calcul tant qu'elles ne sont pas complétées :",
            file=sys.stderr,
        )
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    return 0


def _warn(warnings) -> None:
    for warning in warnings:
        print(f"avertissement : {warning}", file=sys.stderr)
