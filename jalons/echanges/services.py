"""Importing an interchange folder into the database (contract section 6).

``folder_import`` reads the folder with ``read_folder`` (the checks and messages of
``jalons indicateurs calculer``), then checks what the database adds (``checks.py``
and, against the pathways already recorded, ``conflicts.py``), and only then writes,
in one transaction: structures (by identifier), people (by structure and
``personne_id``), pathways (by structure, person and hire date), monthly hours (by
person and month), follow-ups (by pathway and echeance), and orientations,
accompaniment and training actions, which have no natural key: identical rows are
matched as a multiset and only the excess is created. Nothing is ever deleted;
importing the same folder twice changes nothing.

Each table goes through three steps: the plan, the difference computed in polars
(``plan.py``); the writing of that plan, in bulk, through the rules of the model
fields (``apply.py``); and, once all are written, the journal (``journal.py``, through
``jalons.audit.services.audit_records``). Which column goes into which field is
declared once, in ``tables.py``.

A column absent from a file leaves the recorded values alone; an empty cell in a
column that is present empties the value (pathway fields), except the name and
département of a structure, which an empty cell never erases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction

from jalons.echanges import apply, bulk, conflicts, journal, plan
from jalons.echanges.checks import (
    ROW,
    Findings,
    check_places,
    check_single_structure,
    check_values,
    csv_files,
    header,
    insee_code,
)
from jalons.echanges.plan import PPK, SPK
from jalons.echanges.tables import TABLES
from jalons.parcours.models import FollowUp, Parcours, Person
from jalons.rules import InvalidFolder, read_folder
from jalons.structures.models import Departement, Structure

LABELS = {
    "structures": "Structures",
    "personnes": "Personnes",
    "parcours": "Parcours",
    "heures": "Heures mensuelles",
    "suivis": "Suivis après la sortie",
    "orientations": "Orientations",
    "accompagnements": "Actions d'accompagnement",
    "formations": "Actions de formation",
}
I64, STR, DATE = pl.Int64, pl.String, pl.Date


@dataclass
class ImportResult:
    """What an import wrote (or, for a trial, would write)."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: {"crees": 0, "modifies": 0, "inchanges": 0} for t in LABELS}
    )
    avertissements: list[str] = field(default_factory=list)
    essai: bool = False

    def rows(self) -> list[tuple[str, str, int, int, int]]:
        """(table, French label, created, updated, unchanged) for display."""
        return [
            (t, LABELS[t], c["crees"], c["modifies"], c["inchanges"])
            for t, c in self.counts.items()
        ]

    @property
    def total_written(self) -> int:
        return sum(c["crees"] + c["modifies"] for c in self.counts.values())


class _Rollback(Exception):
    pass


def folder_import(
    *,
    folder: str | Path,
    actor,
    only_structure: Structure | None = None,
    trial: bool = False,
    progress: Callable[[str], None] | None = None,
    source: str = "",
    today: dt.date | None = None,
) -> ImportResult:
    """Check then import a folder, all or nothing. Raises ``InvalidFolder`` with every
    problem (nothing written). ``only_structure``: refuse rows of any other structure.
    ``trial``: compute the result then roll everything back (the preview). ``today``:
    the date that dates in the future are checked against (by default the local date).
    ``actor``: the author of the journal entries (``Actor.from_request`` on the page,
    ``Actor.from_command`` for the command line)."""
    step = progress or (lambda label: None)
    folder = Path(folder)
    step("lecture et vérification des fichiers")
    tables = read_folder(folder)
    files = csv_files(folder)
    present = {t: header(p) for t, p in files.items()}
    frames = {
        name: getattr(tables, name).with_row_index(ROW)
        for name in LABELS
        if name in files and getattr(tables, name, None) is not None
    }
    result = ImportResult(avertissements=list(tables.avertissements), essai=trial)
    findings = Findings(folder, files)
    if only_structure is not None:
        check_single_structure(
            frames, only_structure.identifier, f"la structure {only_structure.name}", findings
        )
    check_values(frames, findings, result.avertissements, today=today)
    places = dict(Departement.objects.values_list("code", "region_id"))
    check_places(frames["structures"], present["structures"], findings, places)
    if findings:
        raise InvalidFolder(findings.problems(), tuple(tables.avertissements))
    job = _Import(frames, present, result, actor, source or folder.name, step)
    try:
        with transaction.atomic():
            job.run(findings)
            if findings:
                raise InvalidFolder(findings.problems(), tuple(tables.avertissements))
            if trial:
                raise _Rollback
    except _Rollback:
        pass
    except apply.Refused as refused:  # a value that a model field refuses
        raise InvalidFolder(refused.problems, tuple(tables.avertissements)) from None
    return result


class _Import:
    """The steps of one import, in the order of the relations: read what is recorded,
    plan the difference (``plan.py``), write it (``apply.py``), then log it all
    (``journal.py``)."""

    def __init__(self, frames, present, result, actor, source, step):
        self.frames, self.present, self.result = frames, present, result
        self.actor, self.source, self.step = actor, source, step
        # (person pk, table, "crees"/"modifies") of every row written, for the log.
        self.touched: list[pl.DataFrame] = []

    def count(self, table: str, created=0, updated=0, unchanged=0) -> None:
        c = self.result.counts[table]
        c["crees"] += created
        c["modifies"] += updated
        c["inchanges"] += unchanged

    def has(self, table: str, column: str) -> bool:
        return column in self.present.get(table, ())

    def write(self, done: plan.Plan) -> None:
        """Write a plan, count it and keep what it touched for the journal."""
        apply.write(done)
        self.count(done.table, created=done.created, updated=done.updated, unchanged=done.unchanged)
        self.touched.extend(done.touched())

    def run(self, findings: Findings) -> None:
        self.step("structures")
        self.structures()
        self.step("personnes")
        self.people()
        self.step("parcours")
        self.parcours(findings)
        if findings:
            return
        self.step("heures")
        self.hours()
        self.step("suivis")
        self.follow_ups()
        for table in ("orientations", "accompagnements", "formations"):
            self.step(table)
            self.multiset(table)
        self.step("journal")
        self.audit()

    def recorded(self, table: str, fields: dict[str, pl.DataType]) -> pl.DataFrame:
        """The recorded rows of a table for the structures of the folder, the fields
        of its natural key named as the columns of the file."""
        spec = TABLES[table]
        queryset = spec.model.objects.filter(**{f"{spec.structure_path}__in": self.spks})
        keys = {f: c for f, c in spec.written.items() if c in spec.key}
        return bulk.existing(queryset, fields).rename(keys)

    def written_types(self, table: str) -> dict[str, pl.DataType]:
        """{model field: type} of the values a table's rows hold."""
        spec = TABLES[table]
        return {f: spec.dtype(c) for f, c in spec.written.items()}

    # Structures and people ------------------------------------------------------------

    def structures(self) -> None:
        frame = self.frames["structures"].with_columns(
            insee_code(pl.col("departement")).alias("departement")
        )
        identifiers = frame["structure_id"].to_list()
        have = bulk.existing(
            Structure.objects.filter(identifier__in=identifiers),
            {"id": I64, **self.written_types("structures")},
        )
        done = plan.structures(frame, have)
        self.write(done)
        self.structure_changes = done.changes
        known = {s.identifier: s for s in Structure.objects.filter(identifier__in=identifiers)}
        self.structures_by_id = known
        self.sid_map = pl.DataFrame(
            {"structure_id": list(known), SPK: [s.pk for s in known.values()]},
            schema={"structure_id": pl.String, SPK: pl.Int64},
        )
        self.spks = [s.pk for s in known.values()]

    def people(self) -> None:
        wanted = pl.concat(
            [
                f.select("structure_id", "personne_id")
                for t, f in self.frames.items()
                if t != "structures"
            ],
            how="vertical",
        )
        wanted = (
            wanted.filter(pl.col("personne_id").is_not_null())
            .unique()
            .join(self.sid_map, on="structure_id")
        )
        people = Person.objects.filter(structure_id__in=self.spks)
        have = bulk.existing(people, {"id": I64, "structure_id": I64, "external_id": STR}).rename(
            {"id": PPK, "structure_id": SPK, "external_id": "personne_id"}
        )
        done = plan.people(wanted, have)
        apply.write(done)
        self.count("personnes", created=done.created, unchanged=done.unchanged)
        self.person_map = bulk.existing(
            people,
            {
                "id": I64,
                "structure_id": I64,
                "external_id": STR,
                "first_name": STR,
                "last_name": STR,
            },
        ).rename({"id": PPK, "structure_id": SPK, "external_id": "personne_id"})
        created = done.create.join(self.person_map, on=[SPK, "personne_id"]).select(PPK)
        self.created_people = set(created[PPK].to_list())

    def with_keys(self, table: str) -> pl.DataFrame:
        """The rows of a table with the primary keys of their structure and person."""
        return plan.with_keys(self.frames[table], self.sid_map, self.person_map)

    # Pathways, hours, follow-ups ------------------------------------------------------

    def parcours(self, findings: Findings) -> None:
        csv = self.with_keys("parcours")
        have = self.recorded(
            "parcours",
            {"id": I64, "structure_id": I64, "person_id": I64, **self.written_types("parcours")},
        ).rename({"structure_id": SPK, "person_id": PPK})
        have = have.with_columns(pl.col("exit_motif").replace("", None))
        done, diff = plan.parcours(csv, have, self.present["parcours"])
        conflicts.check_overlaps(csv, have, findings)
        if self.has("parcours", "date_sortie"):
            removed = conflicts.exits_removed(diff.joined)
            if not removed.is_empty():
                ids = removed["id"].to_list()
                with_follow_ups = set(
                    FollowUp.objects.filter(parcours_id__in=ids).values_list(
                        "parcours_id", flat=True
                    )
                )
                conflicts.check_removed_exits(removed, with_follow_ups, findings)
        if findings:
            return
        self.write(done)

    def hours(self) -> None:
        if "heures" not in self.frames:
            return
        have = self.recorded(
            "heures", {"id": I64, "person_id": I64, **self.written_types("heures")}
        ).rename({"person_id": PPK})
        self.write(plan.hours(self.with_keys("heures"), have, self.present["heures"]))

    def follow_ups(self) -> None:
        if "suivis" not in self.frames:
            return
        exits = bulk.existing(
            Parcours.objects.filter(structure_id__in=self.spks, exit_date__isnull=False),
            {"id": I64, "structure_id": I64, "person_id": I64, "exit_date": DATE},
        ).rename(
            {"id": "_parcours", "structure_id": SPK, "person_id": PPK, "exit_date": "date_sortie"}
        )
        have = self.recorded(
            "suivis", {"id": I64, "parcours_id": I64, **self.written_types("suivis")}
        ).rename({"parcours_id": "_parcours"})
        csv = self.with_keys("suivis")
        self.write(plan.follow_ups(csv, exits, have, self.present["suivis"]))

    # Rows without a natural key -------------------------------------------------------

    def multiset(self, table: str) -> None:
        if table not in self.frames:
            return
        spec = TABLES[table]
        have = self.recorded(
            table, {spec.structure_path: I64, "person_id": I64, **self.written_types(table)}
        ).rename({spec.structure_path: SPK, "person_id": PPK})
        self.write(plan.multiset(spec, self.with_keys(table), have, self.present[table]))

    # Journal --------------------------------------------------------------------------

    def audit(self) -> None:
        items = journal.import_items(
            source=self.source,
            counts=self.result.counts,
            labels=LABELS,
            structure_changes=self.structure_changes,
            structures=self.structures_by_id,
            touched=self.touched,
            created_people=self.created_people,
            person_map=self.person_map,
        )
        journal.write(items, actor=self.actor)
