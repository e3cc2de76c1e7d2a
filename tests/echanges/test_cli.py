"""``jalons importer`` and ``jalons exporter`` as a user runs them."""

import shutil

import pytest

from tests.echanges.helpers import assert_same_content, row_counts

pytestmark = pytest.mark.django_db


def copy(folder, target):
    shutil.copytree(folder, target)
    return target


def replace_line(path, number, text):
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_importer_prints_a_french_summary_then_exporter_writes_the_folder(generated, tmp_path, cli):
    code, out, err = cli("importer", generated)
    assert code == 0, err
    assert "Parcours : 80 créations, 0 modification, 0 ligne inchangée" in out
    code, out, err = cli("exporter", tmp_path / "export")
    assert code == 0, err
    assert "parcours.csv 80 lignes" in err
    assert_same_content(generated, tmp_path / "export")
    code, out, err = cli("exporter", tmp_path / "export")
    assert code == 2 and "--remplacer" in err
    code, out, err = cli("exporter", tmp_path / "export", "--remplacer", "--structure", "S00001")
    assert code == 0, err
    text = (tmp_path / "export" / "parcours.csv").read_text(encoding="utf-8")
    assert "S00001" in text and "S00002" not in text
    code, out, err = cli("exporter", tmp_path / "x", "--structure", "inconnue")
    assert code == 2 and "Structure inconnue : « inconnue »" in err


def test_one_bad_cell_writes_nothing_and_every_problem_is_named(generated, tmp_path, cli):
    folder = copy(generated, tmp_path / "mauvais")
    replace_line(folder / "parcours.csv", 5, "S00001,P9,2025-13-01,,,,")
    replace_line(folder / "heures.csv", 3, "S00001,P9,2025-01,-4")
    code, out, err = cli("importer", folder)
    assert code == 2
    assert out == ""
    assert "Données invalides : 2 problèmes ; rien n'a été importé." in err
    assert "parcours.csv, ligne 5, colonne date_embauche : date illisible « 2025-13-01 »" in err
    assert "heures.csv, ligne 3, colonne heures : valeur négative (-4)" in err
    assert set(row_counts().values()) == {0}


def test_problems_only_the_database_sees_are_named_the_same_way(generated, tmp_path, cli):
    folder = copy(generated, tmp_path / "base")
    lines = (folder / "structures.csv").read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    replace_line(folder / "structures.csv", 2, ",".join([*first[:3], "99", first[4]]))
    accompaniment = (folder / "accompagnements.csv").read_text(encoding="utf-8").splitlines()
    cells = accompaniment[1].split(",")
    cells[4] = '"45,5"'
    replace_line(folder / "accompagnements.csv", 2, ",".join(cells))
    code, out, err = cli("importer", folder)
    assert code == 2 and out == ""
    assert "structures.csv, ligne 2, colonne departement : département inconnu « 99 »" in err
    assert "accompagnements.csv, ligne 2, colonne duree_minutes : durée en minutes : nombre " \
        "entier attendu" in err  # fmt: skip
    assert set(row_counts().values()) == {0}


def test_a_pathway_overlapping_one_recorded_in_jalons_is_refused(generated, tmp_path, cli):
    assert cli("importer", generated)[0] == 0
    before = row_counts()
    folder = copy(generated, tmp_path / "chevauche")
    line = (folder / "parcours.csv").read_text(encoding="utf-8").splitlines()[1]
    sid, pid, hired = line.split(",")[:3]
    # The same person, hired one day later: another key, overlapping the first pathway.
    day = int(hired[8:]) % 28 + 1
    replace_line(folder / "parcours.csv", 2, f"{sid},{pid},{hired[:8]}{day:02d},,,,")
    text = (folder / "suivis.csv").read_text(encoding="utf-8").splitlines()
    (folder / "suivis.csv").write_text(
        "\n".join([text[0], *(t for t in text[1:] if f"{sid},{pid}," not in t)]) + "\n",
        encoding="utf-8",
    )
    code, out, err = cli("importer", folder)
    assert code == 2 and out == "", err
    assert "parcours.csv, ligne 2, colonne date_embauche : parcours qui chevauche un parcours " \
        "déjà enregistré dans Jalons" in err  # fmt: skip
    assert row_counts() == before


def test_a_trial_import_says_what_it_would_write_and_writes_nothing(generated, cli):
    code, out, err = cli("importer", generated, "--essai")
    assert code == 0, err
    assert "rien n'a été écrit" in out and "Parcours : 80 créations" in out
    assert set(row_counts().values()) == {0}


def test_an_interrupted_import_leaves_the_database_unchanged(generated, monkeypatch, cli):
    from jalons.echanges import services

    def interrupt(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(services._Import, "follow_ups", interrupt)
    code, _, err = cli("importer", generated)
    assert code == 130 and "rien n'a été importé" in err
    assert set(row_counts().values()) == {0}


def test_an_import_from_the_command_line_is_journalled_with_its_author(generated, cli):
    from jalons.audit.models import AuditEntry

    code, _out, err = cli("importer", generated)
    assert code == 0, err
    entries = AuditEntry.objects.filter(object_type__in=["Import", "personne"])
    assert entries.exists()
    assert not entries.filter(command="").exists()  # every entry has an author
    entry = entries.first()
    assert entry.user is None and entry.role == "ligne de commande"
    assert entry.command.startswith("jalons importer (compte système ")
    assert entry.author.startswith("Ligne de commande : jalons importer")
