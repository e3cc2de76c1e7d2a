import contextlib
import io

import pytest

import jalons.cli
from jalons.demo.generator import generate


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """A small realistic folder: 3 structures, 80 pathways and every optional table."""
    folder = tmp_path_factory.mktemp("echanges") / "genere"
    generate(folder, structures=3, parcours=80, seed=1)
    return folder


@pytest.fixture
def cli(monkeypatch):
    """Run ``jalons ...`` in this process (with the import/export commands registered);
    returns (exit status, standard output, standard error)."""
    modules = jalons.cli.COMMAND_MODULES
    if "jalons.cli.echanges" not in modules:
        monkeypatch.setattr(jalons.cli, "COMMAND_MODULES", (*modules, "jalons.cli.echanges"))

    def run(*argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = jalons.cli.main([str(a) for a in argv])
            except SystemExit as exit_:
                code = exit_.code
        return code, out.getvalue(), err.getvalue()

    return run
