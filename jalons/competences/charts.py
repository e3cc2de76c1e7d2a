"""The skills progression chart: one row per skill, its level over time.

Same principles as ``jalons.web.charts`` (server-side SVG, title and description for
screen readers, no external resource), so the page and the PDF draw the same chart.
Each evaluation opens a segment coloured by its level until the next evaluation or
the end date; a legend names the levels in words, colours are never the only cue
(the description lists every evaluation).
"""

import datetime as dt
import hashlib
from html import escape

from django.utils.safestring import SafeString, mark_safe

from jalons.web.charts import GRID_COLOUR, TEXT_COLOUR

# From light to dark: the darker, the higher the level. Text on the legend only.
LEVEL_COLOURS = {0: "#d5d8e0", 1: "#9fb6dc", 2: "#4a77bd", 3: "#1d3f72"}
MONTHS = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


LINE_CHARS = 36  # what fits in the label column at 12 px (DejaVu Sans)
MAX_LINES = 3
LINE_HEIGHT = 14


def wrap_label(text: str, limit: int = LINE_CHARS, max_lines: int = MAX_LINES) -> list[str]:
    """A skill's name on up to three lines, cut between words; only a name longer
    than three lines ends with « … » (the description gives every name whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > limit:  # a single word longer than a line
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: limit - 1] + "-")
            word = word[limit - 1 :]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= limit:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last if len(last) < limit else last[: limit - 1].rstrip()) + "…"
    return lines or [""]


def _ticks(start: dt.date, end: dt.date, count: int = 6) -> list[dt.date]:
    """First days of months spread between start and end."""
    months = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            months.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    if len(months) <= count:
        return months
    step = -(-len(months) // count)
    return months[::step]


def skills_timeline_chart(
    *,
    title: str,
    rows: list[tuple[str, list[tuple[dt.date, int]]]],
    levels: dict[int, str],
    end: dt.date,
    width: int = 680,
) -> SafeString:
    """``rows``: (skill label, [(date, level value)] in date order)."""
    rows = [(label, points) for label, points in rows if points]
    if not rows:
        return mark_safe("")
    start = min(points[0][0] for _, points in rows)
    end = max(end, max(points[-1][0] for _, points in rows))
    if end <= start:
        end = start + dt.timedelta(days=30)
    label_width, right, gap, top = 260, 28, 8, 6
    wrapped = [wrap_label(label) for label, _ in rows]
    heights = [max(20, LINE_HEIGHT * len(lines) + 6) for lines in wrapped]
    tops = [top + sum(heights[:i]) + gap * i for i in range(len(rows))]
    plot_width = width - label_width - right
    axis_y = top + sum(heights) + gap * len(rows)
    legend_y = axis_y + 38
    height = legend_y + 22
    span = (end - start).days

    def x_of(day: dt.date) -> float:
        return label_width + plot_width * (day - start).days / span

    key = "progression-" + hashlib.sha1(f"{title}|{rows}".encode()).hexdigest()[:10]
    description = " ; ".join(
        f"{label} : "
        + ", ".join(f"{levels[level].lower()} le {day:%d/%m/%Y}" for day, level in points)
        for label, points in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
        f'aria-labelledby="{key}-titre {key}-desc">',
        f'<title id="{key}-titre">{escape(title)}</title>',
        f'<desc id="{key}-desc">{escape(description)}</desc>',
    ]
    for tick in _ticks(start, end):
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID_COLOUR}" '
            f'stroke-width="1"/><text x="{x:.1f}" y="{axis_y + 16}" font-size="12" '
            f'text-anchor="middle" fill="{TEXT_COLOUR}">{MONTHS[tick.month - 1]} {tick.year}</text>'
        )
    for index, (_label, points) in enumerate(rows):
        y, row_height, lines = tops[index], heights[index], wrapped[index]
        first = y + (row_height - LINE_HEIGHT * len(lines)) / 2 + 11
        spans = "".join(
            f'<tspan x="{label_width - 8}" y="{first + n * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="end" font-size="12" fill="{TEXT_COLOUR}">{spans}</text>')
        for number, (day, level) in enumerate(points):
            until = points[number + 1][0] if number + 1 < len(points) else end
            x1, x2 = x_of(day), x_of(until)
            parts.append(
                f'<rect x="{x1:.1f}" y="{y}" width="{max(3.0, x2 - x1):.1f}" '
                f'height="{row_height}" fill="{LEVEL_COLOURS[level]}" stroke="#ffffff" '
                f'stroke-width="1"/>'
            )
    parts.append(
        f'<line x1="{label_width}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1"/>'
    )
    x = label_width
    for value, name in levels.items():
        parts.append(
            f'<rect x="{x}" y="{legend_y}" width="14" height="14" fill="{LEVEL_COLOURS[value]}" '
            f'stroke="{TEXT_COLOUR}" stroke-width="0.5"/><text x="{x + 19}" y="{legend_y + 12}" '
            f'font-size="12" fill="{TEXT_COLOUR}">{escape(name)}</text>'
        )
        x += 30 + round(6.6 * len(name))
    parts.append("</svg>")
    return mark_safe("".join(parts))
