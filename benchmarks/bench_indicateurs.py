"""Benchmark of ``jalons indicateurs calculer`` at national scale (not a timed test).

Generates the folder if needed, then runs, each under ``/usr/bin/time -v``:
- the command itself, with the four rule sets, CSV parsing and JSON output included;
- the row-by-row reference implementation (benchmarks/reference.py);
and prints wall time, peak memory, the ratio, and whether both JSON outputs are equal.

    uv run python benchmarks/bench_indicateurs.py [--dossier /tmp/jalons-national]
        [--structures 4500] [--parcours 350000] [--graine 2026] [--sans-reference]
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
RULES = ["circulaire-2008", "uriae-2009", "etti-450h", "dgefp-2014"]
PERIOD = ["--annee", "2025", "--date-reference", "2026-06-30"]


def timed(command: list[str], stdout) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of a command run under /usr/bin/time -v."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command], stdout=stdout, stderr=subprocess.PIPE, text=True
    )
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"échec : {' '.join(command)}")
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    hours, minutes, seconds = (float(x) if x else 0.0 for x in wall.groups())
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return hours * 3600 + minutes * 60 + seconds, int(rss.group(1)) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", type=Path, default=Path("/tmp/jalons-national"))
    parser.add_argument("--structures", type=int, default=4500)
    parser.add_argument("--parcours", type=int, default=350_000)
    parser.add_argument("--graine", type=int, default=2026)
    parser.add_argument("--sans-reference", action="store_true")
    args = parser.parse_args()
    jalons = shutil.which("jalons") or "jalons"
    if not (args.dossier / "parcours.csv").exists():
        subprocess.run(
            [jalons, "donnees", "generer", str(args.dossier), "--structures",
             str(args.structures), "--parcours", str(args.parcours), "--graine",
             str(args.graine), "--remplacer"],
            check=True,
        )  # fmt: skip
    sizes = {p.name: sum(1 for _ in p.open("rb")) - 1 for p in sorted(args.dossier.glob("*.csv"))}
    print("Dossier :", args.dossier, "—", ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
    regles = [x for r in RULES for x in ("--regles", r)]
    with tempfile.TemporaryDirectory() as tmp:
        fast_out, slow_out = Path(tmp) / "rapide.json", Path(tmp) / "reference.json"
        command = [jalons, "indicateurs", "calculer", str(args.dossier), *regles, *PERIOD]
        command += ["--format", "json"]
        with fast_out.open("w") as handle:
            fast = timed(command, handle)
        print(f"jalons indicateurs calculer : {fast[0]:.2f} s, {fast[1]:,.0f} Mio")
        if args.sans_reference:
            return 0
        reference = [sys.executable, str(HERE / "reference.py"), str(args.dossier), *regles]
        with slow_out.open("w") as handle:
            slow = timed([*reference, *PERIOD], handle)
        print(f"référence ligne à ligne     : {slow[0]:.2f} s, {slow[1]:,.0f} Mio")
        print(f"rapport                     : × {slow[0] / fast[0]:.1f}")
        same = filecmp.cmp(fast_out, slow_out, shallow=False)
        print("JSON identiques             :", "oui" if same else "NON")
        return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
