"""The "état statistique" of an observatory edition as a PDF (WeasyPrint).

The page and the PDF are built from the same ``edition_context``: same tables, same
charts (the SVG of ``jalons.observatoire.charts``), same secret cells. The PDF adds a
cover (perimeter, period, rule set and version, dates, thresholds and what "secret"
means), a table of contents, page numbers and the definitions.
"""

from django.utils import timezone

from jalons.documents.rendering import html_to_pdf, render_html
from jalons.observatoire.charts import table_chart
from jalons.observatoire.edition import PRIMARY, REVISED, SECONDARY, Edition
from jalons.observatoire.exports import column_labels, reader_definitions, secret_explanations
from jalons.rules.definitions import DEFINITIONS

TEMPLATE_VERSION = "etat-statistique-observatoire v1"
# Indicator definitions of the rules engine that the edition's rates use.
ENGINE_DEFINITIONS = [
    "sorties",
    "sorties_examinees",
    "emploi_durable",
    "emploi_transition",
    "sortie_positive",
    "taux_sortie_dynamique",
    "suivi",
]


def _reasons(tables) -> list[str]:
    found = {c.reason for t in tables for r in t.rows for c in r.cells if c.hidden or c.reason}
    return [r for r in (PRIMARY, SECONDARY, REVISED) if r in found]


def edition_context(edition: Edition) -> dict:
    """What the page and the PDF show of an edition."""
    sections = [
        {
            "table": table,
            "columns": column_labels(table),
            "chart": table_chart(table),
            "anchor": f"tableau-{table.key}",
        }
        for table in edition.tables
    ]
    structure_sections = [
        {
            "table": table,
            "columns": column_labels(table),
            "chart": table_chart(table),
            "anchor": f"structures-{table.key}",
        }
        for table in edition.structures
    ]
    definitions = reader_definitions(edition)
    known = {label for label, _ in definitions}
    definitions += [DEFINITIONS[k] for k in ENGINE_DEFINITIONS if DEFINITIONS[k][0] not in known]
    return {
        "edition": edition,
        "sections": sections,
        "structure_sections": structure_sections,
        "secret": secret_explanations(edition),
        "reasons": _reasons([*edition.tables, *edition.structures]),
        "definitions": definitions,
        "computed_at": timezone.localtime(edition.computed_at),
        "generated_at": timezone.localtime(edition.generated_at),
        "published_at": timezone.localtime(edition.published_at) if edition.published_at else None,
    }


# A place's name is never cut at its hyphen (« Hauts-de- / France »): the footer, a
# CSS string with no markup, takes the non-breaking hyphen (the page's text, a span).
NON_BREAKING_HYPHEN = "\u2011"


def footer_text(edition: Edition) -> str:
    generated = timezone.localtime(edition.generated_at)
    number = f"édition n° {edition.number} " if edition.number else ""
    label = edition.perimeter.label.replace("-", NON_BREAKING_HYPHEN)
    return (
        f"Observatoire Jalons – {label} – {edition.period_label} – "
        f"{number}publiée le {generated:%d/%m/%Y à %H:%M}"
    )


def _css_string(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("<", "\\3C ").replace(">", "\\3E ")


def edition_html(edition: Edition) -> str:
    context = edition_context(edition)
    context.update(
        template_version=TEMPLATE_VERSION,
        footer_css=_css_string(footer_text(edition)),
        in_pdf=True,
    )
    return render_html("observatoire/pdf/edition.html", context)


def edition_pdf(edition: Edition) -> bytes:
    return html_to_pdf(edition_html(edition))
