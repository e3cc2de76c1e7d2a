"""The Offre de Services as an editable Word document (python-docx).

Same content and order as the PDF (``common.parts``): cover, table of contents (each
line a link to its heading with its page number as a PAGEREF field, computed by
LibreOffice as it lays the document out and by Word when it updates the fields, as it
offers on opening), Heading 1/2 styles for the outline, bullets, charts as PNG images
with alternative text, "page X sur Y" fields in the footer. Parts follow one another
without a forced page break, headings kept with what follows.

Tables have a fixed layout whose column widths come from their content
(``table_layout``: no column narrower than its longest word, widths summing to the
text width), a header row repeated on each page (``w:tblHeader``) and rows that never
split across pages (``w:cantSplit``); a short table is kept on one page. The font is
Arial, present in Word on Windows and Mac; LibreOffice shows it with Liberation Sans,
which has the same metrics (docs/offre.md).
"""

import io
import re

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor, Twips
from lxml import etree

from jalons.documents.french import french_spacing
from jalons.offre.document import Figure, OffreDocument
from jalons.offre.exports import common, table_layout
from jalons.offre.exports.chart_png import chart_description, chart_png

TEMPLATE_VERSION = common.TEMPLATE_VERSIONS["docx"]
BLUE = RGBColor(0x1D, 0x3F, 0x72)
GREY = RGBColor(0x55, 0x55, 0x55)
BORDER = "C9CCD6"  # the lines of the tables, as in the PDF and the ODT
CONTENT_WIDTH_CM = 17.0  # A4 (21 cm) less 2 cm margins
FONT = "Arial"
# Arial in the font table, so that a suite without it picks a sans-serif of the same
# family (LibreOffice maps it to Liberation Sans, metric-compatible).
FONT_TABLE_ENTRY = (
    '<w:font w:name="Arial"><w:altName w:val="Liberation Sans"/>'
    '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
)
CELL_MARGIN_TWIPS = 85  # 0.15 cm left and right of a cell's text
TWIPS_PER_CM = 1440 / 2.54
KEPT_TOGETHER_ROWS = 12  # a table of this many rows or fewer is kept on one page


def render_docx(document: OffreDocument) -> bytes:
    document = common.cleaned(document)
    doc = Document()
    _setup(doc, document)
    _cover(doc, document)
    parts = common.parts(document, template_version=TEMPLATE_VERSION)
    _toc(doc, parts)
    for index, part in enumerate(parts):
        _part(doc, document, part, index)
    _french_spacing(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _french_spacing(doc) -> None:
    """The no-break spaces of French typography in every text of the body and the
    footers, paragraph by paragraph (a paragraph is cut into runs)."""
    roots = [doc.element.body] + [s.footer._element for s in doc.sections]
    for root in roots:
        for paragraph in root.iter(qn("w:p")):
            previous = ""
            for text in paragraph.iter(qn("w:t")):
                if text.text:
                    text.text = french_spacing(text.text, previous)
                    previous = text.text[-1:]


def _setup(doc, document: OffreDocument) -> None:
    properties = doc.core_properties
    properties.title = common.document_title(document)
    properties.author = "Jalons"
    properties.last_modified_by = "Jalons"
    properties.language = "fr-FR"
    properties.subject = f"Offre de Services {document.year}"
    properties.keywords = f"Offre de Services, {document.structure_identifier}, {TEMPLATE_VERSION}"
    properties.comments = common.footer_text(document, TEMPLATE_VERSION)
    properties.created = document.generated_at.replace(tzinfo=None)
    styles = doc.styles
    _use_font(doc)
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    run_defaults = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "fr-FR")
    language.set(qn("w:eastAsia"), "fr-FR")
    run_defaults.append(language)
    for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Title", 28)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = BLUE
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.2)
    section.different_first_page_header_footer = True  # no footer on the cover
    _footer(section.footer, document)
    # Ask Word to refresh the fields (page numbers of the table of contents) on opening.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _use_font(doc) -> None:
    """Arial everywhere: in the defaults and in every style of the template, the
    theme fonts (Calibri, Cambria) removed so that they cannot take precedence."""
    themes = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if run_defaults.find(qn("w:rFonts")) is None:
        run_defaults.insert(0, OxmlElement("w:rFonts"))
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        if fonts.get(qn("w:ascii"), "").startswith("Courier"):
            continue  # the template's code styles keep their monospace font
        for name in themes:
            fonts.attrib.pop(qn(name), None)
        for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(name), FONT)
    font_table = doc.part.part_related_by(RT.FONT_TABLE)
    fonts = etree.fromstring(font_table.blob)
    for font in fonts.findall(qn("w:font")):
        if font.get(qn("w:name")) == FONT:
            fonts.remove(font)  # the template's entry says family "auto"
    fonts.append(parse_xml(FONT_TABLE_ENTRY.replace("<w:font ", f"<w:font {nsdecls('w')} ", 1)))
    font_table._blob = etree.tostring(
        fonts, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def _field(paragraph, instruction: str, placeholder: str = "1", parent=None) -> None:
    """A Word field (PAGE, NUMPAGES, PAGEREF...) with a placeholder result, at the end
    of the paragraph or of ``parent`` (a hyperlink of the paragraph)."""
    parent = paragraph._p if parent is None else parent
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run.append(instr)
        parent.append(run)
    if placeholder:
        run = OxmlElement("w:r")
        element = OxmlElement("w:t")
        element.text = placeholder
        run.append(element)
        parent.append(run)
    end = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end.append(char)
    parent.append(end)


def _footer(footer, document: OffreDocument) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.text = ""
    run = paragraph.add_run(common.footer_text(document, TEMPLATE_VERSION) + " – page ")
    run.font.size = Pt(7.5)
    _field(paragraph, "PAGE")
    paragraph.add_run(" sur ").font.size = Pt(7.5)
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(7.5)
        run.font.color.rgb = GREY


def _cover(doc, document: OffreDocument) -> None:
    kicker = doc.add_paragraph()
    kicker.paragraph_format.space_before = Pt(150)
    run = kicker.add_run("OFFRE DE SERVICES")
    run.font.color.rgb = GREY
    run.font.size = Pt(10)
    doc.add_paragraph(f"Offre de Services {document.year}", style="Title")
    subtitle = doc.add_paragraph()
    run = subtitle.add_run(document.structure_name)
    run.font.size, run.font.color.rgb = Pt(16), BLUE
    table = doc.add_table(rows=0, cols=2)
    for label, value in common.cover_lines(document):
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)
        cells[0].width, cells[1].width = Cm(5), Cm(12)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _toc(doc, parts: list[common.Part]) -> None:
    """The table of contents: one line per heading, its page number a PAGEREF field
    to a bookmark on the heading (``_bookmark``), and the line a link to it.

    Not a TOC field: LibreOffice shows a TOC field's entries as they are written in
    the file and never recomputes them when it opens or converts a DOCX, so the page
    numbers, which only a layout can give, would be missing there. A PAGEREF field
    is computed by LibreOffice as it lays the document out, and by Word when it
    updates the fields, which ``w:updateFields`` makes it offer on opening."""
    doc.add_paragraph("Sommaire", style="TOC Heading")
    for part in parts:
        paragraph = doc.add_paragraph(style=_toc_style(doc, part.level))
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), _bookmark_name(part))
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        for text in (part.heading, "\t"):
            run = OxmlElement("w:r")
            if text == "\t":
                run.append(OxmlElement("w:tab"))
            else:
                element = OxmlElement("w:t")
                element.set(qn("xml:space"), "preserve")
                element.text = text
                run.append(element)
            link.append(run)
        _field(paragraph, f"PAGEREF {_bookmark_name(part)} \\h", placeholder="", parent=link)


def _toc_style(doc, level: int):
    """Word's own styles of the levels of a table of contents (« toc 1 », « toc 2 »,
    named as Word names them, so that Word takes them for its built-in ones): the page
    number at the right margin after a dotted leader."""
    name = f"toc {level}"
    try:
        return doc.styles[name]
    except KeyError:
        pass
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), f"TOC{level}")
    style.element.attrib.pop(qn("w:customStyle"), None)
    style.base_style = doc.styles["Normal"]
    style.priority = 39
    style.unhide_when_used = True
    fmt = style.paragraph_format
    fmt.left_indent = Cm(0.8 * (level - 1))
    fmt.space_before = Pt(4) if level == 1 else Pt(0)
    fmt.space_after = Pt(2)
    fmt.tab_stops.add_tab_stop(Cm(CONTENT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    style.font.bold = level == 1
    return style


def _bookmark_name(part: common.Part) -> str:
    """A bookmark name Word accepts (40 characters at most, no hyphen; a leading
    underscore hides it from Word's list of bookmarks)."""
    return "_Toc_" + re.sub(r"[^A-Za-z0-9_]", "_", part.anchor)[:35]


def _bookmark(paragraph, name: str, identifier: int) -> None:
    """A bookmark around the paragraph's content (the heading a TOC line points to)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(identifier))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(identifier))
    properties = paragraph._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _part(doc, document: OffreDocument, part: common.Part, index: int) -> None:
    heading = doc.add_heading(part.heading, level=part.level)
    # The first part starts the page after the table of contents; the others follow
    # on (a break before each would leave pages almost empty, as in the PDF). A
    # heading is kept with what follows (the Heading styles' « keep with next »).
    heading.paragraph_format.page_break_before = index == 0
    _bookmark(heading, _bookmark_name(part), index + 1)
    if part.kind == "section":
        _blocks(doc, common.text_blocks(part.section.text))
        if common.shows_placeholder(document, part):
            _muted(doc, common.EMPTY_SECTION)
        for figure in part.section.figures:
            _figure(doc, figure)
    elif part.kind == "comments":
        for comment in document.comments:
            who = doc.add_paragraph()
            run = who.add_run(common.comment_heading(comment, document))
            run.font.size, run.font.color.rgb, run.italic = Pt(8.5), GREY, True
            _blocks(doc, common.text_blocks(comment.text))
    elif part.kind == "definitions":
        if not document.definitions:
            _muted(doc, "Aucun indicateur n'est présenté dans ce document.")
        for term, definition in document.definitions:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.add_run(term).bold = True
            doc.add_paragraph(definition)
    elif part.kind == "trace":
        lines = part.extra["lines"]
        for index, line in enumerate(lines):  # kept on one page, with its heading
            paragraph = doc.add_paragraph(line, style="List Bullet")
            paragraph.paragraph_format.keep_with_next = index < len(lines) - 1
    if part.with_objectives:
        rows = common.objectives_rows(document)
        if rows:
            _table(
                doc, "Objectifs et résultats par année", common.objectives_columns(document), rows
            )
            for note in common.objectives_notes(document):
                doc.add_paragraph(note, style="List Bullet")
        else:
            _muted(doc, "Aucun objectif n'est encore saisi.")


def _muted(doc, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.italic, run.font.color.rgb = True, GREY


def _blocks(doc, blocks: list[common.Block]) -> None:
    for block in blocks:
        if block.kind == "bullets":
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        else:
            doc.add_paragraph(block.text)


def _figure(doc, figure: Figure) -> None:
    notes = [
        label + text for label, text in (("Source : ", figure.source), ("", figure.note)) if text
    ]
    _table(doc, figure.title, figure.columns, figure.rows, notes=notes)
    if figure.chart and figure.chart.bars:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        picture = paragraph.add_run().add_picture(io.BytesIO(chart_png(figure.chart)), width=Cm(15))
        properties = picture._inline.docPr
        properties.set("descr", chart_description(figure.chart))
        properties.set("title", figure.chart.title)


def _table(doc, caption: str, columns: list[str], rows: list[list[str]], notes=()) -> None:
    """A table with its caption above and its notes (source...) below, never left
    alone at the foot or the top of a page."""
    title = doc.add_paragraph(style="Caption")
    title.add_run(caption).bold = True
    title.paragraph_format.keep_with_next = True
    header = [table_layout.Cell(common.cell_text(text), bold=True) for text in columns]
    body = [
        [
            table_layout.Cell(common.cell_text(text), bold=index == 0)
            for index, text in enumerate(row)
        ]
        for row in rows
    ]
    layout = table_layout.layout(
        [header, *body], total=CONTENT_WIDTH_CM, padding=2 * CELL_MARGIN_TWIPS / TWIPS_PER_CM
    )
    twips = _twips(layout.widths)
    table = doc.add_table(rows=1 + len(body), cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False  # w:tblLayout fixed: Word keeps the widths below
    _table_properties(table, sum(twips))
    for column, width in zip(table.columns, twips, strict=True):
        column.width = Twips(width)  # w:gridCol
    keep_together = len(body) <= KEPT_TOGETHER_ROWS
    figures = common.figure_columns(rows, len(columns))
    for index, (row, cells) in enumerate(zip(table.rows, [header, *body], strict=True)):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            properties.append(repeat)
        # The header stays with the first row; a short table stays on one page.
        last = index == len(body)
        keep = index == 0 or (keep_together and not last) or (last and bool(notes))
        for position, (cell, content, width) in enumerate(
            zip(row.cells, _padded(cells, len(columns)), twips, strict=True)
        ):
            cell.width = Twips(width)  # w:tcW
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_before = Pt(1)
            paragraph.paragraph_format.space_after = Pt(1)
            paragraph.paragraph_format.line_spacing = 1.0
            paragraph.paragraph_format.keep_with_next = keep
            if figures[position]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(content.text)
            run.bold = content.bold or None
            run.font.size = Pt(layout.size)
            if index == 0:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), "E8EDF6")
                cell._tc.get_or_add_tcPr().append(shading)
    for position, note in enumerate(notes):
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(3) if position == 0 else Pt(0)
        paragraph.paragraph_format.keep_with_next = position < len(notes) - 1
        run = paragraph.add_run(note)
        run.font.size, run.font.color.rgb = Pt(8), GREY
    doc.add_paragraph()


def _twips(widths_cm: list[float]) -> list[int]:
    """Widths in twips summing exactly to the text width (the last absorbs rounding)."""
    twips = [int(w * TWIPS_PER_CM) for w in widths_cm]
    if twips:
        twips[-1] += round(sum(widths_cm) * TWIPS_PER_CM) - sum(twips)
    return twips


def _padded(cells: list, count: int) -> list:
    return [*cells, *[table_layout.Cell("")] * (count - len(cells))][:count]


def _table_properties(table, width: int) -> None:
    """The table's width in twips and the margins its widths were computed with."""
    properties = table._tbl.tblPr
    table_width = properties.find(qn("w:tblW"))
    if table_width is None:
        table_width = OxmlElement("w:tblW")
        properties.append(table_width)
    table_width.set(qn("w:w"), str(width))
    table_width.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", 28), ("left", CELL_MARGIN_TWIPS), ("bottom", 28)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    right = OxmlElement("w:right")
    right.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
    right.set(qn("w:type"), "dxa")
    margins.append(right)
    properties.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )
    # One thin grey line between cells, drawn once for the table (w:insideH,
    # w:insideV), as in the PDF and the ODT; no cell spacing, no border per cell.
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")  # eighths of a point: 0.5 pt
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), BORDER)
        borders.append(element)
    properties.insert_element_before(
        borders,
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    )
