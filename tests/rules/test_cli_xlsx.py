"""``jalons indicateurs calculer --format xlsx``: the CSV's rows in a workbook that a
French spreadsheet reads as numbers (rates as percentages, dates as dates)."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from jalons.demo.generator import generate
from tests.rules.helpers import run_cli

PERIOD = ["--annee", "2025", "--date-reference", "2026-06-30"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("genx") / "dossier"
    generate(folder, structures=3, parcours=150, seed=5)
    return folder


def test_the_workbook_holds_numbers_not_text(generated, tmp_path):
    target = tmp_path / "indicateurs.xlsx"
    code, _out, err = run_cli(
        ["indicateurs", "calculer", str(generated), "--regles", "circulaire-2008", *PERIOD,
         "--format", "xlsx", "--sortie", str(target)]
    )  # fmt: skip
    assert code == 0, err
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c for c in sheet[2]], strict=True))
    assert sheet.title == "Indicateurs" and sheet.max_row == 1 + 3
    assert isinstance(first["sorties"].value, int)
    rate = first["taux_sortie_dynamique"]
    assert isinstance(rate.value, float) and rate.number_format == "0.0%"
    assert first["du"].value.date() == dt.date(2025, 1, 1)
    assert first["du"].number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A2"


def test_a_workbook_is_not_written_to_the_terminal(generated):
    code, out, err = run_cli(
        ["indicateurs", "calculer", str(generated), "--regles", "circulaire-2008", *PERIOD,
         "--format", "xlsx"]
    )  # fmt: skip
    assert code == 2 and out == ""
    assert "--sortie" in err and "Traceback" not in err
