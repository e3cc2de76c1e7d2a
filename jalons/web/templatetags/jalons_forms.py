"""Template side of ``jalons.web.form_rendering``: ``{% load jalons_forms %}``."""

from django import template

from jalons.web import form_rendering

register = template.Library()


@register.filter
def field_ids(field):
    """``{% with ids=field|field_ids %}``: the ids of a field, its help and its error."""
    return form_rendering.field_ids(field)


@register.simple_tag
def field_widget(field):
    """``{% field_widget field %}``: the widget tied to its help text and error."""
    return form_rendering.render_widget(field)  # safe HTML from the widget template


@register.simple_tag
def error_summary(*forms):
    """``{% error_summary form formset as summary %}``: ``summary.id``, ``summary.items``
    (a variable missing from the context is simply no form)."""
    return form_rendering.error_summary(*forms)


@register.filter
def with_id_prefix(form, prefix):
    """``{% with form=decision_form|with_id_prefix:"decision" %}``: a second form of a
    page whose field names are also in the first."""
    return form_rendering.with_id_prefix(form, prefix)


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """« Erreur : » at the start of the page title when a submitted form of the page
    (any form or formset of its context) was refused."""
    if any(form_rendering.has_errors(v) for v in context.flatten().values()):
        return form_rendering.ERROR_TITLE_PREFIX
    return ""
