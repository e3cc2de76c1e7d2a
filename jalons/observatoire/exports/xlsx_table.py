"""The sheet of one table in the XLSX: the table, its chart below it, and (outside the
print area, to the right) the values the chart draws."""

from math import ceil

from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from jalons.observatoire.edition import REVISED, Row, Table
from jalons.observatoire.exports.common import (
    REVISED_NOTE,
    column_labels,
    row_reason,
    secret_label,
)
from jalons.observatoire.exports.xlsx_chart import bar_chart, chart_data, chart_plot
from jalons.observatoire.exports.xlsx_layout import (
    CHART_MAX_WIDTH,
    CHART_MIN_WIDTH,
    COUNT_FORMAT,
    HEADER_BORDER,
    HEADER_FILL,
    HEADER_FONT,
    NOTE_FONT,
    NUMBER_WIDTH,
    PAGE_HEIGHT_CM,
    PAGE_WIDTH_CM,
    RIGHT,
    ROW_CM,
    SECRET_FILL,
    SECRET_WIDTH,
    SHRINK,
    WRAP_LEFT,
    WRAP_RIGHT,
    column_width,
    columns_cm,
    columns_under,
    header_height,
    label_width,
    line_count,
    number_format,
    row_cm,
)
from jalons.rules.tabular import xlsx_append, xlsx_set


def table_sheet(sheet, table: Table) -> bool:
    """The table, its chart below it, and (outside the print area, to the right) the
    values the chart draws. Header cells wrap on whole words; counts and decimals
    carry a thousands separator, so that French Calc or Excel shows « 1 234,5 ».

    True when the table and its chart are printed on one page (shrunk a little if
    need be); a longer sheet is printed on several, the chart from a new page when it
    would be cut."""
    header_row, widths = _heading(sheet, table)
    for row in table.rows:
        _data_row(sheet, row, widths)
    below = sheet.max_row + 2  # the chart, or why there is none, under the table
    _freeze_header(sheet, header_row, widths)
    chart, last_col, last_row = _chart_below(sheet, table, widths, header_row, below)
    sheet.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    return _fits_one_page(sheet, chart, last_col, below)


def _heading(sheet, table: Table) -> tuple[int, list[float]]:
    """The title, the note and the header row, wrapped and framed: returns the header's
    row and the widths of the columns."""
    xlsx_append(sheet, [table.title])
    sheet["A1"].font = Font(bold=True, size=12)
    if table.note:
        xlsx_append(sheet, [table.note])
    sheet.append([])
    header = [table.dimension, "Structures", *column_labels(table)]
    xlsx_append(sheet, header)
    header_row = sheet.max_row
    widths = _widths(table, header)
    sheet.row_dimensions[header_row].height = header_height(header, widths)
    for index, cell in enumerate(sheet[header_row]):
        cell.font = HEADER_FONT
        cell.alignment = WRAP_LEFT if index == 0 else WRAP_RIGHT
        cell.fill, cell.border = HEADER_FILL, HEADER_BORDER
    return header_row, widths


def _widths(table: Table, header: list[str]) -> list[float]:
    """The widths of the columns: the row labels, the longest word of each header, and
    room for « secret (secondaire) » on two lines at most in a column with a hidden
    cell."""
    widths = [label_width(table), *(column_width(text) for text in header[1:])]
    hidden = [any(r.structures is None for r in table.rows)] + [
        any(r.cells[i].hidden for r in table.rows) for i in range(len(table.columns))
    ]
    widths[1:] = [max(w, SECRET_WIDTH) if h else w for w, h in zip(widths[1:], hidden, strict=True)]
    return widths


def _data_row(sheet, row: Row, widths: list[float]) -> None:
    """One row of the table: a long name or « secret (…) » wrapped on whole words, the
    total in bold, each cell formatted (``_style_cell``)."""
    values = _row_values(row)
    written = xlsx_append(sheet, values)
    written[0].alignment = WRAP_LEFT
    lines = max(
        line_count(value, width, bold=row.is_total)
        for index, (value, width) in enumerate(zip(values, widths, strict=True))
        if index == 0 or isinstance(value, str)
    )
    if lines > 1:  # a long name, or « secret (…) », wrapped on whole words
        sheet.row_dimensions[written[0].row].height = 15.0 * lines
    if row.is_total:
        for cell in written:
            cell.font = HEADER_FONT
    if row.structures is None:
        written[1].alignment = WRAP_RIGHT
    else:
        written[1].number_format = COUNT_FORMAT
    for index, cell in enumerate(row.cells, start=2):
        _style_cell(written[index], cell, row)


def _row_values(row: Row) -> list:
    """What the row shows: its label, its structures, then each cell's value, « secret
    (primaire) » or « secret (secondaire) » when hidden, « — » when there is none."""
    reason = row_reason(row)
    values = [row.label, secret_label(reason) if row.structures is None else row.structures]
    for cell in row.cells:
        if cell.hidden:
            values.append(secret_label(cell.reason))
        elif cell.value is None:
            values.append("—")
        else:
            values.append(cell.value)
    return values


def _style_cell(target, cell, row: Row) -> None:
    """A cell's look: grey when secret, the page's decimals for a number, and a comment
    on figures already published that stand for revised ones."""
    if cell.hidden:
        target.fill = SECRET_FILL
        target.alignment = WRAP_RIGHT
    elif isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        target.number_format = number_format(cell)
    else:
        target.alignment = RIGHT
    if cell.reason == REVISED and not cell.hidden:
        target.comment = Comment(
            f"Chiffres révisés non publiés : valeur déjà publiée"
            f"{f' (édition {row.revised})' if row.revised else ''} ; "
            f"{REVISED_NOTE}.",
            "Jalons",
        )


def _freeze_header(sheet, header_row: int, widths: list[float]) -> None:
    """The header row stays in view and is printed again on every page; the columns
    take their widths."""
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _chart_below(sheet, table: Table, widths: list[float], header_row: int, below: int):
    """The chart at row ``below``, as wide as the table within limits, with the values it
    draws to the right of the print area; or a note saying why there is none. Returns
    the chart (None without one) and the last column and row of the print area."""
    plot = chart_plot(table)
    if plot is None:
        xlsx_set(sheet.cell(row=below, column=1), _no_chart_note(table)).font = NOTE_FONT
        return None, len(widths), below
    chart = bar_chart(plot)
    chart.width = max(CHART_MIN_WIDTH, min(columns_cm(widths), CHART_MAX_WIDTH))
    # The printed page: the table and the chart under it, never the chart's data.
    last_col = columns_under(widths, chart.width)
    for index in range(len(widths) + 1, last_col + 1):
        sheet.column_dimensions[get_column_letter(index)].width = NUMBER_WIDTH
    last_row = below + ceil(chart.height / ROW_CM) + 1
    chart_data(sheet, chart, plot, header_row, first_col=last_col + 2)
    sheet.add_chart(chart, f"A{below}")
    return chart, last_col, last_row


def _fits_one_page(sheet, chart, last_col: int, below: int) -> bool:
    """Whether the table and its chart are printed on one page, as wide as the page
    (shrunk if wider); when not, the chart starts a new page if it would be cut."""
    widths_cm = columns_cm(
        [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, last_col + 1)]
    )
    scale = min(1.0, PAGE_WIDTH_CM / widths_cm)
    table_cm = sum(row_cm(sheet, r) for r in range(1, below)) * scale
    chart_cm = 0.0 if chart is None else (chart.height + ROW_CM) * scale
    if table_cm + chart_cm <= PAGE_HEIGHT_CM * SHRINK:
        return True
    if chart_cm and table_cm % PAGE_HEIGHT_CM + chart_cm > PAGE_HEIGHT_CM:
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
