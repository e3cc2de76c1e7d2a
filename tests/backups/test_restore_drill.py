"""The restore drill: a backup taken, the data changed, the backup restored, and every
person, file and journal entry back as it was; a damaged, foreign or newer archive, an
error or an interruption replace nothing. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest

from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction, AuditEntry
from jalons.backups import archive
from jalons.parcours.models import Person
from tests.factories import StructureFactory
from tests.parcours.factories import ParcoursFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

ACTOR = Actor.from_command("jalons sauvegarder")


@pytest.fixture
def installation(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "donnees"
    settings.JALONS_MODELS_DIR = tmp_path / "donnees" / "modeles"
    toolbox = Path(settings.JALONS_MODELS_DIR)
    (toolbox / "reseau-1").mkdir(parents=True)
    (toolbox / "reseau-1" / "grille.pdf").write_bytes(b"%PDF-1.4 grille")
    structure = StructureFactory(name="Atelier du Port")
    kept = PersonFactory(structure=structure, first_name="Awa", last_name="Diallo")
    ParcoursFactory(person=kept)
    other = PersonFactory(structure=structure, first_name="Jean", last_name="Martin")
    return {"toolbox": toolbox, "kept": kept, "other": other, "tmp": tmp_path}


def _state(toolbox: Path):
    people = sorted(Person.objects.values_list("pk", "first_name", "last_name"))
    files = sorted(
        (p.relative_to(toolbox).as_posix(), p.read_bytes())
        for p in toolbox.rglob("*")
        if p.is_file()
    )
    return people, files


def test_a_restore_gives_back_the_people_the_files_and_the_journal(installation):
    toolbox, tmp = installation["toolbox"], installation["tmp"]
    target = tmp / "sauvegarde.tar.gz"
    manifest = archive.backup(target, actor=ACTOR)
    saved = _state(toolbox)
    assert target.stat().st_mode & 0o777 == 0o600  # it holds everyone's data
    assert manifest.toolbox_files == 1 and manifest.engine == archive.current_engine()

    kept = installation["kept"]
    kept.first_name = "Changé"
    kept.save()
    installation["other"].delete()
    (toolbox / "reseau-1" / "nouveau.docx").write_bytes(b"PK nouveau")
    (toolbox / "reseau-1" / "grille.pdf").write_bytes(b"abime")
    assert _state(toolbox) != saved

    archive.restore(target, actor=Actor.from_command("jalons restaurer"))

    assert _state(toolbox) == saved
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "command"))
    assert actions[-2][0] == AuditAction.BACKUP  # kept by the restored journal
    assert actions[-1][0] == AuditAction.RESTORE  # written after the restore
    assert actions[-1][1].startswith("jalons restaurer")
    # The restored base is an ordinary base: it takes new writes.
    PersonFactory(structure=kept.structure, first_name="Après")
    assert Person.objects.filter(first_name="Après").count() == 1


def test_the_essai_checks_everything_and_replaces_nothing(installation):
    target = installation["tmp"] / "sauvegarde.tar.gz"
    archive.backup(target, actor=ACTOR)
    installation["other"].delete()
    before = _state(installation["toolbox"])
    manifest = archive.verify(target)
    assert "sauvegarde du" in manifest.describe()
    assert _state(installation["toolbox"]) == before


def _rewrite(source: Path, target: Path, change) -> None:
    """A copy of the archive with ``change(name, data, manifest)`` applied to members."""
    with tarfile.open(source) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(members[archive.MANIFEST])
    change(members, manifest)
    members[archive.MANIFEST] = json.dumps(manifest).encode()
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _damaged_database(members, manifest):
    name = archive.SQLITE_MEMBER if manifest["engine"] == "sqlite" else archive.POSTGRES_MEMBER
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0xFF
    members[name] = bytes(data)


def _foreign_engine(members, manifest):
    """The archive of an installation of the other engine, as it would be written."""
    sqlite = manifest["engine"] == "sqlite"
    old, new = archive.SQLITE_MEMBER, archive.POSTGRES_MEMBER
    if not sqlite:
        old, new = new, old
    members[new] = b"-- PostgreSQL database dump\n" if sqlite else members[old]
    del members[old]
    manifest["files"][new] = hashlib.sha256(members[new]).hexdigest()
    del manifest["files"][old]
    manifest["engine"] = "postgresql" if sqlite else "sqlite"


def _newer_migration(members, manifest):
    manifest["migrations"]["parcours"].append("9999_venue_du_futur")


def _newer_format(members, manifest):
    manifest["format"] = archive.FORMAT + 1
    manifest["jalons"] = "99.0"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_damaged_database, "ne correspond pas à son empreinte"),
        (_foreign_engine, "Restaurez-la sur une installation du même type"),
        (_newer_migration, "parcours.9999_venue_du_futur"),
        (_newer_format, "version plus récente de Jalons (99.0)"),
    ],
)
def test_a_damaged_foreign_or_newer_archive_replaces_nothing(installation, change, message):
    good = installation["tmp"] / "sauvegarde.tar.gz"
    archive.backup(good, actor=ACTOR)
    bad = installation["tmp"] / "mauvaise.tar.gz"
    _rewrite(good, bad, change)
    installation["other"].delete()
    before = _state(installation["toolbox"])
    with pytest.raises(archive.BackupError, match=message.replace("(", r"\(").replace(")", r"\)")):
        archive.restore(bad, actor=ACTOR)
    assert _state(installation["toolbox"]) == before
    assert not AuditEntry.objects.filter(action=AuditAction.RESTORE).exists()


def test_a_file_that_is_no_backup_is_named_in_french(installation):
    other = installation["tmp"] / "photo.tar.gz"
    other.write_bytes(b"pas une archive")
    with pytest.raises(archive.BackupError, match="n'est pas une sauvegarde de Jalons"):
        archive.verify(other)
    with pytest.raises(archive.BackupError, match="n'existe pas"):
        archive.verify(installation["tmp"] / "absente.tar.gz")


def test_an_error_in_the_middle_of_the_restore_leaves_the_installation_as_it_was(
    installation, monkeypatch
):
    target = installation["tmp"] / "sauvegarde.tar.gz"
    archive.backup(target, actor=ACTOR)
    installation["kept"].first_name = "Changé"
    installation["kept"].save()
    (installation["toolbox"] / "reseau-1" / "nouveau.docx").write_bytes(b"PK")
    before = _state(installation["toolbox"])

    if archive.current_engine() == "sqlite":
        # Interrupted after the first pages of the copy.
        monkeypatch.setattr(archive, "PAGES_PER_STEP", 1)

        def interrupted(step, done, total):
            if done > 2:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            archive.restore(target, actor=ACTOR, progress=interrupted)
    else:
        # The dump fails on its last statement: the one transaction is rolled back.
        broken = installation["tmp"] / "cassee.tar.gz"

        def failing(members, manifest):
            sql = members[archive.POSTGRES_MEMBER] + b"\nSELECT * FROM table_absente;\n"
            members[archive.POSTGRES_MEMBER] = sql
            manifest["files"][archive.POSTGRES_MEMBER] = hashlib.sha256(sql).hexdigest()

        _rewrite(target, broken, failing)
        with pytest.raises(archive.BackupError, match=r"psql a échoué.*Rien n'a été remplacé"):
            archive.restore(broken, actor=ACTOR)
    assert _state(installation["toolbox"]) == before
