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

# Bump a version when the layout or the content rules of an export change; the
# version is written in the metadata and in the trace (annex) of each document, never
# in the footer the reader sees on every page (an internal identifier).
TEMPLATE_VERSIONS = {
    "pdf": "offre-de-services-pdf v3",
    "docx": "offre-de-services-docx v3",
    "odt": "offre-de-services-odt v3",
    "dialogue": "dialogue-de-gestion-pdf v3",
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
    """15/01/2026: every date of these documents is written so (cover, comments,
    sources of the figures, annexes, footers), never « 15 janvier 2026 » beside
    « 15/01/2026 »."""
    return f"{day:%d/%m/%Y}"


def datetime_fr(moment: dt.datetime) -> str:
    """15/01/2026 à 10:30, in Paris time."""
    moment = local(moment)
    return f"{date_fr(moment.date())} à {moment:%H:%M}"


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(PARIS) if moment.tzinfo is not None else moment


# An ISO date (2025-03-01) in a text meant for the reader, written 01/03/2025.
_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")


def french_dates(text: str) -> str:
    """The text with every ISO date written the French way (dd/mm/yyyy), as in the
    other lines of the annexes."""
    return _ISO_DATE.sub(r"\3/\2/\1", text)


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
    """Objective and result of each year; the year after the Offre's has no result
    yet: only its proposed objective."""
    columns = ["Indicateur", "Unité"]
    for year in document.objective_years:
        if year > document.year:
            columns.append(f"Objectif {year} (proposé)")
        else:
            columns += [f"Objectif {year}", f"Résultat {year}"]
    return columns


def objectives_rows(document: OffreDocument) -> list[list[str]]:
    rows = []
    for line in document.objectives:
        row = [line.label, line.unit]
        for year in document.objective_years:
            objective, result = line.years.get(year, ("", ""))
            row += [objective or "–"] if year > document.year else [objective or "–", result or "–"]
        rows.append(row)
    return rows


def objectives_notes(document: OffreDocument) -> list[str]:
    """The comments of the objective lines, printed under the table."""
    return [f"{line.label} : {line.comment}" for line in document.objectives if line.comment]


# The space between a number and its unit: « 55,6 % », « 312,5 h » stay on one line.
_UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:%|h|€|ETP|pts?)(?!\w))")


# A figure: « 12 », « 1 234 », « − 1 », « 55,6 % », « 185 000,00 € », « 12 (40 %) »…
_FIGURE = re.compile(
    r"[−\-+±]?\s?\d[\d\s\u00a0\u202f]*(?:[,.]\d+)?"
    r"(?:\s?(?:%|h|€|k€|ETP|pts?|points?|mois|ans?))?(?:\s?\(.*\))?"
)
# What stands in a column of figures when there is none.
_NO_FIGURE = {"", "–", "—", "-", "n.c.", "n.d.", "secret", "?"}


def figure_columns(rows: list[list[str]], count: int) -> list[bool]:
    """For each column, whether it holds figures (right-aligned, like numbers in a
    spreadsheet) rather than text (left-aligned): the first column never does, a
    column does when each of its cells is a figure or a dash."""
    flags = [False] * count
    for index in range(1, count):
        cells = [str(row[index]).strip() for row in rows if index < len(row)]
        shown = [c for c in cells if c not in _NO_FIGURE]
        flags[index] = bool(shown) and all(_FIGURE.fullmatch(c) for c in shown)
    return flags


def cell_text(text: str) -> str:
    """A table cell's text with each number kept on the line of its unit."""
    return _UNIT_SPACE.sub("\u00a0", text or "")


def comment_heading(comment: Comment, document: OffreDocument | None = None) -> str:
    """Who wrote the comment, when, and on which section: the section under the number
    it has in this document (numbers are continuous there, see ``shown_sections``), or
    by its title alone when the document leaves it out."""
    about = " – sur le dossier"
    if comment.section_title:
        title = comment.section_title
        if document is not None and comment.section_key:
            shown = {s.key: s for s in shown_sections(document)}
            if comment.section_key in shown:
                title = heading_text(shown[comment.section_key])
            else:
                title = next(
                    (s.title for s in document.sections if s.key == comment.section_key), title
                )
        about = f" – sur « {title} »"
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
    """The sections a document prints, numbered as printed. A draft prints them all
    (an empty one says it is not written yet). A submitted or validated OS leaves out
    the optional sub-sections left empty (submission refuses empty required ones) and
    a part left with nothing under it: the DDETS never reads « pas encore rédigée » in
    a transmitted dossier.

    The sub-sections that remain are numbered one after the other within their part
    (1.1, 1.2, 1.3… with no gap where a section was left out), in the document and its
    table of contents alike. ``Section.number`` in the ``OffreDocument`` stays the
    catalogue's: the pages of the OS, the checks before transmission, the DDETS
    comments and the differences between versions name a section by that stable
    number. The parts keep theirs: they are the axes of the circulaire (« Axe 3 »
    is always the training), and none is ever left out of a transmitted OS, each
    having a required sub-section."""
    return renumbered(_kept_sections(document))


def renumbered(sections: list[Section]) -> list[Section]:
    """The sub-sections numbered in order within their part (« 1.4 » then « 1.6 »
    become « 1.4 » then « 1.5 »); parts and unnumbered sections unchanged."""
    counters: dict[str, int] = {}
    result = []
    for section in sections:
        prefix, dot, _ = section.number.rpartition(".")
        if section.level > 1 and dot:
            counters[prefix] = counters.get(prefix, 0) + 1
            number = f"{prefix}.{counters[prefix]}"
            if number != section.number:
                section = dataclasses.replace(section, number=number)
        result.append(section)
    return result


def _kept_sections(document: OffreDocument) -> list[Section]:
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


CALCULATED = "Chiffres calculés le"


def trace_lines(document: OffreDocument, template_version: str) -> list[str]:
    """The trace annex: every date written dd/mm/yyyy, and the date of the figures
    said once (the document's own trace says it too; a frozen version's may carry an
    older wording)."""
    calculated = f"{CALCULATED} {date_fr(document.figures_date)}" + (
        " et figés à la transmission." if document.frozen else "."
    )
    lines = []
    for line in document.trace:
        if line.startswith(CALCULATED):
            if calculated not in lines:
                lines.append(calculated)
        else:
            lines.append(french_dates(line))
    if calculated not in lines:
        lines.append(calculated)
    lines.append(
        f"Document produit par Jalons le {datetime_fr(document.generated_at)} "
        f"(mise en page : {template_version})."
    )
    return lines


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
    document: OffreDocument, template_version: str = "", *, title: str = "Offre de Services"
) -> str:
    """The footer of every page: what the document is, for whom, and when Jalons
    produced it, in plain French. The template version (an internal identifier) is
    in the metadata and the trace annex, not here; ``template_version`` is accepted
    for the callers that still pass it."""
    produced = local(document.generated_at).date()
    return (
        f"{title} {document.year} – {document.structure_name} – "
        f"produit par Jalons le {date_fr(produced)}"
    )


def rule_set_heading(rule_set) -> str:
    """« Circulaire 2008 – Circulaire DGEFP n° 2008-21 (2008), version 1 »; the short
    title once when the full one begins with it (« Proposition URIAE (2009), version 1 »)."""
    title = rule_set.titre
    if rule_set.titre_court and not title.startswith(rule_set.titre_court):
        title = f"{rule_set.titre_court} – {title}"
    return f"{title}, version {rule_set.version}"
