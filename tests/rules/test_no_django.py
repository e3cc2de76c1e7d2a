"""The rules package must run without Django (issue 3, scope 1)."""

import os
import subprocess
import sys
from pathlib import Path

import jalons.rules

RULES_DIR = Path(jalons.rules.__file__).parent
MODULES = [
    "jalons.rules",
    *(f"jalons.rules.{p.stem}" for p in sorted(RULES_DIR.glob("*.py")) if p.stem != "__init__"),
    "jalons.cli.indicateurs",
    "jalons.cli.regles",
    "jalons.cli.donnees",
]


def test_importing_the_rules_package_and_its_commands_never_imports_django():
    code = "import importlib, sys\n"
    code += "".join(f"importlib.import_module({m!r})\n" for m in MODULES)
    code += "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_source_file_of_the_rules_package_mentions_django_imports():
    for path in RULES_DIR.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
