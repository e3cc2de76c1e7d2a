"""``jalons observatoire actualiser``, ``publier`` and ``exporter``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from jalons.cli._files import output_problem, write_atomically
from jalons.documents.french import plural


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "observatoire",
        help="observatoire régional : instantanés et états statistiques",
        description="Observatoire régional de l'IAE : calcul des instantanés et export "
        "des états statistiques protégés par le secret statistique.",
    )
    commands = parser.add_subparsers(title="commandes", metavar="COMMANDE")
    parser.set_defaults(func=lambda args: parser.print_help() or 2)

    refresh = commands.add_parser(
        "actualiser",
        help="recalculer les instantanés (chiffres par structure, période et jeu de règles)",
        description="Recalcule les chiffres de chaque structure pour chaque année, trimestre "
        "et année d'annexe, avec chacun des jeux de règles livrés. Chaque période est "
        "écrite d'un bloc : une interruption (Ctrl-C) laisse les périodes terminées et "
        "relancer la commande reprend tout (le résultat est le même).",
    )
    refresh.add_argument(
        "--annee",
        metavar="AAAA",
        type=int,
        action="append",
        help="année à recalculer ; répétable ; par défaut l'année en cours et les deux précédentes",
    )
    refresh.add_argument(
        "--structure",
        metavar="ID",
        action="append",
        help="identifiant d'échange (ou numéro) d'une structure ; répétable ; par défaut toutes",
    )
    refresh.set_defaults(func=run_refresh)

    publish = commands.add_parser(
        "publier",
        help="publier les éditions d'une année pour tous les périmètres",
        description="Publie ensemble, pour une année, les éditions de la région, de chaque "
        "réseau et de chaque DDETS (année, trimestres, année d'annexe, chaque jeu de "
        "règles), protégées ensemble et contre ce qui a déjà été publié. Une édition "
        "inchangée garde son numéro. Tout ou rien : une interruption ne publie rien.",
    )
    publish.add_argument(
        "--annee",
        metavar="AAAA",
        type=int,
        action="append",
        help="répétable ; par défaut l'année en cours et les deux précédentes",
    )
    publish.set_defaults(func=run_publish)

    export = commands.add_parser(
        "exporter",
        help="écrire l'état statistique d'un périmètre (PDF, XLSX ou CSV)",
        description="Écrit l'état statistique d'un réseau, d'une DDETS ou d'une région, "
        "avec le même secret statistique que les pages : les cases sous les seuils, et "
        "celles qui permettraient de les retrouver par différence, valent « secret ».",
    )
    export.add_argument("--annee", metavar="AAAA", type=int, required=True)
    export.add_argument("--trimestre", metavar="N", type=int, choices=[1, 2, 3, 4])
    export.add_argument("--periode", choices=["civile", "annexe"], default="civile")
    export.add_argument("--regles", metavar="NOM", default="dgefp-2014")
    export.add_argument("--format", choices=["pdf", "xlsx", "csv"], required=True)
    export.add_argument("--sortie", metavar="FICHIER", required=True)
    export.add_argument(
        "--remplacer", action="store_true", help="remplacer le fichier s'il existe déjà"
    )
    export.add_argument(
        "--edition",
        metavar="N",
        type=int,
        help="numéro d'une édition publiée ; par défaut la dernière",
    )
    export.add_argument(
        "--perimetre",
        metavar="reseau:ID|ddets:ID|region:CODE",
        required=True,
        help="réseau ou DDETS (numéro dans Jalons), ou région (code INSEE)",
    )
    export.set_defaults(func=run_export)


class Bar:
    """A progress bar on standard error, only on a terminal."""

    def __init__(self):
        self.active = sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if not self.active or not total:
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] période {done}/{total}"
            f" {time.monotonic() - self.started:6.1f} s"
        )
        sys.stderr.flush()

    def end(self) -> None:
        if self.active:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def run_refresh(args) -> int:
    from jalons.cli import django_setup

    django_setup()
    from jalons.echanges.selectors import structures_matching
    from jalons.observatoire.services import refresh_snapshots

    ids = None
    if args.structure:
        found, unknown = structures_matching(args.structure)
        if unknown:
            for reference in unknown:
                print(f"Structure inconnue : « {reference} ».", file=sys.stderr)
            return 2
        ids = [s.pk for s in found]
    for year in args.annee or []:
        if not 2000 <= year <= 2100:
            print(f"Année invalide : {year} (attendu : AAAA, par exemple 2025).", file=sys.stderr)
            return 2
    bar = Bar()
    started = time.monotonic()
    try:
        written = refresh_snapshots(structure_ids=ids, years=args.annee, progress=bar)
    except KeyboardInterrupt:
        bar.end()
        print(
            "\nInterrompu : les périodes terminées sont enregistrées, les autres gardent "
            "leurs anciens chiffres. Relancez la commande pour tout recalculer.",
            file=sys.stderr,
        )
        return 130
    bar.end()
    written_text = plural(written, "instantané écrit", "instantanés écrits")
    print(f"{written_text} en {time.monotonic() - started:.1f} s.")
    return 0


def run_publish(args) -> int:
    from jalons.cli import django_setup

    django_setup()
    import datetime as dt

    from jalons.observatoire.publishing import publish
    from jalons.observatoire.services import default_years

    years = args.annee or default_years(dt.date.today())
    for year in years:
        if not 2000 <= year <= 2100:
            print(f"Année invalide : {year} (attendu : AAAA, par exemple 2025).", file=sys.stderr)
            return 2
    for year in years:
        bar = Bar()
        started = time.monotonic()
        try:
            publication = publish(year=year, author="ligne de commande", progress=bar)
        except KeyboardInterrupt:
            bar.end()
            print(
                f"\nInterrompu : rien n'est publié pour {year} (les éditions précédentes "
                "restent en ligne). Relancez la commande.",
                file=sys.stderr,
            )
            return 130
        bar.end()
        summary = publication.summary
        cells = summary.get("cases", {})
        new = plural(summary.get("éditions nouvelles", 0), "édition nouvelle", "éditions nouvelles")
        same = plural(summary.get("éditions inchangées", 0), "inchangée")
        print(
            f"{year} : publication n° {publication.number}, {new}, {same} ; cases publiées "
            f"{cells.get('publiées', 0)}, en secret {cells.get('secret', 0)}, révisées non "
            f"publiées {cells.get('révisées', 0)} ({time.monotonic() - started:.1f} s)."
        )
        withheld = summary.get("structures non nommées cette année", 0)
        if withheld == 1:
            print(
                f"  1 structure ayant accepté d'être nommée ne l'est pas pour {year} : des "
                "chiffres déjà publiés l'incluaient sans la nommer."
            )
        elif withheld:
            print(
                f"  {plural(withheld, 'structure')} ayant accepté d'être nommées ne le sont pas "
                f"pour {year} : des chiffres déjà publiés les incluaient sans les nommer."
            )
    return 0


def perimeter_from(text: str):
    """The perimeter named by ``reseau:ID``, ``ddets:ID`` or ``region:CODE``."""
    from jalons.observatoire import selectors
    from jalons.structures.models import Ddets, Network

    kind, _, ident = text.partition(":")
    if kind == "region" and ident:
        return selectors.perimeter_for_region(ident)
    if kind in ("reseau", "ddets") and ident.isdigit():
        if kind == "reseau":
            network = Network.objects.filter(pk=int(ident)).first()
            if network is None:
                raise ValueError(f"Réseau inconnu : n° {ident}.")
            return selectors.perimeter_for_network(network)
        ddets = Ddets.objects.filter(pk=int(ident)).first()
        if ddets is None:
            raise ValueError(f"DDETS inconnue : n° {ident}.")
        return selectors.perimeter_for_ddets(ddets, ddets.departements.all())
    raise ValueError(
        f"Périmètre invalide : « {text} ». Attendu : reseau:ID, ddets:ID ou region:CODE "
        "(par exemple reseau:3 ou region:32)."
    )


def run_export(args) -> int:
    from jalons.cli import django_setup

    django_setup()
    from jalons.audit.actor import Actor
    from jalons.observatoire import exports, selectors, services

    target = Path(args.sortie)
    problem = output_problem(target, replace=args.remplacer)
    if problem:
        print(f"Erreur : {problem}", file=sys.stderr)
        return 2
    try:
        perimeter = perimeter_from(args.perimetre)
        edition = selectors.build_edition(
            perimeter,
            year=args.annee,
            quarter=args.trimestre,
            period=args.periode,
            rule_set=args.regles,
            number=args.edition,
        )
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    if edition is None:
        which = f"n° {args.edition} " if args.edition else ""
        print(
            f"Aucune édition {which}publiée pour ce périmètre et cette période : publiez "
            f"d'abord avec « jalons observatoire publier --annee {args.annee} ».",
            file=sys.stderr,
        )
        return 2
    if args.format == "pdf":  # the état statistique, as the network and DDETS pages give it
        from jalons.observatoire.pdf import edition_pdf

        content = edition_pdf(edition)
    elif args.format == "xlsx":
        content = exports.edition_to_xlsx(edition)
    else:
        content = exports.edition_to_csv(edition).encode("utf-8")
    write_atomically(target, content)
    services.edition_read(
        edition=edition,
        fmt=args.format,
        actor=Actor.from_command("jalons observatoire exporter"),
    )
    hidden = sum(c.hidden for t in edition.tables for r in t.rows for c in r.cells)
    print(
        f"{target} écrit : {edition.perimeter.label}, {edition.period_label}, "
        f"édition n° {edition.number}, {plural(len(edition.tables), 'tableau', 'tableaux')}, "
        f"{plural(hidden, 'case')} en secret."
    )
    return 0
