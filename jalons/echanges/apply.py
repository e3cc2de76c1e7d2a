"""Writing a plan (``plan.py``): bulk inserts and updates that pass the model's rules.

Before any row goes to the database, the columns are checked against the rules of
the fields they fill (``fields.refusals``: what ``full_clean`` would check, a column
at once), then converted as these fields store them (``fields.db_ready``) and written
by ``bulk.py``. The import's own checks have already refused, with their messages,
every value that breaks a rule; a refusal here means one of them is missing, and
stops the import inside its transaction, so nothing is written.
"""

from __future__ import annotations

import polars as pl

from jalons.echanges import bulk
from jalons.echanges.fields import db_ready, refusals
from jalons.echanges.plan import Plan
from jalons.rules import InvalidFolder, Problem


class Refused(InvalidFolder):
    """Values that a model field refuses (file and column, no line)."""


def insert(model, frame: pl.DataFrame, fields: dict[str, str], where: str) -> int:
    """Insert the rows of ``frame`` ({model field: column}); ``where`` names the file
    they come from, for a refusal."""
    if frame.is_empty():
        return 0
    guard(model, frame, fields, where)
    return bulk.insert(model, db_ready(model, frame, fields), fields)


def update(model, frame: pl.DataFrame, fields: dict[str, str], where: str) -> int:
    """Set ``fields`` of the rows whose number is in column ``id``."""
    if frame.is_empty() or not fields:
        return 0
    guard(model, frame, fields, where)
    return bulk.update(model, db_ready(model, frame, fields, keep=("id",)), fields, pk="id")


def write(plan: Plan) -> None:
    where = plan.source or f"{plan.table}.csv"
    insert(plan.model, plan.create, plan.create_fields, where)
    update(plan.model, plan.update, plan.update_fields, where)


def guard(model, frame: pl.DataFrame, fields: dict[str, str], where: str) -> None:
    found = refusals(model, frame, fields)
    if found:
        raise Refused(
            [
                Problem(
                    where,
                    None,
                    column,
                    f"{count} valeur{'s' if count > 1 else ''} refusée{'s' if count > 1 else ''}"
                    f" par Jalons ({message})",
                )
                for column, message, count in found
            ]
        )
