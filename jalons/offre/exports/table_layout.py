"""Column widths of the DOCX and ODT tables, measured from their content.

Word and LibreOffice give every column the same width unless told otherwise, which cut
« Indicateur » into « Indica / teur » and left « % » alone on a line. Here each column
gets at least the width of its longest word (a table never cuts a word), then its share
of what remains, in proportion to the length of its longest line; the widths sum to the
text width. When even the longest words do not fit, the table's font gets smaller
(9 pt, then 8, 7.5, 7).

Widths are measured with the advance widths of Liberation Sans, which has the metrics of
Arial (the font the exports name, see docs/offre.md): the same text takes the same width
in Word with Arial and in LibreOffice with Liberation Sans. The widths below are those
of Liberation Sans 2.1.5 Regular and Bold, in thousandths of an em, for U+0020–U+007E,
U+00A0–U+017F and the punctuation listed in ``_EXTRA``. No Django import here.
"""

from dataclasses import dataclass

CM_PER_POINT = 2.54 / 72
SIZES = (9.0, 8.0, 7.5, 7.0)  # table font sizes tried in turn, in points
SAFETY = 1.04  # Word and LibreOffice round widths differently: keep a small margin

_EXTRA = "\u2018\u2019\u201a\u201c\u201d\u201e«»–—…·•€≥≤×÷→′\u202f\u2009\u2212"
_CHARS = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)] + list(_EXTRA)

_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 "
    "556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 "
    "500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 "
    "556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 "
    "278 556 500 722 500 500 500 334 260 334 584 278 333 556 556 556 556 260 556 333 737 "
    "370 556 584 333 737 552 400 549 333 333 333 576 537 333 333 333 365 556 834 834 834 "
    "611 667 667 667 667 667 667 1000 722 667 667 667 667 278 278 278 278 722 722 778 778 "
    "778 778 778 584 778 722 722 722 722 667 667 611 556 556 556 556 556 556 889 500 556 "
    "556 556 556 278 278 278 278 556 556 556 556 556 556 556 549 611 556 556 556 556 500 "
    "556 500 667 556 667 556 667 556 722 500 722 500 722 500 722 500 722 615 722 556 667 "
    "556 667 556 667 556 667 556 667 556 778 556 778 556 778 556 778 556 722 556 722 556 "
    "278 278 278 278 278 278 278 222 278 278 735 444 500 222 667 500 500 556 222 556 222 "
    "556 292 556 334 556 222 722 556 722 556 722 556 604 723 556 778 556 778 556 778 556 "
    "1000 944 722 333 722 333 722 333 667 500 667 500 667 500 667 500 611 278 611 375 611 "
    "278 722 556 722 556 722 556 722 556 722 556 722 556 944 722 667 500 667 611 500 611 "
    "500 611 500 222 222 222 222 333 333 333 556 556 556 1000 1000 333 350 556 549 549 "
    "584 549 1000 188 200 200 584 "
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 "
    "556 556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 "
    "556 722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 "
    "556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 "
    "333 611 556 778 556 556 500 389 280 389 584 278 333 556 556 556 556 280 556 333 737 "
    "370 556 584 333 737 552 400 549 333 333 333 576 556 333 333 333 365 556 834 834 834 "
    "611 722 722 722 722 722 722 1000 722 667 667 667 667 278 278 278 278 722 722 778 778 "
    "778 778 778 584 778 722 722 722 722 667 667 611 556 556 556 556 556 556 889 556 556 "
    "556 556 556 278 278 278 278 611 611 611 611 611 611 611 549 611 611 611 611 611 556 "
    "611 556 722 556 722 556 722 556 722 556 722 556 722 556 722 556 722 719 722 611 667 "
    "556 667 556 667 556 667 556 667 556 778 611 778 611 778 611 778 611 722 611 722 611 "
    "278 278 278 278 278 278 278 278 278 278 785 556 556 278 722 556 556 611 278 611 278 "
    "611 385 611 479 611 278 722 611 722 611 722 611 708 723 611 778 611 778 611 778 611 "
    "1000 944 722 389 722 389 722 389 667 556 667 556 667 556 667 556 611 333 611 479 611 "
    "333 722 611 722 611 722 611 722 611 722 611 722 611 944 778 667 556 667 611 500 611 "
    "500 611 500 278 278 278 278 500 500 500 556 556 556 1000 1000 333 350 556 549 549 "
    "584 549 1000 240 200 200 584 "
)

_WIDTHS = {
    False: dict(zip(_CHARS, map(int, "".join(_REGULAR).split()), strict=True)),
    True: dict(zip(_CHARS, map(int, "".join(_BOLD).split()), strict=True)),
}
_UNKNOWN = 600  # a character outside the table (a letter of another script): a wide guess


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` on one line, in centimetres, at ``size`` points."""
    widths = _WIDTHS[bold]
    units = sum(widths.get(char, _UNKNOWN) for char in text)
    return units / 1000 * size * CM_PER_POINT


def words(text: str) -> list[str]:
    """The pieces a line may not be broken inside: split at ordinary spaces only
    (a no-break space, as in « 55,6 % », keeps its two sides together)."""
    return text.split(" ") if text else []


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class TableLayout:
    widths: list[float]  # in centimetres, summing to the text width
    size: float  # font size of the table, in points
    shortest: list[float]  # the width each column needs for its longest word


def layout(rows: list[list[Cell]], *, total: float, padding: float) -> TableLayout:
    """Widths for a table whose rows of cells are given (header row included), in a
    text width of ``total`` cm; ``padding`` is the left plus right space of a cell."""
    count = max((len(row) for row in rows), default=0)
    if count == 0:
        return TableLayout([], SIZES[0], [])
    for size in SIZES:
        shortest, longest = _needs(rows, count, size, padding)
        if sum(shortest) <= total:
            return TableLayout(_share(shortest, longest, total), size, shortest)
    # Even the smallest size cannot hold the longest words: shrink every column alike.
    scale = total / sum(shortest)
    return TableLayout([w * scale for w in shortest], SIZES[-1], shortest)


def _needs(rows, count, size, padding):
    """Per column: the width of its longest word, and of its longest line."""
    shortest, longest = [padding] * count, [padding] * count
    for row in rows:
        for index, cell in enumerate(row):
            for line in cell.text.split("\n"):
                pieces = [text_width(w, size, bold=cell.bold) for w in words(line)]
                if not pieces:
                    continue
                word = max(pieces) * SAFETY + padding
                whole = text_width(line, size, bold=cell.bold) * SAFETY + padding
                shortest[index] = max(shortest[index], word)
                longest[index] = max(longest[index], whole)
    return shortest, longest


def _share(shortest: list[float], longest: list[float], total: float) -> list[float]:
    """Each column its longest word, then the rest of the width: up to its longest line
    in proportion to what it lacks, then (all lines fitting) in proportion to its line."""
    if sum(longest) <= total:
        spare = total - sum(longest)
        return [w + spare * w / sum(longest) for w in longest]
    lacking = [line - word for word, line in zip(shortest, longest, strict=True)]
    spare = total - sum(shortest)
    return [s + spare * d / sum(lacking) for s, d in zip(shortest, lacking, strict=True)]
