"""One entry point for every export of an OS, shared by the views and the command line."""

from dataclasses import dataclass

from jalons.offre.builder import build_document
from jalons.offre.exports import common
from jalons.taches.progress import part, report


@dataclass(frozen=True)
class Format:
    label: str
    extension: str
    content_type: str
    prefix: str = "offre-de-services"


FORMATS = {
    "pdf": Format("Offre de services (PDF)", "pdf", "application/pdf"),
    "docx": Format(
        "Offre de services (DOCX)",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": Format("Offre de services (ODT)", "odt", "application/vnd.oasis.opendocument.text"),
    "dialogue": Format(
        "Dossier du dialogue de gestion (PDF)", "pdf", "application/pdf", "dialogue-de-gestion"
    ),
}


@dataclass(frozen=True)
class Produced:
    content: bytes
    file_name: str
    template_version: str


def produce(*, offre, kind: str, document=None) -> Produced:
    """The export of an OS in one format, with its file name and template version."""
    with part(0.0, 0.3):
        report(0.0, "Calcul des chiffres de la structure…")
        document = document or build_document(offre)
    with part(0.3, 1.0):
        report(0.0, f"Rédaction du document ({FORMATS[kind].label})…")
        return _render(offre=offre, kind=kind, document=document)


def _render(*, offre, kind: str, document) -> Produced:
    if kind == "pdf":
        from jalons.offre.exports.pdf import render_pdf

        content = render_pdf(document)
    elif kind == "docx":
        from jalons.offre.exports.docx import render_docx

        content = render_docx(document)
    elif kind == "odt":
        from jalons.offre.exports.odt import render_odt

        content = render_odt(document)
    elif kind == "dialogue":
        from jalons.offre.dialogue import render_dialogue_pdf

        content = render_dialogue_pdf(offre=offre, document=document)
    else:
        raise ValueError(f"Format d'export inconnu : {kind}")
    spec = FORMATS[kind]
    return Produced(
        content=content,
        file_name=common.file_name(document, spec.extension, prefix=spec.prefix),
        template_version=common.TEMPLATE_VERSIONS[kind],
    )
