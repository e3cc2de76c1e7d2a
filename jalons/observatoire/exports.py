"""An edition as an XLSX workbook or a CSV file, from the same data as the pages.

Hidden cells carry no value in the edition (``Cell.value is None``); here they become
the text "secret" (XLSX) or an empty value with a "secret" marker (CSV), never a
number. Every text goes through ``jalons.rules.tabular``: no spreadsheet can run a
label as a formula (string cells in the XLSX, an apostrophe in front in the CSV).

CSV: a French-locale file, what French Excel opens correctly by double-click:
semicolon separator, UTF-8 with BOM, decimal comma in ``valeur`` (a number a
spreadsheet can add up, full precision, no thousands separator, no unit) and the
page's formatting in ``valeur_affichee``.

Readers see French everywhere: a rule set by its short title (« DGEFP 2014 (officiel) »,
``column_labels``, ``rule_set_label``), a hidden cell as « secret (primaire) » or
« secret (secondaire) » (``secret_label``, the same words in the XLSX and the CSV, the
PDF's calls 1 and 2), dates as JJ/MM/AAAA. The CSV keeps the rule set's identifier in its
code column ``jeu_de_regles``.

XLSX: French sheet names (``sheet_title``); each table sheet has a native bar chart:
the page's chart when the edition declares one (same bars: visible rows only), else
one drawn from the table's own visible rows (``_table_plot``). As printed or seen in
French Calc or Excel: headers wrapped on whole words and frozen, numbers with a
thousands separator (``#,##0``, ``#,##0.0``, ``0.0 %``: « 1 234,5 »), the print area
the table and its chart; the values the chart draws lie to the right of it.
"""

import io
import re
from dataclasses import dataclass
from math import ceil

from django.utils.timezone import localtime
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText
from openpyxl.comments import Comment
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

from jalons.observatoire.compute.tables import families
from jalons.observatoire.edition import PRIMARY, REVISED, SECONDARY, Edition, Row, Table
from jalons.rules import builtin_names, short_title
from jalons.rules.tabular import CsvWriter, escape, xlsx_append, xlsx_set
from jalons.web.charts import BAR_COLOUR

SECRET = "secret"
_HEADER = Font(bold=True)
_NOTE = Font(italic=True)
_SECRET_FILL = PatternFill("solid", fgColor="EEEEEE")
# Header cells: the PDF's header colour, and a thin frame so that two wrapped
# headers side by side never read as one.
_HEADER_FILL = PatternFill("solid", fgColor="E8EDF6")
_EDGE = Side(style="thin", color="B4BCCC")
_HEADER_BORDER = Border(left=_EDGE, right=_EDGE, top=_EDGE, bottom=_EDGE)
# Accessible on white, distinct from one another; the first is the page's bar colour.
_PALETTE = [BAR_COLOUR.lstrip("#").upper(), "B34700", "2E7D32", "6A1B9A", "00838F",
            "AD1457", "5D4037", "455A64", "827717", "283593", "C62828"]  # fmt: skip


def safe_text(text) -> str:
    """A label as a CSV cell that spreadsheets show as text, never evaluate."""
    return escape(str(text))


# What readers see ---------------------------------------------------------------


def secret_explanations(edition: Edition) -> dict[str, str]:
    """Why a cell is « secret » (primary, secondary) or shows revised figures: the notes
    of the page and the PDF, the legend of the XLSX (``docs/observatoire.md``)."""
    t = edition.thresholds
    return {
        PRIMARY: (
            f"moins de {t.structures} structures ou de {t.people} personnes dans la case, "
            "ou dans ce qu'il en reste une fois retirées les structures publiées sous leur "
            "nom : le chiffre permettrait de reconnaître une structure"
        ),
        SECONDARY: (
            "masquée pour protéger une structure : sans elle, une case secrète, ou les "
            f"chiffres de moins de {t.structures} structures ou de {t.people} personnes, se "
            "retrouveraient en combinant des cases publiées (total moins les autres lignes, "
            "autres tableaux, trimestres, autres périmètres, éditions précédentes)"
        ),
        "revise": REVISED_NOTE,
    }


REVISED_NOTE = (
    "la ligne montre la valeur de l'édition précédente, car la différence entre "
    "l'ancienne et la nouvelle valeur ferait apparaître les chiffres d'une ou deux "
    "structures (correction, adhésion, départ)"
)


def reader_definitions(edition: Edition) -> list[tuple[str, str]]:
    """The edition's definitions, « secret » explained as in the notes (both kinds, the
    structures published by name included). An edition keeps the definitions of its
    publication; the explanation is the reader's, given at display time."""
    notes = secret_explanations(edition)
    complete = (
        f"Case masquée, sans aucune valeur. Secret primaire : {notes[PRIMARY]}. "
        f"Secret secondaire : {notes[SECONDARY]}."
    )
    return [(label, complete if label == SECRET else text) for label, text in edition.definitions]


def secret_label(reason: str) -> str:
    """« secret (primaire) », « secret (secondaire) »: a hidden cell in the XLSX and the
    CSV (the PDF and the page: « secret » and the call 1 or 2 of its note)."""
    return f"{SECRET} ({reason})" if reason in (PRIMARY, SECONDARY) else SECRET


def _row_reason(row: Row) -> str:
    return next((c.reason for c in row.cells if c.hidden), "")


def rule_set_label(name: str, version: str = "") -> str:
    """« DGEFP 2014 (officiel), version 1 »: a rule set as a reader sees it."""
    return f"{short_title(name)}, version {version}" if version else short_title(name)


def column_labels(table: Table) -> list[str]:
    """The headers of a table as readers see them: the rule sets of the « taux par jeu de
    règles » tables by their short title (« ETTI 450 h », not « etti-450h »); the
    edition keeps the identifiers."""
    if _family(table.key)[0] == "regles":
        return [short_title(name) for name in table.columns]
    shipped = builtin_names()  # a header that is a rule set's identifier, in any table
    return [short_title(name) if name in shipped else name for name in table.columns]


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


def _family(key: str) -> tuple[str, str]:
    """("sorties", "departement") for "sorties_par_departement", ("activite", "") for
    "structures_activite"."""
    if key.startswith("structures_"):
        return key.removeprefix("structures_"), ""
    family, _, dimension = key.rpartition("_par_")
    return (family, dimension) if family else (key, "")


def _tab(table: Table) -> str:
    family, dimension = _family(table.key)
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


# Cover -------------------------------------------------------------------------


def _stamp_lines(edition: Edition) -> list[tuple[str, str]]:
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


def edition_to_xlsx(edition: Edition) -> bytes:
    workbook = Workbook()
    cover = workbook.active
    cover.title = "Présentation"
    xlsx_append(cover, ["État statistique de l'insertion par l'activité économique"])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([])
    for label, value in _stamp_lines(edition):
        cells = xlsx_append(cover, [label, value])
        for cell in cells:
            cell.alignment = _WRAP_LEFT
        lines = _lines(value, 90, bold=False)
        if lines > 1:
            cover.row_dimensions[cells[0].row].height = 15.0 * lines
    cover.append([])
    xlsx_append(cover, ["Tableaux (cliquer pour ouvrir la feuille)"])
    cover.cell(row=cover.max_row, column=1).font = _HEADER
    used: set[str] = set()
    sheets = []
    for table in [*edition.tables, *edition.structures]:
        title = sheet_title(table, used)
        sheets.append((title, table))
        link = xlsx_append(cover, [title, table.title])[0]
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{title}'!A1")
        link.style = "Hyperlink"
    cover.column_dimensions["A"].width = 32
    cover.column_dimensions["B"].width = 90
    one_page = {
        title for title, table in sheets if _table_sheet(workbook.create_sheet(title), table)
    }
    definitions = workbook.create_sheet("Définitions")
    xlsx_append(definitions, ["Indicateur", "Définition"])
    for cell in definitions[1]:
        cell.font = _HEADER
    for label, text in reader_definitions(edition):
        for cell in xlsx_append(definitions, [label, text]):
            cell.alignment = _WRAP_LEFT
        lines = max(_lines(label, 40, bold=False), _lines(text, 90, bold=False))
        definitions.row_dimensions[definitions.max_row].height = 15.0 * lines
    definitions.column_dimensions["A"].width = 40
    definitions.column_dimensions["B"].width = 90
    definitions.freeze_panes = "A2"
    definitions.print_title_rows = "1:1"
    for sheet in workbook.worksheets:  # printable: landscape, as wide as the page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 1 if sheet.title in one_page else 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_margins = PageMargins(
            left=0.5, right=0.5, top=0.6, bottom=0.8, header=0.3, footer=0.3
        )
        sheet.oddFooter.left.text = "&A"
        sheet.oddFooter.right.text = "Page &P sur &N"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Table sheets ------------------------------------------------------------------


def _table_sheet(sheet, table: Table) -> bool:
    """The table, its chart below it, and (outside the print area, to the right) the
    values the chart draws. Header cells wrap on whole words; counts and decimals
    carry a thousands separator, so that French Calc or Excel shows « 1 234,5 ».

    True when the table and its chart are printed on one page (shrunk a little if
    need be); a longer sheet is printed on several, the chart from a new page when it
    would be cut."""
    xlsx_append(sheet, [table.title])
    sheet["A1"].font = Font(bold=True, size=12)
    if table.note:
        xlsx_append(sheet, [table.note])
    sheet.append([])
    header = [table.dimension, "Structures", *column_labels(table)]
    xlsx_append(sheet, header)
    header_row = sheet.max_row
    widths = [_label_width(table), *(_column_width(text) for text in header[1:])]
    # A column with a hidden cell: « secret (secondaire) » on two lines at most.
    hidden = [any(r.structures is None for r in table.rows)] + [
        any(r.cells[i].hidden for r in table.rows) for i in range(len(table.columns))
    ]
    widths[1:] = [
        max(w, _SECRET_WIDTH) if h else w for w, h in zip(widths[1:], hidden, strict=True)
    ]
    sheet.row_dimensions[header_row].height = _header_height(header, widths)
    for index, cell in enumerate(sheet[header_row]):
        cell.font = _HEADER
        cell.alignment = _WRAP_LEFT if index == 0 else _WRAP_RIGHT
        cell.fill, cell.border = _HEADER_FILL, _HEADER_BORDER
    for row in table.rows:
        reason = _row_reason(row)
        values = [row.label, secret_label(reason) if row.structures is None else row.structures]
        for cell in row.cells:
            if cell.hidden:
                values.append(secret_label(cell.reason))
            elif cell.value is None:
                values.append("—")
            else:
                values.append(cell.value)
        written = xlsx_append(sheet, values)
        written[0].alignment = _WRAP_LEFT
        lines = max(
            _lines(value, width, bold=row.is_total)
            for index, (value, width) in enumerate(zip(values, widths, strict=True))
            if index == 0 or isinstance(value, str)
        )
        if lines > 1:  # a long name, or « secret (…) », wrapped on whole words
            sheet.row_dimensions[written[0].row].height = 15.0 * lines
        if row.is_total:
            for cell in written:
                cell.font = _HEADER
        if row.structures is None:
            written[1].alignment = _WRAP_RIGHT
        else:
            written[1].number_format = COUNT_FORMAT
        for index, cell in enumerate(row.cells, start=2):
            target = written[index]
            if cell.hidden:
                target.fill = _SECRET_FILL
                target.alignment = _WRAP_RIGHT
            elif isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                target.number_format = number_format(cell)
            else:
                target.alignment = _RIGHT
            if cell.reason == REVISED and not cell.hidden:
                target.comment = Comment(
                    f"Chiffres révisés non publiés : valeur déjà publiée"
                    f"{f' (édition {row.revised})' if row.revised else ''} ; "
                    f"{REVISED_NOTE}.",
                    "Jalons",
                )
    last_table_row = sheet.max_row
    # Header rows stay in view, and are printed again on every page.
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    plot = _plot(table)
    below = last_table_row + 2
    last_col, last_row = len(header), below
    if plot is None:
        xlsx_set(sheet.cell(row=below, column=1), _no_chart_note(table)).font = _NOTE
    else:
        chart = _chart(plot)
        chart.width = max(_CHART_MIN_WIDTH, min(_columns_cm(widths), _CHART_MAX_WIDTH))
        # The printed page: the table and the chart under it, never the chart's data.
        last_col = _columns_under(widths, chart.width)
        for index in range(len(widths) + 1, last_col + 1):
            sheet.column_dimensions[get_column_letter(index)].width = _NUMBER_WIDTH
        last_row = below + ceil(chart.height / _ROW_CM) + 1
        _chart_data(sheet, chart, plot, header_row, first_col=last_col + 2)
        sheet.add_chart(chart, f"A{below}")
    sheet.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    # Printed size: as wide as the page (shrunk if wider), then pages of that height.
    widths_cm = _columns_cm(
        [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, last_col + 1)]
    )
    scale = min(1.0, _PAGE_WIDTH_CM / widths_cm)
    table_cm = sum(_row_cm(sheet, r) for r in range(1, below)) * scale
    chart_cm = 0.0 if plot is None else (chart.height + _ROW_CM) * scale
    if table_cm + chart_cm <= _PAGE_HEIGHT_CM * _SHRINK:
        return True
    if chart_cm and table_cm % _PAGE_HEIGHT_CM + chart_cm > _PAGE_HEIGHT_CM:
        sheet.row_breaks.append(Break(id=below - 1))  # the chart from a new page
    return False


def _no_chart_note(table: Table) -> str:
    """Why a sheet has no chart: every row is secret, or only the total is published
    (a chart does not draw the total)."""
    total = next((r for r in table.rows if r.is_total), None)
    if total is not None and not any(c.hidden for c in total.cells):
        return (
            f"Graphique : aucune ligne à représenter (seule la ligne « {total.label} » est "
            "publiée, les autres sont en secret)."
        )
    return "Graphique : aucune ligne à représenter (toutes les cases sont en secret)."


def _row_cm(sheet, row: int) -> float:
    height = sheet.row_dimensions[row].height if row in sheet.row_dimensions else None
    return (height or 15.0) / 72 * 2.54


# Column widths are in characters of the default font (Calibri 11, about 7 pixels);
# bold headers take about 15 % more, plain text a little less. Rows are 15 points
# (0.53 cm) high by default.
_WRAP_LEFT = Alignment(wrap_text=True, vertical="top")
_WRAP_RIGHT = Alignment(wrap_text=True, vertical="top", horizontal="right")
_RIGHT = Alignment(horizontal="right")
_NUMBER_WIDTH = 12
_SECRET_WIDTH = 14  # « secret » / « (secondaire) »
# A4 landscape within the margins (``edition_to_xlsx``: 0.5 inch on the sides, 0.6 and
# 0.8 above and below); a sheet up to 1.4 page high is shrunk onto one page.
_PAGE_WIDTH_CM, _PAGE_HEIGHT_CM, _SHRINK = 29.7 - 2.54, 21.0 - 3.56, 1.4
_BOLD, _PLAIN = 1.15, 0.95
_ROW_CM = 0.53
_CHART_MIN_WIDTH, _CHART_MAX_WIDTH = 16.0, 26.0
COUNT_FORMAT = "#,##0"


def number_format(cell) -> str:
    """The Excel format of a published number, with the decimals of the page's display
    (« 79,6 », « 63,7 % »): ``#,##0``, ``#,##0.0``, ``0.0 %``. Excel and Calc show the
    thousands and decimal separators of the reader's language."""
    shown = cell.display.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    number = re.match(r"-?[\d]*(?:,(\d+))?", shown)
    decimals = len(number.group(1)) if number and number.group(1) else 0
    if "%" in shown:
        return f"0.{'0' * decimals} %" if decimals else "0 %"
    if decimals == 0 and isinstance(cell.value, float) and not cell.value.is_integer():
        decimals = 1
    return f"{COUNT_FORMAT}.{'0' * decimals}" if decimals else COUNT_FORMAT


def _column_width(text: str) -> float:
    """Wide enough for the longest word of a header in bold, and for the numbers."""
    longest = max((len(word) for word in str(text).split()), default=0)
    return float(max(_NUMBER_WIDTH, min(ceil(longest * _BOLD) + 2, 30)))


def _label_width(table: Table) -> float:
    """The first column: the row labels on one line when they are short enough (a
    structure's name wraps beyond 45 characters), and the longest word of its header."""
    longest = max((len(row.label) for row in table.rows), default=0)
    return float(max(20, _column_width(table.dimension), min(longest + 2, 45)))


def _lines(text: str, width: float, *, bold: bool = True) -> int:
    """How many lines a text takes once wrapped on whole words in ``width``."""
    room, lines, used = max(1, int(width / (_BOLD if bold else _PLAIN)) - 1), 1, 0
    for word in str(text).split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _header_height(header: list, widths: list[float]) -> float:
    lines = max(_lines(text, width) for text, width in zip(header, widths, strict=True))
    return 15.0 * lines + 3


def _column_cm(width: float) -> float:
    return (width * 7 + 5) / 96 * 2.54


def _columns_cm(widths: list[float]) -> float:
    return sum(_column_cm(w) for w in widths)


def _columns_under(widths: list[float], chart_cm: float) -> int:
    """The last column the chart (anchored in column A) reaches: the table's last column,
    or more columns of ``_NUMBER_WIDTH`` when the chart is wider than the table."""
    count, covered = len(widths), _columns_cm(widths)
    while covered < chart_cm + 0.3:
        count, covered = count + 1, covered + _column_cm(_NUMBER_WIDTH)
    return count


@dataclass(frozen=True)
class _Plot:
    """What a chart shows: categories (rows) × series (columns)."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    unit: str = ""
    decimals: int = 0
    stacked: bool = False  # 100 % stacked bars: a distribution


# Tables the edition gives no chart: which columns to draw (all after the first, the
# total they share, for the publics and durations; every rule set side by side).
_SERIES = {
    "publics": ("Entrées selon le public", slice(1, None), False),
    "durees": ("Répartition des sorties selon la durée du parcours", slice(1, None), True),
    "regles": ("Taux de sortie dynamique selon le jeu de règles", slice(0, None), False),
}


def _charted_columns() -> dict[str, int]:
    """The column each family's page chart draws (``Family.chart``)."""
    return {f.key: f.chart for f in families([]) if f.chart is not None}


def _plot(table: Table) -> _Plot | None:
    if table.chart is not None:  # the page's chart, bar for bar
        if not table.chart.bars:
            return None
        return _Plot(
            title=table.chart.title,
            categories=[label for label, _ in table.chart.bars],
            series=[(table.chart.title, [value for _, value in table.chart.bars])],
            unit=table.chart.unit,
            decimals=table.chart.decimals,
        )
    return _table_plot(table)


def _table_plot(table: Table) -> _Plot | None:
    """A chart of the table's visible rows (no total), for a table without one."""
    family, _ = _family(table.key)
    suffix = table.title.split(" — ", 1)[1] if " — " in table.title else ""
    headers = column_labels(table)
    indexes = list(range(len(headers)))
    stacked = False
    if family in _SERIES:
        label, drawn_columns, stacked = _SERIES[family]
        indexes = indexes[drawn_columns]
    else:
        charted = _charted_columns().get(family)
        numeric = [i for i in indexes if any(_number(r.cells[i]) is not None for r in table.rows)]
        indexes = [charted] if charted is not None else numeric[:1]
        label = headers[indexes[0]] if indexes else table.title
    rates = [any("%" in r.cells[i].display for r in table.rows) for i in indexes]
    scaled = [
        [None if (v := _number(r.cells[i])) is None else v * (100 if rate else 1)
         for i, rate in zip(indexes, rates, strict=True)]
        for r in table.rows
    ]  # fmt: skip
    drawn = [
        (r.label, values)
        for r, values in zip(table.rows, scaled, strict=True)
        if not r.is_total and any(v is not None for v in values)
    ]
    if not indexes or not drawn:
        return None
    floats = any(isinstance(v, float) and not v.is_integer() for _, vs in drawn for v in vs)
    return _Plot(
        title=f"{label} — {suffix}" if suffix else label,
        categories=[name for name, _ in drawn],
        series=[(headers[i], [values[k] for _, values in drawn]) for k, i in enumerate(indexes)],
        unit="%" if all(rates) else "",
        decimals=1 if any(rates) or floats else 0,
        stacked=stacked,
    )


def _number(cell) -> float | int | None:
    if cell.hidden or isinstance(cell.value, bool):
        return None
    return cell.value if isinstance(cell.value, int | float) else None


def _plot_format(plot: _Plot) -> str:
    """The format of the values a chart draws: « 1 234 », « 63,7 % » (rates are drawn
    multiplied by 100, the sign is a literal)."""
    decimals = f".{'0' * plot.decimals}" if plot.decimals else ""
    return f'{COUNT_FORMAT}{decimals}" %"' if plot.unit == "%" else f"{COUNT_FORMAT}{decimals}"


def _chart_data(sheet, chart: BarChart, plot: _Plot, header_row: int, *, first_col: int):
    """The values the chart draws, to the right of the print area (on screen, never on
    paper), with the chart's references to them."""
    xlsx_set(sheet.cell(row=header_row - 1, column=first_col), _DATA_NOTE).font = _NOTE
    xlsx_set(sheet.cell(row=header_row, column=first_col), "Graphique : libellé").font = _HEADER
    sheet.cell(row=header_row, column=first_col).alignment = _WRAP_LEFT
    number_format = _plot_format(plot)
    for k, (name, values) in enumerate(plot.series, start=1):
        head = xlsx_set(sheet.cell(row=header_row, column=first_col + k), name)
        head.font = _HEADER
        head.alignment = _WRAP_RIGHT
        sheet.column_dimensions[get_column_letter(first_col + k)].width = _column_width(name)
        for offset, value in enumerate(values, start=1):
            target = sheet.cell(row=header_row + offset, column=first_col + k, value=value)
            target.number_format = number_format
    for offset, label in enumerate(plot.categories, start=1):
        xlsx_set(sheet.cell(row=header_row + offset, column=first_col), label)
    sheet.column_dimensions[get_column_letter(first_col)].width = 30
    last = header_row + len(plot.categories)
    data = Reference(
        sheet,
        min_col=first_col + 1,
        max_col=first_col + len(plot.series),
        min_row=header_row,
        max_row=last,
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=first_col, min_row=header_row + 1, max_row=last))
    for index, series in enumerate(chart.series):
        colour = _PALETTE[index % len(_PALETTE)]
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour


_DATA_NOTE = "Données du graphique (hors de la zone d'impression)"


def _text_size(points: float) -> RichText:
    """A chart text property: the font size of axis labels, data labels, the legend."""
    size = int(points * 100)
    return RichText(
        p=[
            Paragraph(
                pPr=ParagraphProperties(defRPr=CharacterProperties(sz=size)),
                endParaRPr=CharacterProperties(sz=size),
            )
        ]
    )


def _chart(plot: _Plot) -> BarChart:
    """A native horizontal bar chart: one bar per row (per row and series), labels on
    the left in a readable size, the value at the end of a single series' bars, and
    enough height that no label overlaps another."""
    value_format = _plot_format(plot)
    chart = BarChart()
    chart.type = "bar"
    chart.title = plot.title
    chart.y_axis.title = "% des sorties" if plot.stacked else (plot.unit or "nombre")
    chart.y_axis.delete = chart.x_axis.delete = False  # show both axes
    chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as on the page
    chart.y_axis.crosses = "max"  # ... and the value axis at the bottom
    chart.y_axis.majorGridlines = None if plot.stacked else chart.y_axis.majorGridlines
    # The value axis: whole percents (« 60 % »), else the values' decimals.
    axis_format = f'{COUNT_FORMAT}" %"' if plot.unit == "%" else value_format
    chart.y_axis.number_format = "0 %" if plot.stacked else axis_format
    chart.x_axis.txPr = _text_size(9)  # the rows' labels
    chart.y_axis.txPr = _text_size(8)
    if plot.stacked:
        chart.grouping = "percentStacked"
        chart.overlap = 100
    if len(plot.series) == 1:
        chart.legend = None
        # The value only: not the row's label nor the series' name beside each bar.
        chart.dataLabels = DataLabelList(
            showVal=True,
            showCatName=False,
            showSerName=False,
            showLegendKey=False,
            showPercent=False,
            showBubbleSize=False,
            numFmt=value_format,
            txPr=_text_size(8),
        )
    else:
        chart.legend.position = "b"
        chart.legend.txPr = _text_size(8)
    # Height: a band of at least 0.8 cm per row label (two lines of a long label), and
    # 0.45 cm per bar of a row with several series; room for the title, the value axis
    # and the legend (three series per line).
    rows = len(plot.categories)
    bars = rows * (1 if plot.stacked else len(plot.series))
    legend = 0 if len(plot.series) == 1 else 0.5 * ceil(len(plot.series) / 3) + 0.5
    chart.height = min(max(7.0, 3.5 + max(0.8 * rows, 0.45 * bars) + legend), 45.0)
    return chart


# CSV ---------------------------------------------------------------------------

CSV_HEADER = [
    "perimetre",
    "periode",
    "jeu_de_regles",
    "version",
    "calcule_le",
    "edition",
    "publiee_le",
    "tableau",
    "titre",
    "dimension",
    "ligne",
    "total",
    "structures",
    "colonne",
    "valeur",
    "valeur_affichee",
    "secret",
]


# What a French spreadsheet reads as a date and time (« 04/12/2026 19:48 »).
CSV_DATE = "%d/%m/%Y %H:%M"


def edition_to_csv(edition: Edition) -> str:
    """One line per table × row × column, each carrying the perimeter, the period and
    the rule set with its version; French locale (``;``, decimal comma, BOM, dates
    JJ/MM/AAAA HH:MM). ``jeu_de_regles`` is the rule set's identifier (a code); the
    ``colonne`` of the « taux par jeu de règles » tables, a label, is its short title."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = CsvWriter(buffer, decimal=",", delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    stamp = [
        edition.perimeter.label,
        edition.period_label,
        edition.rule_set,
        edition.rule_set_version,
        localtime(edition.computed_at).strftime(CSV_DATE),
        edition.number or None,
        localtime(edition.published_at).strftime(CSV_DATE) if edition.published_at else "",
    ]
    for table in [*edition.tables, *edition.structures]:
        for row in table.rows:
            for column, cell in zip(column_labels(table), row.cells, strict=True):
                if cell.hidden:
                    value, shown, marker = None, "", secret_label(cell.reason)
                else:
                    value, shown, marker = cell.value, cell.display, ""
                writer.writerow(
                    [
                        *stamp,
                        table.key,
                        table.title,
                        table.dimension,
                        row.label,
                        "oui" if row.is_total else "non",
                        row.structures,
                        column,
                        value,
                        shown,
                        marker,
                    ]
                )
    return buffer.getvalue()
