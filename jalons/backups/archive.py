"""One archive (``.tar.gz``) holds a whole installation: the database, the files of the
network toolbox and a manifest that says what is inside.

- ``jalons-sauvegarde.json``: format, version of Jalons, date, database engine, the
  migrations applied, and the SHA-256 of every other member.
- ``base.sqlite3`` (SQLite's online backup: the server may keep running) or
  ``base.sql`` (``pg_dump``, plain SQL, without owners nor privileges).
- ``modeles/…``: the toolbox files (``JALONS_MODELS_DIR``).

The secret key is not in the archive: it is kept apart (``docs/installation.md``).

A restore checks everything before replacing anything: the manifest, every
fingerprint, the integrity of the SQLite file, the engine (a SQLite backup goes back to
SQLite), and that this version of Jalons knows every migration of the archive. It then
replaces the database in one transaction (SQLite's backup into the live base, or
``psql --single-transaction`` on PostgreSQL) and the toolbox folder in one rename:
an interruption or an error leaves the installation as it was. Older archives are
brought up to date by the migrations. The backup and the restore are journalled; the
entry of a restore is written after it, so the restored journal keeps it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection

from jalons import __version__
from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record
from jalons.rules.folders import written_whole

FORMAT = 1
PAGES_PER_STEP = 256  # SQLite pages copied between two progress reports
MANIFEST = "jalons-sauvegarde.json"
SQLITE_MEMBER = "base.sqlite3"
POSTGRES_MEMBER = "base.sql"
FILES_PREFIX = "modeles"
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

Progress = Callable[[str, int, int], None]  # (step, done, total)


class BackupError(Exception):
    """What went wrong, in French, naming the file; nothing was replaced."""


@dataclass
class Manifest:
    made_at: str
    engine: str
    jalons: str = __version__
    format: int = FORMAT
    migrations: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # member → SHA-256

    @property
    def made_on(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.made_at)

    @property
    def toolbox_files(self) -> int:
        return sum(1 for name in self.files if name.startswith(FILES_PREFIX + "/"))

    def contents(self) -> str:
        """« base SQLite, 3 fichiers de la boîte à outils »."""
        files = self.toolbox_files
        return (
            f"base {ENGINE_NAMES.get(self.engine, self.engine)}, {files} "
            f"fichier{'s' if files > 1 else ''} de la boîte à outils"
        )

    def describe(self) -> str:
        """« sauvegarde du 05/12/2026 à 01:12 (Jalons 0.9, base SQLite, …) »."""
        made = self.made_on.astimezone()
        return f"sauvegarde du {made:%d/%m/%Y à %H:%M} (Jalons {self.jalons}, {self.contents()})"


def current_engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def toolbox_root() -> Path:
    """The folder of the toolbox files: the only place that reads ``JALONS_MODELS_DIR``."""
    return Path(getattr(settings, "JALONS_MODELS_DIR", settings.DATA_DIR / "modeles"))


def default_folder() -> Path:
    return settings.DATA_DIR / "sauvegardes"


def default_name(now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    return f"jalons-sauvegarde-{now:%Y-%m-%d-%H%M%S}.tar.gz"


# ---------------------------------------------------------------- backup


def backup(target: Path, *, actor, progress: Progress | None = None) -> Manifest:
    """Write the archive ``target`` (beside it, then renamed; readable by its owner
    only: it holds every person's data)."""
    target = Path(target)
    audit_record(
        action=AuditAction.BACKUP,
        actor=actor,
        object_type="installation",
        object_repr=f"Sauvegarde complète : {target.name}",
    )
    manifest = Manifest(made_at=dt.datetime.now(dt.UTC).isoformat(), engine=current_engine())
    manifest.migrations = applied_migrations()
    work = Path(tempfile.mkdtemp(prefix=".sauvegarde-", dir=target.parent))
    try:
        members = _dump_database(work, manifest.engine, progress)
        members += _copy_toolbox(work)
        for member in members:
            manifest.files[member] = _sha256(work / member)
        (work / MANIFEST).write_text(json.dumps(manifest.__dict__, indent=2), encoding="utf-8")
        partial = work / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            for member in [MANIFEST, *members]:
                archive.add(work / member, arcname=member, recursive=False)
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest


def applied_migrations() -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _dump_database(work: Path, engine: str, progress: Progress | None) -> list[str]:
    if engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(work / SQLITE_MEMBER)
        try:
            connection.connection.backup(target, pages=PAGES_PER_STEP, progress=_pages(progress))
        finally:
            target.close()
        return [SQLITE_MEMBER]
    if progress:
        progress("copie de la base (pg_dump)", 0, 1)
    _run(
        ["pg_dump", "--format=plain", "--no-owner", "--no-privileges"],
        f"--file={work / POSTGRES_MEMBER}",
        failure="Aucune sauvegarde n'a été écrite.",
    )
    if progress:
        progress("copie de la base (pg_dump)", 1, 1)
    return [POSTGRES_MEMBER]


def _pages(progress: Progress | None):
    if progress is None:
        return None

    def report(status, remaining, total):
        progress("copie de la base", total - remaining, total)

    return report


def _copy_toolbox(work: Path) -> list[str]:
    root = toolbox_root()
    members = []
    if not root.is_dir():
        return members
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            member = PurePosixPath(FILES_PREFIX, *path.relative_to(root).parts).as_posix()
            (work / member).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, work / member)
            members.append(member)
    return members


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------- restore


def read(archive: Path, work: Path) -> Manifest:
    """Extract ``archive`` into ``work`` and check it whole, and that this installation
    can take it (``check_restorable``, first); the manifest, or ``BackupError`` saying
    what is wrong."""
    archive = Path(archive)
    name = archive.name
    if not archive.is_file():
        raise BackupError(f"Le fichier « {archive} » n'existe pas.")
    try:
        with tarfile.open(archive, "r:*") as tar:
            members = {m.name: m for m in tar.getmembers()}
            if MANIFEST not in members:
                raise BackupError(
                    f"« {name} » n'est pas une sauvegarde de Jalons (pas de {MANIFEST})."
                )
            manifest = _manifest(tar.extractfile(members[MANIFEST]).read(), name)
            check_restorable(manifest, name)
            for member in manifest.files:
                info = members.get(member)
                if info is None or not info.isfile() or not _safe(member):
                    raise BackupError(f"La sauvegarde « {name} » est incomplète : {member}.")
                path = work / member
                path.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(info) as source, open(path, "wb") as copy:
                    shutil.copyfileobj(source, copy, 1 << 20)
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as error:
        if isinstance(error, OSError) and error.filename and str(work) in str(error.filename):
            raise  # writing the extracted copy failed (disk full…): said as such
        raise BackupError(
            f"« {name} » n'est pas une sauvegarde de Jalons lisible : ce n'est pas une "
            "archive .tar.gz, ou elle est tronquée ou abîmée."
        ) from error
    for member, expected in manifest.files.items():
        if _sha256(work / member) != expected:
            raise BackupError(
                f"La sauvegarde « {name} » est abîmée : {member} ne correspond pas à son "
                "empreinte SHA-256. Rien n'a été remplacé."
            )
    _check_database(work, manifest, name)
    return manifest


def _manifest(raw: bytes, name: str) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8"))
        manifest = Manifest(**data)
    except (ValueError, TypeError) as error:
        raise BackupError(f"Le manifeste de « {name} » est illisible ({error}).") from error
    if not isinstance(manifest.format, int) or manifest.format > FORMAT:
        raise BackupError(
            f"« {name} » vient d'une version plus récente de Jalons ({manifest.jalons}) : "
            "mettez Jalons à jour avant de la restaurer."
        )
    return manifest


def _safe(member: str) -> bool:
    path = PurePosixPath(member)
    if path.is_absolute() or ".." in path.parts:
        return False
    return member in (SQLITE_MEMBER, POSTGRES_MEMBER) or path.parts[0] == FILES_PREFIX


def _check_database(work: Path, manifest: Manifest, name: str) -> None:
    member = SQLITE_MEMBER if manifest.engine == "sqlite" else POSTGRES_MEMBER
    if member not in manifest.files:
        raise BackupError(f"La sauvegarde « {name} » ne contient pas de base de données.")
    if manifest.engine == "sqlite":
        try:
            database = sqlite3.connect(f"file:{work / member}?mode=ro", uri=True)
            try:
                status = database.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                database.close()
        except sqlite3.DatabaseError as error:
            status = str(error)
        if status != "ok":
            raise BackupError(f"La base de « {name} » est abîmée (SQLite : {status}).")


def check_restorable(manifest: Manifest, name: str) -> None:
    """Refuse a backup of another engine or of a newer Jalons."""
    engine = current_engine()
    if manifest.engine != engine:
        raise BackupError(
            f"« {name} » est une sauvegarde d'une base {ENGINE_NAMES.get(manifest.engine)} ; "
            f"la base de cette installation est {ENGINE_NAMES[engine]}. Restaurez-la sur "
            "une installation du même type (DATABASE_URL, docs/installation.md)."
        )
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{migration}"
        for app, names in manifest.migrations.items()
        for migration in names
        if (app, migration) not in known
    ]
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise BackupError(
            f"« {name} » a été faite par une version plus récente de Jalons "
            f"({manifest.jalons}) : migrations inconnues ici ({shown}). Mettez Jalons à "
            "jour avant de la restaurer."
        )


def restore(archive: Path, *, actor, progress: Progress | None = None) -> Manifest:
    """Replace the database and the toolbox files by those of ``archive``."""
    archive = Path(archive)
    work = Path(tempfile.mkdtemp(prefix=".restauration-", dir=default_folder_ready()))
    try:
        manifest = read(archive, work)
        with written_whole(toolbox_root(), replace=True) as files:
            source = work / FILES_PREFIX
            if source.is_dir():
                shutil.copytree(source, files, dirs_exist_ok=True)
            _load_database(work, manifest.engine, progress)
        _migrate_forward(manifest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    audit_record(
        action=AuditAction.RESTORE,
        actor=actor,
        object_type="installation",
        object_repr=f"Restauration de la {manifest.describe()} : {archive.name}"[:250],
    )
    return manifest


def verify(archive: Path) -> Manifest:
    """Everything ``restore`` checks, without replacing anything."""
    archive = Path(archive)
    work = Path(tempfile.mkdtemp(prefix=".verification-", dir=default_folder_ready()))
    try:
        manifest = read(archive, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest


def default_folder_ready() -> Path:
    folder = default_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _load_database(work: Path, engine: str, progress: Progress | None) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{work / SQLITE_MEMBER}?mode=ro", uri=True)
        try:
            # One write transaction on the live base: all pages or none.
            source.backup(connection.connection, pages=PAGES_PER_STEP, progress=_pages(progress))
        finally:
            source.close()
        return
    if progress:
        progress("remplacement de la base (psql)", 0, 1)
    connection.close()  # no open transaction of ours may hold a lock on the tables
    _run(
        ["psql", "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1"],
        "--command=DROP SCHEMA public CASCADE",
        "--command=CREATE SCHEMA public",
        f"--file={work / POSTGRES_MEMBER}",
        failure="Rien n'a été remplacé : la base est restée telle qu'elle était.",
    )
    if progress:
        progress("remplacement de la base (psql)", 1, 1)


def _migrate_forward(manifest: Manifest) -> None:
    """An archive of an older Jalons: apply the migrations it lacks."""
    if manifest.migrations == applied_migrations():
        return
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _run(command: list[str], *arguments: str, failure: str) -> None:
    """Run a PostgreSQL client on this installation's database (the password goes
    through the environment, never on the command line)."""
    database = connection.settings_dict
    environment = dict(os.environ)
    for variable, key in (
        ("PGDATABASE", "NAME"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    sslmode = (database.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = sslmode
    try:
        done = subprocess.run(
            [*command, *arguments], env=environment, capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"La commande {command[0]} est introuvable : installez le client PostgreSQL "
            "(paquet postgresql-client, de la version du serveur ou plus récente)."
        ) from error
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise BackupError(
            f"{command[0]} a échoué : {lines[0] if lines else done.returncode}. {failure}"
        )
