"""Shared helpers of the rules tests: write a folder, run a command."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
from pathlib import Path

import polars as pl

from jalons.cli import _argparse_fr
from jalons.rules import compute, load_rule_set, read_folder

DEFAULT_STRUCTURES = """structure_id,type_siae
ACI1,ACI
EI1,EI
ETTI1,ETTI
AI1,AI
EITI1,EITI
"""


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"structures": DEFAULT_STRUCTURES, **files}
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def compute_folder(
    folder, rules, du=dt.date(2025, 1, 1), au=dt.date(2025, 12, 31), ref=None, detail=True
):
    tables = read_folder(folder)
    rule_sets = [load_rule_set(r) for r in rules]
    return compute(tables, rule_sets, du, au, ref or dt.date(2026, 12, 31), detail=detail)


def french_spelling(folder: Path, target: Path) -> Path:
    """The same folder as a French spreadsheet would save it: ';', decimal commas,
    JJ/MM/AAAA dates, MM/AAAA months, a BOM, upper-case headers, oui/non."""
    target.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.csv"):
        frame = pl.read_csv(path, infer_schema=False)
        out = []
        for column in frame.columns:
            values = frame[column]
            if column.startswith("date"):
                values = values.str.replace(r"^(\d{4})-(\d{2})-(\d{2})$", "$3/$2/$1")
            elif column == "mois":
                values = values.str.replace(r"^(\d{4})-(\d{2})$", "$2/$1")
            elif column in ("heures", "heures_travaillees", "duree_minutes"):
                values = values.str.replace(".", ",", literal=True)
            elif column in ("sortie_temps_plein", "qualifiante"):
                values = values.replace({"true": "oui", "false": "non", "1": "oui", "0": "non"})
            out.append(values.alias(column.upper()))
        text = pl.DataFrame(out).write_csv(separator=";")
        (target / path.name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return target


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """Run the rules commands in-process, as the ``jalons`` dispatcher would."""
    from jalons.cli import donnees, indicateurs, regles

    _argparse_fr.install()
    parser = argparse.ArgumentParser(prog="jalons")
    sub = parser.add_subparsers(title="commandes", metavar="COMMANDE")
    for module in (indicateurs, regles, donnees):
        module.register(sub)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = parser.parse_args(argv)
            code = int(args.func(args) or 0)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()
