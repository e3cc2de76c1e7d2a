"""Filters of the export templates (loaded in every one of them by ``pdf.engine``).

``{{ line|dates_fr }}``: the ISO dates of a line (2025-03-01) written the French way
(01/03/2025), like every other date of the annexes.
"""

from django import template

from jalons.offre.exports.common import figure_columns, french_dates, rule_set_heading

register = template.Library()


@register.filter
def dates_fr(text):
    return french_dates(str(text or ""))


@register.filter
def aligned(rows, columns):
    """``rows|aligned:columns``: the header and the rows of a table, each cell with
    whether it is a figure (``common.figure_columns``) so that it is right-aligned."""
    flags = figure_columns(rows, len(columns))
    return {
        "header": list(zip(columns, flags, strict=False)),
        "rows": [list(zip(row, flags, strict=False)) for row in rows],
    }


@register.filter
def jeu_titre(rule_set):
    """The heading of a rule set (``common.rule_set_heading``)."""
    return rule_set_heading(rule_set)
