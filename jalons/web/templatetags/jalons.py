from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping|get_item:key`` for dictionaries in templates (None when absent)."""
    if mapping is None:
        return None
    return mapping.get(key)
