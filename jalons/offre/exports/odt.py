"""The Offre de Services as an editable OpenDocument text (odfpy).

Same content and order as the PDF (``common.parts``): cover (its own page style,
without footer), a real ``text:table-of-content`` whose entries are already written,
each with its page number as a reference field to a bookmark on the heading, which
LibreOffice computes as it lays the document out ("Actualiser l'index" rebuilds the
same lines from the index's templates), outline headings, bullets, charts as PNG
images with alternative text, "page X sur Y" in the footer. Parts follow one another
without a forced page break, headings kept with what follows.

Tables get column widths from their content (``table_layout``: no column narrower
than its longest word), header rows repeated on each page
(``table:table-header-rows``), rows that never split (``fo:keep-together``) and, when
short, are kept on one page (``style:may-break-between-rows="false"``).
"""

import io

from odf import dc, meta
from odf.draw import Frame, Image
from odf.element import Node
from odf.namespaces import TEXTNS
from odf.opendocument import OpenDocumentText
from odf.style import Style, TableColumnProperties
from odf.svg import Desc, Title
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    A,
    BookmarkEnd,
    BookmarkRef,
    BookmarkStart,
    H,
    IndexBody,
    IndexEntryLinkEnd,
    IndexEntryLinkStart,
    IndexEntryPageNumber,
    IndexEntryTabStop,
    IndexEntryText,
    IndexTitle,
    IndexTitleTemplate,
    List,
    ListItem,
    P,
    Tab,
    TableOfContent,
    TableOfContentEntryTemplate,
    TableOfContentSource,
)

from jalons.documents.french import french_spacing
from jalons.offre.document import Figure, OffreDocument
from jalons.offre.exports import common, table_layout
from jalons.offre.exports.chart_png import chart_description, chart_png, chart_size
from jalons.offre.exports.odt_styles import CELL_PADDING_CM, Styles

TEMPLATE_VERSION = common.TEMPLATE_VERSIONS["odt"]
CHART_WIDTH_CM = 15.0
CONTENT_WIDTH_CM = 17.0  # A4 (21 cm) less 2 cm margins
KEPT_TOGETHER_ROWS = 12  # a table of this many rows or fewer is kept on one page
COVER_COLUMNS_CM = (5.0, 12.0)  # label and value, as in the DOCX


_PARAGRAPHS = {(TEXTNS, "p"), (TEXTNS, "h")}


def render_odt(document: OffreDocument) -> bytes:
    document = common.cleaned(document)
    doc = OpenDocumentText()
    styles = Styles(doc, document, TEMPLATE_VERSION)
    _metadata(doc, document)
    parts = common.parts(document, template_version=TEMPLATE_VERSION)
    _cover(doc, styles, document)
    _toc(doc, styles, parts)
    for index, part in enumerate(parts):
        _part(doc, styles, document, part, first=index == 0)
    _french_spacing(doc.text)
    _french_spacing(doc.masterstyles)
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


def _french_spacing(node, previous: list | None = None) -> None:
    """The no-break spaces of French typography in every text node, paragraph by
    paragraph (``previous`` holds the last character written in the paragraph)."""
    if node.nodeType == Node.TEXT_NODE:
        node.data = french_spacing(node.data, previous[0] if previous else "")
        if previous is not None and node.data:
            previous[0] = node.data[-1]
        return
    if getattr(node, "qname", None) in _PARAGRAPHS:
        previous = [""]
    for child in node.childNodes:
        _french_spacing(child, previous)


def _metadata(doc, document: OffreDocument) -> None:
    doc.meta.addElement(dc.Title(text=common.document_title(document)))
    doc.meta.addElement(dc.Creator(text="Jalons"))
    doc.meta.addElement(meta.InitialCreator(text="Jalons"))
    doc.meta.addElement(dc.Language(text="fr-FR"))
    doc.meta.addElement(dc.Subject(text=f"Offre de Services {document.year}"))
    doc.meta.addElement(dc.Description(text=common.footer_text(document)))
    doc.meta.addElement(meta.Keyword(text="Offre de Services"))
    doc.meta.addElement(meta.Keyword(text=TEMPLATE_VERSION))
    doc.meta.addElement(
        meta.CreationDate(text=document.generated_at.replace(tzinfo=None).isoformat())
    )


def _cover(doc, styles: Styles, document: OffreDocument) -> None:
    # Its first paragraph puts the cover on its own page style (no footer).
    doc.text.addElement(P(stylename=styles.cover_start, text="OFFRE DE SERVICES"))
    doc.text.addElement(P(stylename=styles.title, text=f"Offre de Services {document.year}"))
    doc.text.addElement(P(stylename=styles.subtitle, text=document.structure_name))
    table = Table(name="Couverture", stylename=styles.table)
    for index, width in enumerate(COVER_COLUMNS_CM):
        column = Style(name=f"Jalons_20_cover_20_col_{index}", family="table-column")
        column.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
        doc.automaticstyles.addElement(column)
        table.addElement(TableColumn(stylename=column))
    for label, value in common.cover_lines(document):
        row = TableRow()
        for text, style in ((label, styles.cell_heading), (value, styles.cell)):
            cell = TableCell(valuetype="string")
            cell.addElement(P(stylename=style, text=text))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)


def _toc(doc, styles: Styles, parts: list[common.Part]) -> None:
    toc = TableOfContent(name="Sommaire", protected="true")
    source = TableOfContentSource(outlinelevel=2)
    template_title = IndexTitleTemplate(stylename=styles.toc_title)
    template_title.addText("Sommaire")
    source.addElement(template_title)
    for level in (1, 2):
        template = TableOfContentEntryTemplate(outlinelevel=level, stylename=styles.toc[level])
        template.addElement(IndexEntryLinkStart(stylename=styles.link))
        template.addElement(IndexEntryText())
        template.addElement(IndexEntryTabStop(type="right", leaderchar="."))
        template.addElement(IndexEntryPageNumber())
        template.addElement(IndexEntryLinkEnd())
        source.addElement(template)
    toc.addElement(source)
    body = IndexBody()
    title = IndexTitle(name="Sommaire_Head")
    title.addElement(P(stylename=styles.toc_title, text="Sommaire"))
    body.addElement(title)
    for part in parts:
        entry = P(stylename=styles.toc[part.level])
        link = A(type="simple", href=f"#{_bookmark_name(part)}", stylename=styles.link)
        link.addText(part.heading)
        link.addElement(Tab())
        link.addElement(BookmarkRef(refname=_bookmark_name(part), referenceformat="page", text=""))
        entry.addElement(link)
        body.addElement(entry)
    toc.addElement(body)
    doc.text.addElement(toc)


def _bookmark_name(part: common.Part) -> str:
    return f"sommaire-{part.anchor}"


def _part(doc, styles: Styles, document: OffreDocument, part: common.Part, *, first: bool) -> None:
    style = styles.first_part if first else styles.headings[part.level]
    heading = H(outlinelevel=part.level, stylename=style)
    heading.addElement(BookmarkStart(name=_bookmark_name(part)))
    heading.addText(part.heading)
    heading.addElement(BookmarkEnd(name=_bookmark_name(part)))
    doc.text.addElement(heading)
    if part.kind == "section":
        _blocks(doc, styles, common.text_blocks(part.section.text))
        if common.shows_placeholder(document, part):
            doc.text.addElement(P(stylename=styles.muted, text=common.EMPTY_SECTION))
        for figure in part.section.figures:
            _figure(doc, styles, figure)
    elif part.kind == "comments":
        for comment in document.comments:
            doc.text.addElement(
                P(stylename=styles.muted, text=common.comment_heading(comment, document))
            )
            _blocks(doc, styles, common.text_blocks(comment.text))
    elif part.kind == "definitions":
        if not document.definitions:
            doc.text.addElement(
                P(stylename=styles.muted, text="Aucun indicateur n'est présenté dans ce document.")
            )
        for term, definition in document.definitions:
            doc.text.addElement(P(stylename=styles.term, text=term))
            doc.text.addElement(P(stylename=styles.body, text=definition))
    elif part.kind == "trace":
        _bullets(doc, styles, part.extra["lines"], together=True)
    if part.with_objectives:
        rows = common.objectives_rows(document)
        if rows:
            _table(
                doc,
                styles,
                "Objectifs et résultats par année",
                "Objectifs",
                common.objectives_columns(document),
                rows,
            )
            _bullets(doc, styles, common.objectives_notes(document))
        else:
            doc.text.addElement(
                P(stylename=styles.muted, text="Aucun objectif n'est encore saisi.")
            )


def _blocks(doc, styles: Styles, blocks: list[common.Block]) -> None:
    for block in blocks:
        if block.kind == "bullets":
            _bullets(doc, styles, block.items)
        else:
            doc.text.addElement(P(stylename=styles.body, text=block.text))


def _bullets(doc, styles: Styles, items, *, together: bool = False) -> None:
    """A bulleted list; ``together``: kept on one page (each line with the next)."""
    if not items:
        return
    bullets = List(stylename=styles.bullets)
    for index, item in enumerate(items):
        entry = ListItem()
        kept = together and index < len(items) - 1
        entry.addElement(P(stylename=styles.body_kept if kept else styles.body, text=item))
        bullets.addElement(entry)
    doc.text.addElement(bullets)


def _figure(doc, styles: Styles, figure: Figure) -> None:
    notes = [
        label + text for label, text in (("Source : ", figure.source), ("", figure.note)) if text
    ]
    _table(doc, styles, figure.title, figure.key, figure.columns, figure.rows, notes=notes)
    if figure.chart and figure.chart.bars:
        png = chart_png(figure.chart)
        width, height = chart_size(png)
        href = doc.addPicture(f"Pictures/{_picture_name(doc)}.png", "image/png", png)
        frame = Frame(
            stylename=styles.frame,
            width=f"{CHART_WIDTH_CM}cm",
            height=f"{CHART_WIDTH_CM * height / width:.2f}cm",
            anchortype="as-char",
            name=figure.chart.title[:60],
        )
        frame.addElement(Image(href=href))
        frame.addElement(Title(text=figure.chart.title))
        frame.addElement(Desc(text=chart_description(figure.chart)))
        paragraph = P(stylename=styles.body)
        paragraph.addElement(frame)
        doc.text.addElement(paragraph)


def _picture_name(doc) -> str:
    return f"graphique-{len(doc.Pictures) + 1}"


def _table(doc, styles: Styles, caption: str, name: str, columns, rows, notes=()) -> None:
    """A table with its caption above (kept with it) and its notes below."""
    doc.text.addElement(P(stylename=styles.caption, text=caption))
    number = _table_count(doc)
    header = [table_layout.Cell(common.cell_text(text), bold=True) for text in columns]
    body = [
        [
            table_layout.Cell(common.cell_text(text), bold=index == 0)
            for index, text in enumerate(row)
        ]
        for row in rows
    ]
    # Padding on both sides of the text, and the two half borders of 0.5 pt.
    padding = 2 * CELL_PADDING_CM + 0.5 * table_layout.CM_PER_POINT
    layout = table_layout.layout([header, *body], total=CONTENT_WIDTH_CM, padding=padding)
    short = len(body) <= KEPT_TOGETHER_ROWS
    style = styles.table_style(short=short, keep_with_next=bool(notes))
    table = Table(name=f"{name}-{number}", stylename=style)
    for index, width in enumerate(layout.widths):
        column_style = Style(name=f"Jalons_20_col_{number}_{index}", family="table-column")
        column_style.addElement(TableColumnProperties(columnwidth=f"{width:.3f}cm"))
        doc.automaticstyles.addElement(column_style)
        table.addElement(TableColumn(stylename=column_style))
    header_rows = TableHeaderRows()
    figures = common.figure_columns(rows, len(columns))
    header_rows.addElement(_row(styles, header, layout.size, figures, heading=True))
    table.addElement(header_rows)
    for cells in body:
        table.addElement(_row(styles, cells, layout.size, figures))
    doc.text.addElement(table)
    for note in notes:
        doc.text.addElement(P(stylename=styles.muted, text=note))


def _row(styles: Styles, cells, size: float, figures: list[bool], *, heading=False):
    """A row; the cells of a column of figures right-aligned, the others at the left."""
    row = TableRow(stylename=styles.row)
    for index, figure in enumerate(figures):
        text = cells[index].text if index < len(cells) else ""
        if index == 0 or not figure:
            kind = "heading" if index == 0 or heading else "text"
        else:
            kind = "heading_number" if heading else "number"
        style = styles.cell_style(header=heading, first_row=heading, first_column=index == 0)
        cell = TableCell(valuetype="string", stylename=style)
        cell.addElement(P(stylename=styles.cell_paragraph(kind, size), text=text))
        row.addElement(cell)
    return row


def _table_count(doc) -> int:
    doc._jalons_tables = getattr(doc, "_jalons_tables", 0) + 1
    return doc._jalons_tables
