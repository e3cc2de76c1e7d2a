"""What a value may be, read from the model fields, where the rule is written once.

A model field states its limits (``max_length``, ``MinValueValidator`` and
``MaxValueValidator``, ``max_digits``); the forms of the pages and the import of an
interchange folder (``jalons.echanges.checks``, ``jalons.echanges.fields``) read them
here rather than write the number again, so that a value refused on a page is refused
in a file. Each side keeps its own sentence. No database access.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from jalons.parcours.models import MonthlyHours


def _number(value) -> int | float:
    """A limit as a plain number: 744 rather than Decimal("744")."""
    return int(value) if value == int(value) else float(value)


def lower_bound(field: models.Field) -> int | float | None:
    """The smallest value the field's validators accept (None: no bound)."""
    limits = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    return _number(max(limits)) if limits else None


def upper_bound(field: models.Field) -> int | float | None:
    """The largest value the field's validators accept (None: no bound)."""
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    return _number(min(limits)) if limits else None


def largest_amount(field: models.Field) -> float | None:
    """The largest amount a decimal column stores: 9 999 999,99 for 9 digits, 2 of
    them decimals (None for a field that is not decimal)."""
    if not isinstance(field, models.DecimalField):
        return None
    places = field.decimal_places
    return round(10 ** (field.max_digits - places) - 10**-places, places)


# The hours of one person in one month (MonthlyHoursForm, the import's heures.csv).
MONTH_HOURS_MAX = upper_bound(MonthlyHours._meta.get_field("hours"))
