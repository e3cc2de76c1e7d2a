"""Charts as PNG images for DOCX and ODT, drawn with Pillow from the same ``ChartSpec``
as the SVG of the pages and the PDF: same bars, labels, colours and French values."""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from jalons.offre.document import ChartSpec
from jalons.web.charts import BAR_COLOUR, GRID_COLOUR, TEXT_COLOUR, chart_value

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SCALE = 2  # drawn at twice the nominal size, for print
WIDTH = 640
FONT_SIZE = 13
BAR_HEIGHT, GAP, TOP, TITLE_GAP = 24, 10, 8, 10
MAX_LABEL_SHARE = 0.42


@cache
def font(size: int, bold: bool = False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = FONT_DIR / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _fit(draw: ImageDraw.ImageDraw, text: str, typeface, width: float) -> str:
    """The text, shortened with an ellipsis if wider than ``width``."""
    if draw.textlength(text, font=typeface) <= width:
        return text
    while text and draw.textlength(text + "…", font=typeface) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def value_text(spec: ChartSpec, value: float) -> str:
    """As in the PDF's charts and the tables: « 7 h », « 62,5 % »."""
    return chart_value(value, spec.unit, spec.decimals)


def chart_png(spec: ChartSpec) -> bytes:
    """A horizontal bar chart with its title; values printed beside the bars."""
    s = SCALE
    regular, bold = font(FONT_SIZE * s), font(FONT_SIZE * s, bold=True)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    width = WIDTH * s
    values = [value_text(spec, v) for _, v in spec.bars]
    value_width = max((probe.textlength(v, font=regular) for v in values), default=0) + 12 * s
    label_width = min(
        max((probe.textlength(label, font=regular) for label, _ in spec.bars), default=0) + 10 * s,
        width * MAX_LABEL_SHARE,
    )
    title = _fit(probe, spec.title, bold, width - 4 * s)
    title_height = (FONT_SIZE + 6) * s + TITLE_GAP * s
    height = title_height + TOP * s + len(spec.bars) * (BAR_HEIGHT + GAP) * s
    image = Image.new("RGB", (int(width), int(height)), "white")
    draw = ImageDraw.Draw(image)
    draw.text((2 * s, 2 * s), title, font=bold, fill=TEXT_COLOUR)
    plot_left = label_width
    plot_width = max(width - label_width - value_width, 10 * s)
    highest = max((float(v) for _, v in spec.bars), default=0.0) or 1.0
    top = title_height + TOP * s
    for index, ((label, value), shown) in enumerate(zip(spec.bars, values, strict=True)):
        y = top + index * (BAR_HEIGHT + GAP) * s
        middle = y + BAR_HEIGHT * s / 2
        text = _fit(draw, label, regular, label_width - 10 * s)
        draw.text((label_width - 8 * s, middle), text, font=regular, fill=TEXT_COLOUR, anchor="rm")
        length = max(2.0 * s, plot_width * max(float(value), 0.0) / highest)
        draw.rounded_rectangle(
            (plot_left, y, plot_left + length, y + BAR_HEIGHT * s), radius=3 * s, fill=BAR_COLOUR
        )
        draw.text(
            (plot_left + length + 6 * s, middle), shown, font=regular, fill=TEXT_COLOUR, anchor="lm"
        )
    draw.line((plot_left, title_height, plot_left, height), fill=GRID_COLOUR, width=s)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, dpi=(192, 192))
    return buffer.getvalue()


def chart_description(spec: ChartSpec) -> str:
    """The chart in words, as alternative text (same wording as the SVG's description)."""
    values = " ; ".join(f"{label} : {value_text(spec, value)}" for label, value in spec.bars)
    return f"{spec.title}. {values}"


def chart_size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        return image.size
