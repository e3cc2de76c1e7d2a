"""The interchange tables and the models that hold them: one declaration per table.

Each column of a table (those of ``jalons.rules.tables.SCHEMAS``, in the same order) is
one line, which says:

- ``path``: the ORM path that reads its value with the interchange identifiers (the
  export, ``--base``, the page of indicators: ``selectors.table_frame``);
- ``number``: the ORM path that reads it with database numbers instead (the
  observatory, ``jalons.observatoire.compute.reader``); by default ``path``;
- ``field``: the model field the import writes it into (``services.folder_import``);
  by default ``path`` when it is a field of the model itself, and nothing for a path
  through a relation. ``structure_id`` and ``personne_id`` are references
  (``structure_ref``, ``person_ref``): the import finds (or creates) the structure and
  the person and writes the relation.

Each table also names its natural key (the columns that find a recorded row again);
a table without one is compared as a multiset. Adding a column is one line here (after
its line in ``SCHEMAS``): export, engine tables, observatory and import all follow, and
``tests/echanges/test_tables.py`` checks that every view agrees with ``SCHEMAS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl
from django.db import models

from jalons.accompagnement.models import AccompanimentAction
from jalons.formation.models import TrainingAction
from jalons.orientations.models import Orientation
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours
from jalons.rules.tables import SCHEMAS
from jalons.structures.models import Structure

_PLAIN = object()  # ``field`` not given: ``path`` if it names a field of the model


@dataclass(frozen=True)
class Column:
    """One column of an interchange table and where it lives in the database."""

    name: str
    path: str
    number: str = ""
    field: str | object | None = _PLAIN
    ref: str = ""  # "structure" or "person" for the references
    via: str = ""  # the relation a reference goes through ("parcours__", "person__")

    @property
    def number_path(self) -> str:
        return self.number or self.path

    @property
    def written(self) -> str | None:
        """The model field the import writes this value into (None: none)."""
        if self.field is _PLAIN:
            return None if self.ref or "__" in self.path else self.path
        return self.field


def structure_ref(via: str = "") -> Column:
    """``structure_id``: the interchange identifier of the row's structure, reached
    through the relation ``via`` (``"person__"``: the person's structure)."""
    return Column(
        "structure_id",
        f"{via}structure__identifier",
        f"{via}structure_id",
        ref="structure",
        via=via,
    )


def person_ref(via: str = "") -> Column:
    """``personne_id``: the identifier of the person in the structure."""
    return Column(
        "personne_id", f"{via}person__external_id", f"{via}person_id", ref="person", via=via
    )


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # natural key; empty: no key, rows compared as a multiset

    def __getitem__(self, name: str) -> Column:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @property
    def schema(self) -> dict[str, pl.DataType]:
        return SCHEMAS[self.name]

    @property
    def paths(self) -> dict[str, str]:
        """{column: ORM path} to read the table with interchange identifiers."""
        return {c.name: c.path for c in self.columns}

    @property
    def number_paths(self) -> dict[str, str]:
        """{column: ORM path} to read it with database numbers (no identifier)."""
        return {c.name: c.number_path for c in self.columns}

    @property
    def structure_path(self) -> str:
        """The ORM path of the number of each row's structure."""
        return self["structure_id"].number_path

    @property
    def written(self) -> dict[str, str]:
        """{model field: column} of the values the import writes (references apart)."""
        return {c.written: c.name for c in self.columns if c.written}

    @property
    def links(self) -> dict[str, str]:
        """{relation field: "structure" or "person"}: the relations the import writes
        from the references (a reference through another relation writes none)."""
        return {c.ref: c.ref for c in self.columns if c.ref and not c.via}

    def dtype(self, column: str) -> pl.DataType:
        return self.schema[column]

    def model_field(self, field: str) -> models.Field:
        return self.model._meta.get_field(field)

    def stored_field(self, column: str) -> models.Field | None:
        """The model field that ends up holding the column's text or number: the
        written field, or for ``personne_id`` the identifier of the person (created if
        unknown); None for a column that only refers to a row given elsewhere."""
        col = self[column]
        if col.written:
            return self.model_field(col.written)
        if col.ref == "person":
            return resolve(self.model, col.path)
        return None


def resolve(model: type[models.Model], path: str) -> models.Field:
    """The field an ORM path (``person__external_id``, ``pk``) ends on."""
    *relations, last = path.split("__")
    for name in relations:
        model = model._meta.get_field(name).related_model
    return model._meta.pk if last == "pk" else model._meta.get_field(last)


def _tables(*tables: Table) -> dict[str, Table]:
    return {t.name: t for t in tables}


TABLES: dict[str, Table] = _tables(
    Table(
        "structures",
        Structure,
        (
            Column("structure_id", "identifier", "pk"),
            Column("type_siae", "kind"),
            Column("nom", "name", "kind"),  # the observatory needs no name: the type stands in
            Column("departement", "departement_id", field="departement"),
            Column("region", "departement__region_id"),  # follows from the département
        ),
        key=("structure_id",),
    ),
    Table(
        "parcours",
        Parcours,
        (
            structure_ref(),
            person_ref(),
            Column("date_embauche", "hire_date"),
            Column("date_sortie", "exit_date"),
            Column("motif_sortie", "exit_motif"),
            Column("heures_travaillees", "hours_worked"),
            Column("sortie_temps_plein", "exit_full_time"),
        ),
        key=("structure_id", "personne_id", "date_embauche"),
    ),
    Table(
        "heures",
        MonthlyHours,
        (structure_ref(), person_ref(), Column("mois", "month"), Column("heures", "hours")),
        key=("structure_id", "personne_id", "mois"),
    ),
    Table(
        "suivis",
        FollowUp,
        (
            structure_ref("parcours__"),
            person_ref("parcours__"),
            Column("date_sortie", "parcours__exit_date"),  # with the person: the pathway
            Column("echeance_mois", "months"),
            Column("situation", "situation"),
            Column("date_suivi", "obtained_on"),
        ),
        key=("structure_id", "personne_id", "date_sortie", "echeance_mois"),
    ),
    Table(
        "orientations",
        Orientation,
        (
            structure_ref(),
            Column("date", "date"),
            Column("prescripteur_type", "prescriber_type"),
            Column("issue", "outcome"),
            person_ref(),
        ),
    ),
    Table(
        "accompagnements",
        AccompanimentAction,
        (
            structure_ref("person__"),
            person_ref(),
            Column("date", "date"),
            Column("nature", "nature"),
            Column("duree_minutes", "duration_minutes"),
            Column("frein", "barrier"),
            Column("modalite", "modality"),
            Column("intervenant", "speaker"),
        ),
    ),
    Table(
        "formations",
        TrainingAction,
        (
            structure_ref("person__"),
            person_ref(),
            Column("statut", "status"),
            Column("date_debut", "start_date"),
            Column("date_fin", "end_date"),
            Column("intitule", "title"),
            Column("heures", "hours"),
            Column("qualifiante", "qualifying"),
        ),
    ),
)


def normalise(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Database values as the reader gives them from a CSV file: trimmed text, empty
    text as null, dates as ``pl.Date`` (SQLite gives ISO text), booleans from 0/1."""
    exprs = []
    for column, dtype in schema.items():
        value = pl.col(column)
        current = frame.schema[column]
        if dtype == pl.String:
            value = value.cast(pl.String).str.strip_chars().replace("", None)
        elif dtype == pl.Date and current == pl.String:  # SQLite returns ISO text
            value = value.str.slice(0, 10).str.to_date("%Y-%m-%d")
        elif dtype == pl.Boolean and current != pl.Boolean:  # SQLite returns 0/1
            value = value.cast(pl.Int64).cast(pl.Boolean)
        exprs.append(value.cast(dtype).alias(column))
    return frame.select(exprs)
