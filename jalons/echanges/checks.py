"""Checks of an import beyond the format: what the database cannot hold or contradicts.

``read_folder`` has already checked the folder against the contract (same checks and
messages as ``jalons indicateurs calculer``). What is left is specific to writing it:
texts longer than the database columns, amounts it cannot store, unknown département
codes, a folder meant for one structure that names another, dates that cannot be true
yet (the rules of the forms, ``jalons.rules.dates``). The limits are those of the model
fields the values go into, read through the table map (``tables.TABLES``) and
``jalons.parcours.entry_rules``, where the forms read them too. Each problem names the
file, line and column, like the reader's. Line numbers are found only for the rows in
error, by reading those files again with the reader's own parser.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import models
from django.utils import timezone

from jalons.accompagnement.entry_rules import DURATION_MINUTES_MAX, DURATION_MINUTES_MIN
from jalons.echanges.tables import TABLES
from jalons.parcours.entry_rules import MONTH_HOURS_MAX, largest_amount, upper_bound
from jalons.rules import Problem, dates
from jalons.rules.checks import LINE
from jalons.rules.reader import FILES

ROW = "_row"


def _stored(kind: type[models.Field]):
    """(table, column, field) of the columns whose value goes into a field of ``kind``."""
    for name, table in TABLES.items():
        for column in table.schema:
            stored = table.stored_field(column)
            if isinstance(stored, kind):
                yield name, column, stored


def _text_limits() -> dict[str, dict[str, int]]:
    limits: dict[str, dict[str, int]] = {}
    for table, column, stored in _stored(models.CharField):
        if not stored.choices:  # values of a list: the reader checks them
            limits.setdefault(table, {})[column] = stored.max_length
    return limits


# Longest texts the database columns take (characters).
MAX_LENGTHS = _text_limits()
# The decimal columns (2 decimals are kept), and the largest amounts they take where
# the field has no upper bound of its own (monthly hours have one: MAX_MONTH_HOURS).
DECIMAL_COLUMNS = [(t, c) for t, c, _f in _stored(models.DecimalField)]
MAX_AMOUNTS = {
    (t, c): largest_amount(f) for t, c, f in _stored(models.DecimalField) if upper_bound(f) is None
}
MAX_MONTH_HOURS = MONTH_HOURS_MAX  # 31 days of 24 hours
MIN_MINUTES, MAX_MINUTES = DURATION_MINUTES_MIN, DURATION_MINUTES_MAX


def csv_files(folder: Path) -> dict[str, Path]:
    """The table files of a folder, found as ``read_folder`` finds them."""
    found: dict[str, Path] = {}
    for path in sorted(Path(folder).iterdir()):
        if path.is_file() and path.suffix.lower() == ".csv":
            found.setdefault(path.stem.lower(), path)
    return {t: p for t, p in found.items() if t in FILES}


def header(path: Path) -> set[str]:
    """The column names of a file, as the reader reads them (BOM, ``;`` or ``,``)."""
    with path.open("rb") as handle:
        first = handle.readline().removeprefix(b"\xef\xbb\xbf").decode("utf-8").rstrip("\r\n")
    separator = ";" if first.count(";") > first.count(",") else ","
    return {h.strip().lower() for h in next(csv.reader(io.StringIO(first), delimiter=separator))}


@dataclass
class Findings:
    """Problems found on rows of the tables, turned into file/line/column at the end."""

    folder: Path
    files: dict[str, Path]
    rows: list[tuple[str, int, str, str]] = field(default_factory=list)
    general: list[Problem] = field(default_factory=list)

    def add(self, table: str, frame: pl.DataFrame, column: str, message) -> None:
        """One problem per row of ``frame`` (which has ``_row``); ``message`` is a
        string or a function of the row (a dict)."""
        for row in frame.iter_rows(named=True):
            text = message(row) if callable(message) else message
            self.rows.append((table, row[ROW], column, text))

    def problems(self) -> list[Problem]:
        lines: dict[str, pl.Series] = {}
        out = list(self.general)
        for table, row, column, message in self.rows:
            if table not in lines:
                lines[table] = _line_numbers(self.files[table], table)
            out.append(Problem(self.files[table].name, int(lines[table][row]), column, message))
        return out

    def __bool__(self) -> bool:
        return bool(self.rows or self.general)


def _line_numbers(path: Path, table: str) -> pl.Series:
    """The line of each row of a table, with the reader's own parser (blank lines and
    quoted line breaks are counted as it counts them)."""
    from jalons.rules.reader import _read_file

    frame = _read_file(path, path.name, FILES[table], [])
    return frame[LINE]


def check_values(
    tables: dict[str, pl.DataFrame],
    findings: Findings,
    warnings: list,
    *,
    today: dt.date | None = None,
) -> None:
    """Lengths, amounts, minutes and monthly totals the database can store, and dates
    possible on ``today`` (by default the local date)."""
    check_dates(tables, findings, today=today or timezone.localdate())
    for table, limits in MAX_LENGTHS.items():
        frame = tables.get(table)
        if frame is None:
            continue
        for column, limit in limits.items():
            long = frame.filter(pl.col(column).str.len_chars() > limit)
            findings.add(
                table,
                long.select(ROW, pl.col(column).str.len_chars().alias("n")),
                column,
                lambda r, limit=limit: f"texte trop long ({r['n']} caractères ; au plus {limit})",
            )
    for (table, column), limit in MAX_AMOUNTS.items():
        frame = tables.get(table)
        if frame is not None:
            findings.add(
                table,
                frame.filter(pl.col(column).round(2) > limit).select(ROW),
                column,
                f"nombre trop grand (au plus {limit:_.2f})".replace("_", " ").replace(".", ","),
            )
    rounded = 0
    for table, column in DECIMAL_COLUMNS:
        frame = tables.get(table)
        if frame is not None:
            rounded += frame.filter(pl.col(column).round(2) != pl.col(column)).height
    if rounded:
        warnings.append(
            f"{rounded} nombre{'s' if rounded > 1 else ''} d'heures à plus de deux décimales "
            "arrondi{} au centième".format("s" if rounded > 1 else "")
        )
    frame = tables.get("accompagnements")
    if frame is not None:
        minutes = pl.col("duree_minutes")
        findings.add(
            "accompagnements",
            frame.filter(minutes != minutes.floor()).select(ROW),
            "duree_minutes",
            "durée en minutes : nombre entier attendu",
        )
        findings.add(
            "accompagnements",
            frame.filter(minutes < MIN_MINUTES).select(ROW),
            "duree_minutes",
            "durée nulle : une action dure au moins 1 minute",
        )
        findings.add(
            "accompagnements",
            frame.filter(minutes > MAX_MINUTES).select(ROW),
            "duree_minutes",
            f"durée de plus de {MAX_MINUTES:_} minutes (24 heures) pour une seule action".replace(
                "_", " "
            ),
        )
    frame = tables.get("heures")
    if frame is not None:
        keys = ["structure_id", "personne_id", "mois"]
        total = pl.col("heures").round(2).sum().over(keys)
        over = frame.with_columns(total.alias("total")).filter(pl.col("total") > MAX_MONTH_HOURS)
        findings.add(
            "heures",
            over.select(ROW, "total"),
            "heures",
            lambda r: (
                f"{_fr(r['total'])} heures dans le mois : au plus {MAX_MONTH_HOURS} "
                "(31 jours de 24 heures)"
            ),
        )
        repeated = frame.filter(pl.struct(keys).is_duplicated()).height
        if repeated:
            warnings.append(
                f"heures.csv : {repeated} lignes portent sur un mois déjà présent pour la "
                "même personne ; leurs heures sont additionnées (comme pour le calcul des "
                "indicateurs)"
            )


def check_dates(tables: dict[str, pl.DataFrame], findings: Findings, *, today: dt.date) -> None:
    """The date rules of the forms (``jalons.rules.dates``), row by row: each bound
    selects the rows, the rule's own function writes the message."""

    def refuse(table, column, bound, problem) -> None:
        frame = tables.get(table)
        if frame is None:
            return
        late = frame.filter(pl.col(column) > bound).select(ROW, column)
        findings.add(table, late, column, lambda r: dates.fragment(problem(r[column])))

    refuse(
        "parcours",
        "date_embauche",
        dates.latest_hire(today),
        lambda d: dates.hire_date_problem(d, today=today),
    )
    refuse(
        "parcours",
        "date_sortie",
        dates.latest_exit(today),
        lambda d: dates.exit_date_problem(d, today=today),
    )
    refuse(
        "heures", "mois", dates.latest_month(today), lambda d: dates.month_problem(d, today=today)
    )
    for table, what in (
        ("orientations", "la date de l'orientation"),
        ("accompagnements", "la date de l'action d'accompagnement"),
    ):
        refuse(
            table,
            "date",
            dates.latest_fact(today),
            lambda d, what=what: dates.not_after_today(d, today=today, what=what),
        )
    suivis = tables.get("suivis")
    if suivis is None:
        return
    keys = ["date_sortie", "echeance_mois"]
    pairs = suivis.select(keys).drop_nulls().unique()
    earliest = pairs.with_columns(
        pl.Series(
            "_earliest",
            [dates.follow_up_earliest(d, int(m)) for d, m in pairs.iter_rows()],
            dtype=pl.Date,
        )
    )
    when = pl.coalesce(pl.col("date_suivi"), pl.lit(today))
    early = (
        suivis.join(earliest, on=keys, how="inner")
        .filter((pl.col("date_suivi") > today) | (when < pl.col("_earliest")))
        .select(ROW, *keys, "date_suivi")
        .sort(ROW)
    )
    column = lambda r: "date_suivi" if r["date_suivi"] else "echeance_mois"  # noqa: E731
    for row in early.iter_rows(named=True):
        problem = dates.follow_up_problem(
            exit_date=row["date_sortie"],
            months=int(row["echeance_mois"]),
            obtained_on=row["date_suivi"],
            today=today,
        )
        findings.rows.append(("suivis", row[ROW], column(row), dates.fragment(problem)))


def check_places(structures: pl.DataFrame, present: set[str], findings: Findings, known) -> None:
    """Département codes known to Jalons; a région consistent with its département.
    ``known`` maps each département code to its région code."""
    regions = set(known.values())
    frame = structures.with_columns(
        _dep=insee_code(pl.col("departement")), _reg=insee_code(pl.col("region"))
    ).with_columns(_dep_region=pl.col("_dep").replace_strict(known, default=None))
    if "departement" in present:
        findings.add(
            "structures",
            frame.filter(pl.col("_dep").is_not_null() & ~pl.col("_dep").is_in(list(known))),
            "departement",
            lambda r: (
                f"département inconnu « {r['departement']} » (code INSEE attendu, "
                "par exemple 59 ou 2A)"
            ),
        )
    if "region" not in present:
        return
    findings.add(
        "structures",
        frame.filter(pl.col("_reg").is_not_null() & ~pl.col("_reg").is_in(list(regions))),
        "region",
        lambda r: f"région inconnue « {r['region']} » (code INSEE attendu, par exemple 32)",
    )
    findings.add(
        "structures",
        frame.filter(
            pl.col("_reg").is_in(list(regions))
            & pl.col("_dep_region").is_not_null()
            & (pl.col("_reg") != pl.col("_dep_region"))
        ),
        "region",
        lambda r: (
            f"région « {r['region']} » différente de celle du département "
            f"{r['_dep']} ({r['_dep_region']})"
        ),
    )
    findings.add(
        "structures",
        frame.filter(pl.col("_reg").is_in(list(regions)) & pl.col("_dep").is_null()),
        "region",
        "région sans département : Jalons déduit la région du département ; "
        "renseignez la colonne departement",
    )


def insee_code(value: pl.Expr) -> pl.Expr:
    """An INSEE code as written in Jalons: ``1`` is ``01``, ``2a`` is ``2A``."""
    upper = value.str.to_uppercase()
    return pl.when(upper.str.contains(r"^\d$")).then("0" + upper).otherwise(upper)


def check_single_structure(
    tables: dict[str, pl.DataFrame], identifier: str, label: str, findings: Findings
) -> None:
    """An upload for one structure names no other structure."""
    for table, frame in tables.items():
        other = frame.filter(pl.col("structure_id") != identifier)
        findings.add(
            table,
            other.select(ROW, "structure_id"),
            "structure_id",
            lambda r: (
                f"structure_id « {r['structure_id']} » : ce dépôt ne concerne que "
                f"{label} (identifiant {identifier})"
            ),
        )


def _fr(value: float) -> str:
    return f"{value:g}".replace(".", ",")
