"""An edition as an XLSX workbook, from the same data as the pages.

Hidden cells carry no value in the edition (``Cell.value is None``); here they become
the text « secret (primaire) » or « secret (secondaire) » (``secret_label``), never a
number. Every text is a string cell (``jalons.rules.tabular``): no spreadsheet can run
a label as a formula.

French sheet names (``sheet_title``); each table sheet (``xlsx_table``) has a native bar
chart (``xlsx_chart``). As printed or seen in French Calc or Excel (``xlsx_layout``):
headers wrapped on whole words and frozen, numbers with a thousands separator
(``#,##0``, ``#,##0.0``, ``0.0 %``: « 1 234,5 »), the print area the table and its
chart; the values the chart draws lie to the right of it.
"""

import io

from django.utils.timezone import localtime
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.page import PageMargins

from jalons.observatoire.edition import PRIMARY, REVISED, SECONDARY, Edition, Table
from jalons.observatoire.exports.common import (
    reader_definitions,
    rule_set_label,
    secret_explanations,
    secret_label,
    table_family,
)
from jalons.observatoire.exports.xlsx_layout import HEADER_FONT, WRAP_LEFT, line_count
from jalons.observatoire.exports.xlsx_table import table_sheet
from jalons.rules.tabular import xlsx_append


def edition_to_xlsx(edition: Edition) -> bytes:
    """The workbook: a cover (« Présentation ») that stamps the edition and links to
    each table's sheet, one sheet per table, the definitions; each printable."""
    workbook = Workbook()
    sheets = _cover(workbook.active, edition)
    one_page = {
        title for title, table in sheets if table_sheet(workbook.create_sheet(title), table)
    }
    _definitions(workbook.create_sheet("Définitions"), edition)
    for sheet in workbook.worksheets:
        _print_setup(sheet, one_page=sheet.title in one_page)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Cover -------------------------------------------------------------------------


def _cover(cover, edition: Edition) -> list[tuple[str, Table]]:
    """The cover: the edition's stamp, then a link to each table's sheet. Returns the
    sheets to write, (title, table), in the order of the links."""
    cover.title = "Présentation"
    xlsx_append(cover, ["État statistique de l'insertion par l'activité économique"])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([])
    for label, value in _stamp_lines(edition):
        cells = xlsx_append(cover, [label, value])
        for cell in cells:
            cell.alignment = WRAP_LEFT
        lines = line_count(value, 90, bold=False)
        if lines > 1:
            cover.row_dimensions[cells[0].row].height = 15.0 * lines
    cover.append([])
    sheets = _table_links(cover, edition)
    cover.column_dimensions["A"].width = 32
    cover.column_dimensions["B"].width = 90
    return sheets


def _table_links(cover, edition: Edition) -> list[tuple[str, Table]]:
    """The list of the tables, each a link to its sheet (titled by ``sheet_title``)."""
    xlsx_append(cover, ["Tableaux (cliquer pour ouvrir la feuille)"])
    cover.cell(row=cover.max_row, column=1).font = HEADER_FONT
    used: set[str] = set()
    sheets = []
    for table in [*edition.tables, *edition.structures]:
        title = sheet_title(table, used)
        sheets.append((title, table))
        link = xlsx_append(cover, [title, table.title])[0]
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{title}'!A1")
        link.style = "Hyperlink"
    return sheets


def _stamp_lines(edition: Edition) -> list[tuple[str, str]]:
    """The cover's (label, value) lines: what the edition is, when and how it was made,
    what « secret » means."""
    versions = " ; ".join(
        rule_set_label(n, v) for n, v in sorted(edition.rule_set_versions.items())
    )
    lines = [
        ("Périmètre", edition.perimeter.label),
        ("Période", edition.period_label),
        ("Jeu de règles des taux", rule_set_label(edition.rule_set, edition.rule_set_version)),
        ("Versions des jeux de règles", versions or "—"),
        # Local (French) time, as on the page and in the PDF; the stamps are in UTC.
        ("Chiffres calculés le", localtime(edition.computed_at).strftime("%d/%m/%Y à %H:%M")),
        ("État produit le", localtime(edition.generated_at).strftime("%d/%m/%Y à %H:%M")),
        ("Édition", edition_label(edition)),
        (
            "Seuils de secret",
            f"au moins {edition.thresholds.structures} structures et "
            f"{edition.thresholds.people} personnes par case",
        ),
    ]
    if edition.reference_date:
        lines.append(("Date de référence des suivis", edition.reference_date.strftime("%d/%m/%Y")))
    notes = secret_explanations(edition)
    lines += [
        (secret_label(PRIMARY), f"Secret primaire : {notes[PRIMARY]}."),
        (secret_label(SECONDARY), f"Secret secondaire : {notes[SECONDARY]}."),
    ]
    if any(c.reason == REVISED for t in edition.tables for r in t.rows for c in r.cells):
        revised = notes["revise"]
        lines.append(("Chiffres révisés non publiés", f"{revised[0].upper()}{revised[1:]}."))
    lines += [("Remarque", note) for note in edition.notes]
    return lines


def edition_label(edition: Edition) -> str:
    """« n° 2, publiée le 03/12/2026 à 18:40 », or why there is no number."""
    if not edition.number or edition.published_at is None:
        return "non publiée (chiffres de la structure)"
    published = localtime(edition.published_at).strftime("%d/%m/%Y à %H:%M")
    return f"n° {edition.number}, publiée le {published}"


def _definitions(sheet, edition: Edition) -> None:
    """The definitions of the indicators, « secret » explained (``reader_definitions``)."""
    xlsx_append(sheet, ["Indicateur", "Définition"])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    for label, text in reader_definitions(edition):
        for cell in xlsx_append(sheet, [label, text]):
            cell.alignment = WRAP_LEFT
        lines = max(line_count(label, 40, bold=False), line_count(text, 90, bold=False))
        sheet.row_dimensions[sheet.max_row].height = 15.0 * lines
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 90
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"


def _print_setup(sheet, *, one_page: bool) -> None:
    """Printable: A4 landscape, as wide as the page, on one page when ``one_page``; the
    sheet's name and the page number in the footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(
        left=0.5, right=0.5, top=0.6, bottom=0.8, header=0.3, footer=0.3
    )
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.right.text = "Page &P sur &N"


# Sheet names -------------------------------------------------------------------

_FAMILY_TABS = {
    "activite": "Activité",
    "publics": "Publics",
    "durees": "Durées",
    "sorties": "Sorties",
    "regles": "Jeux de règles",
    "suivi_3": "Suivi à 3 mois",
    "suivi_6": "Suivi à 6 mois",
    "suivi_12": "Suivi à 12 mois",
}
_DIMENSION_TABS = {"type": "par type", "departement": "par département", "reseau": "par réseau"}
_RESERVED = {"présentation", "définitions", "history", "historique"}
_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


def _tab(table: Table) -> str:
    """The sheet name of a table before it is made valid: « Sorties par département »."""
    family, dimension = table_family(table.key)
    name = _FAMILY_TABS.get(family)
    if name and table.key.startswith("structures_"):
        return f"{name} des structures"
    if name and dimension in _DIMENSION_TABS:
        return f"{name} {_DIMENSION_TABS[dimension]}"
    # Unknown table: the start of its title, cut at a word.
    words, title = table.title.split(" — ")[0].split(), ""
    for word in words:
        if len(f"{title} {word}".strip()) > 31:
            break
        title = f"{title} {word}".strip()
    return title.rstrip(",;") or table.key


def sheet_title(table: Table, used: set[str]) -> str:
    """A readable French sheet name: at most 31 characters, none of []:*?/\\, no
    apostrophe at either end, unique in the workbook (Excel ignores case)."""
    base = _tab(table).translate(_FORBIDDEN).strip().strip("'")[:31].strip() or "Tableau"
    title, n = base, 2
    while title.casefold() in used or title.casefold() in _RESERVED:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)].rstrip() + suffix, n + 1
    used.add(title.casefold())
    return title
