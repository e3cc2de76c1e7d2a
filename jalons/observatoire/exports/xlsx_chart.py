"""The native bar chart of an XLSX table sheet: the page's chart when the edition
declares one (same bars: visible rows only), else one drawn from the table's own visible
rows (``_table_plot``); its values lie to the right of the print area (``chart_data``)."""

from dataclasses import dataclass
from math import ceil

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.utils import get_column_letter

from jalons.observatoire.compute.tables import families
from jalons.observatoire.edition import Table
from jalons.observatoire.exports.common import column_labels, table_family
from jalons.observatoire.exports.xlsx_layout import (
    COUNT_FORMAT,
    HEADER_FONT,
    NOTE_FONT,
    WRAP_LEFT,
    WRAP_RIGHT,
    column_width,
)
from jalons.rules.tabular import xlsx_set
from jalons.web.charts import BAR_COLOUR

# Accessible on white, distinct from one another; the first is the page's bar colour.
_PALETTE = [BAR_COLOUR.lstrip("#").upper(), "B34700", "2E7D32", "6A1B9A", "00838F",
            "AD1457", "5D4037", "455A64", "827717", "283593", "C62828"]  # fmt: skip


@dataclass(frozen=True)
class Plot:
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


def chart_plot(table: Table) -> Plot | None:
    """What the sheet's chart draws: the page's chart, else one of the table's visible
    rows; None when there is nothing to draw."""
    if table.chart is not None:  # the page's chart, bar for bar
        if not table.chart.bars:
            return None
        return Plot(
            title=table.chart.title,
            categories=[label for label, _ in table.chart.bars],
            series=[(table.chart.title, [value for _, value in table.chart.bars])],
            unit=table.chart.unit,
            decimals=table.chart.decimals,
        )
    return _table_plot(table)


def _table_plot(table: Table) -> Plot | None:
    """A chart of the table's visible rows (no total), for a table without one."""
    family, _ = table_family(table.key)
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
    return Plot(
        title=f"{label} — {suffix}" if suffix else label,
        categories=[name for name, _ in drawn],
        series=[(headers[i], [values[k] for _, values in drawn]) for k, i in enumerate(indexes)],
        unit="%" if all(rates) else "",
        decimals=1 if any(rates) or floats else 0,
        stacked=stacked,
    )


def _number(cell) -> float | int | None:
    """The number a chart can draw from a cell: none for a hidden cell or a text."""
    if cell.hidden or isinstance(cell.value, bool):
        return None
    return cell.value if isinstance(cell.value, int | float) else None


def _plot_format(plot: Plot) -> str:
    """The format of the values a chart draws: « 1 234 », « 63,7 % » (rates are drawn
    multiplied by 100, the sign is a literal)."""
    decimals = f".{'0' * plot.decimals}" if plot.decimals else ""
    return f'{COUNT_FORMAT}{decimals}" %"' if plot.unit == "%" else f"{COUNT_FORMAT}{decimals}"


def chart_data(sheet, chart: BarChart, plot: Plot, header_row: int, *, first_col: int):
    """The values the chart draws, to the right of the print area (on screen, never on
    paper), with the chart's references to them."""
    xlsx_set(sheet.cell(row=header_row - 1, column=first_col), _DATA_NOTE).font = NOTE_FONT
    xlsx_set(sheet.cell(row=header_row, column=first_col), "Graphique : libellé").font = HEADER_FONT
    sheet.cell(row=header_row, column=first_col).alignment = WRAP_LEFT
    number_format = _plot_format(plot)
    for k, (name, values) in enumerate(plot.series, start=1):
        head = xlsx_set(sheet.cell(row=header_row, column=first_col + k), name)
        head.font = HEADER_FONT
        head.alignment = WRAP_RIGHT
        sheet.column_dimensions[get_column_letter(first_col + k)].width = column_width(name)
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


def bar_chart(plot: Plot) -> BarChart:
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
