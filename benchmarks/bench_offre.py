"""Exports of a full Offre de Services from the demo: PDF, DOCX, ODT, dialogue de gestion.

Usage (own data folder, the demo is loaded if missing):

    JALONS_DATA_DIR=/tmp/bench-offre uv run python benchmarks/bench_offre.py [--structure ID]

The OS of the year before the current one is created if missing, with every writable
section of the catalogue filled (three paragraphs and a list each), for the demo
structure with the most pathways. For each format: a cold run (fresh process state:
indicators computed, WeasyPrint and fonts loaded) and the median of three warm runs.
The document itself (``build_document``: texts, indicators, objectives) is timed
separately; it is shared by every format of one request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TEXT = (
    "Notre pratique s'appuie sur l'équipe permanente et les partenaires du territoire ; "
    "nous la revoyons chaque année avec les salariés et les encadrants.\n\n"
    "- Un entretien d'accueil le premier jour\n- Un point mensuel avec la CIP\n"
    "- Un bilan à la fin du contrat\n\n"
    "Les résultats de l'année nous encouragent à poursuivre et à renforcer nos partenariats."
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--structure", help="identifiant de la structure (défaut : la plus grande)")
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    data_dir = Path(os.environ.setdefault("JALONS_DATA_DIR", "/tmp/bench-offre"))
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'demo.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalons.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.utils import timezone

    from jalons.demo.data import load_demo

    call_command("migrate", verbosity=0)
    load_demo()
    from jalons.offre.builder import build_document
    from jalons.offre.catalogue import WRITABLE_KEYS
    from jalons.offre.exports.produce import produce
    from jalons.offre.models import OffreDeServices, SectionText
    from jalons.structures.models import Structure

    structures = Structure.objects.annotate(n=Count("parcours")).order_by("-n")
    structure = structures.get(identifier=args.structure) if args.structure else structures.first()
    year = timezone.localdate().year - 1
    offre, _ = OffreDeServices.objects.get_or_create(structure=structure, year=year)
    for key in WRITABLE_KEYS:
        SectionText.objects.update_or_create(
            offre=offre, key=key, defaults={"text": TEXT, "revision": 1}
        )
    print(
        f"Structure {structure.identifier} ({structure.kind}, {structure.n} parcours), "
        f"OS {year}, {len(WRITABLE_KEYS)} sections rédigées"
    )
    started = time.perf_counter()
    document = build_document(offre)
    print(f"build_document (froid) : {time.perf_counter() - started:.2f} s")
    figures = sum(len(s.figures) for s in document.sections)
    print(f"  {len(document.sections)} sections, {figures} tableaux de chiffres")
    for kind in ("pdf", "docx", "odt", "dialogue"):
        started = time.perf_counter()
        produced = produce(offre=offre, kind=kind, document=document)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(args.repetitions):
            started = time.perf_counter()
            produce(offre=offre, kind=kind, document=document)
            warm.append(time.perf_counter() - started)
        print(
            f"{kind:9} {len(produced.content) / 1024:7.0f} Ko  froid {cold:5.2f} s  "
            f"chaud (médiane de {args.repetitions}) {statistics.median(warm):5.2f} s"
        )
    started = time.perf_counter()
    for kind in ("pdf", "docx", "odt"):
        produce(offre=offre, kind=kind)
    print(
        "les trois formats avec build_document à chaque fois : "
        f"{time.perf_counter() - started:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
