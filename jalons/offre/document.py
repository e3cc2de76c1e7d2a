"""The Offre de Services as a document: plain data, one source for every rendering.

``jalons.offre.builder`` turns an OS (live figures while a draft, frozen figures once
submitted) into an ``OffreDocument``; the page, the PDF, the DOCX and the ODT all render
this same object, so their content cannot drift apart. No Django import here.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChartSpec:
    """Horizontal bars, drawn as SVG (pages, PDF) or as an image (DOCX, ODT)."""

    title: str
    bars: list[tuple[str, float]]  # (label, value)
    unit: str = ""  # "%", "h", "" ...
    decimals: int = 0


@dataclass(frozen=True)
class Figure:
    """A table of the structure's own figures inserted in a section."""

    key: str  # stable identifier, e.g. "orientations_par_prescripteur"
    title: str
    columns: list[str]  # header labels
    rows: list[list[str]]  # cells already formatted the French way ("12,5 %")
    chart: ChartSpec | None = None
    source: str = ""  # what produced it: period, rule set and version, date of data
    note: str = ""  # e.g. "3 sorties sans motif ne sont pas comptées"


@dataclass(frozen=True)
class Section:
    key: str  # stable identifier from the catalogue, e.g. "axe1.recrutement"
    number: str  # "1.2"; parts have "1", "2"...; the presentation has "P"
    title: str
    level: int  # 1 = part (présentation, axe, objectifs), 2 = sub-section
    text: str  # the structure's text: paragraphs split by blank lines, "- " bullets
    figures: list[Figure] = field(default_factory=list)
    required: bool = False


@dataclass(frozen=True)
class ObjectiveLine:
    label: str  # "Taux de sortie dynamique"
    unit: str  # "%", "ETP", "personnes", ...
    # year -> (objective, result), each already formatted ("" when unknown)
    years: dict[int, tuple[str, str]]
    comment: str = ""


@dataclass(frozen=True)
class Comment:
    author: str  # "Thomas Morel (DDETS du Nord)"
    at: dt.datetime
    section_title: str  # "" for the whole dossier; catalogue number and title
    text: str
    section_key: str = ""  # the catalogue key, to name the section as a document numbers it


@dataclass(frozen=True)
class OffreDocument:
    structure_name: str
    structure_kind: str  # ACI, EI, ETTI, AI, EITI
    structure_identifier: str
    organisation: str
    departement: str  # "Nord (59)"
    year: int
    status: str  # "Brouillon", "Transmise à la DDETS", "Validée"
    version: int  # 0 for a live draft, else the version number
    frozen: bool  # figures frozen at submission
    figures_date: dt.date  # date the figures were computed
    generated_at: dt.datetime
    sections: list[Section]  # in the order of the catalogue
    objective_years: list[int]  # column order of the objectives table
    objectives: list[ObjectiveLine]
    definitions: list[tuple[str, str]]  # (term, definition) of every indicator shown
    trace: list[str]  # rule sets with their version, reference date, template version
    comments: list[Comment] = field(default_factory=list)
