"""The layout of the Offre de Services documents as a reader sees them: sections
numbered without gaps once the empty optional ones are left out, no page left almost
empty, tables of contents with page numbers, an ODT cover like the others, single
lines between table cells, French dates and one « Chiffres calculés le » in the
annexes, footers in plain French."""

import datetime as dt
import io
import re
import zipfile

import pytest
from docx import Document
from lxml import etree
from weasyprint.formatting_structure import boxes

from jalons.documents.rendering import html_to_document
from jalons.offre.catalogue import CATALOGUE
from jalons.offre.document import Comment, Section
from jalons.offre.exports import common
from jalons.offre.exports.docx import render_docx
from jalons.offre.exports.odt import render_odt
from jalons.offre.exports.pdf import offre_html
from tests.offre.document_fixture import make_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
# Left out of a transmitted OS when empty, as in demo structures 1 (ACI) and 5 (EITI).
LEFT_EMPTY = {"axe1.profils", "axe3.professionnalisation", "axe3.cipi"}


def q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def catalogue_document(*, left_empty=LEFT_EMPTY, **overrides):
    """An OS with every section of the catalogue, transmitted, the sections of
    ``left_empty`` without text."""
    sections = [
        Section(
            entry.key,
            entry.number,
            entry.title,
            entry.level,
            "" if entry.key in left_empty or entry.level == 1 else f"Texte de {entry.title}.",
            required=entry.required,
        )
        for entry in CATALOGUE
    ]
    values = {"sections": sections, "status": "Transmise à la DDETS", "version": 1}
    return make_document(**{**values, **overrides})


def odt_xml(document, name="content.xml"):
    with zipfile.ZipFile(io.BytesIO(render_odt(document))) as archive:
        return etree.fromstring(archive.read(name))


def docx_of(document):
    return Document(io.BytesIO(render_docx(document)))


def section_numbers(headings: list[str]) -> list[str]:
    return [h.split(" ", 1)[0] for h in headings if re.match(r"^[P\d]\.\d+ ", h)]


def assert_continuous(numbers: list[str]) -> None:
    """Within each part, 1, 2, 3… without a gap."""
    by_part: dict[str, list[int]] = {}
    for number in numbers:
        part, _, index = number.partition(".")
        by_part.setdefault(part, []).append(int(index))
    assert by_part, numbers
    for part, indexes in by_part.items():
        assert indexes == list(range(1, len(indexes) + 1)), (part, indexes)


class TestNumbering:
    def test_the_catalogue_numbers_skip_where_a_section_is_left_out(self):
        """What the reviewer saw: 1.4 then 1.6, 3.1 then 3.4."""
        kept = [s.number for s in catalogue_document().sections if s.key not in LEFT_EMPTY]
        assert "1.5" not in kept and "3.2" not in kept and "3.3" not in kept

    def test_the_printed_numbers_are_continuous(self):
        headings = [p.heading for p in common.parts(catalogue_document(), template_version="v")]
        assert_continuous(section_numbers(headings))
        assert "1.5 Période d'intégration" in headings  # 1.6 in the catalogue
        assert "3.2 Savoirs de base" in headings  # 3.4 in the catalogue
        assert "Axe 3 – Formation des salariés" in headings  # parts keep their number

    def test_the_document_keeps_the_catalogue_numbers(self):
        """The pages, the checks before transmission, the comments and the
        differences between versions name a section by its catalogue number."""
        document = catalogue_document()
        common.parts(document, template_version="v")
        numbers = {s.key: s.number for s in document.sections}
        assert numbers["axe1.integration"] == "1.6" and numbers["axe3.savoirs_base"] == "3.4"

    def test_a_draft_shows_every_section_with_its_catalogue_number(self):
        document = catalogue_document(status="Brouillon", version=0, frozen=False)
        shown = common.shown_sections(document)
        assert [s.number for s in shown] == [e.number for e in CATALOGUE]

    def test_every_part_has_a_required_section_so_no_part_is_ever_left_out(self):
        """Parts keep their number (the axes of the circulaire): this holds because a
        transmitted OS always has each of them."""
        for entry in CATALOGUE:
            if entry.level == 1 and entry.key != "objectifs":
                prefix = entry.key + "."
                assert any(s.required for s in CATALOGUE if s.key.startswith(prefix)), entry.key

    def test_every_format_prints_the_same_continuous_numbers(self):
        document = catalogue_document()
        expected = section_numbers(
            [p.heading for p in common.parts(document, template_version="v")]
        )
        assert_continuous(expected)
        html = offre_html(document).replace("&#x27;", "'")
        pdf_headings = [t.strip() for t in re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)]
        pdf_toc = [t.strip() for t in re.findall(r'<a href="#section-\d+">([^<]+)</a>', html)]
        reopened = docx_of(document)
        docx_headings = [p.text for p in reopened.paragraphs if p.style.name == "Heading 2"]
        docx_toc = [p.text.rstrip("\t") for p in reopened.paragraphs if p.style.name == "toc 2"]
        content = odt_xml(document)
        odt_headings = ["".join(h.itertext()) for h in content.iter(q("text", "h"))]
        body = content.find(f".//{q('text', 'index-body')}")
        odt_toc = ["".join(p.itertext()).rstrip("\t") for p in body.iter(q("text", "p"))]
        for found in (pdf_headings, pdf_toc, docx_headings, docx_toc, odt_headings, odt_toc):
            assert section_numbers(found) == expected

    def test_a_comment_names_its_section_as_the_document_numbers_it(self):
        at = dt.datetime(2026, 2, 10, 9, 0, tzinfo=dt.UTC)
        comments = [
            Comment("DDETS", at, "1.6 Période d'intégration", "Bien.", "axe1.integration"),
            Comment("DDETS", at, "1.5 Profils de poste", "À écrire ?", "axe1.profils"),
        ]
        document = catalogue_document(comments=comments)
        headings = [common.comment_heading(c, document) for c in comments]
        assert headings[0].endswith("sur « 1.5 Période d'intégration »")
        assert headings[1].endswith("sur « Profils de poste »")  # left out: its title
        assert "sur « 1.5 Période d&#x27;intégration »" in offre_html(document)


def page_fill(page) -> float:
    """How much of the page's content area is used, from 0 to 1 (footers aside)."""
    page_box = page._page_box
    bottom = page_box.content_box_y()

    def walk(box):
        nonlocal bottom
        if isinstance(box, boxes.MarginBox):
            return
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox, boxes.TableRowBox)):
            bottom = max(bottom, box.position_y + box.margin_height())
        for child in getattr(box, "children", None) or []:
            walk(child)

    walk(page_box)
    return (bottom - page_box.content_box_y()) / page_box.height


class TestPageBreaks:
    @pytest.mark.parametrize("document", [make_document(), catalogue_document()])
    def test_no_page_is_left_almost_empty_before_the_last(self, document):
        pages = html_to_document(offre_html(document)).pages
        # the cover and the table of contents are pages of their own
        fills = [round(page_fill(p), 2) for p in pages[2:-1]]
        assert fills and min(fills) > 0.45, fills

    def test_docx_breaks_the_page_only_before_the_first_part(self):
        reopened = docx_of(make_document())
        headings = [p for p in reopened.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
        breaks = [p.text for p in headings if p.paragraph_format.page_break_before]
        assert breaks == [headings[0].text]
        assert all(p.style.paragraph_format.keep_with_next for p in headings)

    def test_odt_breaks_the_page_only_before_the_first_part(self):
        document = make_document()
        content, styles = odt_xml(document), odt_xml(document, "styles.xml")
        breaking = {
            style.get(q("style", "name"))
            for tree in (content, styles)
            for style in tree.iter(q("style", "style"))
            if any(
                p.get(q("fo", "break-before")) == "page"
                for p in style.iter(q("style", "paragraph-properties"))
            )
        }
        headings = list(content.iter(q("text", "h")))
        assert [h.get(q("text", "style-name")) in breaking for h in headings] == [
            True,
            *[False] * (len(headings) - 1),
        ]


class TestTablesOfContents:
    def test_docx_lines_link_to_bookmarked_headings_with_a_page_number_field(self):
        reopened = docx_of(make_document())
        bookmarks = {
            b.get(f"{W}name"): p.text
            for p in reopened.paragraphs
            if p.style.name.startswith("Heading")
            for b in p._p.iter(f"{W}bookmarkStart")
        }
        entries = [p for p in reopened.paragraphs if p.style.name in ("toc 1", "toc 2")]
        assert len(entries) == len(bookmarks) > 10
        for entry in entries:
            instruction = "".join(t.text for t in entry._p.iter(f"{W}instrText"))
            (name,) = re.findall(r"PAGEREF (\S+) \\h", instruction)
            assert bookmarks[name] == entry.text.rstrip("\t")
        tabs = reopened.styles["toc 1"].paragraph_format.tab_stops
        assert [t.leader for t in tabs] and tabs[0].position.cm == pytest.approx(17, abs=0.01)
        settings = reopened.settings.element.xml
        assert '<w:updateFields w:val="true"/>' in settings  # Word offers to update them

    def test_odt_has_a_table_of_content_whose_lines_refer_to_their_heading_page(self):
        content = odt_xml(make_document())
        (toc,) = content.iter(q("text", "table-of-content"))
        templates = toc.findall(f".//{q('text', 'table-of-content-entry-template')}")
        assert len(templates) == 2
        for template in templates:  # « Actualiser l'index » keeps the page numbers
            assert template.find(q("text", "index-entry-page-number")) is not None
        bookmarks = {
            b.get(q("text", "name")): "".join(h.itertext())
            for h in content.iter(q("text", "h"))
            for b in h.iter(q("text", "bookmark-start"))
        }
        lines = toc.find(q("text", "index-body")).findall(q("text", "p"))
        assert len(lines) == len(bookmarks) > 10
        for line in lines:
            (reference,) = line.iter(q("text", "bookmark-ref"))
            assert reference.get(q("text", "reference-format")) == "page"
            name = reference.get(q("text", "ref-name"))
            assert bookmarks[name] == "".join(line.itertext()).rstrip("\t")


class TestOdtCover:
    def test_the_cover_has_the_title_of_the_other_formats(self):
        content = odt_xml(make_document())
        first = ["".join(p.itertext()) for p in content.find(f".//{q('office', 'text')}")[:3]]
        assert first == ["OFFRE DE SERVICES", "Offre de Services 2026", "Les Jardins du Hainaut"]

    def test_the_cover_has_no_footer(self):
        document = make_document()
        content, styles = odt_xml(document), odt_xml(document, "styles.xml")
        first = content.find(f".//{q('office', 'text')}")[0]
        style_name = first.get(q("text", "style-name"))
        (style,) = [
            s for s in content.iter(q("style", "style")) if s.get(q("style", "name")) == style_name
        ]
        masters = {m.get(q("style", "name")): m for m in styles.iter(q("style", "master-page"))}
        cover = masters[style.get(q("style", "master-page-name"))]
        assert cover.find(q("style", "footer")) is None
        following = masters[cover.get(q("style", "next-style-name"))]
        assert following.find(q("style", "footer")) is not None


class TestTableBorders:
    def test_odt_cells_draw_each_line_once(self):
        content = odt_xml(make_document())
        cell_styles = {
            s.get(q("style", "name")): s.find(q("style", "table-cell-properties"))
            for s in content.iter(q("style", "style"))
            if s.get(q("style", "family")) == "table-cell"
        }
        tables = [
            t
            for t in content.iter(q("table", "table"))
            if t.get(q("table", "name")) != "Couverture"
        ]
        assert tables
        for table in tables:
            rows = list(table.iter(q("table", "table-row")))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row.iter(q("table", "table-cell"))):
                    properties = cell_styles[cell.get(q("table", "style-name"))]
                    side = {k: properties.get(q("fo", f"border-{k}")) for k in ("top", "left")}
                    assert (side["top"] != "none") == (r == 0), (r, c, side)
                    assert (side["left"] != "none") == (c == 0), (r, c, side)
                    assert properties.get(q("fo", "border-right")) != "none"
                    assert properties.get(q("fo", "border-bottom")) != "none"
                    assert properties.get(q("fo", "border")) is None

    def test_docx_tables_draw_their_lines_once_for_the_table(self):
        reopened = docx_of(make_document())
        assert len(reopened.tables) == 5  # the cover, three figures, the objectives
        for table in reopened.tables[1:]:  # the cover has no lines
            properties = table._tbl.tblPr
            borders = properties.find(f"{W}tblBorders")
            assert borders is not None
            assert {b.tag.removeprefix(W): b.get(f"{W}val") for b in borders} == {
                side: "single" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            }
            assert properties.find(f"{W}tblCellSpacing") is None
            assert not list(table._tbl.iter(f"{W}tcBorders"))


TRACE_WITH_ISO = [
    "Jeu de règles circulaire-2008 version 1 (empreinte ed16533c7ffd)",
    "Période des chiffres : Année 2025, du 01/01/2025 au 31/12/2025",
    "Date de référence des suivis : 2026-01-15",  # an older frozen version's wording
    "Chiffres calculés le 15/01/2026",
    "Modèle d'offre de services Jalons, version 1",
]


def trace_of(text: str) -> str:
    start = text.index(common.TRACE_TITLE, text.index(common.TRACE_TITLE) + 1)
    return text[start:]


def plain(text: str) -> str:
    """The text with its no-break spaces (French typography) read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def all_texts(document) -> dict[str, str]:
    reopened = docx_of(document)
    texts = {
        "pdf": re.sub(r"<[^>]+>", "", offre_html(document)),
        "docx": "\n".join(
            [c.text for t in reopened.tables[:1] for r in t.rows for c in r.cells]  # cover
            + [p.text for p in reopened.paragraphs]
        ),
        "odt": "\n".join(
            "".join(p.itertext()) for p in odt_xml(document).iter(q("text", "p"), q("text", "h"))
        ),
    }
    return {kind: plain(text) for kind, text in texts.items()}


class TestAnnexes:
    @pytest.mark.parametrize("kind", ["pdf", "docx", "odt"])
    def test_trace_dates_are_french_and_the_figures_date_said_once(self, kind):
        text = trace_of(all_texts(make_document(trace=TRACE_WITH_ISO))[kind])
        assert not re.search(r"\d{4}-\d\d-\d\d", text), text
        assert text.count(common.CALCULATED) == 1
        assert "Chiffres calculés le 15/01/2026 et figés à la transmission." in text
        assert "Date de référence des suivis : 15/01/2026" in text
        months = ("janvier", "février", "mars", "décembre")
        assert not any(month in text for month in months)  # dd/mm/yyyy only
        assert "Document produit par Jalons le 03/02/2026 à 11:30" in text

    def test_cover_and_comments_write_dates_as_the_annexes(self):
        texts = all_texts(make_document())
        for kind, text in texts.items():
            assert "Chiffres du" in text and "15/01/2026" in text, kind
            assert "le 10/02/2026 à 10:00" in text, kind  # a comment, in Paris time
            assert not any(m in text for m in ("janvier", "février", "1er ")), kind

    def test_a_live_draft_says_the_figures_are_calculated_without_frozen(self):
        document = make_document(status="Brouillon", version=0, frozen=False)
        lines = common.trace_lines(document, "v")
        assert [line for line in lines if line.startswith(common.CALCULATED)] == [
            "Chiffres calculés le 15/01/2026."
        ]

    def test_french_dates_leaves_names_and_hashes_alone(self):
        assert common.french_dates("dgefp-2014 du 2025-03-01, a1b2-2025-03-01x") == (
            "dgefp-2014 du 01/03/2025, a1b2-2025-03-01x"
        )


class TestFooters:
    def test_every_footer_says_what_for_whom_and_when_in_plain_french(self):
        document = make_document()
        expected = (
            "Offre de Services 2026 – Les Jardins du Hainaut – produit par Jalons le 03/02/2026"
        )
        assert common.footer_text(document) == expected
        html = offre_html(document)
        footer = re.search(r'@bottom-left \{ content: "([^"]+)"', html).group(1)
        docx_footer = "".join(
            t.text for t in docx_of(document).sections[0].footer._element.iter(f"{W}t")
        )
        odt_footer = "".join(
            "".join(f.itertext())
            for f in odt_xml(document, "styles.xml").iter(q("style", "footer"))
        )
        for found in (footer, docx_footer, odt_footer):
            assert found.startswith(expected), found
            assert "modèle" not in found and " v3" not in found

    def test_the_dialogue_footer_names_the_dossier(self):
        document = make_document()
        footer = common.footer_text(
            document, common.TEMPLATE_VERSIONS["dialogue"], title="Dossier du dialogue de gestion"
        )
        assert footer == (
            "Dossier du dialogue de gestion 2026 – Les Jardins du Hainaut – "
            "produit par Jalons le 03/02/2026"
        )
