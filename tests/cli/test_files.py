"""What every command that writes a file does with a bad target: one rule, a French
sentence, a non-zero status, and nothing half-written or lost."""

import errno
import os
import stat
from pathlib import Path

import pytest

from jalons.cli import main
from jalons.cli._files import os_error_message, output_problem, write_atomically


def test_a_written_file_gets_ordinary_permissions_not_those_of_a_temporary_file(tmp_path):
    previous = os.umask(0o022)
    try:
        target = tmp_path / "offre.pdf"
        write_atomically(target, b"%PDF")
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"%PDF"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["offre.pdf"]  # no temporary left


def test_text_is_written_in_utf8_and_replaces_the_previous_file(tmp_path):
    target = tmp_path / "etat.csv"
    target.write_text("ancien")
    write_atomically(target, "Département;Été\n")
    assert target.read_text(encoding="utf-8") == "Département;Été\n"


def test_an_existing_file_is_replaced_only_when_asked(tmp_path):
    target = tmp_path / "etat.csv"
    target.write_text("avant")
    assert output_problem(target, replace=False) == (
        f"le fichier « {target} » existe déjà ; ajoutez --remplacer pour l'écraser."
    )
    assert output_problem(target, replace=True) is None
    assert target.read_text() == "avant"


def test_a_folder_a_device_or_a_missing_folder_is_refused(tmp_path):
    assert "n'existe pas (option --sortie)" in output_problem(
        tmp_path / "x" / "y.pdf", replace=True
    )
    assert "est un dossier" in output_problem(tmp_path, replace=True)
    assert "n'est pas un fichier ordinaire" in output_problem(Path("/dev/null"), replace=True)


def test_writing_over_a_device_never_replaces_it(tmp_path):
    with pytest.raises(FileExistsError):
        write_atomically(Path("/dev/null"), b"x")
    assert Path("/dev/null").is_char_device()
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("jalons.cli._files.os.fsync", full)
    with pytest.raises(OSError):
        write_atomically(tmp_path / "os.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"),
         "Erreur d'écriture : plus de place sur le disque. Aucun fichier n'a été laissé"),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/x.pdf"),
         "Erreur de lecture ou d'écriture : permission refusée (/srv/x.pdf)."),
        (OSError(errno.EADDRINUSE, "Address already in use"),
         "Erreur du système : Address already in use."),
    ],
)  # fmt: skip
def test_system_errors_are_told_in_french(error, expected):
    assert os_error_message(error).startswith(expected)


def test_a_command_stopped_by_a_system_error_prints_no_traceback(tmp_path, capsys):
    """Before: ``jalons donnees generer`` under a path that is not a folder ended in a
    FileExistsError traceback."""
    blocker = tmp_path / "fichier"
    blocker.write_text("")
    code = main(["donnees", "generer", str(blocker / "dossier")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("Erreur de lecture ou d'écriture : ")


@pytest.mark.django_db
def test_the_observatory_export_no_longer_overwrites_a_file_silently(tmp_path, capsys):
    target = tmp_path / "etat.csv"
    target.write_text("état du trimestre dernier")
    code = main(
        ["observatoire", "exporter", "--annee", "2025", "--format", "csv", "--sortie",
         str(target), "--perimetre", "region:32"]
    )  # fmt: skip
    assert code == 2
    assert "existe déjà ; ajoutez --remplacer" in capsys.readouterr().err
    assert target.read_text() == "état du trimestre dernier"
