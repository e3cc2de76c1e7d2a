"""The rows of the observatory's tables, written in Python: an edition for a DDETS
has thousands of cells, and one tag per row costs a tenth of the template tags per
cell it replaces (measured on the page of a DDETS of 375 structures). The page and
the PDF use it through ``observatoire/includes/table.html``."""

import re
from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_HYPHENATED = re.compile(r"\w-\w")
_SPACES = re.compile(r"(\s+)")


def unbreakable_names(text, *, whole: int = 24) -> str:
    """Escaped ``text`` that the PDF never cuts at a hyphen (« Hauts-de- / France »):
    a short name (``whole`` characters at most: « Pas-de-Calais (62) ») is kept on one
    line, a longer one keeps each hyphenated word (« Sambre-Avesnois ») on one line and
    still wraps between words. Each such part is a ``<span class="insecable">`` (the PDF
    gives it ``white-space: nowrap``); the text itself is unchanged."""
    text = str(text)
    if len(text) <= whole and _HYPHENATED.search(text):
        return f'<span class="insecable">{escape(text)}</span>'
    return "".join(
        f'<span class="insecable">{escape(part)}</span>'
        if _HYPHENATED.search(part)
        else escape(part)
        for part in _SPACES.split(text)
    )


@register.filter
def insecable(text):
    """``{{ edition.perimeter.label|insecable }}``: see ``unbreakable_names``."""
    return mark_safe(unbreakable_names(text))  # escaped in unbreakable_names


_CALL = {"primaire": "1", "secondaire": "2", "révisé": "3"}


@register.simple_tag
def observatoire_row(row, *, per_structure=False, in_pdf=False, secret=None):
    """One ``<tr>`` of a table: a hidden cell says "secret" with a call to its note. In
    the PDF, the row's name is not cut at a hyphen."""
    label = unbreakable_names(row.label) if in_pdf else escape(row.label)
    parts = [
        '<tr class="total">' if row.is_total else "<tr>",
        f'<th scope="row"><strong>{label}</strong></th>'
        if row.is_total
        else f'<th scope="row">{label}</th>',
    ]
    for cell in row.cells:
        if cell.hidden:
            reason = escape(cell.reason)
            call = _CALL.get(cell.reason, "2")
            if in_pdf:
                inner = f'<span class="tag">secret</span><sup>{call}</sup>'
            else:
                note = escape((secret or {}).get(cell.reason, ""))
                inner = (
                    '<span class="tag tag-warn">secret</span><a class="note-call" '
                    f'href="#secret-{reason}"><sup>{call}</sup><span class="visually-hidden"> : '
                    f"{note}</span></a>"
                )
            parts.append(f'<td class="num secret" data-secret="{reason}">{inner}</td>')
        elif cell.reason == "révisé":
            call = _CALL["révisé"]
            note = escape((secret or {}).get("revise", ""))
            link = (
                f"<sup>{call}</sup>"
                if in_pdf
                else f'<a class="note-call" href="#secret-revise"><sup>{call}</sup>'
                f'<span class="visually-hidden"> : {note}</span></a>'
            )
            parts.append(
                f'<td class="num revised" data-revised="{escape(row.revised)}">'
                f'{escape(cell.display)} <span class="tag">révisés non publiés</span>{link}</td>'
            )
        elif row.is_total:
            parts.append(f'<td class="num"><strong>{escape(cell.display)}</strong></td>')
        else:
            parts.append(f'<td class="num">{escape(cell.display)}</td>')
    if not per_structure:
        if row.structures is None:
            parts.append('<td class="num"><span class="tag tag-warn">secret</span></td>')
        else:
            parts.append(f'<td class="num">{int(row.structures)}</td>')
    parts.append("</tr>")
    return mark_safe("".join(parts))  # every value above is escaped
