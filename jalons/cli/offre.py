"""``jalons offre exporter``: an Offre de Services as PDF, DOCX or ODT, the dossier du
dialogue de gestion, or the structure and its services in the data·inclusion schema (from
its public listing, through the same service as the page: ``public_listing_export``)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from jalons.audit.actor import Actor
from jalons.cli._files import output_problem, write_atomically
from jalons.documents.french import file_size, plural

FORMAT_CHOICES = ("pdf", "docx", "odt", "dialogue", "data-inclusion")


def register(subparsers) -> None:
    offre = subparsers.add_parser(
        "offre",
        help="exporter une offre de services",
        description="Offres de services des structures.",
    )
    commands = offre.add_subparsers(title="commandes", metavar="COMMANDE")
    export = commands.add_parser(
        "exporter",
        help="écrire l'offre de services d'une année dans un fichier",
        description=(
            "Écrit l'offre de services d'une structure pour une année : PDF mis en page, "
            "DOCX ou ODT modifiables (même contenu), dossier du dialogue de gestion (PDF), "
            "ou la structure et ses services au format data·inclusion (JSON, pour DORA), "
            "depuis sa fiche publique : refusé tant qu'elle est incomplète. "
            "Le fichier est écrit à côté puis renommé : une interruption ne laisse rien "
            "à moitié écrit."
        ),
    )
    export.add_argument(
        "--structure",
        metavar="ID",
        required=True,
        help="identifiant d'échange (ou numéro) de la structure",
    )
    export.add_argument(
        "--annee",
        metavar="AAAA",
        type=int,
        help="année de l'offre de services (sans objet pour data-inclusion)",
    )
    export.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        default="pdf",
        help="pdf, docx, odt, dialogue (dossier du dialogue de gestion) ou data-inclusion",
    )
    export.add_argument("--sortie", metavar="FICHIER", required=True, help="fichier à écrire")
    export.add_argument(
        "--remplacer", action="store_true", help="remplacer le fichier s'il existe déjà"
    )
    export.set_defaults(func=run_exporter)
    offre.set_defaults(func=lambda args: offre.print_help() or 0)


_ARTICLE = re.compile(r"(?:les?|la|l['’]|une?|des?|du)\b", re.IGNORECASE)
_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöùûüœæ]", re.IGNORECASE)


def of_name(name: str) -> str:
    """« de » and a structure's name, which is never altered: « de Val'Emploi
    Services », « d'Intérim Solidaire Artois », and « de la structure « Les Jardins du
    Val » » for a name that begins with an article (« de Les … » is no French, and
    « des Jardins du Val » would change the name)."""
    if _ARTICLE.match(name):
        return f"de la structure « {name} »"
    if _VOWEL.match(name):
        return f"d'{name}"
    return f"de {name}"


def fail(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return 2


def run_exporter(args) -> int:
    target = Path(args.sortie)
    problem = output_problem(target, replace=args.remplacer)
    if problem:
        return fail(problem)
    if args.format == "data-inclusion" and args.annee is not None:
        return fail(
            "le format data-inclusion ne dépend pas d'une année (il part de la fiche "
            "publique) : retirez --annee."
        )
    if args.format != "data-inclusion" and args.annee is None:
        return fail("indiquez l'année de l'offre de services avec --annee AAAA.")

    from jalons.cli import django_setup

    django_setup()
    from django.core.exceptions import ValidationError

    from jalons.echanges.selectors import structures_matching
    from jalons.offre.exports.produce import FORMATS, produce
    from jalons.offre.selectors import offre_for
    from jalons.offre.services import public_listing_export

    found, _unknown = structures_matching([args.structure])
    if not found:
        return fail(f"structure inconnue : « {args.structure} » (option --structure).")
    structure = found[0]
    if args.format == "data-inclusion":
        try:
            content = public_listing_export(actor=Actor(role=""), structure=structure)
        except ValidationError as error:
            lines = "\n".join(f"  - {message}" for message in error.messages)
            return fail(
                f"la fiche publique {of_name(structure.name)} est incomplète, rien n'est écrit "
                f"(page « Fiche publique » de l'offre de services) :\n{lines}"
            )
        write_atomically(target, json.dumps(content, ensure_ascii=False, indent=2).encode() + b"\n")
        services = plural(len(content["services"]), "service")
        print(
            f"{structure.name} et {services} (data·inclusion, {content['schema']}) "
            f"écrits dans {target}."
        )
        return 0
    offre = offre_for(structure=structure, year=args.annee)
    if offre is None:
        return fail(
            f"la structure « {structure.name} » n'a pas d'offre de services pour {args.annee}."
        )
    kind = args.format
    produced = produce(offre=offre, kind=kind)
    write_atomically(target, produced.content)
    print(
        f"{FORMATS[kind].label} {args.annee} {of_name(structure.name)} : fichier écrit dans "
        f"{target} ({file_size(len(produced.content))})."
    )
    return 0
