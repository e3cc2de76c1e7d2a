"""Reading an interchange folder (contract sections 1 and 2).

Every file is read as text with polars, then each column is parsed and checked
with vectorised expressions; only the rows in error are ever turned into Python
objects. All problems of the folder are collected before ``InvalidFolder`` is
raised, each with its file, line and column.

Line numbers count the header as line 1; a quoted cell spanning several lines
shifts the numbers of the following rows (a limitation, documented).

A cell that Jalons wrote with an apostrophe in front, so that no spreadsheet runs it
as a formula (``'=1+1``, ``''abc``), is read back without it (``tabular.unescape``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from jalons.rules.checks import LINE, cross_checks
from jalons.rules.errors import InvalidFolder, Problem
from jalons.rules.referential import load_referential
from jalons.rules.tables import Tables
from jalons.rules.tabular import unescape_expr
from jalons.rules.vocabulary import (
    ECHEANCES,
    FREINS,
    ISSUES_ORIENTATION,
    MODALITES_ACCOMPAGNEMENT,
    NATURES_ACCOMPAGNEMENT,
    PRESCRIPTEURS,
    SITUATION_INCONNUE,
    STATUTS_FORMATION,
    TYPES_SIAE,
)


@dataclass(frozen=True)
class Col:
    name: str
    kind: str  # id, text, date, month, number, bool, enum, motif, situation, echeance
    required: bool = False
    choices: tuple[str, ...] = ()
    upper: bool = False


def _enum(name, choices, required=False, upper=False):
    return Col(name, "enum", required, tuple(choices), upper)


SID, PID = Col("structure_id", "id", True), Col("personne_id", "id", True)
FILES: dict[str, list[Col]] = {
    "structures": [
        SID,
        _enum("type_siae", TYPES_SIAE, required=True, upper=True),
        Col("nom", "text"),
        Col("departement", "text"),
        Col("region", "text"),
    ],
    "parcours": [
        SID,
        PID,
        Col("date_embauche", "date", True),
        Col("date_sortie", "date"),
        Col("motif_sortie", "motif"),
        Col("heures_travaillees", "number"),
        Col("sortie_temps_plein", "bool"),
    ],
    "heures": [SID, PID, Col("mois", "month", True), Col("heures", "number", True)],
    "suivis": [
        SID,
        PID,
        Col("date_sortie", "date", True),
        Col("echeance_mois", "echeance", True),
        Col("situation", "situation", True),
        Col("date_suivi", "date"),
    ],
    "orientations": [
        SID,
        Col("date", "date", True),
        _enum("prescripteur_type", PRESCRIPTEURS, required=True),
        _enum("issue", ISSUES_ORIENTATION, required=True),
        Col("personne_id", "text"),
    ],
    "accompagnements": [
        SID,
        PID,
        Col("date", "date", True),
        _enum("nature", NATURES_ACCOMPAGNEMENT, required=True),
        Col("duree_minutes", "number", True),
        _enum("frein", FREINS),
        _enum("modalite", MODALITES_ACCOMPAGNEMENT),
        Col("intervenant", "text"),
    ],
    "formations": [
        SID,
        PID,
        _enum("statut", STATUTS_FORMATION, required=True),
        Col("date_debut", "date"),
        Col("date_fin", "date"),
        Col("intitule", "text"),
        Col("heures", "number"),
        Col("qualifiante", "bool"),
    ],
}
REQUIRED_FILES = ("structures", "parcours")
PRESENCE = ("date_sortie", "motif_sortie")  # raw presence, for the exit/motif pairing
BOOLEANS = {
    "oui": True,
    "non": False,
    "true": True,
    "false": False,
    "vrai": True,
    "faux": False,
    "1": True,
    "0": False,
}


def read_folder(folder: str | Path) -> Tables:
    """Read and check a whole folder; raise InvalidFolder with every problem."""
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        raise InvalidFolder([Problem(str(folder), None, None, "dossier introuvable")])
    found: dict[str, Path] = {}
    warnings: list[str] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() != ".csv":
            continue
        table = path.stem.lower()
        if table not in FILES:
            known = ", ".join(f"{n}.csv" for n in FILES)
            warnings.append(f"fichier ignoré : {path.name} (fichiers reconnus : {known})")
        elif table in found:
            problems.append(
                Problem(path.name, None, None, f"fichier en double avec {found[table].name}")
            )
        else:
            found[table] = path
    for table in REQUIRED_FILES:
        if table not in found:
            problems.append(Problem(f"{table}.csv", None, None, "fichier obligatoire absent"))

    frames: dict[str, pl.DataFrame | None] = {}
    for table, path in found.items():
        frames[table] = _read_file(path, path.name, FILES[table], problems)
    labels = {table: path.name for table, path in found.items()}
    cross_checks(frames, labels, problems)
    if problems:
        raise InvalidFolder(problems, tuple(warnings))
    return Tables.build(
        avertissements=tuple(warnings),
        **{t: f.select(pl.exclude("^_.*$")) for t, f in frames.items() if f is not None},
    )


def _read_file(path: Path, label: str, cols: list[Col], problems: list[Problem]):
    """One CSV file, parsed and typed; None when it cannot be used for cross checks.
    Its header line (``_first_line``) gives the separator and where each column is
    (``_positions``); the cells are read as text (``_cells``, ``_text``), then each
    column is parsed and its unreadable values reported (``_typed``)."""
    first_line = _first_line(path, label, problems)
    if first_line is None:
        return None
    separator = ";" if first_line.count(";") > first_line.count(",") else ","
    header = next(csv.reader(io.StringIO(first_line), delimiter=separator))
    names = [h.strip().lower() for h in header]
    position, usable = _positions(names, cols, label, problems)
    raw = _cells(path, label, separator, len(names), problems)
    if raw is None:
        return None
    present = [c for c in cols if c.name in position]
    typed = _typed(_text(raw, present, position), cols, position, label, problems)
    result = typed.select(
        LINE,
        *[
            (pl.col(n).is_not_null() if n in position else pl.lit(False)).alias(f"_present_{n}")
            for n in PRESENCE
        ],
        *[
            pl.col(f"_ok_{c.name}").alias(c.name)
            if c.name in position
            else pl.lit(None).alias(c.name)
            for c in cols
        ],
    )
    return result if usable else None


def _first_line(path: Path, label: str, problems: list[Problem]) -> str | None:
    """The header line, without a BOM; None (and a problem) when the file cannot be
    read, is not UTF-8 or has no header."""
    try:
        with path.open("rb") as handle:
            head = handle.readline()
    except OSError as exc:
        problems.append(Problem(label, None, None, f"lecture impossible ({exc.strerror})"))
        return None
    head = head.removeprefix(b"\xef\xbb\xbf")
    try:
        first_line = head.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        problems.append(Problem(label, 1, None, "encodage illisible : UTF-8 attendu"))
        return None
    if not first_line.strip():
        problems.append(Problem(label, 1, None, "ligne d'en-tête absente (fichier vide ?)"))
        return None
    return first_line


def _positions(names: list[str], cols: list[Col], label: str, problems: list[Problem]):
    """Where each column of the header is (its first place), and whether the file is
    usable: no column twice, every required column present."""
    position: dict[str, int] = {}
    usable = True
    for i, name in enumerate(names):
        if name in position:
            problems.append(Problem(label, 1, name, "colonne en double dans l'en-tête"))
            usable = False
        position.setdefault(name, i)
    for col in cols:
        if col.required and col.name not in position:
            problems.append(Problem(label, 1, col.name, "colonne obligatoire absente"))
            usable = False
    return position, usable


def _cells(path: Path, label: str, separator: str, width: int, problems: list[Problem]):
    """Every cell after the header, as text in columns ``c0``, ``c1``…; None (and a
    problem) when polars cannot read the file."""
    try:
        return pl.read_csv(
            path,
            has_header=False,
            skip_rows=1,
            separator=separator,
            schema=dict.fromkeys((f"c{i}" for i in range(width)), pl.String),
            # Short rows get empty cells; extra cells are ignored.
            truncate_ragged_lines=True,
            missing_columns="insert",
            extra_columns="ignore",
        )
    except pl.exceptions.PolarsError as exc:
        problems.append(_unreadable(path, label, exc))
        return None


def _text(raw: pl.DataFrame, present: list[Col], position: dict[str, int]) -> pl.DataFrame:
    """The known columns under their names, with each row's line number: cells trimmed,
    an empty cell null, the apostrophe written in front of a formula taken off; blank
    lines are not rows."""
    text = raw.select(
        (pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias(LINE),
        *[
            unescape_expr(pl.col(f"c{position[c.name]}").str.strip_chars())
            .replace("", None)
            .alias(c.name)
            for c in present
        ],
    )
    if present:  # blank lines are not rows
        text = text.filter(pl.any_horizontal(pl.col(c.name).is_not_null() for c in present))
    return text


def _typed(text: pl.DataFrame, cols: list[Col], position, label: str, problems: list[Problem]):
    """Each column parsed (``_ok_<name>``), and a problem for each value that is missing
    when required, or unreadable."""
    parsed = {c.name: _parse(c) for c in cols if c.name in position}
    # Two passes: parse once, then derive the error masks from the parsed columns.
    typed = text.with_columns(e.alias(f"_ok_{n}") for n, e in parsed.items())
    required = {c.name for c in cols if c.required}
    masks = {
        n: (pl.col(n).is_null() | pl.col(f"_ok_{n}").is_null())
        if n in required
        else (pl.col(n).is_not_null() & pl.col(f"_ok_{n}").is_null())
        for n in parsed
    }
    counts = typed.select(m.sum().alias(n) for n, m in masks.items()).row(0) if masks else ()
    for (name, mask), count in zip(masks.items(), counts, strict=True):
        if count:
            col = next(c for c in cols if c.name == name)
            rows = typed.filter(mask).select(LINE, name).iter_rows()
            for line, value in rows:
                problems.append(Problem(label, line, name, _message(col, value)))
    return typed


def _unreadable(path: Path, label: str, exc: Exception) -> Problem:
    """Locate an encoding error (polars only says the file is not UTF-8)."""
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Problem(label, line, None, "encodage illisible : UTF-8 attendu")
    return Problem(label, None, None, f"CSV illisible ({str(exc).splitlines()[0]})")


def _parse(col: Col) -> pl.Expr:
    """The parsed value of one column: null when the cell is empty or unreadable."""
    raw = pl.col(col.name)
    if col.kind in ("id", "text"):
        value = raw
    elif col.kind == "date":
        # Shape checks are cheap; the parse then validates the calendar.
        iso = (raw.str.len_bytes() == 10) & (raw.str.slice(4, 1) == "-")
        fr = (raw.str.len_bytes() == 10) & (raw.str.slice(2, 1) == "/")
        value = (
            pl.when(iso)
            .then(raw.str.strptime(pl.Date, "%Y-%m-%d", strict=False))
            .when(fr)
            .then(raw.str.strptime(pl.Date, "%d/%m/%Y", strict=False))
        )
    elif col.kind == "month":
        iso = (raw.str.len_bytes() == 7) & (raw.str.slice(4, 1) == "-")
        fr = (raw.str.len_bytes() == 7) & (raw.str.slice(2, 1) == "/")
        value = (
            pl.when(iso)
            .then((raw + "-01").str.strptime(pl.Date, "%Y-%m-%d", strict=False))
            .when(fr)
            .then(("01/" + raw).str.strptime(pl.Date, "%d/%m/%Y", strict=False))
        )
    elif col.kind == "number":
        number = raw.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
        value = pl.when(number.is_finite()).then(number)
    elif col.kind == "bool":
        value = raw.str.to_lowercase().replace_strict(
            BOOLEANS, default=None, return_dtype=pl.Boolean
        )
    elif col.kind == "enum":
        norm = raw.str.to_uppercase() if col.upper else raw.str.to_lowercase()
        value = pl.when(norm.is_in(col.choices)).then(norm)
    elif col.kind in ("motif", "situation"):
        referential = load_referential()
        slugs = list(referential.motifs)
        if col.kind == "situation":
            slugs.append(SITUATION_INCONNUE)
        by_code = {str(code): slug for code, slug in referential.motif_by_code.items()}
        norm = raw.str.to_lowercase()
        code = norm.str.strip_chars_start("0").replace("", "0")
        value = (
            pl.when(norm.is_in(slugs))
            .then(norm)
            .when(norm.str.contains(r"^\d+$"))
            .then(code.replace_strict(by_code, default=None, return_dtype=pl.String))
        )
    elif col.kind == "echeance":
        value = pl.when(raw.is_in([str(e) for e in ECHEANCES])).then(raw.cast(pl.Int8))
    else:  # pragma: no cover
        raise ValueError(col.kind)
    return value


def _message(col: Col, value: str | None) -> str:
    if value is None:
        return "valeur obligatoire manquante"
    expected = {
        "date": "date illisible « {v} » (attendu AAAA-MM-JJ ou JJ/MM/AAAA)",
        "month": "mois illisible « {v} » (attendu AAAA-MM ou MM/AAAA)",
        "number": "nombre illisible « {v} » (attendu par exemple 449.5 ou 449,5)",
        "bool": "booléen illisible « {v} » (attendu oui/non, true/false ou 1/0)",
        "motif": "motif de sortie inconnu « {v} » (identifiant ou code ASP attendu ; "
        "voir « jalons regles montrer »)",
        "situation": "situation inconnue « {v} » (motif de sortie, code ASP ou « inconnue »)",
        "echeance": "échéance inconnue « {v} » (attendu 3, 6 ou 12)",
    }
    if col.kind == "enum":
        what = "type de SIAE inconnu" if col.name == "type_siae" else "valeur inconnue"
        return f"{what} « {value} » (attendu : {', '.join(col.choices)})"
    return expected[col.kind].format(v=value)
