"""An edition as an XLSX workbook or a CSV file, from the same data as the pages.

Hidden cells carry no value in the edition (``Cell.value is None``); here they become
the text "secret" (XLSX) or an empty value with a "secret" marker (CSV), never a
number. CSV: semicolon separator and UTF-8 with BOM, what French Excel opens
correctly by double-click; decimal comma in the displayed value column, a dot in the
numeric one. Labels starting with = + - @ (or a tab, a carriage return) are prefixed
with an apostrophe so that no spreadsheet runs them as formulas.
"""

import csv
import io

from django.utils.timezone import localtime
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from jalons.observatoire.edition import Edition, Table

SECRET = "secret"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HEADER = Font(bold=True)
_SECRET_FILL = PatternFill("solid", fgColor="EEEEEE")


def safe_text(text: str) -> str:
    """A label that spreadsheets show as text, never evaluate."""
    text = str(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


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


def _sheet_title(table: Table, used: set[str]) -> str:
    base = "".join(c for c in table.key if c not in "[]:*?/\\")[:28] or "tableau"
    title, n = base, 2
    while title in used:
        title, n = f"{base[:26]}_{n}", n + 1
    used.add(title)
    return title


def edition_to_xlsx(edition: Edition) -> bytes:
    workbook = Workbook()
    cover = workbook.active
    cover.title = "Présentation"
    cover.append(["État statistique de l'insertion par l'activité économique"])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([])
    for label, value in _stamp_lines(edition):
        cover.append([label, safe_text(value)])
    cover.append([])
    cover.append(["Tableaux"])
    cover.cell(row=cover.max_row, column=1).font = _HEADER
    used: set[str] = {"Présentation", "Définitions"}
    sheets = []
    for table in [*edition.tables, *edition.structures]:
        title = _sheet_title(table, used)
        sheets.append((title, table))
        cover.append([title, safe_text(table.title)])
    cover.column_dimensions["A"].width = 32
    cover.column_dimensions["B"].width = 90
    for title, table in sheets:
        _table_sheet(workbook.create_sheet(title), table)
    for sheet in workbook.worksheets:  # printable: landscape, as wide as the page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    definitions = workbook.create_sheet("Définitions")
    definitions.append(["Indicateur", "Définition"])
    for cell in definitions[1]:
        cell.font = _HEADER
    for label, text in edition.definitions:
        definitions.append([safe_text(label), safe_text(text)])
    definitions.column_dimensions["A"].width = 40
    definitions.column_dimensions["B"].width = 110
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table_sheet(sheet, table: Table) -> None:
    sheet.append([safe_text(table.title)])
    sheet["A1"].font = Font(bold=True, size=12)
    if table.note:
        sheet.append([safe_text(table.note)])
    sheet.append([])
    header = [table.dimension, "Structures", *table.columns]
    sheet.append([safe_text(h) for h in header])
    header_row = sheet.max_row
    sheet.row_dimensions[header_row].height = 48  # wrapped headers, three lines
    for cell in sheet[header_row]:
        cell.font = _HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        values = [safe_text(row.label), SECRET if row.structures is None else row.structures]
        for cell in row.cells:
            if cell.hidden:
                values.append(SECRET)
            elif cell.value is None:
                values.append("—")
            else:
                values.append(cell.value)
        sheet.append(values)
        written = sheet[sheet.max_row]
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
    sheet.column_dimensions["A"].width = 34
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    if table.chart is not None and table.chart.bars:
        _chart(sheet, table, header_row)


def _chart(sheet, table: Table, header_row: int) -> None:
    """A native bar chart of the charted column, from a helper range holding only the
    visible rows (the same bars as the page's chart)."""
    start_col = len(table.columns) + 4
    sheet.cell(row=header_row, column=start_col, value="Graphique : libellé")
    sheet.cell(row=header_row, column=start_col + 1, value=safe_text(table.chart.title))
    for offset, (label, value) in enumerate(table.chart.bars, start=1):
        sheet.cell(row=header_row + offset, column=start_col, value=safe_text(label))
        sheet.cell(row=header_row + offset, column=start_col + 1, value=value)
    chart = BarChart()
    chart.type = "bar"
    chart.title = table.chart.title
    chart.y_axis.title = table.chart.unit or "nombre"
    chart.legend = None
    last = header_row + len(table.chart.bars)
    data = Reference(sheet, min_col=start_col + 1, min_row=header_row, max_row=last)
    labels = Reference(sheet, min_col=start_col, min_row=header_row + 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    chart.height = 7 + 0.5 * len(table.chart.bars)
    chart.width = 18
    sheet.add_chart(chart, f"A{sheet.max_row + 3}")


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
    the rule set with its version; starts with a BOM for French Excel."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    stamp = [
        safe_text(edition.perimeter.label),
        safe_text(edition.period_label),
        edition.rule_set,
        edition.rule_set_version,
        localtime(edition.computed_at).strftime("%Y-%m-%d %H:%M"),
        edition.number or "",
        localtime(edition.published_at).strftime("%Y-%m-%d %H:%M") if edition.published_at else "",
    ]
    for table in [*edition.tables, *edition.structures]:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                if cell.hidden:
                    value, shown, marker = "", "", cell.reason or SECRET
                else:
                    value = "" if cell.value is None else repr(cell.value)
                    shown, marker = cell.display, ""
                writer.writerow(
                    [
                        *stamp,
                        table.key,
                        safe_text(table.title),
                        safe_text(table.dimension),
                        safe_text(row.label),
                        "oui" if row.is_total else "non",
                        "" if row.structures is None else row.structures,
                        safe_text(column),
                        value,
                        safe_text(shown),
                        marker and f"{SECRET} ({marker})",
                    ]
                )
    return buffer.getvalue()
