"""Importing an interchange folder into the database (contract section 6).

``folder_import`` reads the folder with ``read_folder`` (the checks and messages of
``jalons indicateurs calculer``), then checks what the database adds (``checks.py``
and the pathways already recorded), and only then writes, in one transaction:
structures (by identifier), people (by structure and ``personne_id``), pathways (by
structure, person and hire date), monthly hours (by person and month), follow-ups (by
pathway and echeance), and orientations, accompaniment and training actions, which
have no natural key: identical rows are matched as a multiset and only the excess is
created. Nothing is ever deleted; importing the same folder twice changes nothing.

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

from jalons.accompagnement.models import AccompanimentAction
from jalons.audit.models import AuditAction, AuditEntry
from jalons.audit.services import client_ip
from jalons.echanges import bulk
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
from jalons.formation.models import TrainingAction
from jalons.orientations.models import Orientation
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours, Person
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
FAR = pl.date(9999, 12, 31)
I64, STR, DATE, BOOL, F64 = pl.Int64, pl.String, pl.Date, pl.Boolean, pl.Float64
SPK, PPK = "_spk", "_ppk"


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
    request=None,
    role: str = "",
    only_structure: Structure | None = None,
    trial: bool = False,
    progress: Callable[[str], None] | None = None,
    source: str = "",
    today: dt.date | None = None,
) -> ImportResult:
    """Check then import a folder, all or nothing. Raises ``InvalidFolder`` with every
    problem (nothing written). ``only_structure``: refuse rows of any other structure.
    ``trial``: compute the result then roll everything back (the preview). ``today``:
    the date that dates in the future are checked against (by default the local date)."""
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
    job = _Import(frames, present, result, request, role, source or folder.name, step)
    try:
        with transaction.atomic():
            job.run(findings)
            if findings:
                raise InvalidFolder(findings.problems(), tuple(tables.avertissements))
            if trial:
                raise _Rollback
    except _Rollback:
        pass
    return result


class _Import:
    def __init__(self, frames, present, result, request, role, source, step):
        self.frames, self.present, self.result = frames, present, result
        self.request, self.role, self.source, self.step = request, role, source, step
        self.user = request.user if request is not None and request.user.is_authenticated else None
        # (person pk, table, "crees"/"modifies") of every row written, for the log.
        self.touched: list[pl.DataFrame] = []

    def count(self, table: str, created=0, updated=0, unchanged=0) -> None:
        c = self.result.counts[table]
        c["crees"] += created
        c["modifies"] += updated
        c["inchanges"] += unchanged

    def has(self, table: str, column: str) -> bool:
        return column in self.present.get(table, ())

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

    # Structures -----------------------------------------------------------------------

    def structures(self) -> None:
        frame = self.frames["structures"].with_columns(
            insee_code(pl.col("departement")).alias("departement")
        )
        known = {
            s.identifier: s
            for s in Structure.objects.filter(identifier__in=frame["structure_id"].to_list())
        }
        self.structure_changes: dict[str, tuple[bool, dict]] = {}
        for sid, kind, name, dep in frame.select(
            "structure_id", "type_siae", "nom", "departement"
        ).iter_rows():
            structure = known.get(sid)
            if structure is None:
                structure = Structure(identifier=sid, kind=kind, name=name or sid)
                structure.departement_id = dep
                structure.save()
                known[sid] = structure
                self.structure_changes[sid] = (True, {})
                self.count("structures", created=1)
                continue
            changes = {}
            if structure.kind != kind:
                changes["type de SIAE"] = [structure.kind, kind]
                structure.kind = kind
            if name and structure.name != name:
                changes["nom"] = [structure.name, name]
                structure.name = name
            if dep and structure.departement_id != dep:
                changes["département"] = [structure.departement_id, dep]
                structure.departement_id = dep
            if changes:
                structure.save(update_fields=["kind", "name", "departement", "updated_at"])
                self.count("structures", updated=1)
            else:
                self.count("structures", unchanged=1)
            self.structure_changes[sid] = (False, changes)
        self.structures_by_id = known
        self.sid_map = pl.DataFrame(
            {"structure_id": list(known), SPK: [s.pk for s in known.values()]},
            schema={"structure_id": pl.String, SPK: pl.Int64},
        )
        self.spks = [s.pk for s in known.values()]

    # People ---------------------------------------------------------------------------

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
        have = bulk.existing(
            Person.objects.filter(structure_id__in=self.spks),
            {"id": I64, "structure_id": I64, "external_id": STR},
        ).rename({"id": PPK, "structure_id": SPK, "external_id": "personne_id"})
        new = wanted.join(have, on=[SPK, "personne_id"], how="anti")
        bulk.insert(Person, new, {"structure": SPK, "external_id": "personne_id"})
        self.count("personnes", created=new.height, unchanged=wanted.height - new.height)
        self.person_map = bulk.existing(
            Person.objects.filter(structure_id__in=self.spks),
            {
                "id": I64,
                "structure_id": I64,
                "external_id": STR,
                "first_name": STR,
                "last_name": STR,
            },
        ).rename({"id": PPK, "structure_id": SPK, "external_id": "personne_id"})
        created = new.join(self.person_map, on=[SPK, "personne_id"]).select(PPK)
        self.created_people = set(created[PPK].to_list())

    def with_keys(self, table: str) -> pl.DataFrame:
        """The rows of a table with the primary keys of their structure and person."""
        frame = self.frames[table].join(self.sid_map, on="structure_id", how="left")
        return frame.join(
            self.person_map.select(SPK, "personne_id", PPK),
            on=[SPK, "personne_id"],
            how="left",
        )

    def touch(self, frame: pl.DataFrame, table: str, kind: str) -> None:
        if frame.height:
            self.touched.append(
                frame.select(pl.col(PPK), pl.lit(table).alias("table"), pl.lit(kind).alias("kind"))
            )

    # Pathways -------------------------------------------------------------------------

    def parcours(self, findings: Findings) -> None:
        csv = self.with_keys("parcours")
        have = bulk.existing(
            Parcours.objects.filter(structure_id__in=self.spks),
            {
                "id": I64,
                "structure_id": I64,
                "person_id": I64,
                "hire_date": DATE,
                "exit_date": DATE,
                "exit_motif": STR,
                "exit_full_time": BOOL,
                "hours_worked": F64,
            },
        ).rename({"structure_id": SPK, "person_id": PPK, "hire_date": "date_embauche"})
        have = have.with_columns(pl.col("exit_motif").replace("", None))
        joined = csv.join(have, on=[SPK, PPK, "date_embauche"], how="left")
        self._check_overlaps(csv, have, findings)
        self._check_removed_exits(joined, findings)
        if findings:
            return
        fields = {
            "exit_date": ("date_sortie", "date_sortie"),
            "exit_motif": ("motif_sortie", "motif_sortie"),
            "exit_full_time": ("sortie_temps_plein", "sortie_temps_plein"),
            "hours_worked": ("heures_travaillees", "heures_travaillees"),
        }
        kept = {f: col for f, (col, _) in fields.items() if self.has("parcours", col)}
        new = joined.filter(pl.col("id").is_null())
        old = joined.filter(pl.col("id").is_not_null())
        differs = pl.lit(False)
        for f, col in kept.items():
            mine = pl.col(col).round(2) if f == "hours_worked" else pl.col(col)
            theirs = pl.col(f).round(2) if f == "hours_worked" else pl.col(f)
            differs = differs | mine.ne_missing(theirs)
        changed = old.filter(differs)
        ready = bulk.db_ready(
            new.with_columns(pl.col("motif_sortie").fill_null("")),
            dates=("date_embauche", "date_sortie"),
            decimals=("heures_travaillees",),
            bools=("sortie_temps_plein",),
        )
        bulk.insert(
            Parcours,
            ready,
            {
                "structure": SPK,
                "person": PPK,
                "hire_date": "date_embauche",
                "exit_date": "date_sortie",
                "exit_motif": "motif_sortie",
                "exit_full_time": "sortie_temps_plein",
                "hours_worked": "heures_travaillees",
            },
        )
        if kept:
            update = bulk.db_ready(
                changed.select("id", *kept.values()).with_columns(
                    pl.col("motif_sortie").fill_null("") if "motif_sortie" in kept.values() else []
                ),
                dates=("date_sortie",),
                decimals=("heures_travaillees",),
                bools=("sortie_temps_plein",),
            )
            bulk.update(Parcours, update, kept, pk="id")
        self.count(
            "parcours",
            created=new.height,
            updated=changed.height,
            unchanged=old.height - changed.height,
        )
        self.touch(new, "parcours", "crees")
        self.touch(changed, "parcours", "modifies")

    def _check_overlaps(self, csv: pl.DataFrame, have: pl.DataFrame, findings) -> None:
        """A pathway of the folder may not overlap one recorded in Jalons only."""
        only_db = have.join(csv, on=[SPK, PPK, "date_embauche"], how="anti")
        if only_db.is_empty():
            return
        pairs = csv.select(ROW, SPK, PPK, "date_embauche", "date_sortie").join(
            only_db.select(
                SPK, PPK, pl.col("date_embauche").alias("_h"), pl.col("exit_date").alias("_x")
            ),
            on=[SPK, PPK],
        )
        clash = pairs.filter(
            (pl.col("date_embauche") <= pl.col("_x").fill_null(FAR))
            & (pl.col("_h") <= pl.col("date_sortie").fill_null(FAR))
        )

        def message(row):
            end = (
                f"terminé le {row['_x']:%d/%m/%Y}" if row["_x"] is not None else "toujours en cours"
            )
            return (
                "parcours qui chevauche un parcours déjà enregistré dans Jalons pour cette "
                f"personne (commencé le {row['_h']:%d/%m/%Y}, {end})"
            )

        findings.add("parcours", clash, "date_embauche", message)

    def _check_removed_exits(self, joined: pl.DataFrame, findings) -> None:
        if not self.has("parcours", "date_sortie"):
            return
        removed = joined.filter(pl.col("date_sortie").is_null() & pl.col("exit_date").is_not_null())
        if removed.is_empty():
            return
        with_follow_ups = set(
            FollowUp.objects.filter(parcours_id__in=removed["id"].to_list()).values_list(
                "parcours_id", flat=True
            )
        )
        findings.add(
            "parcours",
            removed.filter(pl.col("id").is_in(list(with_follow_ups))),
            "date_sortie",
            lambda r: (
                f"la sortie du {r['exit_date']:%d/%m/%Y} enregistrée dans Jalons a des "
                "suivis : un import ne peut pas la retirer (corrigez-la dans la fiche de la "
                "personne)"
            ),
        )

    # Monthly hours --------------------------------------------------------------------

    def hours(self) -> None:
        if "heures" not in self.frames:
            return
        csv = (
            self.with_keys("heures")
            .group_by(SPK, PPK, "mois", maintain_order=True)
            .agg(pl.col("heures").round(2).sum().round(2))
        )
        have = bulk.existing(
            MonthlyHours.objects.filter(structure_id__in=self.spks),
            {"id": I64, "person_id": I64, "month": DATE, "hours": F64},
        ).rename({"person_id": PPK, "month": "mois", "hours": "_old"})
        joined = csv.join(have, on=[PPK, "mois"], how="left")
        new = joined.filter(pl.col("id").is_null())
        old = joined.filter(pl.col("id").is_not_null())
        changed = old.filter(pl.col("heures") != pl.col("_old").round(2))
        bulk.insert(
            MonthlyHours,
            bulk.db_ready(new, dates=("mois",), decimals=("heures",)),
            {"structure": SPK, "person": PPK, "month": "mois", "hours": "heures"},
        )
        bulk.update(
            MonthlyHours,
            bulk.db_ready(changed.select("id", "heures"), decimals=("heures",)),
            {"hours": "heures"},
            pk="id",
        )
        self.count(
            "heures",
            created=new.height,
            updated=changed.height,
            unchanged=old.height - changed.height,
        )
        self.touch(new, "heures", "crees")
        self.touch(changed, "heures", "modifies")

    # Follow-ups -----------------------------------------------------------------------

    def follow_ups(self) -> None:
        if "suivis" not in self.frames:
            return
        exits = bulk.existing(
            Parcours.objects.filter(structure_id__in=self.spks, exit_date__isnull=False),
            {"id": I64, "structure_id": I64, "person_id": I64, "exit_date": DATE},
        ).rename(
            {"id": "_parcours", "structure_id": SPK, "person_id": PPK, "exit_date": "date_sortie"}
        )
        csv = self.with_keys("suivis").join(exits, on=[SPK, PPK, "date_sortie"], how="left")
        have = bulk.existing(
            FollowUp.objects.filter(parcours__structure_id__in=self.spks),
            {
                "id": I64,
                "parcours_id": I64,
                "months": pl.Int8,
                "situation": STR,
                "obtained_on": DATE,
            },
        ).rename({"parcours_id": "_parcours"})
        have = have.with_columns(pl.col("months").alias("echeance_mois"))
        joined = csv.join(have, on=["_parcours", "echeance_mois"], how="left")
        new = joined.filter(pl.col("id").is_null())
        old = joined.filter(pl.col("id").is_not_null())
        kept = {"situation": "situation"}
        differs = pl.col("situation") != pl.col("situation_right")
        if self.has("suivis", "date_suivi"):
            kept["obtained_on"] = "date_suivi"
            differs = differs | pl.col("date_suivi").ne_missing(pl.col("obtained_on"))
        changed = old.filter(differs)
        bulk.insert(
            FollowUp,
            bulk.db_ready(new, dates=("date_suivi",)),
            {
                "parcours": "_parcours",
                "months": "echeance_mois",
                "situation": "situation",
                "obtained_on": "date_suivi",
            },
        )
        bulk.update(
            FollowUp,
            bulk.db_ready(changed.select("id", *kept.values()), dates=("date_suivi",)),
            kept,
            pk="id",
        )
        self.count(
            "suivis",
            created=new.height,
            updated=changed.height,
            unchanged=old.height - changed.height,
        )
        self.touch(new, "suivis", "crees")
        self.touch(changed, "suivis", "modifies")

    # Rows without a natural key -------------------------------------------------------

    def multiset(self, table: str) -> None:
        if table not in self.frames:
            return
        spec = MULTISET[table]
        model, fields = spec["model"], spec["fields"]
        csv = self.with_keys(table)
        have = bulk.existing(
            model.objects.filter(**{spec["structure"]: self.spks}),
            {spec["spk_path"]: I64, "person_id": I64, **spec["types"]},
        ).rename({spec["spk_path"]: SPK, "person_id": PPK})
        have = have.rename(fields)
        text = [c for c in fields.values() if c in spec["texts"]]
        have = have.with_columns(pl.col(c).str.strip_chars().replace("", None) for c in text)
        for c in spec["floats_csv"]:
            csv = csv.with_columns(pl.col(c).round(2))
            have = have.with_columns(pl.col(c).round(2))
        keys = [SPK, PPK, *(c for c in fields.values() if self.has(table, c))]
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
        rows = excess.select(*keys, "_new").with_columns(
            pl.int_ranges(0, pl.col("_new")).alias("_k")
        )
        rows = rows.explode("_k").drop("_k", "_new")
        for c in fields.values():
            if c not in rows.columns:
                rows = rows.with_columns(pl.lit(None).cast(csv.schema[c]).alias(c))
        for c in spec["texts"]:
            if c in rows.columns:
                rows = rows.with_columns(pl.col(c).fill_null(""))
        rows = rows.with_columns(pl.col(c).cast(pl.Int64) for c in spec["ints_csv"])
        ready = bulk.db_ready(
            rows, dates=spec["dates_csv"], decimals=spec["floats_csv"], bools=spec["bools_csv"]
        )
        insert_fields = {
            **({spec["structure_field"]: SPK} if spec["structure_field"] else {}),
            "person": PPK,
            **fields,
        }
        bulk.insert(model, ready, insert_fields)
        created = int(joined["_new"].sum() or 0)
        self.count(table, created=created, unchanged=int(joined["_same"].sum() or 0))
        self.touch(rows.filter(pl.col(PPK).is_not_null()), table, "crees")

    # Audit ----------------------------------------------------------------------------

    def audit(self) -> None:
        ip = client_ip(self.request)
        email = self.user.email if self.user is not None else ""
        label = f"Import du dossier « {self.source} »"
        counts = {
            LABELS[t]: [
                f"{c['crees']} créé(s), {c['modifies']} modifié(s), {c['inchanges']} inchangé(s)"
            ]
            for t, c in self.result.counts.items()
        }
        entries = []
        for sid, (created, changes) in self.structure_changes.items():
            entries.append(
                AuditEntry(
                    user=self.user,
                    user_email=email,
                    role=self.role,
                    structure=self.structures_by_id[sid],
                    action=AuditAction.CREATE if created else AuditAction.UPDATE,
                    object_type="Import",
                    object_repr=label[:250],
                    changes={**changes, **counts},
                    ip=ip,
                )
            )
        if self.touched:
            per_person = (
                pl.concat(self.touched)
                .group_by(PPK, "table", "kind")
                .agg(pl.len().alias("n"))
                .join(self.person_map, on=PPK)
                .sort(PPK, "table", "kind")
            )
        else:
            per_person = None
        people: dict[int, dict] = {}
        for ppk in self.created_people:
            people[ppk] = {}
        if per_person is not None:
            for ppk, table, kind, n in per_person.select(PPK, "table", "kind", "n").iter_rows():
                word = "créé(s)" if kind == "crees" else "modifié(s)"
                people.setdefault(ppk, {}).setdefault(LABELS[table], []).append(f"{n} {word}")
        info = {
            row[0]: row[1:]
            for row in self.person_map.select(
                PPK, SPK, "personne_id", "first_name", "last_name"
            ).iter_rows()
        }
        spk_structure = {s.pk: s for s in self.structures_by_id.values()}
        for ppk, changes in people.items():
            spk, pid, first, last = info[ppk]
            name = f"{first or ''} {last or ''}".strip() or f"Personne {pid}"
            entries.append(
                AuditEntry(
                    user=self.user,
                    user_email=email,
                    role=self.role,
                    structure=spk_structure[spk],
                    action=AuditAction.CREATE if ppk in self.created_people else AuditAction.UPDATE,
                    object_type="personne",
                    object_id=str(ppk),
                    object_repr=f"{name} ({label})"[:250],
                    changes={k: [", ".join(v)] for k, v in changes.items()},
                    ip=ip,
                )
            )
        AuditEntry.objects.bulk_create(entries, batch_size=2000)


MULTISET = {
    "orientations": {
        "model": Orientation,
        "structure": "structure_id__in",
        "spk_path": "structure_id",
        "structure_field": "structure",
        "fields": {
            "date": "date",
            "prescriber_type": "prescripteur_type",
            "outcome": "issue",
        },
        "texts": (),
        "types": {"date": DATE, "prescriber_type": STR, "outcome": STR},
        "dates_csv": ("date",),
        "floats_csv": (),
        "bools_csv": (),
        "ints_csv": (),
    },
    "accompagnements": {
        "model": AccompanimentAction,
        "structure": "person__structure_id__in",
        "spk_path": "person__structure_id",
        "structure_field": None,
        "fields": {
            "date": "date",
            "nature": "nature",
            "duration_minutes": "duree_minutes",
            "barrier": "frein",
            "modality": "modalite",
            "speaker": "intervenant",
        },
        "texts": ("frein", "modalite", "intervenant"),
        "types": {
            "date": DATE,
            "nature": STR,
            "duration_minutes": F64,
            "barrier": STR,
            "modality": STR,
            "speaker": STR,
        },
        "dates_csv": ("date",),
        "floats_csv": (),
        "bools_csv": (),
        "ints_csv": ("duree_minutes",),
    },
    "formations": {
        "model": TrainingAction,
        "structure": "person__structure_id__in",
        "spk_path": "person__structure_id",
        "structure_field": None,
        "fields": {
            "status": "statut",
            "start_date": "date_debut",
            "end_date": "date_fin",
            "title": "intitule",
            "hours": "heures",
            "qualifying": "qualifiante",
        },
        "texts": ("intitule",),
        "types": {
            "status": STR,
            "start_date": DATE,
            "end_date": DATE,
            "title": STR,
            "hours": F64,
            "qualifying": BOOL,
        },
        "dates_csv": ("date_debut", "date_fin"),
        "floats_csv": ("heures",),
        "bools_csv": ("qualifiante",),
        "ints_csv": (),
    },
}
