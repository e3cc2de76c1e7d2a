"""The état statistique as its readers open and print it: the XLSX in French Calc or
Excel (whole words in the headers, thousands separators, the chart's data off the
printed page, readable chart labels), the PDF (no word cut by a hyphen, no internal
identifier on the cover)."""

import io
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, range_boundaries

from jalons.observatoire import exports
from jalons.observatoire.edition import Cell, ChartSpec, Row, Table
from jalons.observatoire.pdf import TEMPLATE_VERSION, edition_html
from tests.observatoire.edition_fixture import SECRET_PRIMARY, make_edition

LONG_HEADER = "Heures d'accompagnement par personne accompagnée"
LONG_NAMES = [
    "Services de Proximité Roubaix-Tourcoing (AI)",
    "Jardins de Cocagne de l'Audomarois (ACI)",
    "Maraîchage de la Baie de Somme (ACI)",
    "Intérim Solidaire Métropole (ETTI)",
]


def _activity() -> Table:
    """A table with a long header, large numbers, decimals and rates."""
    hours = Cell(value=8892.0, display="8\u202f892,0 h")
    rows = [
        Row(
            "ACI", [Cell(1234, "1\u202f234"), Cell(79.6, "79,6"), hours, Cell(0.637, "63,7 %")], 15
        ),
        Row("EI", [SECRET_PRIMARY] * 4, structures=None),
        Row(
            "Ensemble",
            [Cell(12345, "12\u202f345"), Cell(183.5, "183,5"), hours, Cell(0.611, "61,1 %")],
            structures=45,
            is_total=True,
        ),
    ]
    return Table(
        key="activite_par_type",
        title="Personnes en parcours, entrées, ETP, accompagnement et formation — par type",
        dimension="Type de SIAE",
        columns=["Personnes en parcours", "ETP réalisés", LONG_HEADER, "Taux de sortie"],
        rows=rows,
        chart=ChartSpec(title="Personnes en parcours par type de SIAE", bars=[("ACI", 1234)]),
    )


def _structures() -> Table:
    return Table(
        key="structures_activite",
        title="Personnes en parcours — structures qui partagent leurs chiffres",
        dimension="Structure",
        columns=["Personnes en parcours", LONG_HEADER],
        rows=[
            Row(name, [Cell(10 + i, str(10 + i)), Cell(2.5, "2,5 h")], structures=1)
            for i, name in enumerate(LONG_NAMES * 3)
        ],
        chart=ChartSpec(
            title="Personnes en parcours — structures qui partagent leurs chiffres",
            bars=[(name, 10 + i) for i, name in enumerate(LONG_NAMES * 3)],
        ),
    )


@pytest.fixture(scope="module")
def edition():
    return make_edition(tables=[_activity(), *make_edition().tables], structures=[_structures()])


@pytest.fixture(scope="module")
def workbook(edition):
    return load_workbook(io.BytesIO(exports.edition_to_xlsx(edition)))


def _header_row(sheet) -> int:
    return next(r for r in range(1, 10) if sheet.cell(row=r, column=2).value == "Structures")


def _table_cells(sheet):
    """(header row, cells of the table) of a table sheet."""
    top = _header_row(sheet)
    header = sheet[top]  # then, after an empty column, the chart's data
    width = next((c.column - 1 for c in header if c.value is None), len(header))
    rows = []
    for row in sheet.iter_rows(min_row=top + 1, max_col=width):
        if row[0].value is None:
            break
        rows.append(row)
    return top, rows


# XLSX ----------------------------------------------------------------------------


def test_numbers_stay_numbers_with_a_thousands_separator(workbook):
    sheet = workbook["Activité par type"]
    _top, rows = _table_cells(sheet)
    numbers = [c for row in rows for c in row[1:] if not str(c.value).startswith("secret")]
    assert numbers and all(c.data_type == "n" for c in numbers)
    aci, total = (row for row in rows if row[0].value in ("ACI", "Ensemble"))
    for cell in numbers:
        fmt = cell.number_format
        if fmt.endswith("%"):
            assert re.fullmatch(r"0(\.0+)? %", fmt), (cell.coordinate, fmt)
        else:
            # « #,##0 »: Calc and Excel show the reader's separators, « 1 234,5 ».
            assert fmt.startswith("#,##0"), (cell.coordinate, fmt)
    structures, people, etp, hours, rate = aci[1:6]
    assert (people.value, people.number_format) == (1234, "#,##0")
    assert etp.number_format == hours.number_format == "#,##0.0"
    assert (rate.value, rate.number_format) == (0.637, "0.0 %")
    assert (structures.value, structures.number_format) == (15, "#,##0")
    assert total[2].value == 12345 and total[2].number_format == "#,##0"
    secrets = [c for row in rows for c in row if str(c.value).startswith("secret")]
    assert secrets and all(c.data_type == "s" for c in secrets)


def test_the_chart_data_is_not_printed(workbook):
    for sheet in workbook.worksheets[1:-1]:
        assert sheet.print_area, sheet.title
        area = sheet.print_area.split("!")[-1].replace("$", "")
        first_col, first_row, last_col, last_row = range_boundaries(area)
        assert (first_col, first_row) == (1, 1)
        _top, rows = _table_cells(sheet)
        assert last_col >= len(rows[0]) and last_row > rows[-1][0].row, sheet.title
        for chart in sheet._charts:
            assert last_row >= chart.anchor._from.row + 1, sheet.title
            refs = [s.val.numRef.f for s in chart.series] + [
                s.cat.strRef.f if s.cat.strRef else s.cat.numRef.f for s in chart.series
            ]
            for ref in refs:
                column = re.search(r"!\$?([A-Z]+)\$?\d", ref).group(1)
                assert column_index_from_string(column) > last_col, (sheet.title, ref)


def test_headers_wrap_on_whole_words_and_stay_in_view(workbook):
    for sheet in workbook.worksheets[1:-1]:
        top, rows = _table_cells(sheet)
        assert sheet.freeze_panes == f"B{top + 1}"
        assert (sheet.print_title_rows or "").replace("$", "") == f"{top}:{top}"
        for cell in sheet[top][: len(rows[0])]:
            assert cell.alignment.wrap_text, cell.coordinate
            width = sheet.column_dimensions[cell.column_letter].width
            longest = max(len(word) for word in str(cell.value).split())
            assert width >= longest * 1.1, (sheet.title, cell.value, width)
    sheet = workbook["Activité par type"]
    top = _header_row(sheet)
    assert sheet.row_dimensions[top].height >= 3 * 15  # « Heures d'accompagnement … »


def test_long_names_are_shown_whole(workbook):
    sheet = workbook["Activité des structures"]
    _top, rows = _table_cells(sheet)
    width = sheet.column_dimensions["A"].width
    assert width >= 30
    for row in rows:
        assert row[0].alignment.wrap_text
        if len(row[0].value) > width:
            assert sheet.row_dimensions[row[0].row].height >= 30


def test_chart_labels_do_not_overlap(workbook):
    for sheet in workbook.worksheets[1:-1]:
        for chart in sheet._charts:
            categories = chart.series[0].cat
            ref = (categories.strRef or categories.numRef).f.split("!")[-1].replace("$", "")
            _, first, _, last = range_boundaries(ref)
            rows, series = last - first + 1, len(chart.series)
            height_cm = chart.anchor.ext.height / 360_000  # EMU
            assert height_cm >= 0.75 * rows and height_cm >= 7, sheet.title
            assert chart.x_axis.txPr is not None  # a set size for the rows' labels
            if series == 1:
                # The value alone beside each bar: not the row's name, not the series'.
                labels = chart.dataLabels
                assert labels.showVal
                assert labels.showCatName is False and labels.showSerName is False
                assert labels.showLegendKey is False
                assert labels.numFmt.startswith("#,##0")
            else:
                assert chart.legend is not None


def test_the_workbook_is_printed_a4_landscape_with_page_numbers(workbook):
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.page_setup.fitToWidth == 1
        assert "&P" in sheet.oddFooter.right.text
    # A short table and its chart: one page.
    assert workbook["Activité par type"].page_setup.fitToHeight == 1


def test_definitions_wrap(workbook):
    sheet = workbook["Définitions"]
    assert all(c.alignment.wrap_text for row in sheet.iter_rows(min_row=2) for c in row)


# PDF -----------------------------------------------------------------------------


class _Text(HTMLParser):
    """The visible text of an HTML document (no head, no style)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("head", "style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("head", "style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_cover_shows_no_internal_template_identifier(edition):
    html = edition_html(edition)
    text = _visible(html)
    assert TEMPLATE_VERSION not in text and "etat-statistique" not in text
    assert "Modèle" not in text
    assert "Édité le" in text  # the date of the document, in plain French
    # The version stays in the file's metadata, for support.
    assert f'<meta name="generator" content="Jalons – {TEMPLATE_VERSION}">' in html


def test_the_pdf_stylesheet_never_hyphenates(edition):
    html = edition_html(edition)
    style = html[html.index("<style>") : html.index("</style>")]
    assert "hyphens: auto" not in style
    assert re.search(
        r"\.observatoire-table th, \.observatoire-table td \{[^}]*hyphens: manual", style
    )


@pytest.fixture(scope="module")
def laid_out(edition):
    from jalons.documents.rendering import html_to_document, warm_up

    warm_up()
    return html_to_document(edition_html(edition))


def test_no_name_nor_cell_is_cut_by_a_hyphen_and_tables_fit_the_page(laid_out):
    from weasyprint.formatting_structure import boxes

    texts, tables = [], 0
    for page in laid_out.pages:
        box = page._page_box
        right = box.content_box_x() + box.width
        for child in box.descendants():
            if isinstance(child, boxes.TextBox):
                texts.append(child.text)
            if isinstance(child, boxes.TableBox):
                tables += 1
                assert child.position_x + child.margin_width() <= right + 0.5
    assert tables
    hyphenated = [t for t in texts if t.rstrip().endswith(("\u2010", "\u00ad"))]
    assert hyphenated == []
    # Nor at a hyphen of the name itself (« Roubaix- / Tourcoing »).
    assert [t for t in texts if re.search(r"\w-$", t.rstrip())] == []
    # The names are whole, on one line or wrapped between words.
    words = {word for name in LONG_NAMES for word in name.split()}
    pieces = {piece for t in texts for piece in t.split()}
    assert "Roubaix-Tourcoing" in pieces
    assert not {p for p in pieces if p.rstrip("-") not in words and "Rou" in p}
