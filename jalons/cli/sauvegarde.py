"""``jalons sauvegarder`` and ``jalons restaurer``: the whole installation in one archive,
and back (``jalons.backups.archive``; procedure in docs/installation.md)."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def register(subparsers) -> None:
    save = subparsers.add_parser(
        "sauvegarder",
        help="sauvegarder la base et les fichiers de la boîte à outils",
        description=(
            "Écrit une archive de toute l'installation : la base de données (copie en "
            "ligne de SQLite ou pg_dump), les fichiers de la boîte à outils et un manifeste "
            "avec l'empreinte de chaque fichier. Le serveur peut rester en marche. "
            "L'archive contient les données personnelles de toutes les structures : elle "
            "n'est lisible que par son propriétaire ; gardez-la chiffrée, hors du serveur."
        ),
    )
    save.add_argument(
        "--sortie",
        metavar="FICHIER",
        help="archive à écrire (par défaut : JALONS_DATA_DIR/sauvegardes/"
        "jalons-sauvegarde-AAAA-MM-JJ-HHMMSS.tar.gz)",
    )
    save.add_argument("--remplacer", action="store_true", help="écraser le fichier s'il existe")
    save.set_defaults(func=run_sauvegarder)

    restore = subparsers.add_parser(
        "restaurer",
        help="remplacer la base et les fichiers par ceux d'une sauvegarde",
        description=(
            "Vérifie la sauvegarde (manifeste, empreintes, intégrité, version), fait une "
            "sauvegarde de l'état actuel, puis remplace la base et les fichiers de la boîte "
            "à outils en une seule fois : une erreur ou une interruption laisse "
            "l'installation telle qu'elle était. Arrêtez le serveur avant."
        ),
    )
    restore.add_argument("archive", metavar="ARCHIVE", help="fichier écrit par jalons sauvegarder")
    restore.add_argument(
        "--essai",
        action="store_true",
        help="tout vérifier sans rien remplacer (exercice de restauration)",
    )
    restore.add_argument("--oui", action="store_true", help="ne pas demander de confirmation")
    restore.add_argument(
        "--sans-sauvegarde-prealable",
        action="store_true",
        help="ne pas sauvegarder l'état actuel avant de le remplacer",
    )
    restore.set_defaults(func=run_restaurer)


class Progress:
    """« [#####.....]  42 % copie de la base » on standard error, only on a terminal."""

    def __init__(self):
        self.active = sys.stderr.isatty()

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.active:
            return
        width = 30
        filled = width * done // max(total, 1)
        percent = 100 * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d} % {step:<40}")
        sys.stderr.flush()

    def end(self) -> None:
        if self.active:
            sys.stderr.write("\r" + " " * 80 + "\r")
            sys.stderr.flush()


def run_sauvegarder(args) -> int:
    from jalons.cli import django_setup
    from jalons.cli._files import output_problem

    django_setup()
    from jalons.audit.actor import Actor
    from jalons.backups import archive

    if args.sortie:
        target = Path(args.sortie)
    else:
        target = archive.default_folder_ready() / archive.default_name()
    problem = output_problem(target, replace=args.remplacer)
    if problem:
        print(f"Erreur : {problem}", file=sys.stderr)
        return 2
    return _backup(target, Actor.from_command("jalons sauvegarder"))


def _backup(target: Path, actor) -> int:
    from jalons.backups import archive

    started = time.monotonic()
    manifest, code = _step(archive.backup, target, actor, "aucune sauvegarde n'a été écrite")
    if code:
        return code
    size = target.stat().st_size / 1_000_000
    print(
        f"Sauvegarde écrite en {_decimal(time.monotonic() - started)} s : {target} "
        f"({_decimal(size)} Mo ; {manifest.contents()})."
    )
    print(
        "Elle contient les données personnelles de toutes les structures : copiez-la hors "
        "du serveur, chiffrée. La clé secrète (JALONS_DATA_DIR/cle_secrete) se sauvegarde "
        "à part."
    )
    return 0


def _step(function, path: Path, actor, untouched: str):
    """``function(path, actor=…, progress=…)`` with a progress bar; (its result, 0), or
    (None, exit code) after a French message."""
    from jalons.backups import archive

    progress = Progress()
    try:
        result = function(path, actor=actor, progress=progress)
    except archive.BackupError as error:
        progress.end()
        print(f"Erreur : {error}", file=sys.stderr)
        return None, 1
    except KeyboardInterrupt:
        progress.end()
        print(f"\nInterrompu : {untouched}.", file=sys.stderr)
        return None, 130
    progress.end()
    return result, 0


def run_restaurer(args) -> int:
    from jalons.cli import django_setup

    django_setup()
    from jalons.audit.actor import Actor
    from jalons.backups import archive

    source = Path(args.archive)
    try:
        manifest = archive.verify(source)
    except archive.BackupError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    if args.essai:
        print(
            f"Essai : {source.name} est une {manifest.describe()} complète et intacte ; "
            "elle peut être restaurée sur cette installation. Rien n'a été remplacé."
        )
        return 0
    print(f"{source.name} : {manifest.describe()}.")
    print(
        "La restaurer remplace toute la base (personnes, parcours, journal…) et les "
        "fichiers de la boîte à outils de cette installation."
    )
    if not args.oui and not _confirmed():
        print("Restauration abandonnée : rien n'a été remplacé.", file=sys.stderr)
        return 1
    actor = Actor.from_command("jalons restaurer")
    if not args.sans_sauvegarde_prealable:
        before = archive.default_folder_ready() / archive.default_name().replace(
            "sauvegarde-", "avant-restauration-", 1
        )
        print("Sauvegarde de l'état actuel d'abord :")
        if _backup(before, actor) != 0:
            print("Restauration abandonnée : rien n'a été remplacé.", file=sys.stderr)
            return 1
    started = time.monotonic()
    _, code = _step(archive.restore, source, actor, "rien n'a été remplacé")
    if code:
        return code
    print(
        f"Restauration terminée en {_decimal(time.monotonic() - started)} s : la base et "
        f"les fichiers sont ceux de la {manifest.describe()}. Redémarrez le serveur."
    )
    return 0


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        print(
            "Erreur : confirmation impossible sans terminal ; ajoutez --oui pour "
            "restaurer sans question.",
            file=sys.stderr,
        )
        return False
    try:
        answer = input("Tapez « restaurer » pour confirmer : ")
    except EOFError:
        return False
    return answer.strip().lower() == "restaurer"


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
