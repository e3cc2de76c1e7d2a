"""What an import changes, table by table: the difference between the folder and the
database, computed in polars, without writing anything.

Each function takes the rows of the folder (with ``_spk`` and ``_ppk``, the numbers of
their structure and person, once these are known) and the recorded rows, read without
model instances, and returns a ``Plan``: the rows to create, the rows to update with
the fields that change, and how many rows are left as they are. The fields come from
the table map (``tables.TABLES``); ``apply.py`` writes a plan and ``journal.py`` logs
it.

- Rows with a natural key (pathways, monthly hours, follow-ups) are joined to the
  recorded rows on it; a row is updated when one of the values of the columns present
  in the file differs (decimals compared at their number of places).
- Rows without one (orientations, accompaniment and training actions) are compared
  as a multiset: identical rows are matched and only the excess is created.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
from django.db import models

from jalons.echanges.tables import TABLES, Table
from jalons.parcours.models import Person

SPK, PPK = "_spk", "_ppk"
DB = "_db_"  # prefix of the recorded values set beside those of the folder
LINK_COLUMNS = {"structure": SPK, "person": PPK}


@dataclass
class Plan:
    """What the import does to one table."""

    table: str
    model: type[models.Model]
    create: pl.DataFrame
    create_fields: dict[str, str]  # {model field: column} of the created rows
    update: pl.DataFrame = field(default_factory=pl.DataFrame)  # with "id"
    update_fields: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    source: str = ""  # the file the rows come from, for a refusal (default: table.csv)

    @property
    def created(self) -> int:
        return self.create.height

    @property
    def updated(self) -> int:
        return self.update.height if self.update_fields else 0

    def touched(self) -> list[pl.DataFrame]:
        """(person, table, kind) of each row written, for the journal."""
        parts = [(self.create, "crees")]
        if self.update_fields:
            parts.append((self.update, "modifies"))
        return [
            frame.filter(pl.col(PPK).is_not_null()).select(
                PPK, pl.lit(self.table).alias("table"), pl.lit(kind).alias("kind")
            )
            for frame, kind in parts
            if frame.height and PPK in frame.columns
        ]


@dataclass
class StructurePlan(Plan):
    # identifier -> (created, {French label: [old, new]}), in the order of the file
    changes: dict[str, tuple[bool, dict]] = field(default_factory=dict)


def insert_fields(table: Table, **links: str) -> dict[str, str]:
    """{model field: column} of a created row: its relations, then its values."""
    return {**{f: LINK_COLUMNS[f] for f in table.links}, **links, **table.written}


# Structures and people ------------------------------------------------------------


def structures(csv: pl.DataFrame, have: pl.DataFrame) -> StructurePlan:
    """``csv``: structures.csv with INSEE codes; ``have``: the recorded structures of
    these identifiers (id, identifier and the written fields). An empty cell keeps the
    recorded value; a structure created without a name is named by its identifier.
    The changes are labelled with the names of the model fields, for the journal."""
    table = TABLES["structures"]
    written = table.written
    values = {f: c for f, c in written.items() if f != "identifier"}
    joined = csv.select(written.values()).join(
        recorded_as(have, values),
        left_on="structure_id",
        right_on="identifier",
        how="left",
        maintain_order="left",
    )
    new = joined.filter(pl.col("id").is_null())
    old = joined.filter(pl.col("id").is_not_null())
    differs = pl.lit(False)
    for f, c in values.items():
        differs = differs | (pl.col(c).is_not_null() & pl.col(c).ne_missing(pl.col(DB + f)))
    changed = old.filter(differs).select(
        "id", *(pl.coalesce(c, DB + f).alias(c) for f, c in values.items())
    )
    labels = {f: str(table.model_field(f).verbose_name) for f in values}
    changes = {}
    for row in joined.iter_rows(named=True):
        if row["id"] is None:
            changes[row["structure_id"]] = (True, {})
            continue
        changes[row["structure_id"]] = (
            False,
            {
                labels[f]: [row[DB + f], row[c]]
                for f, c in values.items()
                if row[c] is not None and row[c] != row[DB + f]
            },
        )
    return StructurePlan(
        "structures",
        table.model,
        create=new.select(written.values()).with_columns(pl.coalesce("nom", "structure_id")),
        create_fields=written,
        update=changed,
        update_fields=values,
        unchanged=old.height - changed.height,
        changes=changes,
    )


def people(wanted: pl.DataFrame, have: pl.DataFrame) -> Plan:
    """``wanted``: (structure_id, personne_id, _spk) named by the files, once each;
    ``have``: the recorded people (_ppk, _spk, personne_id). The unknown are created."""
    new = wanted.join(have, on=[SPK, "personne_id"], how="anti")
    return Plan(
        "personnes",
        Person,
        create=new,
        create_fields={"structure": SPK, "external_id": "personne_id"},
        unchanged=wanted.height - new.height,
        source="fichiers du dossier",  # people are named by every table
    )


def with_keys(frame: pl.DataFrame, sid_map: pl.DataFrame, person_map: pl.DataFrame):
    """The rows of a table with the numbers of their structure and person."""
    frame = frame.join(sid_map, on="structure_id", how="left")
    return frame.join(
        person_map.select(SPK, "personne_id", PPK), on=[SPK, "personne_id"], how="left"
    )


# Rows with a natural key ----------------------------------------------------------


@dataclass
class Keyed:
    """The folder's rows joined to the recorded ones (``id`` null: not recorded)."""

    joined: pl.DataFrame
    new: pl.DataFrame
    old: pl.DataFrame
    changed: pl.DataFrame


def recorded_as(have: pl.DataFrame, compared: dict[str, str]) -> pl.DataFrame:
    """The recorded values of the compared fields renamed ``_db_<field>``."""
    return have.rename({f: DB + f for f in compared if f in have.columns})


def keyed(
    table: Table, csv: pl.DataFrame, have: pl.DataFrame, on: list[str], present: set[str]
) -> tuple[Keyed, dict[str, str]]:
    """Join on ``on``; a recorded row changes when a value of a column present in the
    file differs. ``have`` holds ``id``, the key columns and the written fields."""
    key_columns = set(on) | set(table.key)
    compared = {f: c for f, c in table.written.items() if c not in key_columns and c in present}
    joined = csv.join(recorded_as(have, compared), on=on, how="left")
    new = joined.filter(pl.col("id").is_null())
    old = joined.filter(pl.col("id").is_not_null())
    differs = pl.lit(False)
    for name, column in compared.items():
        mine, theirs = pl.col(column), pl.col(DB + name)
        model_field = table.model_field(name)
        if isinstance(model_field, models.DecimalField):
            places = model_field.decimal_places
            mine, theirs = mine.round(places), theirs.round(places)
        differs = differs | mine.ne_missing(theirs)
    return Keyed(joined, new, old, old.filter(differs)), compared


def _keyed_plan(table: Table, diff: Keyed, compared: dict, create_fields: dict) -> Plan:
    return Plan(
        table.name,
        table.model,
        create=diff.new,
        create_fields=create_fields,
        update=diff.changed,
        update_fields=compared,
        unchanged=diff.old.height - diff.changed.height,
    )


def parcours(csv: pl.DataFrame, have: pl.DataFrame, present: set[str]) -> tuple[Plan, Keyed]:
    """``have``: the recorded pathways (id, _spk, _ppk, date_embauche and the written
    fields, empty motif as null). Also returns the join, for the conflicts."""
    table = TABLES["parcours"]
    diff, compared = keyed(table, csv, have, [SPK, PPK, "date_embauche"], present)
    return _keyed_plan(table, diff, compared, insert_fields(table)), diff


def hours(csv: pl.DataFrame, have: pl.DataFrame, present: set[str]) -> Plan:
    """The lines of one person for one month are added up (as the engine does)."""
    table = TABLES["heures"]
    csv = csv.group_by(SPK, PPK, "mois", maintain_order=True).agg(
        pl.col("heures").round(2).sum().round(2)
    )
    diff, compared = keyed(table, csv, have, [PPK, "mois"], present)
    return _keyed_plan(table, diff, compared, insert_fields(table))


def follow_ups(csv: pl.DataFrame, exits: pl.DataFrame, have: pl.DataFrame, present) -> Plan:
    """``exits``: the recorded pathways with an exit (_parcours, _spk, _ppk,
    date_sortie); a follow-up belongs to the pathway of its person that ended then."""
    table = TABLES["suivis"]
    csv = csv.join(exits, on=[SPK, PPK, "date_sortie"], how="left")
    diff, compared = keyed(table, csv, have, ["_parcours", "echeance_mois"], present)
    return _keyed_plan(table, diff, compared, insert_fields(table, parcours="_parcours"))


# Rows without a natural key -------------------------------------------------------


def multiset(table: Table, csv: pl.DataFrame, have: pl.DataFrame, present: set[str]) -> Plan:
    """``have``: the recorded rows (_spk, _ppk and the written fields). Rows equal on
    every column present in the file are matched one for one; the excess of the
    folder is created, nothing is deleted."""
    fields = table.written
    have = have.rename(fields)
    texts = [
        c
        for f, c in fields.items()
        if isinstance(table.model_field(f), models.CharField) and table.model_field(f).blank
    ]
    have = have.with_columns(pl.col(c).str.strip_chars().replace("", None) for c in texts)
    for f, c in fields.items():
        model_field = table.model_field(f)
        if isinstance(model_field, models.DecimalField):
            places = model_field.decimal_places
            csv = csv.with_columns(pl.col(c).round(places))
            have = have.with_columns(pl.col(c).round(places))
    keys = [SPK, PPK, *(c for c in fields.values() if c in present)]
    counts_csv = csv.group_by(keys, maintain_order=True).agg(pl.len().alias("_n"))
    counts_db = have.group_by(keys).agg(pl.len().alias("_m"))
    joined = counts_csv.join(counts_db, on=keys, how="left", nulls_equal=True).with_columns(
        pl.col("_m").fill_null(0)
    )
    joined = joined.with_columns(pl.col("_n", "_m").cast(pl.Int64)).with_columns(
        _new=(pl.col("_n") - pl.col("_m")).clip(lower_bound=0),
        _same=pl.min_horizontal("_n", "_m"),
    )
    excess = joined.filter(pl.col("_new") > 0)
    # One row per row to create, with every column (absent columns are null).
    rows = excess.select(*keys, "_new").with_columns(pl.int_ranges(0, pl.col("_new")).alias("_k"))
    rows = rows.explode("_k").drop("_k", "_new")
    rows = rows.with_columns(
        pl.lit(None).cast(csv.schema[c]).alias(c) for c in fields.values() if c not in rows.columns
    )
    return Plan(
        table.name,
        table.model,
        create=rows,
        create_fields=insert_fields(table),
        unchanged=int(joined["_same"].sum() or 0),
    )
