"""The difference between two states of an Offre de Services: text per section, figures."""

import difflib
from dataclasses import dataclass, field

from jalons.offre.document import OffreDocument


@dataclass
class SectionDiff:
    number: str
    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # ("ajout"|"retrait"|"", text)
    figures: list[tuple[str, list[str], list[str]]] = field(default_factory=list)


def _text_lines(text: str) -> list[str]:
    return [line for line in (text or "").replace("\r\n", "\n").split("\n")]


def _line_diff(a: list[str], b: list[str]):
    """Line by line, without ``ndiff``'s character matching (quadratic on long lines)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from (("", line) for line in a[i1:i2])
            continue
        yield from (("retrait", line) for line in a[i1:i2])
        yield from (("ajout", line) for line in b[j1:j2])


def compare(old: OffreDocument, new: OffreDocument) -> list[SectionDiff]:
    """Changed sections only, in the order of the new document."""
    before = {s.key: s for s in old.sections}
    changes = []
    for section in new.sections:
        previous = before.get(section.key)
        old_text = previous.text if previous else ""
        diff = SectionDiff(section.number, section.title)
        if old_text != section.text:
            for kind, body in _line_diff(_text_lines(old_text), _text_lines(section.text)):
                if body.strip() or kind:
                    diff.lines.append((kind, body))
        old_figures = {f.key: f for f in previous.figures} if previous else {}
        for figure in section.figures:
            was = old_figures.get(figure.key)
            old_rows = [" | ".join(r) for r in was.rows] if was else []
            new_rows = [" | ".join(r) for r in figure.rows]
            if old_rows != new_rows:
                removed = [r for r in old_rows if r not in new_rows]
                added = [r for r in new_rows if r not in old_rows]
                diff.figures.append((figure.title, removed, added))
        if diff.lines or diff.figures:
            changes.append(diff)
    return changes
