from decimal import Decimal

from django import template

from jalons.rules.arith import shown
from jalons.web.charts import trimmed_number

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping|get_item:key`` for dictionaries in templates (None when absent)."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def pourcent(value, decimals: int = 1):
    """0.4545 -> '45,5 %'; None -> '–' (no base)."""
    if value is None or value == "":
        return "–"
    percent = shown(Decimal(repr(float(value))) * 100, int(decimals))
    return f"{percent:.{int(decimals)}f}\u00a0%".replace(".", ",")


@register.filter
def heures(value):
    """72.5 -> '72,5 h'; None -> '–'."""
    if value is None or value == "":
        return "–"
    return trimmed_number(value, 2) + "\u00a0h"


@register.filter
def get_index(sequence, index):
    """``sequence|get_index:n`` (None when out of range)."""
    try:
        return sequence[int(index)]
    except (IndexError, TypeError, ValueError):
        return None


@register.filter
def iso_fr(value):
    """'2014-02-05' -> '05/02/2014' (other values unchanged)."""
    text = str(value or "")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text or "–"


@register.filter
def jeu_court(name):
    """A rule set as a reader sees it in a column header: « ETTI 450 h », not
    « etti-450h »."""
    from jalons.rules import short_title

    return short_title(str(name))
