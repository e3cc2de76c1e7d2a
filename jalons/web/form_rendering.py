"""The one way Jalons ties form errors to their fields (see docs/accessibilite.md).

Every field shown by ``web/includes/field.html`` gets the ids computed here: its
widget says ``aria-describedby`` = its help text then its error message, and the
error summary links to the element that takes the focus. The same names as Django's
own (``<id>_helptext``, ``<id>_error``), so a field rendered with ``{{ field }}``
still points to the right elements.
"""

import copy
from dataclasses import dataclass

from django.forms import BaseForm, BaseFormSet
from django.forms.boundfield import BoundField

ERROR_TITLE_PREFIX = "Erreur : "


@dataclass(frozen=True)
class FieldIds:
    widget: str  # the input (or the group of choices)
    target: str  # where a link of the error summary sends the focus
    help: str
    error: str
    describedby: str  # help text then error message, those that are shown


@dataclass(frozen=True)
class SummaryItem:
    message: str
    label: str = ""  # the field's label, empty for an error on the whole form
    href: str = ""  # "#<id>" of the field to correct


def field_ids(field: BoundField) -> FieldIds:
    base = field.field.widget.attrs.get("id") or field.auto_id or ""
    if not base:
        return FieldIds("", "", "", "", "")
    help_id, error_id = f"{base}_helptext", f"{base}_error"
    if field.use_fieldset:
        # Radios and checkboxes: the first choice takes the focus.
        subwidgets = field.subwidgets
        target = (subwidgets[0].id_for_label if subwidgets else "") or base
    else:
        target = field.id_for_label or base
    described = [help_id] if field.help_text else []
    if field.errors:
        described.append(error_id)
    return FieldIds(base, target, help_id, error_id, " ".join(described))


def render_widget(field: BoundField) -> str:
    """The widget, with ``aria-describedby`` naming exactly the elements that
    ``field.html`` renders (``aria-invalid`` comes from Django)."""
    describedby = field_ids(field).describedby
    if describedby:
        return field.as_widget(attrs={"aria-describedby": describedby})
    return field.as_widget()


def _first_target(form) -> str:
    if isinstance(form, BaseFormSet):
        return next((t for f in form.forms if (t := _first_target(f))), "")
    for field in form.visible_fields():
        if target := field_ids(field).target:
            return target
    return ""


def _items(form) -> list[SummaryItem]:
    if form is None or not getattr(form, "is_bound", False):
        return []
    if isinstance(form, BaseFormSet):
        href = f"#{t}" if (t := _first_target(form)) else ""
        items = [SummaryItem(str(e), href=href) for e in form.non_form_errors()]
        for subform in form.forms:
            items += _items(subform)
        return items
    if not isinstance(form, BaseForm) or not form.errors:
        return []
    href = f"#{t}" if (t := _first_target(form)) else ""
    # Errors of the whole form, and of hidden fields (nothing to correct there by
    # hand), lead to the first field.
    items = [SummaryItem(str(e), href=href) for e in form.non_field_errors()]
    for field in form.hidden_fields():
        items += [SummaryItem(str(e), href=href) for e in field.errors]
    for field in form.visible_fields():
        target = field_ids(field).target
        items += [
            SummaryItem(str(e), label=str(field.label or ""), href=f"#{target}" if target else "")
            for e in field.errors
        ]
    return items


@dataclass(frozen=True)
class ErrorSummary:
    id: str
    items: list[SummaryItem]


def error_summary_items(*forms) -> list[SummaryItem]:
    """Every error of these forms or formsets, in page order, each with the link to
    its field; forms not submitted (unbound) have none."""
    items: list[SummaryItem] = []
    for form in forms:
        items += _items(form)
    return items


def summary_id(form) -> str:
    """``erreurs`` for a page's form; another id for a form whose ids are prefixed
    (two forms on one page)."""
    if isinstance(form, BaseFormSet):
        return f"erreurs-{form.prefix}"
    if not isinstance(form, BaseForm):
        return "erreurs"
    marker = str(form.auto_id or "").replace("%s", "").strip("_-")
    if form.prefix:
        marker = f"{marker}-{form.prefix}"
    return "erreurs" if marker in ("", "id") else f"erreurs-{marker}"


def error_summary(*forms) -> ErrorSummary:
    """The summary of these forms (the first one names it)."""
    first = next((f for f in forms if isinstance(f, BaseForm | BaseFormSet)), None)
    return ErrorSummary(summary_id(first), error_summary_items(*forms))


def has_errors(value) -> bool:
    if isinstance(value, BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value.errors)
    return False


def with_id_prefix(form: BaseForm, prefix: str) -> BaseForm:
    """The same form (same data, same errors, same field names) whose ids start with
    ``id_<prefix>_``: for a page that shows two forms with a field of the same name."""
    clone = copy.copy(form)
    clone.auto_id = f"id_{prefix}_%s"
    clone._bound_fields_cache = {}
    return clone
