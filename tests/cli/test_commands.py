"""The ``jalons`` command as a user runs it: in a subprocess, reading its output."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.sqlite_only import demo_uses_sqlite_only


def run_jalons(*args, env=None, timeout=120):
    environment = {**os.environ, **(env or {})}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "jalons", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def data_dir(tmp_path):
    return {"JALONS_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'j.sqlite3'}"}


def test_the_help_is_in_french_and_lists_the_commands():
    result = run_jalons("--help")
    assert result.returncode == 0
    for word in ("usage :", "demo", "serve", "structures", "manage", "afficher cette aide"):
        assert word in result.stdout


def test_a_wrong_command_gets_a_french_error():
    result = run_jalons("n-existe-pas")
    assert result.returncode == 2
    assert "choix invalide" in result.stderr and "erreur" in result.stderr


def test_serve_refuses_to_start_while_migrations_are_pending(data_dir):
    result = run_jalons("serve", "--port", "8799", env=data_dir)
    assert result.returncode == 1
    assert "refus de démarrer" in result.stderr
    assert "jalons manage migrate" in result.stderr


def test_a_command_on_a_database_not_initialised_says_so_in_french(data_dir):
    out = Path(data_dir["JALONS_DATA_DIR"])
    for args in (
        ("structures", "lister"),
        # These two read through the driver's own cursor (sqlite3 / psycopg errors).
        ("exporter", str(out / "export")),
        ("indicateurs", "calculer", "--base", "--regles", "circulaire-2008", "--annee", "2025"),
        ("offre", "exporter", "--structure", "1", "--annee", "2025", "--format", "pdf",
         "--sortie", str(out / "os.pdf")),
        ("observatoire", "actualiser", "--annee", "2025"),
        ("observatoire", "publier", "--annee", "2025"),
        ("observatoire", "exporter", "--annee", "2025", "--format", "csv", "--sortie",
         str(Path(data_dir["JALONS_DATA_DIR"]) / "x.csv"), "--perimetre", "region:32"),
    ):  # fmt: skip
        result = run_jalons(*args, env=data_dir)
        assert result.returncode == 1, args
        assert "Traceback" not in result.stderr, args
        assert "migrations de la base ne sont pas appliquées" in result.stderr
        assert "jalons manage migrate" in result.stderr


def test_after_the_demo_the_default_database_points_to_the_demo_one(tmp_path):
    (tmp_path / "demo.sqlite3").write_bytes(b"")  # as left by jalons demo
    env = {"JALONS_DATA_DIR": str(tmp_path)}
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "jalons", "structures", "lister"],
        capture_output=True, text=True, env={**environment, **env}, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "La démonstration a sa propre base" in result.stderr
    assert "jalons --demo structures lister" in result.stderr


def test_demo_option_without_a_demo_says_what_to_run(tmp_path):
    result = run_jalons("--demo", "structures", "lister", env={"JALONS_DATA_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Pas encore de base de démonstration" in result.stderr
    assert "jalons demo" in result.stderr


@demo_uses_sqlite_only
def test_demo_prepares_the_database_keeps_it_and_can_start_over(tmp_path):
    env = {"JALONS_DATA_DIR": str(tmp_path)}
    first = run_jalons("demo", "--sans-serveur", env=env, timeout=400)
    assert first.returncode == 0, first.stderr
    assert "Données de démonstration chargées." in first.stdout
    assert "cip@jalons.example" in first.stdout and "Demo-Jalons-2026" in first.stdout
    assert "http://127.0.0.1:8000/" in first.stdout
    assert (tmp_path / "demo.sqlite3").exists()
    assert (tmp_path / "cle_secrete").exists()

    second = run_jalons("demo", "--sans-serveur", "--port", "8123", env=env)
    assert "déjà présentes : elles sont conservées" in second.stdout
    assert "http://127.0.0.1:8123/" in second.stdout

    # Right after the demo, ``--demo`` points any command at its database.
    listing = run_jalons("--demo", "structures", "lister", "--format", "json", env=env)
    structures = json.loads(listing.stdout)
    assert {s["type"] for s in structures} == {"ACI", "EI", "ETTI", "AI", "EITI"}

    # The readable table, filtered by type, ends with the count of its rows.
    table = run_jalons("--demo", "manage", "check", env=env)
    assert table.returncode == 0, table.stderr
    table = run_jalons("--demo", "structures", "lister", "--type", "ETTI", env=env)
    assert table.returncode == 0
    assert "Intérim Solidaire Artois" in table.stdout
    lines = table.stdout.splitlines()
    rows = lines[1:-1]  # between the header and the count
    assert rows and all("  ETTI  " in row for row in rows)
    assert lines[-1] == f"{len(rows)} structures."

    every_readme_command_works_right_after_the_demo(tmp_path, env)

    third = run_jalons("demo", "--sans-serveur", "--reinitialiser", env=env, timeout=400)
    assert "Base de démonstration effacée" in third.stdout
    assert "Données de démonstration chargées." in third.stdout


def test_manage_passes_through_to_django(data_dir):
    result = run_jalons("manage", "check", env=data_dir)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


README = Path(__file__).resolve().parents[2] / "README.md"


def every_readme_command_works_right_after_the_demo(tmp_path, env):
    """Each command of the README's table, as a newcomer types it right after
    ``jalons demo`` (with ``--demo``, as the README says), without any environment
    variable: it works, and never prints a traceback (issue 13, point 9)."""
    import datetime as dt

    table = README.read_text(encoding="utf-8").split("## Commandes", 1)[1].split("\n\n")[1]
    documented = {  # the word after ``jalons`` on each line of the table
        line.split("`")[1].split()[1]
        for line in table.splitlines()
        if line.startswith("| `jalons ")
    }
    listing = json.loads(run_jalons("--demo", "structures", "lister", "--format", "json",
                                    env=env).stdout)  # fmt: skip
    aci = next(s for s in listing if s["nom"] == "Les Jardins du Val")["identifiant"]
    year = str(dt.date.today().year)
    out = tmp_path / "sorties"
    commands = [
        ("structures", "lister"),
        ("regles", "lister"),
        ("regles", "montrer", "etti-450h"),
        ("donnees", "generer", str(out / "exemple"), "--structures", "2", "--parcours", "20"),
        ("indicateurs", "calculer", str(out / "exemple"), "--regles", "dgefp-2014",
         "--annee", "2025"),
        ("importer", str(out / "exemple"), "--essai"),
        ("exporter", str(out / "export"), "--structure", aci),
        ("indicateurs", "calculer", "--base", "--structure", aci, "--regles", "uriae-2009",
         "--annee", "2025"),
        ("offre", "exporter", "--structure", aci, "--annee", year, "--format", "pdf",
         "--sortie", str(out / "os.pdf")),
        ("offre", "exporter", "--structure", aci, "--annee", year, "--format", "dialogue",
         "--sortie", str(out / "dialogue.pdf")),
        ("offre", "exporter", "--structure", aci, "--format", "data-inclusion",
         "--sortie", str(out / "di.json")),
        ("observatoire", "actualiser", "--annee", "2025", "--structure", aci),
        ("observatoire", "exporter", "--annee", "2025", "--format", "csv",
         "--sortie", str(out / "etat.csv"), "--perimetre", "region:32"),
        ("sauvegarder", "--sortie", str(out / "s.tar.gz")),
        ("restaurer", "--essai", str(out / "s.tar.gz")),
        ("manage", "check"),
    ]  # fmt: skip
    tried = set()
    for command in commands:
        result = run_jalons("--demo", *command, env=env, timeout=300)
        assert "Traceback" not in result.stderr + result.stdout, command
        assert result.returncode == 0, (command, result.stderr)
        tried.add(command[0])
    # Every command the README lists was tried (demo and serve are tried elsewhere).
    assert documented - tried == {"demo", "serve", "--demo"}, documented - tried
    assert (out / "os.pdf").read_bytes()[:4] == b"%PDF"
    assert (out / "dialogue.pdf").read_bytes()[:4] == b"%PDF"
    assert (out / "export" / "structures.csv").exists()
    assert (out / "etat.csv").read_text(encoding="utf-8-sig").startswith("perimetre;")
