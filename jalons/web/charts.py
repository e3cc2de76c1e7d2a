"""Charts as inline SVG, drawn on the server.

One source for pages and generated documents (WeasyPrint renders the same SVG): no
JavaScript, no external resource. Each chart carries a title and a description for
screen readers, and prints its values beside the bars.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from jalons.rules.arith import shown

BAR_COLOUR = "#1d3f72"  # 10.6:1 on white
TEXT_COLOUR = "#1b1b1f"
GRID_COLOUR = "#d9d9df"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | Decimal


def french_number(value, decimals: int = 2) -> str:
    """1234.5 -> '1 234,50' (narrow no-break space between thousands)."""
    text = f"{shown(value, decimals):,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def trimmed_number(value, decimals: int = 2) -> str:
    """Like ``french_number`` without the trailing zeros: 4.5 -> '4,5', 12.0 -> '12'
    (hours are written so in tables and charts alike)."""
    text = f"{shown(value, decimals):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def chart_value(value, unit: str = "", decimals: int = 2) -> str:
    """A bar's value as the tables beside it write it: hours as the ``heures`` filter
    does (« 4,5 h », « 0,75 h »: no trailing zero), the rest with ``decimals``."""
    if unit == "h":
        return trimmed_number(value, decimals) + " h"
    return french_number(value, decimals) + (f" {unit}" if unit else "")


def horizontal_bar_chart(
    *, title: str, bars: list[Bar], unit: str = "", decimals: int = 2, width: int = 560
) -> SafeString:
    if not bars:
        return mark_safe("")
    # The label column grows with the longest label (up to 45 % of the width).
    longest = max(len(b.label) for b in bars)
    label_width = int(min(max(150, 16 + 8 * longest), width * 0.45))
    value_width, bar_height, gap, top = 90, 26, 10, 8
    plot_width = width - label_width - value_width
    height = top + len(bars) * (bar_height + gap)
    highest = max(float(b.value) for b in bars) or 1.0
    # Ids unique per chart, so several charts can share a page.
    key = "graphique-" + hashlib.sha1(f"{title}|{bars}".encode()).hexdigest()[:10]
    description = " ; ".join(f"{b.label} : {chart_value(b.value, unit, decimals)}" for b in bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" '
        f'aria-labelledby="{key}-titre {key}-desc">',
        f'<title id="{key}-titre">{escape(title)}</title>',
        f'<desc id="{key}-desc">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(bars):
        value_text = escape(chart_value(bar.value, unit, decimals))
        y = top + index * (bar_height + gap)
        length = max(2.0, plot_width * float(bar.value) / highest)
        text_y = y + bar_height * 0.68
        parts.append(
            f'<text x="{label_width - 8}" y="{text_y:.1f}" text-anchor="end" '
            f'font-size="14" fill="{TEXT_COLOUR}">{escape(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{BAR_COLOUR}" rx="3"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{text_y:.1f}" font-size="14" '
            f'fill="{TEXT_COLOUR}">{value_text}</text>'
        )
    parts.append(
        f'<line x1="{label_width}" y1="0" x2="{label_width}" y2="{height}" '
        f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
