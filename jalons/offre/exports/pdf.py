"""The Offre de Services as a typeset PDF (WeasyPrint): cover, table of contents with
page numbers, parts and sub-sections, figures with their charts, objectives,
DDETS comments, definitions and trace in annexes, "page X sur Y" in the footers."""

from functools import cache
from pathlib import Path

from django.template import Context, Engine

from jalons.documents.rendering import html_to_pdf
from jalons.offre.document import ChartSpec, OffreDocument
from jalons.offre.exports import common
from jalons.web.charts import Bar, horizontal_bar_chart

TEMPLATE_VERSION = common.TEMPLATE_VERSIONS["pdf"]


@cache
def engine() -> Engine:
    """The export templates live beside this module (not in an app's ``templates``);
    ``francais`` (plural and gender agreement) and ``dates_fr`` are loaded in every
    one of them."""
    return Engine(
        dirs=[str(Path(__file__).parent / "templates")],
        app_dirs=False,
        builtins=[
            "jalons.documents.templatetags.francais",
            "jalons.offre.exports.template_filters",
        ],
    )


def render_html(template_name: str, context: dict) -> str:
    return engine().get_template(template_name).render(Context(context))


def chart_svg(spec: ChartSpec | None):
    """The same SVG as the pages (``jalons.web.charts``), from the document's ChartSpec."""
    if spec is None or not spec.bars:
        return ""
    return horizontal_bar_chart(
        title=spec.title,
        bars=[Bar(label, value) for label, value in spec.bars],
        unit=spec.unit,
        decimals=spec.decimals,
    )


def css_string(text: str) -> str:
    """A text as the body of a double-quoted CSS string (footers)."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return text.replace("<", "\\3C ").replace(">", "\\3E ")


def rendered_parts(document: OffreDocument, *, template_version: str) -> list[common.Part]:
    """The parts with their text blocks and figures (table + SVG chart) ready to print."""
    result = common.parts(document, template_version=template_version)
    for part in result:
        part.blocks = common.text_blocks(part.section.text) if part.section else []
        part.placeholder = common.EMPTY_SECTION if common.shows_placeholder(document, part) else ""
        part.figures = (
            [(figure, chart_svg(figure.chart)) for figure in part.section.figures]
            if part.section
            else []
        )
    return result


def document_context(document: OffreDocument, *, template_version: str) -> dict:
    """What the templates need to print an OS (also reused by the dialogue dossier)."""
    parts = rendered_parts(document, template_version=template_version)
    footer = common.footer_text(document, template_version)
    comments = [
        {"heading": common.comment_heading(c, document), "blocks": common.text_blocks(c.text)}
        for c in document.comments
    ]
    return {
        "document": _DocumentView(document, comments),
        "parts": parts,
        "toc": parts,
        "cover": common.cover_lines(document),
        "objectives_columns": common.objectives_columns(document),
        "objectives_rows": common.objectives_rows(document),
        "objectives_notes": common.objectives_notes(document),
        "template_version": template_version,
        "footer": footer,
        "footer_css": css_string(footer),
    }


class _DocumentView:
    """The document with its comments prepared for printing (the rest is delegated)."""

    def __init__(self, document: OffreDocument, comments: list[dict]):
        self._document = document
        self.comments = comments

    def __getattr__(self, name):
        return getattr(self._document, name)


def offre_html(document: OffreDocument) -> str:
    document = common.cleaned(document)
    context = document_context(document, template_version=TEMPLATE_VERSION)
    context.update(
        title=common.document_title(document),
        kicker="Offre de Services",
        cover_title=f"Offre de Services {document.year}",
    )
    return render_html("offre_exports/offre.html", context)


def render_pdf(document: OffreDocument) -> bytes:
    return html_to_pdf(offre_html(document))
