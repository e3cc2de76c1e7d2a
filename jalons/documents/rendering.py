"""HTML templates to PDF with WeasyPrint, without any external resource.

The print stylesheet is inlined in each document; fonts are the system's (DejaVu
Sans, else any sans-serif). Each document names the template version and the
generation date in its metadata, and the generation date in its footer.
"""

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from jalons.documents.french import french_spacing_html, plural
from jalons.taches.progress import report

# Bump a version when the layout or the content rules of a document change.
TEMPLATE_VERSIONS = {
    "attestation": "attestation-competences v3",
    "cv": "projet-de-cv v3",
    "livret": "livret-accueil v2",
    "bilan": "bilan-salarie v2",
}


@dataclass(frozen=True)
class Produced:
    """What produced a document: shown in the footer and the PDF metadata."""

    template: str
    version: str
    generated_at: dt.datetime
    structure_name: str

    @property
    def footer(self) -> str:
        local = timezone.localtime(self.generated_at)
        # The template's version stays in the PDF metadata (for us), not in the text
        # the person reads.
        return f"Produit par Jalons pour {self.structure_name} le {local:%d/%m/%Y à %H:%M}"

    @property
    def footer_css(self) -> str:
        """The footer as a CSS string body (quoted in the template's @page rule)."""
        text = self.footer.replace("\\", "\\\\").replace('"', '\\"')
        return text.replace("<", "\\3C ").replace(">", "\\3E ")


def produced(*, template: str, structure) -> Produced:
    return Produced(
        template=template,
        version=TEMPLATE_VERSIONS[template],
        generated_at=timezone.now(),
        structure_name=structure.name,
    )


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, context)


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"Ressource externe refusée dans un document : {url}")


def html_to_document(html: str):
    """The laid-out document (its ``pages`` can be counted), with the no-break spaces
    of French typography (``french_spacing``) in every PDF Jalons writes."""
    from weasyprint import HTML

    return HTML(string=french_spacing_html(html), url_fetcher=_no_fetch).render()


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1): headings, tables and reading order for screen readers.

    Reports its progress (``jalons.taches.progress``): the layout is most of the time."""
    report(0.05, "Mise en page du document…")
    document = html_to_document(html)
    pages = len(document.pages)
    laid_out = plural(pages, "page mise en page", "pages mises en page")
    report(0.8, f"{laid_out}, écriture du PDF…")
    return document.write_pdf(pdf_variant="pdf/ua-1")


def warm_up() -> None:
    """Load WeasyPrint, Pango and the fonts once (the first PDF of a process pays it)."""
    html_to_pdf('<html lang="fr"><body style="font-family: DejaVu Sans">Jalons</body></html>')
