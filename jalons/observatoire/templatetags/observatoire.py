"""The rows of the observatory's tables, written in Python: an edition for a DDETS
has thousands of cells, and one tag per row costs a tenth of the template tags per
cell it replaces (measured on the page of a DDETS of 375 structures). The page and
the PDF use it through ``observatoire/includes/table.html``."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_CALL = {"primaire": "1", "secondaire": "2", "révisé": "3"}


@register.simple_tag
def observatoire_row(row, *, per_structure=False, in_pdf=False, secret=None):
    """One ``<tr>`` of a table: a hidden cell says "secret" with a call to its note."""
    label = escape(row.label)
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
