"""Columns of figures are right-aligned, columns of words at the left (« Ce que dit le
livret », the values of the identity card), in the PDF, the DOCX and the ODT alike."""

import io
import re
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from jalons.offre.exports.common import figure_columns
from jalons.offre.exports.docx import _table as docx_table
from jalons.offre.exports.pdf import render_html

ROWS = [
    [
        "Livret d'accueil",
        "Les premiers jours, une personne de l'équipe vous présente",
        "12",
        "55,6 %",
    ],
    ["Règlement", "Remis à l'embauche", "–", "1 234 €"],
    ["Autre", "", "− 1", "12 (40 %)"],
]
COLUMNS = ["Document", "Ce que dit le livret (début)", "Salariés", "Part"]


def test_a_column_holds_figures_when_each_of_its_cells_is_one():
    assert figure_columns(ROWS, 4) == [False, False, True, True]
    assert figure_columns([["a", "secret"], ["b", "–"]], 2) == [False, False]
    assert figure_columns([["a", "3 h"], ["b", "0,5 ETP"]], 2) == [False, True]


def test_the_pdf_aligns_words_at_the_left():
    html = render_html(
        "offre_exports/_table.html", {"caption": "T", "columns": COLUMNS, "rows": ROWS}
    )
    cells = re.findall(r"<td( class=\"num\")?>([^<]*)</td>", html)
    assert [bool(klass) for klass, text in cells[:3]] == [False, True, True]
    headers = re.findall(r'<th scope="col"( class="num")?>', html)
    assert [bool(h) for h in headers] == [False, False, True, True]


def test_the_docx_aligns_words_at_the_left():
    doc = Document()
    docx_table(doc, "T", COLUMNS, ROWS)
    body = doc.tables[0].rows[1].cells
    alignments = [cell.paragraphs[0].alignment for cell in body]
    assert alignments[1] != WD_ALIGN_PARAGRAPH.RIGHT
    assert alignments[2] == alignments[3] == WD_ALIGN_PARAGRAPH.RIGHT


def test_the_odt_aligns_words_at_the_left():
    from jalons.offre.exports.odt import render_odt
    from tests.offre.document_fixture import make_document

    with zipfile.ZipFile(io.BytesIO(render_odt(make_document()))) as archive:
        content = archive.read("content.xml").decode()
    # The cover's values are words: their paragraphs use the left-aligned text style.
    assert "Jalons_20_cell_20_text_" in content
    assert re.search(
        r'style:name="Jalons_20_cell_20_text_[^"]*"[^>]*>\s*'
        r'<style:paragraph-properties fo:text-align="start"',
        content,
    )
