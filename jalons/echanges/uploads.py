"""Files uploaded on the import page, kept in a private folder until confirmed.

Each upload ("dépôt") gets a folder under the data folder (``imports/<jeton>/``, owner
only) holding ``dossier/`` (one CSV file per table, what ``read_folder`` reads) and
``depot.json`` (structure, user, time, where each table came from). XLSX workbooks
are converted sheet by sheet to CSV text, keeping one line per sheet row, so the
reader's line numbers are the sheet's row numbers. Deposits older than a day are
removed whenever the page is opened.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import secrets
import shutil
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from jalons.echanges.export import frame_to_csv
from jalons.echanges.selectors import table_frame
from jalons.rules import Problem
from jalons.rules.reader import FILES
from jalons.rules.tabular import CsvWriter

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_AGE_SECONDS = 24 * 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MONTH_COLUMNS = {"mois"}


def upload_root() -> Path:
    root = Path(getattr(settings, "JALONS_IMPORT_DIR", settings.DATA_DIR / "imports"))
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


@dataclass
class Deposit:
    token: str
    path: Path
    sources: dict[str, str] = field(default_factory=dict)  # CSV name -> what the user sent
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.path / "dossier"

    def label(self, fichier: str) -> str:
        return self.sources.get(fichier, fichier)


def deposit_create(*, structure, user, files) -> Deposit:
    """Store uploaded files (Django ``UploadedFile``) as an interchange folder."""
    token = secrets.token_urlsafe(24)
    path = upload_root() / token
    path.mkdir(mode=0o700)
    deposit = Deposit(token, path)
    deposit.folder.mkdir(mode=0o700)
    for upload in files:
        name = Path(upload.name or "fichier").name
        deposit.names.append(name)
        suffix = Path(name).suffix.lower()
        if suffix == ".csv":
            _store_csv(deposit, name, upload)
        elif suffix == ".xlsx":
            _store_workbook(deposit, name, upload)
        else:
            deposit.problems.append(
                Problem(
                    name,
                    None,
                    None,
                    "format non pris en charge : fichiers .csv ou classeurs .xlsx attendus",
                )
            )
    if not (deposit.folder / "structures.csv").exists() and "structures.csv" not in {
        n.lower() for n in deposit.sources
    }:
        text = frame_to_csv("structures", table_frame("structures", [structure.pk]))
        (deposit.folder / "structures.csv").write_text(text, encoding="utf-8")
        deposit.sources["structures.csv"] = "structures.csv (ligne de votre structure)"
        deposit.notes.append(
            "Pas de fichier structures.csv : la ligne de votre structure a été ajoutée "
            "d'après sa fiche dans Jalons."
        )
    meta = {
        "structure": structure.pk,
        "user": user.pk,
        "created": dt.datetime.now(dt.UTC).isoformat(),
        "sources": deposit.sources,
        "names": deposit.names,
        "notes": deposit.notes,
    }
    (path / "depot.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return deposit


def _claim(deposit: Deposit, table: str, label: str) -> Path | None:
    """The CSV path of a table, unless another upload already gave that table."""
    target = deposit.folder / f"{table}.csv"
    previous = deposit.sources.get(f"{table}.csv")
    if target.exists() or previous:
        deposit.problems.append(
            Problem(
                label,
                None,
                None,
                f"la table {table} est fournie deux fois (aussi dans {previous or target.name})",
            )
        )
        return None
    return target


def _store_csv(deposit: Deposit, name: str, upload) -> None:
    table = Path(name).stem.lower()
    if table in FILES:
        target = _claim(deposit, table, name)
        if target is None:
            return
        name = target.name
    else:
        target = deposit.folder / name
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    deposit.sources[target.name] = Path(upload.name).name


def _store_workbook(deposit: Deposit, name: str, upload) -> None:
    from openpyxl import load_workbook

    known = ", ".join(FILES)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a bad file
        deposit.problems.append(
            Problem(name, None, None, "classeur illisible (fichier .xlsx attendu)")
        )
        return
    try:
        for sheet in workbook.worksheets:
            table = sheet.title.strip().lower()
            label = f"{name}, feuille {sheet.title}"
            if table not in FILES:
                deposit.notes.append(
                    f"Feuille ignorée : « {sheet.title} » du classeur {name} "
                    f"(feuilles reconnues : {known})."
                )
                continue
            target = _claim(deposit, table, label)
            if target is None:
                continue
            target.write_text(sheet_to_csv(sheet), encoding="utf-8")
            deposit.sources[target.name] = label
    finally:
        workbook.close()


def sheet_to_csv(sheet) -> str:
    """A worksheet as CSV text, one line per row (blank rows kept as blank cells).

    Text cells go through the interchange escaping (``jalons.rules.tabular``), which
    the reader undoes: a sheet's ``=1+1`` or ``'abc`` is read back exactly."""
    out = io.StringIO()
    writer = CsvWriter(out, lineterminator="\n")
    columns: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for number, row in enumerate(sheet.iter_rows(values_only=True)):
            if number == 0:
                columns = [str(v).strip().lower() if v is not None else "" for v in row]
                writer.writerow(["" if v is None else str(v).strip() for v in row])
                continue
            cells = [_cell(v, columns[i] if i < len(columns) else "") for i, v in enumerate(row)]
            writer.writerow(cells or [""] * max(len(columns), 1))
    return out.getvalue()


def _cell(value, column: str):
    """A sheet value as the writer's value: text, a number, or a text date/month."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, dt.datetime | dt.date):
        if column in MONTH_COLUMNS:
            return f"{value.year:04d}-{value.month:02d}"
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return str(value)


def deposit_get(*, token: str, structure, user) -> Deposit | None:
    """The user's deposit for this structure, if it still exists."""
    if not TOKEN.match(token or ""):
        return None
    path = upload_root() / token
    try:
        meta = json.loads((path / "depot.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("structure") != structure.pk or meta.get("user") != user.pk:
        return None
    return Deposit(
        token, path, dict(meta.get("sources", {})), [], list(meta.get("notes", [])),
        list(meta.get("names", [])),
    )  # fmt: skip


def deposit_discard(deposit: Deposit) -> None:
    shutil.rmtree(deposit.path, ignore_errors=True)


def deposits_clean(max_age: int = MAX_AGE_SECONDS) -> int:
    """Remove deposits older than ``max_age`` seconds; how many were removed."""
    root = upload_root()
    limit = time.time() - max_age
    removed = 0
    for path in root.iterdir():
        try:
            if path.is_dir() and path.stat().st_mtime < limit:
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed
