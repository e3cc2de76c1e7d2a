"""What the model fields accept, checked on whole polars columns before a bulk write.

The import writes its rows without model instances (``bulk.py``), so ``full_clean``
never runs for them. ``refusals`` reads instead each written field's own rules, the
ones ``full_clean`` would apply field by field, and checks a column at once:
``null`` and ``blank``, ``max_length``, ``choices``, its min and max validators
(``jalons.parcours.entry_rules``), ``max_digits`` of a decimal field, whole numbers for
an integer field; each refusal gets Django's own message for that rule. Uniqueness and
the check constraints are left to the database, which refuses them inside the
transaction. ``db_ready`` turns the columns into what the database takes, again from
the fields: ISO text for dates on SQLite, decimals rounded to their places as text,
empty text for a text field left blank.

The import's checks (``checks.py``) read their limits from the same fields, with the
sentences of the interchange format; these refusals only catch what they would miss.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.core.validators import (
    DecimalValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import connection, models

from jalons.parcours.entry_rules import largest_amount, lower_bound, upper_bound


@dataclass(frozen=True)
class Rule:
    """One rule of one field: ``broken`` selects the rows that break it."""

    field: str
    column: str
    broken: pl.Expr
    message: object  # function of the first value that breaks it


def _text(message, **values) -> str:
    return str(message % values)  # before str(): a lazy plural needs its number


def field_rules(
    model: type[models.Model], fields: dict[str, str], schema: dict[str, pl.DataType]
) -> list[Rule]:
    """The rules of the fields ``{model field: column}`` as polars expressions, for
    columns of these types."""
    rules = []
    for name, column in fields.items():
        field = model._meta.get_field(name)
        value = pl.col(column)
        text = isinstance(field, models.CharField)

        def rule(broken, message, name=name, column=column):
            rules.append(Rule(name, column, broken, message))

        if not field.null and not (text and field.blank):
            rule(value.is_null(), lambda v, f=field: _text(f.error_messages["null"]))
        if field.is_relation or schema[column] == pl.Null:  # a column of nulls only
            continue
        if text and not field.blank:
            rule(value == "", lambda v, f=field: _text(f.error_messages["blank"]))
        if field.choices:
            allowed = [key for key, _label in field.flatchoices]
            given = value.is_not_null() & (value != "") if text else value.is_not_null()
            rule(
                given & ~value.is_in(allowed),
                lambda v, f=field: _text(f.error_messages["invalid_choice"], value=v),
            )
        if text and field.max_length:
            limit = field.max_length
            rule(
                value.str.len_chars() > limit,
                lambda v, limit=limit: _text(
                    MaxLengthValidator(limit).message,
                    limit_value=limit,
                    show_value=len(v),
                    value=v,
                ),
            )
        low, high = lower_bound(field), upper_bound(field)
        if low is not None:
            rule(
                value < low,
                lambda v, low=low: _text(MinValueValidator(low).message, limit_value=low),
            )
        if high is not None:
            rule(
                value > high,
                lambda v, high=high: _text(MaxValueValidator(high).message, limit_value=high),
            )
        if isinstance(field, models.DecimalField):
            digits, places = field.max_digits, field.decimal_places
            rule(
                value.round(places).abs() > largest_amount(field),
                lambda v, digits=digits, places=places: _text(
                    DecimalValidator(digits, places).messages["max_whole_digits"],
                    max=digits - places,
                ),
            )
        if isinstance(field, models.IntegerField) and schema[column].is_float():
            rule(
                value != value.floor(),
                lambda v, f=field: _text(f.error_messages["invalid"], value=v),
            )
    return rules


def refusals(
    model: type[models.Model], frame: pl.DataFrame, fields: dict[str, str]
) -> list[tuple[str, str, int]]:
    """(column, message, number of rows) for each rule of the written fields that rows
    of ``frame`` break; the message names the field and the first value at fault."""
    if frame.is_empty():
        return []
    rules = field_rules(model, fields, frame.schema)
    counts = frame.select(
        rule.broken.fill_null(False).sum().alias(str(i)) for i, rule in enumerate(rules)
    ).row(0)
    out = []
    for rule, count in zip(rules, counts, strict=True):
        if count:
            first = frame.filter(rule.broken.fill_null(False))[rule.column][0]
            label = model._meta.get_field(rule.field).verbose_name
            out.append((rule.column, f"{label} : {rule.message(first)}", int(count)))
    return out


def db_ready(
    model: type[models.Model], frame: pl.DataFrame, fields: dict[str, str], keep=()
) -> pl.DataFrame:
    """The columns of ``fields`` ({model field: column}), and those of ``keep`` as they
    are, in the types the database takes for each field."""
    sqlite = connection.vendor == "sqlite"
    exprs = [pl.col(c) for c in keep]
    for name, column in fields.items():
        field = model._meta.get_field(name)
        value = pl.col(column)
        if field.is_relation or isinstance(field, models.DateTimeField):
            pass  # numbers; datetimes are never written from a file
        elif isinstance(field, models.DateField):
            if sqlite:
                value = value.dt.to_string("%Y-%m-%d")
        elif isinstance(field, models.DecimalField):
            value = value.round(field.decimal_places).cast(pl.String)
        elif isinstance(field, models.BooleanField):  # Python booleans suit both databases
            value = value.cast(pl.Boolean)
        elif isinstance(field, models.IntegerField):
            value = value.cast(pl.Int64)
        elif isinstance(field, models.CharField) and not field.null:
            value = value.fill_null("")  # a blank text is stored empty, never null
        exprs.append(value.alias(column))
    return frame.select(exprs)
