"""Rule cases as data (tests/rules/cas/*.yaml): each case is named as a sentence,
cites its source and writes the arithmetic of its expected values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from tests.rules.helpers import compute_folder, write_folder

CASES_DIR = Path(__file__).parent / "cas"
ABSENT = "__absent__"
CASE_KEYS = {
    "name", "source", "rules", "arithmetic", "expected", "period", "date_reference",
    "structures", "parcours", "heures", "suivis", "custom",
}  # fmt: skip


def load_cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


def _day(value):
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def assert_subset(actual, expected, where):
    for key, value in expected.items():
        if value == ABSENT:
            assert key not in actual, f"{where}.{key} should be absent"
            continue
        assert key in actual, f"{where}.{key} missing"
        if isinstance(value, dict):
            assert_subset(actual[key], value, f"{where}.{key}")
        else:
            assert actual[key] == value, f"{where}.{key}: {actual[key]!r} != {value!r}"


@pytest.mark.parametrize("case", list(load_cases()))
def test_case(case, tmp_path, monkeypatch):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    assert case["source"] and case["arithmetic"]
    files = {k: case[k] for k in ("structures", "parcours", "heures", "suivis") if k in case}
    folder = write_folder(tmp_path / "dossier", files)
    for name, text in case.get("custom", {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    period = case.get("period", {"du": "2025-01-01", "au": "2025-12-31"})
    result = compute_folder(
        folder,
        case["rules"],
        _day(period["du"]),
        _day(period["au"]),
        _day(case.get("date_reference", "2026-12-31")),
    )
    by_name = {c["jeu_de_regles"]: c for c in result["calculs"]}
    for rules, expected in case["expected"].items():
        calcul = by_name[rules]
        structures = {s["structure_id"]: s for s in calcul["structures"]}
        details = {d["personne_id"]: d for d in calcul["sorties_detail"]}
        for key, value in expected.items():
            if key == "detail":
                for person, fields in value.items():
                    assert_subset(details[person], fields, f"{rules}.detail.{person}")
            elif key == "detail_count":
                assert len(calcul["sorties_detail"]) == value
            elif key == "ensemble":
                assert_subset(calcul["ensemble"], value, f"{rules}.ensemble")
            else:
                assert_subset(structures[key], value, f"{rules}.{key}")
