"""An edition as an XLSX workbook or a CSV file, from the same data as the pages.

Hidden cells carry no value in the edition (``Cell.value is None``); here they become
the text "secret" (XLSX) or an empty value with a "secret" marker (CSV), never a
number. Every text goes through ``jalons.rules.tabular``: no spreadsheet can run a
label as a formula (string cells in the XLSX, an apostrophe in front in the CSV).

CSV: a French-locale file, what French Excel opens correctly by double-click:
semicolon separator, UTF-8 with BOM, decimal comma in ``valeur`` (a number a
spreadsheet can add up, full precision, no thousands separator, no unit) and the
page's formatting in ``valeur_affichee``.

XLSX: French sheet names (``sheet_title``); each table sheet has a native bar chart:
the page's chart when the edition declares one (same bars: visible rows only), else
one drawn from the table's own visible rows (``_table_plot``).
"""

import io
from dataclasses import dataclass

from django.utils.timezone import localtime
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from jalons.observatoire.compute.tables import families
from jalons.observatoire.edition import Edition, Table
from jalons.rules.tabular import CsvWriter, escape, xlsx_append, xlsx_set
from jalons.web.charts import BAR_COLOUR

SECRET = "secret"
_HEADER = Font(bold=True)
_NOTE = Font(italic=True)
_SECRET_FILL = PatternFill("solid", fgColor="EEEEEE")
# Accessible on white, distinct from one another; the first is the page's bar colour.
_PALETTE = [BAR_COLOUR.lstrip("#").upper(), "B34700", "2E7D32", "6A1B9A", "00838F",
            "AD1457", "5D4037", "455A64", "827717", "283593", "C62828"]  # fmt: skip


def safe_text(text) -> str:
    """A label as a CSV cell that spreadsheets show as text, never evaluate."""
    return escape(str(text))


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
    versions = ", ".join(f"{n} (version {v})" for n, v in sorted(edition.rule_set_versions.items()))
    lines = [
        ("Périmètre", edition.perimeter.label),
        ("Période", edition.period_label),
        ("Jeu de règles des taux", f"{edition.rule_set} (version {edition.rule_set_version})"),
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
        xlsx_append(cover, [label, value])
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
    for title, table in sheets:
        _table_sheet(workbook.create_sheet(title), table)
    definitions = workbook.create_sheet("Définitions")
    xlsx_append(definitions, ["Indicateur", "Définition"])
    for cell in definitions[1]:
        cell.font = _HEADER
    for label, text in edition.definitions:
        xlsx_append(definitions, [label, text])
    definitions.column_dimensions["A"].width = 40
    definitions.column_dimensions["B"].width = 110
    for sheet in workbook.worksheets:  # printable: landscape, as wide as the page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Table sheets ------------------------------------------------------------------


def _table_sheet(sheet, table: Table) -> None:
    xlsx_append(sheet, [table.title])
    sheet["A1"].font = Font(bold=True, size=12)
    if table.note:
        xlsx_append(sheet, [table.note])
    sheet.append([])
    header = [table.dimension, "Structures", *table.columns]
    xlsx_append(sheet, header)
    header_row = sheet.max_row
    sheet.row_dimensions[header_row].height = 48  # wrapped headers, three lines
    for cell in sheet[header_row]:
        cell.font = _HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        values = [row.label, SECRET if row.structures is None else row.structures]
        for cell in row.cells:
            if cell.hidden:
                values.append(SECRET)
            elif cell.value is None:
                values.append("—")
            else:
                values.append(cell.value)
        written = xlsx_append(sheet, values)
        if row.is_total:
            for cell in written:
                cell.font = _HEADER
        for index, cell in enumerate(row.cells, start=2):
            target = written[index]
            if cell.hidden:
                target.fill = _SECRET_FILL
            elif "%" in cell.display:
                target.number_format = "0.0 %"
            elif isinstance(cell.value, float):
                target.number_format = "0.0"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.column_dimensions["A"].width = 34
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    plot = _plot(table)
    below = sheet.max_row + 2
    if plot is None:
        xlsx_set(
            sheet.cell(row=below, column=1),
            "Graphique : aucune ligne à représenter (toutes les cases sont en secret).",
        ).font = _NOTE
    else:
        _chart(sheet, plot, header_row, first_col=len(header) + 2, anchor=f"A{below}")


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
    indexes = list(range(len(table.columns)))
    stacked = False
    if family in _SERIES:
        label, columns, stacked = _SERIES[family]
        indexes = indexes[columns]
    else:
        charted = _charted_columns().get(family)
        numeric = [i for i in indexes if any(_number(r.cells[i]) is not None for r in table.rows)]
        indexes = [charted] if charted is not None else numeric[:1]
        label = table.columns[indexes[0]] if indexes else table.title
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
        series=[
            (table.columns[i], [values[k] for _, values in drawn]) for k, i in enumerate(indexes)
        ],
        unit="%" if all(rates) else "",
        decimals=1 if any(rates) or floats else 0,
        stacked=stacked,
    )


def _number(cell) -> float | int | None:
    if cell.hidden or isinstance(cell.value, bool):
        return None
    return cell.value if isinstance(cell.value, int | float) else None


def _chart(sheet, plot: _Plot, header_row: int, *, first_col: int, anchor: str) -> None:
    """A native bar chart, from a helper range beside the table holding exactly the
    values drawn."""
    xlsx_set(sheet.cell(row=header_row, column=first_col), "Graphique : libellé").font = _HEADER
    number_format = "0.0" if plot.decimals else "0"
    for k, (name, values) in enumerate(plot.series, start=1):
        head = xlsx_set(sheet.cell(row=header_row, column=first_col + k), name)
        head.font = _HEADER
        head.alignment = Alignment(wrap_text=True, vertical="top")
        for offset, value in enumerate(values, start=1):
            sheet.cell(row=header_row + offset, column=first_col + k, value=value)
            sheet.cell(row=header_row + offset, column=first_col + k).number_format = number_format
    for offset, label in enumerate(plot.categories, start=1):
        xlsx_set(sheet.cell(row=header_row + offset, column=first_col), label)
    sheet.column_dimensions[get_column_letter(first_col)].width = 30
    last = header_row + len(plot.categories)
    chart = BarChart()
    chart.type = "bar"
    chart.title = plot.title
    chart.y_axis.title = "% des sorties" if plot.stacked else (plot.unit or "nombre")
    chart.y_axis.delete = chart.x_axis.delete = False  # show both axes
    chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as on the page
    chart.y_axis.crosses = "max"  # ... and the value axis at the bottom
    chart.y_axis.majorGridlines = None if plot.stacked else chart.y_axis.majorGridlines
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
    if plot.stacked:
        chart.grouping = "percentStacked"
        chart.overlap = 100
        chart.y_axis.number_format = "0 %"
    if len(plot.series) == 1:
        chart.legend = None
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showVal = True
    else:
        chart.legend.position = "b"
    bars = len(plot.categories) * (1 if plot.stacked else len(plot.series))
    chart.height = min(7 + 0.5 * bars + (1.5 if len(plot.series) > 1 else 0), 40)
    chart.width = 20
    sheet.add_chart(chart, anchor)


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


def edition_to_csv(edition: Edition) -> str:
    """One line per table × row × column, each carrying the perimeter, the period and
    the rule set with its version; French locale (``;``, decimal comma, BOM)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = CsvWriter(buffer, decimal=",", delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    stamp = [
        edition.perimeter.label,
        edition.period_label,
        edition.rule_set,
        edition.rule_set_version,
        localtime(edition.computed_at).strftime("%Y-%m-%d %H:%M"),
        edition.number or None,
        localtime(edition.published_at).strftime("%Y-%m-%d %H:%M") if edition.published_at else "",
    ]
    for table in [*edition.tables, *edition.structures]:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                if cell.hidden:
                    value, shown, marker = None, "", cell.reason or SECRET
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
                        marker and f"{SECRET} ({marker})",
                    ]
                )
    return buffer.getvalue()
