"""``jalons observatoire actualiser`` and ``jalons observatoire exporter``."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from jalons.cli import main
from jalons.observatoire.models import Snapshot
from jalons.observatoire.publishing import publish
from jalons.observatoire.services import refresh_snapshots
from tests.factories import DdetsFactory, NetworkFactory
from tests.observatoire.factories import TODAY, structure_with_people

pytestmark = pytest.mark.django_db


def test_actualiser_computes_the_snapshots_of_the_years_asked(capsys):
    structure = structure_with_people(people=11, exits=2)
    assert main(["observatoire", "actualiser", "--annee", "2025"]) == 0
    assert re.fullmatch(r"\d+ instantanés écrits en \d+\.\d s\.\n", capsys.readouterr().out)
    assert Snapshot.objects.filter(structure=structure, year=2025).exists()


def test_actualiser_refuses_an_unknown_structure_in_french(capsys):
    assert main(["observatoire", "actualiser", "--structure", "inconnue"]) == 2
    assert "Structure inconnue : « inconnue »" in capsys.readouterr().err


def test_exporter_writes_a_protected_xlsx_for_a_network(tmp_path, capsys):
    network = NetworkFactory()
    for people, kind in ((12, "ACI"), (13, "ACI"), (14, "ACI"), (4, "EI")):
        structure_with_people(people=people, kind=kind, exits=2).networks.add(network)
    refresh_snapshots(years=[2025], today=TODAY)
    publish(year=2025, today=TODAY)
    target = tmp_path / "etat.xlsx"
    code = main(
        ["observatoire", "exporter", "--annee", "2025", "--format", "xlsx", "--sortie",
         str(target), "--perimetre", f"reseau:{network.pk}"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    workbook = load_workbook(target)
    sheet = workbook["Activité par type"]
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows["EI"][1] == "secret (primaire)" and rows["EI"][2] == "secret (primaire)"
    cover = {r[0]: r[1] for r in workbook["Présentation"].iter_rows(values_only=True) if r[0]}
    assert cover["Période"] == "Année 2025"
    assert cover["Jeu de règles des taux"].startswith("DGEFP 2014 (officiel), version ")
    assert cover["Édition"].startswith("n° 1, publiée le ")
    from jalons.audit.models import AuditEntry

    entry = AuditEntry.objects.get(object_type="état statistique de l'observatoire")
    assert entry.role == "ligne de commande" and entry.user is None
    assert entry.command.startswith("jalons observatoire exporter (compte système ")
    assert entry.author.startswith("Ligne de commande : jalons observatoire exporter")
    assert entry.changes["périmètre"] == f"reseau:{network.pk}"


def test_exporter_writes_a_csv_for_a_ddets_with_all_its_departements(tmp_path):
    structure_with_people(people=12, exits=2)
    refresh_snapshots(years=[2025], today=TODAY)
    ddets = DdetsFactory()
    publish(year=2025, today=TODAY)
    target = tmp_path / "etat.csv"
    code = main(
        ["observatoire", "exporter", "--annee", "2025", "--format", "csv", "--sortie",
         str(target), "--perimetre", f"ddets:{ddets.pk}"]
    )  # fmt: skip
    assert code == 0
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows and all(r["valeur"] == "" for r in rows if r["secret"])
    assert {r["edition"] for r in rows} == {"1"} and all(r["publiee_le"] for r in rows)


@pytest.mark.parametrize(
    ("perimetre", "message"),
    [
        ("reseau:999999", "Réseau inconnu : n° 999999."),
        ("ddets:999999", "DDETS inconnue : n° 999999."),
        ("region:99", "Région inconnue : « 99 »"),
        ("departement:59", "Périmètre invalide : « departement:59 »"),
    ],
)
def test_exporter_names_a_bad_perimeter_in_french(tmp_path, capsys, perimetre, message):
    code = main(
        ["observatoire", "exporter", "--annee", "2025", "--format", "csv", "--sortie",
         str(tmp_path / "x.csv"), "--perimetre", perimetre]
    )  # fmt: skip
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_exporter_refuses_a_missing_folder(tmp_path, capsys):
    code = main(
        ["observatoire", "exporter", "--annee", "2025", "--format", "csv", "--sortie",
         str(tmp_path / "absent" / "x.csv"), "--perimetre", "region:32"]
    )  # fmt: skip
    assert code == 2
    assert "n'existe pas" in capsys.readouterr().err


def test_exporter_writes_the_pdf_of_a_region_which_has_no_page(tmp_path, capsys):
    """A region's edition is read nowhere on the site: the command gives its PDF."""
    for people, kind in ((12, "ACI"), (13, "ACI"), (14, "ACI")):
        structure_with_people(people=people, kind=kind, exits=2)
    refresh_snapshots(years=[2025], today=TODAY)
    publish(year=2025, today=TODAY)
    target = tmp_path / "etat-region.pdf"
    code = main(
        ["observatoire", "exporter", "--annee", "2025", "--format", "pdf", "--sortie",
         str(target), "--perimetre", "region:32"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert target.read_bytes().startswith(b"%PDF")
    assert "édition n° 1" in capsys.readouterr().out
