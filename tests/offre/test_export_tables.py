"""The DOCX and ODT exports are sendable without retouching: tables sized from their
content (no word cut), headers repeated, rows never split, a font every office suite
has; empty optional parts never printed in a submitted or validated OS."""

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from PIL import ImageFont

from jalons.offre.document import Figure, Section
from jalons.offre.exports import common, table_layout
from jalons.offre.exports.docx import render_docx
from jalons.offre.exports.odt import render_odt
from jalons.offre.exports.pdf import offre_html
from tests.offre.document_fixture import make_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}
TWIPS_PER_CM = 1440 / 2.54
FONTS = Path("/usr/share/fonts/truetype/liberation2")
BOLD_FONT, REGULAR_FONT = FONTS / "LiberationSans-Bold.ttf", FONTS / "LiberationSans-Regular.ttf"
pytestmark = pytest.mark.skipif(not BOLD_FONT.exists(), reason="Liberation Sans absente")


def wide_document():
    """The objectives over four years (10 columns, as in the demo) and a figure whose
    last column holds « 55,6 % » under a long header: the cases that cut words."""
    document = make_document(objective_years=[2023, 2024, 2025, 2026])
    figure = Figure(
        key="taux",
        title="Taux de sortie dynamique selon le jeu de règles",
        columns=["Indicateur", "circulaire-2008", "uriae-2009", "etti-450h", "dgefp-2014", "%"],
        rows=[["Taux d'emploi de transition", "42,9 %", "75,0 %", "42,9 %", "50,0 %", "55,6 %"]],
    )
    sections = [
        dataclasses.replace(s, figures=[*s.figures, figure]) if s.key == "axe2.sorties" else s
        for s in document.sections
    ]
    return dataclasses.replace(document, sections=sections)


def measured(word: str, size: float, bold: bool) -> float:
    """Width of a word in cm, measured with the font file itself (PIL), not with the
    table of widths the exports use."""
    font = ImageFont.truetype(str(BOLD_FONT if bold else REGULAR_FONT), 1000)
    return font.getlength(word) / 1000 * size * 2.54 / 72


def longest_word(text: str, size: float, bold: bool) -> float:
    return max((measured(w, size, bold) for w in text.split(" ") if w), default=0)


def docx_xml(document) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def odt_xml(document, name="content.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(render_odt(document))) as archive:
        return etree.fromstring(archive.read(name))


def cell_texts(row, tag) -> list[str]:
    return ["".join(cell.itertext()) for cell in row.iter(tag)]


class TestTableLayout:
    def test_no_column_is_narrower_than_its_longest_word_and_widths_fill_the_text(self):
        rows = [[table_layout.Cell(t, bold=True) for t in ["Indicateur", "Unité", "Objectif"]]]
        rows.append([table_layout.Cell("Taux de sortie dynamique"), *map(table_layout.Cell, "%1")])
        layout = table_layout.layout(rows, total=17.0, padding=0.3)
        assert sum(layout.widths) == pytest.approx(17.0)
        for width, needed in zip(layout.widths, layout.shortest, strict=True):
            assert width >= needed
        # « Indicateur » in bold at 9 pt, with the cell's padding
        assert layout.widths[0] >= measured("Indicateur", 9, bold=True) + 0.3

    def test_a_table_too_wide_for_its_words_gets_a_smaller_font(self):
        header = [table_layout.Cell("Indicateur", bold=True)]
        header += [table_layout.Cell(f"Résultat {y}", bold=True) for y in range(2020, 2030)]
        layout = table_layout.layout([header], total=17.0, padding=0.3)
        assert layout.size < table_layout.SIZES[0]
        assert sum(layout.widths) == pytest.approx(17.0)
        assert min(w - s for w, s in zip(layout.widths, layout.shortest, strict=True)) >= 0

    def test_a_number_keeps_its_unit_on_its_line(self):
        assert common.cell_text("55,6 %") == "55,6\u00a0%"
        assert common.cell_text("312,5 h") == "312,5\u00a0h"
        assert table_layout.words(common.cell_text("3 sur 5 : 60,0 %")) == [
            "3",
            "sur",
            "5",
            ":",
            "60,0\u00a0%",
        ]


class TestDocxTables:
    def test_every_table_repeats_its_header_and_never_splits_a_row(self):
        body = docx_xml(wide_document())
        tables = body.findall(f".//{W}tbl")[1:]  # the cover has no header
        assert len(tables) == 5
        for table in tables:
            rows = table.findall(f"{W}tr")
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
            assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
            assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"

    def test_grid_columns_fill_the_text_width_and_hold_their_longest_word(self):
        body = docx_xml(wide_document())
        for table in body.findall(f".//{W}tbl")[1:]:
            grid = [int(c.get(f"{W}w")) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
            assert sum(grid) == round(17 * TWIPS_PER_CM)
            assert int(table.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == sum(grid)
            size = int(table.find(f".//{W}sz").get(f"{W}val")) / 2
            margin = 2 * int(table.find(f"{W}tblPr/{W}tblCellMar/{W}left").get(f"{W}w"))
            for row in table.findall(f"{W}tr"):
                cells = row.findall(f"{W}tc")
                for cell, width in zip(cells, grid, strict=True):
                    assert int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) == width
                    text = "".join(cell.itertext())
                    bold = cell.find(f".//{W}b") is not None and cell.find(f".//{W}b").get(
                        f"{W}val"
                    ) not in ("0", "false")
                    longest = longest_word(text, size, bold)
                    assert width - margin >= longest * TWIPS_PER_CM, (text, width)

    def test_the_font_is_arial_everywhere_with_no_theme_font_left(self):
        data = render_docx(make_document())
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            styles = archive.read("word/styles.xml").decode()
            fonts = archive.read("word/fontTable.xml").decode()
        assert "DejaVu" not in styles and "Theme=" not in styles.replace("cstheme", "Theme=")
        declared = set(re.findall(r'w:ascii="([^"]+)"', styles))
        assert declared <= {"Arial", "Courier"}
        assert '<w:font w:name="Arial"><w:altName w:val="Liberation Sans"/>' in fonts
        assert '<w:family w:val="swiss"/>' in fonts
        reopened = Document(io.BytesIO(data))
        assert reopened.styles["Normal"].font.name == "Arial"


class TestOdtTables:
    def test_header_rows_are_repeated_and_rows_are_kept_together(self):
        content = odt_xml(wide_document())
        tables = content.findall(".//table:table", NS)[1:]
        assert len(tables) == 5
        row_styles = {
            s.get(f"{{{NS['style']}}}name"): s
            for s in content.findall(".//style:style[@style:family='table-row']", NS)
        }
        for table in tables:
            assert table.find("table:table-header-rows/table:table-row", NS) is not None
            for row in table.iter(f"{{{NS['table']}}}table-row"):
                style = row_styles[row.get(f"{{{NS['table']}}}style-name")]
                properties = style.find("style:table-row-properties", NS)
                assert properties.get(f"{{{NS['fo']}}}keep-together") == "always"

    def test_column_widths_fill_the_text_and_hold_the_longest_word(self):
        content = odt_xml(wide_document())
        widths = {
            s.get(f"{{{NS['style']}}}name"): float(
                s.find("style:table-column-properties", NS)
                .get(f"{{{NS['style']}}}column-width")
                .removesuffix("cm")
            )
            for s in content.findall(".//style:style[@style:family='table-column']", NS)
        }
        sizes = {
            s.get(f"{{{NS['style']}}}name"): float(
                s.find("style:text-properties", NS).get(f"{{{NS['fo']}}}font-size")[:-2]
            )
            for s in content.findall(".//style:style[@style:family='paragraph']", NS)
            if s.find("style:text-properties", NS) is not None
            and s.find("style:text-properties", NS).get(f"{{{NS['fo']}}}font-size")
        }
        for table in content.findall(".//table:table", NS)[1:]:
            columns = [
                widths[c.get(f"{{{NS['table']}}}style-name")]
                for c in table.findall("table:table-column", NS)
            ]
            assert sum(columns) == pytest.approx(17.0, abs=0.01)
            for row in table.iter(f"{{{NS['table']}}}table-row"):
                for cell, width in zip(row.findall("table:table-cell", NS), columns, strict=True):
                    paragraph = cell.find("text:p", NS)
                    size = sizes[paragraph.get(f"{{{NS['text']}}}style-name")]
                    text = "".join(paragraph.itertext())
                    bold = "heading" in paragraph.get(f"{{{NS['text']}}}style-name")
                    assert width - 0.2 >= longest_word(text, size, bold), (text, width)

    def test_a_percentage_stays_with_its_number(self):
        content = odt_xml(wide_document())
        texts = ["".join(p.itertext()) for p in content.iter(f"{{{NS['text']}}}p")]
        assert "55,6\u00a0%" in texts and "55,6 %" not in texts

    def test_the_font_is_arial_declared_as_a_sans_serif(self):
        styles = odt_xml(make_document(), "styles.xml")
        faces = styles.findall(".//office:font-face-decls/style:font-face", NS)
        assert [
            (f.get(f"{{{NS['style']}}}name"), f.get(f"{{{NS['svg']}}}font-family")) for f in faces
        ] == [("Arial", "Arial")]
        assert faces[0].get(f"{{{NS['style']}}}font-family-generic") == "swiss"
        data = render_odt(make_document())
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert b"DejaVu" not in archive.read("styles.xml") + archive.read("content.xml")


def with_empty_optional_section(**overrides):
    document = make_document(**overrides)
    empty = Section("axe1.livret", "1.4", "Livret d'accueil", 2, "")
    sections = list(document.sections)
    sections.insert(3, empty)
    return dataclasses.replace(document, sections=sections)


def docx_text(document) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(render_docx(document))).paragraphs)


def odt_text(document) -> str:
    return "\n".join("".join(p.itertext()) for p in odt_xml(document).iter())


class TestEmptySections:
    """Submission refuses empty required sections; an optional one left empty is left
    out of a transmitted or validated OS, and says « pas encore rédigée » in a draft."""

    @pytest.mark.parametrize("text_of", [docx_text, odt_text, offre_html])
    def test_a_validated_offre_never_prints_that_a_part_is_not_written(self, text_of):
        text = text_of(with_empty_optional_section(status="Validée", version=3))
        assert common.EMPTY_SECTION.replace("'", "") not in text.replace("&#x27;", "").replace(
            "'", ""
        )
        assert "Livret d'accueil" not in text.replace("&#x27;", "'")
        assert "Recrutement et accueil" in text

    @pytest.mark.parametrize("text_of", [docx_text, odt_text, offre_html])
    def test_a_draft_says_which_parts_are_still_to_write(self, text_of):
        text = text_of(with_empty_optional_section(status="Brouillon", version=0, frozen=False))
        assert "pas encore rédigée" in text
        # numbered as printed: right after 1.1 (the fixture has no 1.2 nor 1.3)
        assert "1.2 Livret d" in text

    def test_a_part_left_with_nothing_under_it_is_left_out(self):
        document = make_document(status="Validée", version=3)
        sections = [
            *document.sections[:1],
            Section("axe9", "9", "Axe vide", 1, ""),
            Section("axe9.a", "9.1", "Optionnelle", 2, ""),
            *document.sections[1:],
        ]
        headings = [
            p.heading
            for p in common.parts(
                dataclasses.replace(document, sections=sections), template_version="v"
            )
        ]
        assert "9 Axe vide" not in headings and "9.1 Optionnelle" not in headings
        assert "1.1 Recrutement et accueil" in headings and "2.2 Sorties et suivi" in headings
