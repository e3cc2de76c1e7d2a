"""The PDF, DOCX and ODT renderers of an ``OffreDocument``: same content, same order."""

import dataclasses
import io
import re
import zipfile
import zlib

import pytest
from docx import Document
from odf import teletype
from odf.draw import Frame, Image
from odf.opendocument import load
from odf.table import Table, TableHeaderRows
from odf.text import H, IndexBody, TableOfContent
from PIL import Image as PilImage

from jalons.documents.rendering import html_to_document
from jalons.offre.exports import common
from jalons.offre.exports.chart_png import chart_description, chart_png
from jalons.offre.exports.docx import render_docx
from jalons.offre.exports.odt import render_odt
from jalons.offre.exports.pdf import offre_html, render_pdf
from tests.offre.document_fixture import HOSTILE, headings, make_document, rates_figure
from tests.offre.test_export_layout import plain


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated."""
    inflated = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            inflated.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"".join(inflated)


EXPECTED_HEADINGS = [
    *headings(make_document()),
    common.COMMENTS_TITLE,
    common.DEFINITIONS_TITLE,
    common.TRACE_TITLE,
]


def test_text_blocks_split_paragraphs_and_bullets():
    blocks = common.text_blocks("Premier\nsuite.\n\n- un\n- deux\n  continué\nAprès.")
    assert blocks == [
        common.Block("paragraph", "Premier suite."),
        common.Block("bullets", items=("un", "deux continué")),
        common.Block("paragraph", "Après."),
    ]


@pytest.mark.parametrize("render", [render_docx, render_odt, render_pdf])
def test_control_characters_pasted_in_a_text_do_not_break_the_export(render):
    section = make_document().sections[0]
    pasted = dataclasses.replace(section, text="Avant\x0bapr\u00e8s\x00 et\x1b fin.")
    content = render(make_document(sections=[pasted]))
    assert len(content) > 1000


def test_quotes_and_backslashes_of_a_name_are_escaped_in_the_pdf_footer():
    html = offre_html(make_document(structure_name='Le "Jardin" \\ du <Val>'))
    assert 'Le \\"Jardin\\" \\\\ du \\3C Val\\3E ' in html


def test_file_name_carries_identifier_and_year():
    assert common.file_name(make_document(), "pdf") == "offre-de-services-ACI-59-001-2026.pdf"


def test_objectives_get_their_own_part_when_the_catalogue_has_none():
    document = make_document(sections=make_document().sections[:-1])
    kinds = [p.kind for p in common.parts(document, template_version="v")]
    assert kinds[-4:] == ["objectives", "comments", "definitions", "trace"]


class TestPdf:
    def test_html_has_every_heading_in_order_and_a_toc_pointing_to_them(self):
        html = offre_html(make_document())
        found = re.findall(r'<h([12]) id="([^"]+)"[^>]*>([^<]+)</h\1>', html)
        texts = [text.strip().replace("&#x27;", "'") for _, _, text in found]
        assert texts == ["Sommaire", *EXPECTED_HEADINGS]
        found = found[1:]
        for _, anchor, _ in found:
            assert f'href="#{anchor}"' in html

    def test_user_text_is_escaped(self):
        html = offre_html(make_document())
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html

    def test_figures_are_tables_with_caption_source_and_svg_chart(self):
        html = offre_html(make_document())
        assert "<caption>Taux de sortie dynamique selon le jeu de règles</caption>" in html
        assert "Source : Sorties du 01/01/2025 au 31/12/2025" in html
        assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2
        assert "62,5 %" in html

    def test_metadata_and_trace_name_the_template_version_the_footer_does_not(self):
        html = offre_html(make_document())
        assert "Transmise à la DDETS" in html
        assert "Version 2 (chiffres figés à la transmission)" in html
        assert 'counter(page) " sur " counter(pages)' in html
        version = common.TEMPLATE_VERSIONS["pdf"]
        assert html.count(version) >= 3  # generator and keywords metadata, trace
        footer = re.search(r'@bottom-left \{ content: "([^"]+)"', html).group(1)
        assert version not in footer and "modèle" not in footer

    def test_objectives_table_is_in_the_objectives_part(self):
        html = offre_html(make_document())
        objectives = html.index("5 Objectifs et résultats</h1>")
        table = html.index("<caption>Objectifs et résultats par année</caption>")
        comments = html.index("Commentaires de la DDETS</h1>")
        assert objectives < table < comments
        assert "Objectif 2027" in html and "Résultat 2025" in html

    def test_laid_out_document_has_cover_and_contents_then_parts_following_on(self):
        document = make_document()
        laid_out = html_to_document(offre_html(document))
        parts = sum(1 for p in common.parts(document, template_version="v") if p.level == 1)
        # cover, table of contents, then the parts one after the other: no forced page
        # break before each (it left the end of a part alone on an almost empty page)
        assert 3 <= len(laid_out.pages) < 2 + parts

    def test_pdf_is_a_tagged_pdf(self):
        pdf = render_pdf(make_document())
        assert pdf.startswith(b"%PDF")
        assert b"/StructTreeRoot" in pdf_objects(pdf)


class TestChartPng:
    def test_chart_is_a_png_with_one_bar_per_value(self):
        spec = rates_figure().chart
        image = PilImage.open(io.BytesIO(chart_png(spec)))
        assert image.format == "PNG"
        assert image.width == 1280
        # the bar colour appears on as many separate rows of the bar column as there are bars
        column = [image.getpixel((image.width // 2, y)) for y in range(image.height)]
        bars = sum(
            1
            for y in range(1, len(column))
            if column[y] == (0x1D, 0x3F, 0x72) and column[y - 1] != (0x1D, 0x3F, 0x72)
        )
        assert bars == len(spec.bars)

    def test_alternative_text_gives_french_values(self):
        assert chart_description(rates_figure().chart) == (
            "Taux de sortie dynamique, 2025. circulaire-2008 : 55,6 % ; uriae-2009 : 62,5 % ; "
            "etti-450h : 55,6 % ; dgefp-2014 : 60,0 %"
        )


class TestDocx:
    @pytest.fixture
    def reopened(self):
        return Document(io.BytesIO(render_docx(make_document())))

    def test_headings_use_heading_styles_in_order(self, reopened):
        found = [p.text for p in reopened.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
        assert found == EXPECTED_HEADINGS

    def test_table_of_contents_has_every_heading_with_its_page_number_field(self, reopened):
        texts = [p.text for p in reopened.paragraphs]
        start = texts.index("Sommaire")
        entries = reopened.paragraphs[start + 1 : start + 1 + len(EXPECTED_HEADINGS)]
        assert [p.text.rstrip("\t") for p in entries] == EXPECTED_HEADINGS
        assert {p.style.name for p in entries} == {"toc 1", "toc 2"}
        # each line: a PAGEREF field (computed by LibreOffice, updated by Word) to a
        # bookmark on its heading
        for entry in entries:
            assert " PAGEREF _Toc_" in entry._p.xml

    def test_tables_have_repeated_header_rows_and_charts_are_images(self, reopened):
        captions = [p.text for p in reopened.paragraphs if p.style.name == "Caption"]
        assert captions == [
            "Orientations et embauches par prescripteur",
            "Temps d'accompagnement",
            "Taux de sortie dynamique selon le jeu de règles",
            "Objectifs et résultats par année",
        ]
        assert reopened.element.body.xml.count("<w:tblHeader") == 4
        pictures = reopened.inline_shapes
        assert len(pictures) == 2
        assert "uriae-2009 : 62,5 %" in pictures[1]._inline.docPr.get("descr")

    def test_footer_has_page_fields_and_metadata_is_french(self, reopened):
        footer = reopened.sections[0].footer._element.xml
        assert " PAGE " in footer and " NUMPAGES " in footer
        properties = reopened.core_properties
        assert properties.author == "Jalons"
        assert properties.language == "fr-FR"
        assert properties.title == "Offre de Services 2026 – Les Jardins du Hainaut"

    def test_bullets_definitions_comments_and_user_text_are_kept_as_text(self, reopened):
        bullets = [plain(p.text) for p in reopened.paragraphs if p.style.name == "List Bullet"]
        assert "deux conseillères en insertion professionnelle ;" in bullets
        texts = plain("\n".join(p.text for p in reopened.paragraphs))
        assert HOSTILE in texts
        assert "Merci de préciser les partenariats avec la Mission locale." in texts
        assert common.TEMPLATE_VERSIONS["docx"] in texts  # the trace


class TestOdt:
    @pytest.fixture
    def reopened(self):
        return load(io.BytesIO(render_odt(make_document())))

    def test_headings_have_outline_levels_in_order(self, reopened):
        found = [
            (teletype.extractText(h), h.getAttribute("outlinelevel"))
            for h in reopened.getElementsByType(H)
        ]
        assert [text for text, _ in found] == EXPECTED_HEADINGS
        assert {level for _, level in found} == {"1", "2"}

    def test_table_of_contents_lists_every_heading(self, reopened):
        (toc,) = reopened.getElementsByType(TableOfContent)
        (body,) = toc.getElementsByType(IndexBody)
        entries = [teletype.extractText(p).rstrip("\t") for p in body.childNodes]
        assert entries == ["Sommaire", *EXPECTED_HEADINGS]

    def test_tables_have_header_rows_and_charts_are_images_with_descriptions(self, reopened):
        tables = reopened.getElementsByType(Table)
        assert len(tables) == 5  # cover + 3 figures + objectives
        assert len(reopened.getElementsByType(TableHeaderRows)) == 4
        assert len(reopened.getElementsByType(Image)) == 2
        frames = reopened.getElementsByType(Frame)
        assert "62,5 %" in plain(teletype.extractText(frames[1]))

    def test_footer_counts_pages_and_metadata_is_french(self):
        data = render_odt(make_document())
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            styles = archive.read("styles.xml").decode()
            metadata = archive.read("meta.xml").decode()
            pictures = [n for n in archive.namelist() if n.startswith("Pictures/")]
        assert "<text:page-number" in styles and "<text:page-count" in styles
        assert "<dc:creator>Jalons</dc:creator>" in metadata
        assert "<dc:language>fr-FR</dc:language>" in metadata
        assert len(pictures) == 2

    def test_user_text_is_kept_as_text(self, reopened):
        texts = plain(teletype.extractText(reopened.text))
        assert HOSTILE in texts
        assert "Dossier complet." in texts
