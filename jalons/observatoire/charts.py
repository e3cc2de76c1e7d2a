"""The observatory's charts, drawn on the server as inline SVG (pages and PDF alike).

``table_chart`` draws the chart an edition's table declares, with the shared bar chart
of ``jalons.web.charts`` (the XLSX export draws the same bars). ``position_chart``
places a structure among the structures of its type: the box runs from the first to
the third quartile, the line in it is the median, the diamond is the structure.
"""

import hashlib
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from jalons.observatoire.edition import Table
from jalons.web.charts import (
    BAR_COLOUR,
    GRID_COLOUR,
    TEXT_COLOUR,
    Bar,
    french_number,
    horizontal_bar_chart,
)

BOX_FILL = "#dce4f2"
OWN_COLOUR = "#b34700"  # 5.3:1 on white, distinct from the box


def table_chart(table: Table) -> SafeString:
    spec = table.chart
    if spec is None or not spec.bars:
        return mark_safe("")
    return horizontal_bar_chart(
        title=spec.title,
        bars=[Bar(label, value) for label, value in spec.bars],
        unit=spec.unit,
        decimals=spec.decimals,
    )


@dataclass(frozen=True)
class PositionItem:
    label: str
    own: float | None
    q1: float
    median: float
    q3: float
    unit: str = ""
    decimals: int = 1
    scale_max: float | None = None  # 100 for rates; else the largest value


def _fmt(value, item: PositionItem) -> str:
    suffix = f" {item.unit}" if item.unit else ""
    return french_number(value, item.decimals) + suffix


def position_chart(*, title: str, items: list[PositionItem], width: int = 620) -> SafeString:
    if not items:
        return mark_safe("")
    left, right, row_height, top = 10, 30, 64, 6
    plot = width - left - right
    height = top + len(items) * row_height + 44
    key = "position-" + hashlib.sha1(f"{title}|{items}".encode()).hexdigest()[:10]
    descriptions = []
    for item in items:
        own = "non calculé" if item.own is None else _fmt(item.own, item)
        descriptions.append(
            f"{item.label} : vous {own} ; premier quartile {_fmt(item.q1, item)}, "
            f"médiane {_fmt(item.median, item)}, troisième quartile {_fmt(item.q3, item)}"
        )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
        f'aria-labelledby="{key}-titre {key}-desc">',
        f'<title id="{key}-titre">{escape(title)}</title>',
        f'<desc id="{key}-desc">{escape("; ".join(descriptions))}</desc>',
    ]
    for index, item in enumerate(items):
        values = [item.q1, item.median, item.q3] + ([item.own] if item.own is not None else [])
        highest = item.scale_max or max(float(v) for v in values) * 1.15 or 1.0

        def x(value, highest=highest):
            return left + plot * max(0.0, min(float(value), highest)) / highest

        y = top + index * row_height
        mid = y + 32
        box = max(2.0, x(item.q3) - x(item.q1))
        summary = f"médiane {_fmt(item.median, item)}"
        if item.own is not None:
            summary += f" · vous {_fmt(item.own, item)}"
        parts.append(
            f'<text x="{left}" y="{y + 14}" font-size="14" font-weight="bold" '
            f'fill="{TEXT_COLOUR}">{escape(item.label)}</text>'
            f'<text x="{width - right}" y="{y + 14}" font-size="13" text-anchor="end" '
            f'fill="{TEXT_COLOUR}">{escape(summary)}</text>'
            f'<line x1="{left}" y1="{mid}" x2="{left + plot}" y2="{mid}" '
            f'stroke="{GRID_COLOUR}" stroke-width="2"/>'
            f'<rect x="{x(item.q1):.1f}" y="{mid - 9}" width="{box:.1f}" '
            f'height="18" fill="{BOX_FILL}" stroke="{BAR_COLOUR}" stroke-width="1.5"/>'
            f'<line x1="{x(item.median):.1f}" y1="{mid - 11}" x2="{x(item.median):.1f}" '
            f'y2="{mid + 11}" stroke="{BAR_COLOUR}" stroke-width="3"/>'
        )
        if item.own is not None:
            cx = x(item.own)
            parts.append(
                f'<path d="M {cx:.1f} {mid - 10} L {cx + 10:.1f} {mid} L {cx:.1f} {mid + 10} '
                f'L {cx - 10:.1f} {mid} Z" fill="{OWN_COLOUR}" stroke="#fff" stroke-width="1"/>'
            )
    legend = top + len(items) * row_height + 14
    parts.append(
        f'<rect x="{left}" y="{legend - 10}" width="22" height="12" fill="{BOX_FILL}" '
        f'stroke="{BAR_COLOUR}"/>'
        f'<line x1="{left + 11}" y1="{legend - 12}" x2="{left + 11}" y2="{legend + 4}" '
        f'stroke="{BAR_COLOUR}" stroke-width="3"/>'
        f'<text x="{left + 30}" y="{legend}" font-size="12" fill="{TEXT_COLOUR}">'
        "la moitié centrale des structures (du 1er au 3e quartile) ; trait : la médiane</text>"
        f'<path d="M {left + 11} {legend + 8} l 8 8 l -8 8 l -8 -8 Z" fill="{OWN_COLOUR}"/>'
        f'<text x="{left + 30}" y="{legend + 21}" font-size="12" fill="{TEXT_COLOUR}">'
        "votre structure</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
