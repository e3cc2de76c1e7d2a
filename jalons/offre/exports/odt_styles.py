"""Named styles and the page (footer with "page X sur Y") of the ODT export.

The font is Arial (declared as a sans-serif, « swiss », font face): Word and
LibreOffice on Windows and Mac have it; LibreOffice elsewhere shows it with Liberation
Sans, which has the same metrics, so the column widths measured in ``table_layout``
hold in both (docs/offre.md).
"""

from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    GraphicProperties,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableProperties,
    TableRowProperties,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.text import ListLevelStyleBullet, ListStyle, P, PageCount, PageNumber

from jalons.offre.document import OffreDocument
from jalons.offre.exports import common

BLUE, GREY = "#1d3f72", "#555555"
BORDER = "0.5pt solid #c9ccd6"  # the lines of the tables, as in the PDF and the DOCX
TEXT_WIDTH = "17cm"  # A4 less 2 cm margins
FONT = "Arial"
CELL_PADDING_CM = 0.1


class Styles:
    """The named styles of the document, created once per document."""

    def __init__(self, doc: OpenDocumentText, document: OffreDocument, template_version: str):
        self.doc = doc
        doc.fontfacedecls.addElement(
            FontFace(name=FONT, fontfamily=FONT, fontfamilygeneric="swiss", fontpitch="variable")
        )
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(
                fontname=FONT,
                fontsize="10pt",
                language="fr",
                country="FR",
            )
        )
        doc.styles.addElement(default)
        self.standard = self._paragraph("Standard", marginbottom="0.2cm")
        self.body = self._paragraph("Text_20_body", display="Text body", marginbottom="0.2cm")
        # A line of a list that stays with the next one (the trace annex: never a last
        # line alone on a page).
        self.body_kept = self._paragraph(
            "Jalons_20_kept_20_body", display="Jalons kept body", marginbottom="0.2cm", keep=True
        )
        self.headings = {
            1: self._paragraph(
                "Heading_20_1",
                display="Heading 1",
                size="16pt",
                bold=True,
                colour=BLUE,
                margintop="0.6cm",
                marginbottom="0.3cm",
                outline=1,
            ),
            2: self._paragraph(
                "Heading_20_2",
                display="Heading 2",
                size="13pt",
                bold=True,
                colour=BLUE,
                margintop="0.4cm",
                marginbottom="0.2cm",
                outline=2,
            ),
        }
        self.title = self._paragraph(
            "Title", size="28pt", bold=True, colour=BLUE, margintop="0.1cm", marginbottom="0.2cm"
        )
        self.subtitle = self._paragraph("Subtitle", size="16pt", colour=BLUE, marginbottom="1cm")
        self.kicker = self._paragraph(
            "Jalons_20_kicker", display="Jalons kicker", size="10pt", colour=GREY, margintop="6cm"
        )
        # The first part starts the page after the table of contents; the others
        # follow on, a heading kept with what follows (a forced break before each
        # part would leave the end of the previous one alone on a page).
        self.first_part = Style(
            name="Jalons_20_first_20_part", family="paragraph", parentstylename=self.headings[1]
        )
        self.first_part.addElement(ParagraphProperties(breakbefore="page"))
        doc.automaticstyles.addElement(self.first_part)
        self.muted = self._paragraph(
            "Jalons_20_note", display="Jalons note", size="8pt", colour=GREY
        )
        self.caption = self._paragraph(
            "Table_20_caption",
            display="Table caption",
            bold=True,
            margintop="0.2cm",
            marginbottom="0.1cm",
            keep=True,
        )
        self.cell = self._paragraph("Table_20_Contents", display="Table Contents")
        self.cell_number = self._paragraph("Jalons_20_number", display="Jalons number", align="end")
        self.cell_heading = self._paragraph("Table_20_Heading", display="Table Heading", bold=True)
        self._cells: dict[tuple[str, float], Style] = {}
        self.term = self._paragraph(
            "Jalons_20_term", display="Jalons term", bold=True, keep=True, margintop="0.2cm"
        )
        self.toc_title = self._paragraph(
            "Contents_20_Heading",
            display="Contents Heading",
            size="16pt",
            bold=True,
            colour=BLUE,
            marginbottom="0.3cm",
            breakbefore="page",
        )
        self.toc = {
            1: self._paragraph(
                "Contents_20_1", display="Contents 1", bold=True, margintop="0.15cm", tab=True
            ),
            2: self._paragraph("Contents_20_2", display="Contents 2", marginleft="0.8cm", tab=True),
        }
        self.link = Style(name="Index_20_Link", displayname="Index Link", family="text")
        doc.styles.addElement(self.link)
        self.footer = self._paragraph("Footer", size="7.5pt", colour=GREY)
        self.bullets = ListStyle(name="Jalons_20_bullets", displayname="Jalons bullets")
        level = ListLevelStyleBullet(level=1, bulletchar="•")
        level.addElement(ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.4cm"))
        self.bullets.addElement(level)
        doc.styles.addElement(self.bullets)
        self._tables: dict[tuple[bool, bool], Style] = {}
        self.table = self.table_style(short=False, keep_with_next=False)
        # A row is never split across two pages.
        self.row = Style(name="Jalons_20_row", family="table-row")
        self.row.addElement(TableRowProperties(keeptogether="always"))
        doc.automaticstyles.addElement(self.row)
        self._cell_styles: dict[tuple[bool, bool, bool], Style] = {}
        self.frame = Style(name="Jalons_20_chart", family="graphic")
        self.frame.addElement(
            GraphicProperties(anchortype="as-char", verticalpos="top", verticalrel="baseline")
        )
        doc.automaticstyles.addElement(self.frame)
        self._page(document, template_version)

    def cell_style(self, *, header: bool, first_row: bool, first_column: bool) -> Style:
        """A cell's style. Each line between two cells is drawn once: every cell draws
        its right and bottom borders, the first row its top one too, the first column
        its left one (two cells each drawing the side they share show a double line
        in LibreOffice)."""
        key = (header, first_row, first_column)
        if key not in self._cell_styles:
            name = "Jalons_20_" + ("head_cell" if header else "cell")
            name += ("_20_top" if first_row else "") + ("_20_left" if first_column else "")
            style = Style(name=name, family="table-cell")
            properties = {
                "padding": f"{CELL_PADDING_CM}cm",
                "borderright": BORDER,
                "borderbottom": BORDER,
                "bordertop": BORDER if first_row else "none",
                "borderleft": BORDER if first_column else "none",
            }
            if header:
                properties["backgroundcolor"] = "#e8edf6"
            style.addElement(TableCellProperties(**properties))
            self.doc.automaticstyles.addElement(style)
            self._cell_styles[key] = style
        return self._cell_styles[key]

    def table_style(self, *, short: bool, keep_with_next: bool) -> Style:
        """A table 17 cm wide; a short one is kept on one page; one followed by its
        source stays with it."""
        key = (short, keep_with_next)
        if key not in self._tables:
            name = (
                "Jalons_20_table"
                + ("_20_short" if short else "")
                + ("_20_kept" if keep_with_next else "")
            )
            style = Style(name=name, family="table")
            properties = {
                "width": "17cm",
                "align": "left",
                "marginbottom": "0.2cm",
                "maybreakbetweenrows": "false" if short else "true",
                "bordermodel": "collapsing",
            }
            if keep_with_next:
                properties["keepwithnext"] = "always"
            style.addElement(TableProperties(**properties))
            self.doc.automaticstyles.addElement(style)
            self._tables[key] = style
        return self._tables[key]

    def cell_paragraph(self, kind: str, size: float) -> Style:
        """The paragraph style of a table cell at the table's font size: ``kind`` is
        "heading" (bold, left), "heading_number" (bold, right), "number" (right) or
        "text" (left: a column of words, not of figures)."""
        key = (kind, size)
        if key not in self._cells:
            parent = self.cell_heading if kind.startswith("heading") else self.cell_number
            style = Style(
                name=f"Jalons_20_cell_20_{kind}_{size:g}".replace(".", "_"),
                family="paragraph",
                parentstylename=parent,
            )
            if kind == "heading_number":
                style.addElement(ParagraphProperties(textalign="end"))
            elif kind == "text":
                style.addElement(ParagraphProperties(textalign="start"))
            style.addElement(TextProperties(fontsize=f"{size:g}pt"))
            self.doc.automaticstyles.addElement(style)
            self._cells[key] = style
        return self._cells[key]

    def _paragraph(
        self,
        name,
        *,
        display=None,
        size=None,
        bold=False,
        colour=None,
        align=None,
        margintop=None,
        marginbottom=None,
        marginleft=None,
        keep=False,
        outline=None,
        breakbefore=None,
        tab=False,
    ):
        style = Style(name=name, family="paragraph", displayname=display or name)
        if outline:
            style.setAttribute("defaultoutlinelevel", str(outline))
        paragraph = {}
        for key, value in (
            ("margintop", margintop),
            ("marginbottom", marginbottom),
            ("marginleft", marginleft),
            ("textalign", align),
            ("breakbefore", breakbefore),
        ):
            if value:
                paragraph[key] = value
        if keep or outline:
            paragraph["keepwithnext"] = "always"
        if paragraph or tab:
            properties = ParagraphProperties(**paragraph)
            if tab:  # the page number of a table of contents, at the right margin
                stops = TabStops()
                stops.addElement(
                    TabStop(position=TEXT_WIDTH, type="right", leaderstyle="dotted", leadertext=".")
                )
                properties.addElement(stops)
            style.addElement(properties)
        text = {}
        if size:
            text["fontsize"] = size
        if bold:
            text["fontweight"] = "bold"
        if colour:
            text["color"] = colour
        if text:
            style.addElement(TextProperties(**text))
        self.doc.styles.addElement(style)
        return style

    def _page(self, document: OffreDocument, template_version: str) -> None:
        layout = PageLayout(name="Jalons_20_A4")
        layout.addElement(
            PageLayoutProperties(
                pagewidth="21cm",
                pageheight="29.7cm",
                margintop="2cm",
                marginbottom="1.5cm",
                marginleft="2cm",
                marginright="2cm",
                printorientation="portrait",
            )
        )
        self.doc.automaticstyles.addElement(layout)
        # The cover has no footer, as in the PDF; the pages after it have the standard one.
        cover = MasterPage(name="Couverture", pagelayoutname=layout, nextstylename="Standard")
        self.doc.masterstyles.addElement(cover)
        self.cover_start = Style(
            name="Jalons_20_cover_20_start",
            family="paragraph",
            parentstylename=self.kicker,
            masterpagename="Couverture",
        )
        self.doc.automaticstyles.addElement(self.cover_start)
        master = MasterPage(name="Standard", pagelayoutname=layout)
        footer = Footer()
        line = P(stylename=self.footer)
        line.addText(common.footer_text(document) + " – page ")
        line.addElement(PageNumber(selectpage="current", text="1"))
        line.addText(" sur ")
        line.addElement(PageCount(text="1"))
        footer.addElement(line)
        master.addElement(footer)
        self.doc.masterstyles.addElement(master)
