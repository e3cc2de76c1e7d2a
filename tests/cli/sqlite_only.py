"""``jalons demo`` always works on its own SQLite file (``jalons/cli/demo.py`` sets
``DATABASE_URL``), whatever database the tests use: the PostgreSQL pass of the CI
would run the very same thing a second time (a minute and a half), so it leaves these
tests to the SQLite pass."""

import os

import pytest

demo_uses_sqlite_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="la démo n'utilise que SQLite, déjà vérifiée par le passage des tests sur SQLite",
)
