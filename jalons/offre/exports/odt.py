"""The Offre de Services as an editable OpenDocument text (odfpy).

Same content and order as the PDF (``common.parts``): cover, a real
``text:table-of-content`` whose entries are already written (LibreOffice adds the
page numbers with "Actualiser l'index"), outline headings, tables with header rows,
bullets, charts as PNG images with alternative text, "page X sur Y" in the footer.
"""

import io

from odf import dc, meta
from odf.draw import Frame, Image
from odf.opendocument import OpenDocumentText
from odf.style import Style, TableColumnProperties
from odf.svg import Desc, Title
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    H,
    IndexBody,
    IndexTitle,
    IndexTitleTemplate,
    List,
    ListItem,
    P,
    Span,
    TableOfContent,
    TableOfContentEntryTemplate,
    TableOfContentSource,
)

from jalons.offre.document import Figure, OffreDocument
from jalons.offre.exports import common
from jalons.offre.exports.chart_png import chart_description, chart_png, chart_size
from jalons.offre.exports.odt_styles import Styles

TEMPLATE_VERSION = common.TEMPLATE_VERSIONS["odt"]
CHART_WIDTH_CM = 15.0


def render_odt(document: OffreDocument) -> bytes:
    document = common.cleaned(document)
    doc = OpenDocumentText()
    styles = Styles(doc, document, TEMPLATE_VERSION)
    _metadata(doc, document)
    parts = common.parts(document, template_version=TEMPLATE_VERSION)
    _cover(doc, styles, document)
    _toc(doc, styles, parts)
    for part in parts:
        _part(doc, styles, document, part)
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


def _metadata(doc, document: OffreDocument) -> None:
    doc.meta.addElement(dc.Title(text=common.document_title(document)))
    doc.meta.addElement(dc.Creator(text="Jalons"))
    doc.meta.addElement(meta.InitialCreator(text="Jalons"))
    doc.meta.addElement(dc.Language(text="fr-FR"))
    doc.meta.addElement(dc.Subject(text=f"Offre de Services {document.year}"))
    doc.meta.addElement(dc.Description(text=common.footer_text(document, TEMPLATE_VERSION)))
    doc.meta.addElement(meta.Keyword(text="Offre de Services"))
    doc.meta.addElement(meta.Keyword(text=TEMPLATE_VERSION))
    doc.meta.addElement(
        meta.CreationDate(text=document.generated_at.replace(tzinfo=None).isoformat())
    )


def _cover(doc, styles: Styles, document: OffreDocument) -> None:
    doc.text.addElement(P(stylename=styles.title, text=f"Offre de Services {document.year}"))
    doc.text.addElement(P(stylename=styles.subtitle, text=document.structure_name))
    table = Table(name="Couverture", stylename=styles.table)
    table.addElement(TableColumn(numbercolumnsrepeated=2))
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
        source.addElement(
            TableOfContentEntryTemplate(outlinelevel=level, stylename=styles.toc[level])
        )
    toc.addElement(source)
    body = IndexBody()
    title = IndexTitle(name="Sommaire_Head")
    title.addElement(P(stylename=styles.toc_title, text="Sommaire"))
    body.addElement(title)
    for part in parts:
        body.addElement(P(stylename=styles.toc[part.level], text=part.heading))
    toc.addElement(body)
    doc.text.addElement(toc)
    note = P(stylename=styles.muted)
    note.addElement(
        Span(
            stylename=styles.italic,
            text="Numéros de page : Outils › Actualiser › Tous les index (LibreOffice) "
            "ou clic droit sur le sommaire, « Mettre à jour l'index ».",
        )
    )
    doc.text.addElement(note)


def _part(doc, styles: Styles, document: OffreDocument, part: common.Part) -> None:
    doc.text.addElement(
        H(outlinelevel=part.level, stylename=styles.headings[part.level], text=part.heading)
    )
    if part.kind == "section":
        blocks = common.text_blocks(part.section.text)
        _blocks(doc, styles, blocks)
        if not blocks and not part.section.figures and part.section.level > 1:
            doc.text.addElement(
                P(stylename=styles.muted, text="Cette partie n'est pas encore rédigée.")
            )
        for figure in part.section.figures:
            _figure(doc, styles, figure)
    elif part.kind == "comments":
        for comment in document.comments:
            doc.text.addElement(P(stylename=styles.muted, text=common.comment_heading(comment)))
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
        _bullets(doc, styles, part.extra["lines"])
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


def _bullets(doc, styles: Styles, items) -> None:
    if not items:
        return
    bullets = List(stylename=styles.bullets)
    for item in items:
        entry = ListItem()
        entry.addElement(P(stylename=styles.body, text=item))
        bullets.addElement(entry)
    doc.text.addElement(bullets)


def _figure(doc, styles: Styles, figure: Figure) -> None:
    _table(doc, styles, figure.title, figure.key, figure.columns, figure.rows)
    for label, text in (("Source : ", figure.source), ("", figure.note)):
        if text:
            doc.text.addElement(P(stylename=styles.muted, text=label + text))
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


def _table(doc, styles: Styles, caption: str, name: str, columns, rows) -> None:
    doc.text.addElement(P(stylename=styles.caption, text=caption))
    number = _table_count(doc)
    table = Table(name=f"{name}-{number}", stylename=styles.table)
    for index, width in enumerate(common.column_widths(len(columns), 17.0)):
        column_style = Style(name=f"Jalons_20_col_{number}_{index}", family="table-column")
        column_style.addElement(TableColumnProperties(columnwidth=f"{width:.2f}cm"))
        doc.automaticstyles.addElement(column_style)
        table.addElement(TableColumn(stylename=column_style))
    header = TableHeaderRows()
    row = TableRow()
    for text in columns:
        cell = TableCell(valuetype="string", stylename=styles.header_cell)
        cell.addElement(P(stylename=styles.cell_heading, text=text))
        row.addElement(cell)
    header.addElement(row)
    table.addElement(header)
    for values in rows:
        row = TableRow()
        for index, text in enumerate(values):
            cell = TableCell(valuetype="string", stylename=styles.body_cell)
            style = styles.cell_heading if index == 0 else styles.cell_number
            cell.addElement(P(stylename=style, text=text))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)


def _table_count(doc) -> int:
    doc._jalons_tables = getattr(doc, "_jalons_tables", 0) + 1
    return doc._jalons_tables
