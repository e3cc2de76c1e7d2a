"""The columnar engine and the row-by-row reference of benchmarks/ agree exactly."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from jalons.demo.generator import generate
from jalons.rules import builtin_names, compute, load_rule_set, read_folder
from jalons.rules.render import to_json

REFERENCE = Path(__file__).parents[2] / "benchmarks" / "reference.py"


def load_reference():
    spec = importlib.util.spec_from_file_location("jalons_reference", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_implementation_gives_the_same_json_on_a_generated_folder(tmp_path):
    folder = tmp_path / "dossier"
    generate(folder, structures=25, parcours=3000, seed=3)
    rule_sets = [load_rule_set(n) for n in builtin_names()]
    args = (rule_sets, dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 6, 30))
    fast = compute(read_folder(folder), *args, detail=True)
    slow = load_reference().compute(folder, *args, detail=True)
    assert fast["calculs"][3]["ensemble"]["sorties"] > 500
    assert to_json(fast) == to_json(slow)
