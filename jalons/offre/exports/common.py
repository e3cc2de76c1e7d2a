"""What every rendering of an ``OffreDocument`` shares: the order of the content, the
reading of the structure's texts, headings, file names and the template versions.

The PDF, DOCX and ODT renderers walk the same ``parts(document)`` so their content and
order cannot drift apart. No Django import here.
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from jalons.offre.document import Comment, OffreDocument, Section
from jalons.rules.dates import MONTH_NAMES

# Bump a version when the layout or the content rules of an export change; the
# version is printed in the footer and in the trace of each document.
TEMPLATE_VERSIONS = {
    "pdf": "offre-de-services-pdf v2",
    "docx": "offre-de-services-docx v2",
    "odt": "offre-de-services-odt v2",
    "dialogue": "dialogue-de-gestion-pdf v2",
}

PARIS = ZoneInfo("Europe/Paris")


OBJECTIVES_TITLE = "Objectifs et résultats"
COMMENTS_TITLE = "Commentaires de la DDETS"
DEFINITIONS_TITLE = "Annexe A – Définitions des indicateurs"
TRACE_TITLE = "Annexe B – Traçabilité"


# Characters XML 1.0 forbids (text pasted from other software can carry them); vertical
# tab and form feed become spaces, the others are dropped.
_INVALID_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    return _INVALID_XML.sub("", text.replace("\x0b", " ").replace("\x0c", " "))


def cleaned(value):
    """The document (or any part of it) with every string safe for XML formats."""
    if isinstance(value, str):
        return clean_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: cleaned(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [cleaned(v) for v in value]
    if isinstance(value, tuple):
        return tuple(cleaned(v) for v in value)
    if isinstance(value, dict):
        return {k: cleaned(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Block:
    """A piece of a section's text: a paragraph or a bulleted list."""

    kind: str  # "paragraph" or "bullets"
    text: str = ""
    items: tuple[str, ...] = ()


def text_blocks(text: str) -> list[Block]:
    """Paragraphs split by blank lines; lines starting with "- " (or "• ", "* ") are
    bullets; other consecutive lines are joined into one paragraph."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        paragraph: list[str] = []
        bullets: list[str] = []
        for raw in chunk.split("\n"):
            line = raw.strip()
            if not line:
                continue
            bullet = re.match(r"^[-•*]\s+(.*)$", line)
            if bullet:
                _flush(blocks, paragraph, bullets, keep="bullets")
                bullets.append(bullet.group(1).strip())
            elif bullets and raw[:1].isspace():
                bullets[-1] += " " + line  # continuation of a bullet
            else:
                _flush(blocks, paragraph, bullets, keep="paragraph")
                paragraph.append(line)
        _flush(blocks, paragraph, bullets)
    return blocks


def _flush(blocks: list[Block], paragraph: list[str], bullets: list[str], keep: str = "") -> None:
    """Close the open paragraph or list (except the kind being continued)."""
    if paragraph and keep != "paragraph":
        blocks.append(Block("paragraph", " ".join(paragraph)))
        paragraph.clear()
    if bullets and keep != "bullets":
        blocks.append(Block("bullets", items=tuple(bullets)))
        bullets.clear()


def heading_text(section: Section) -> str:
    if section.number in ("", "P") or section.title.startswith(f"Axe {section.number} "):
        return section.title  # "Axe 1 – Accueil…" already carries its number
    return f"{section.number} {section.title}"


def date_fr(day: dt.date) -> str:
    """15 janvier 2026 (1er for the first day of the month)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]} {day.year}"


def datetime_fr(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(PARIS)
    return f"{date_fr(moment.date())} à {moment:%H:%M}"


def version_label(document: OffreDocument) -> str:
    if document.version == 0:
        return "Brouillon en cours (chiffres calculés à la date de génération)"
    frozen = "chiffres figés à la transmission" if document.frozen else "chiffres à jour"
    return f"Version {document.version} ({frozen})"


def document_title(document: OffreDocument) -> str:
    return f"Offre de Services {document.year} – {document.structure_name}"


def file_name(document: OffreDocument, extension: str, *, prefix="offre-de-services") -> str:
    identifier = re.sub(r"[^A-Za-z0-9_-]+", "-", document.structure_identifier).strip("-")
    return f"{prefix}-{identifier or 'structure'}-{document.year}.{extension}"


def objectives_section_key(document: OffreDocument) -> str | None:
    """The part where the objectives table goes: the catalogue's objectives part if
    any, else ``None`` (the table then gets a part of its own after the sections)."""
    for section in document.sections:
        if section.level == 1 and section.key.split(".")[0].startswith("objectif"):
            return section.key
    return None


def objectives_columns(document: OffreDocument) -> list[str]:
    columns = ["Indicateur", "Unité"]
    for year in document.objective_years:
        columns += [f"Objectif {year}", f"Résultat {year}"]
    return columns


def objectives_rows(document: OffreDocument) -> list[list[str]]:
    rows = []
    for line in document.objectives:
        row = [line.label, line.unit]
        for year in document.objective_years:
            objective, result = line.years.get(year, ("", ""))
            row += [objective or "–", result or "–"]
        rows.append(row)
    return rows


def objectives_notes(document: OffreDocument) -> list[str]:
    """The comments of the objective lines, printed under the table."""
    return [f"{line.label} : {line.comment}" for line in document.objectives if line.comment]


# The space between a number and its unit: « 55,6 % », « 312,5 h » stay on one line.
_UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:%|h|€|ETP|pts?)(?!\w))")


def cell_text(text: str) -> str:
    """A table cell's text with each number kept on the line of its unit."""
    return _UNIT_SPACE.sub("\u00a0", text or "")


def comment_heading(comment: Comment) -> str:
    about = f" – sur « {comment.section_title} »" if comment.section_title else " – sur le dossier"
    return f"{comment.author}, le {datetime_fr(comment.at)}{about}"


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    text: str
    level: int


@dataclass
class Part:
    """One heading of the rendered document with what comes under it."""

    anchor: str
    heading: str
    level: int
    kind: str  # "section", "objectives", "comments", "definitions", "trace"
    section: Section | None = None
    with_objectives: bool = False
    extra: dict = field(default_factory=dict)
    blocks: list = field(default_factory=list)  # filled by the renderers
    figures: list = field(default_factory=list)
    placeholder: str = ""  # « pas encore rédigée » for an empty part of a draft


EMPTY_SECTION = "Cette partie n'est pas encore rédigée."


def is_draft(document: OffreDocument) -> bool:
    """A live draft (version 0); a submitted or validated OS is read from a version."""
    return document.version == 0


def is_empty(section: Section) -> bool:
    return not section.text.strip() and not section.figures


def shows_placeholder(document: OffreDocument, part: "Part") -> bool:
    """Whether an empty sub-section says « pas encore rédigée »: only in a draft,
    where it tells the team what is left to write."""
    return (
        part.kind == "section"
        and part.section.level > 1
        and is_empty(part.section)
        and is_draft(document)
    )


def shown_sections(document: OffreDocument) -> list[Section]:
    """The sections a document prints. A draft prints them all (an empty one says it
    is not written yet). A submitted or validated OS leaves out the optional
    sub-sections left empty (submission refuses empty required ones) and a part left
    with nothing under it: the DDETS never reads « pas encore rédigée » in a
    transmitted dossier. Catalogue numbers are kept, so a section has the same
    number in every structure's OS."""
    if is_draft(document):
        return list(document.sections)
    objectives_key = objectives_section_key(document)
    kept = [s for s in document.sections if s.level <= 1 or not is_empty(s)]
    shown = []
    for index, section in enumerate(kept):
        if section.level <= 1 and is_empty(section) and section.key != objectives_key:
            following = kept[index + 1] if index + 1 < len(kept) else None
            if following is None or following.level <= 1:
                continue  # a part whose sub-sections were all left out
        shown.append(section)
    return shown


def parts(document: OffreDocument, *, template_version: str) -> list[Part]:
    """Every heading of the document in reading order (the table of contents)."""
    objectives_key = objectives_section_key(document)
    result = [
        Part(
            anchor=f"section-{index}",
            heading=heading_text(section),
            level=1 if section.level <= 1 else 2,
            kind="section",
            section=section,
            with_objectives=section.key == objectives_key,
        )
        for index, section in enumerate(shown_sections(document), start=1)
    ]
    if objectives_key is None and document.objectives:
        result.append(Part("objectifs", OBJECTIVES_TITLE, 1, "objectives", with_objectives=True))
    if document.comments:
        result.append(Part("commentaires", COMMENTS_TITLE, 1, "comments"))
    result.append(Part("definitions", DEFINITIONS_TITLE, 1, "definitions"))
    result.append(
        Part(
            "tracabilite",
            TRACE_TITLE,
            1,
            "trace",
            extra={"lines": trace_lines(document, template_version)},
        )
    )
    return result


def trace_lines(document: OffreDocument, template_version: str) -> list[str]:
    return [
        *document.trace,
        f"Chiffres calculés le {date_fr(document.figures_date)}"
        + (" et figés à la transmission." if document.frozen else "."),
        f"Document produit par Jalons le {datetime_fr(document.generated_at)}, "
        f"modèle « {template_version} ».",
    ]


def cover_lines(document: OffreDocument) -> list[tuple[str, str]]:
    return [
        ("Structure", f"{document.structure_name} ({document.structure_kind})"),
        ("Identifiant", document.structure_identifier),
        ("Organisme gestionnaire", document.organisation),
        ("Département", document.departement),
        ("Année", str(document.year)),
        ("Statut", document.status),
        ("Version", version_label(document)),
        ("Chiffres du", date_fr(document.figures_date)),
        ("Généré le", datetime_fr(document.generated_at)),
    ]


def footer_text(
    document: OffreDocument, template_version: str, *, title: str = "Offre de Services"
) -> str:
    """The footer of every page: what the document is, for whom, from which model."""
    return f"{title} {document.year} – {document.structure_name} – modèle « {template_version} »"
