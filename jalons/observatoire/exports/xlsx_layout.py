"""The look of the XLSX as printed or seen in French Calc or Excel: fonts and fills,
headers wrapped on whole words, column widths and row heights, numbers with a thousands
separator (``#,##0``, ``#,##0.0``, ``0.0 %``: « 1 234,5 »), the size of an A4
landscape page."""

import re
from math import ceil

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from jalons.observatoire.edition import Table

HEADER_FONT = Font(bold=True)
NOTE_FONT = Font(italic=True)
SECRET_FILL = PatternFill("solid", fgColor="EEEEEE")
# Header cells: the PDF's header colour, and a thin frame so that two wrapped
# headers side by side never read as one.
HEADER_FILL = PatternFill("solid", fgColor="E8EDF6")
_EDGE = Side(style="thin", color="B4BCCC")
HEADER_BORDER = Border(left=_EDGE, right=_EDGE, top=_EDGE, bottom=_EDGE)
# Column widths are in characters of the default font (Calibri 11, about 7 pixels);
# bold headers take about 15 % more, plain text a little less. Rows are 15 points
# (0.53 cm) high by default.
WRAP_LEFT = Alignment(wrap_text=True, vertical="top")
WRAP_RIGHT = Alignment(wrap_text=True, vertical="top", horizontal="right")
RIGHT = Alignment(horizontal="right")
NUMBER_WIDTH = 12
SECRET_WIDTH = 14  # « secret » / « (secondaire) »
# A4 landscape within the margins (``edition_to_xlsx``: 0.5 inch on the sides, 0.6 and
# 0.8 above and below); a sheet up to 1.4 page high is shrunk onto one page.
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, SHRINK = 29.7 - 2.54, 21.0 - 3.56, 1.4
_BOLD, _PLAIN = 1.15, 0.95
ROW_CM = 0.53
CHART_MIN_WIDTH, CHART_MAX_WIDTH = 16.0, 26.0
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


def column_width(text: str) -> float:
    """Wide enough for the longest word of a header in bold, and for the numbers."""
    longest = max((len(word) for word in str(text).split()), default=0)
    return float(max(NUMBER_WIDTH, min(ceil(longest * _BOLD) + 2, 30)))


def label_width(table: Table) -> float:
    """The first column: the row labels on one line when they are short enough (a
    structure's name wraps beyond 45 characters), and the longest word of its header."""
    longest = max((len(row.label) for row in table.rows), default=0)
    return float(max(20, column_width(table.dimension), min(longest + 2, 45)))


def line_count(text: str, width: float, *, bold: bool = True) -> int:
    """How many lines a text takes once wrapped on whole words in ``width``."""
    room, lines, used = max(1, int(width / (_BOLD if bold else _PLAIN)) - 1), 1, 0
    for word in str(text).split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def header_height(header: list, widths: list[float]) -> float:
    """The height of a header row: its most wrapped header, and a little room."""
    lines = max(line_count(text, width) for text, width in zip(header, widths, strict=True))
    return 15.0 * lines + 3


def column_cm(width: float) -> float:
    """A column's printed width in centimetres."""
    return (width * 7 + 5) / 96 * 2.54


def columns_cm(widths: list[float]) -> float:
    """The printed width of columns side by side, in centimetres."""
    return sum(column_cm(w) for w in widths)


def columns_under(widths: list[float], chart_cm: float) -> int:
    """The last column the chart (anchored in column A) reaches: the table's last column,
    or more columns of ``NUMBER_WIDTH`` when the chart is wider than the table."""
    count, covered = len(widths), columns_cm(widths)
    while covered < chart_cm + 0.3:
        count, covered = count + 1, covered + column_cm(NUMBER_WIDTH)
    return count


def row_cm(sheet, row: int) -> float:
    """A row's printed height in centimetres (15 points unless set)."""
    height = sheet.row_dimensions[row].height if row in sheet.row_dimensions else None
    return (height or 15.0) / 72 * 2.54
