"""The command line's sentences are French: counts agree in number (« 1 tableau »,
« 24 tableaux », never « tableau(x) »), and a structure's name, never altered, is never
run into by an article (« de Les Jardins du Val », « de Intérim Solidaire »)."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

import jalons.cli
from jalons.cli import main
from jalons.cli.offre import of_name

pytestmark = pytest.mark.django_db

CLI = Path(jalons.cli.__file__).parent


@pytest.mark.parametrize("module", ["observatoire.py", "offre.py"])
def test_no_message_leaves_its_plural_to_the_reader(module):
    source = (CLI / module).read_text(encoding="utf-8")
    assert not re.findall(r"\w\((?:s|x|e|es)\)", source)


def test_the_refresh_counts_its_snapshots_in_french(monkeypatch, capsys):
    from jalons.observatoire import services

    for written, expected in ((0, "0 instantané écrit"), (1, "1 instantané écrit"),
                              (2, "2 instantanés écrits")):  # fmt: skip
        monkeypatch.setattr(services, "refresh_snapshots", lambda written=written, **kw: written)
        assert main(["observatoire", "actualiser", "--annee", "2025"]) == 0
        assert capsys.readouterr().out.startswith(f"{expected} en ")


def _publication(new, same, withheld):
    return SimpleNamespace(
        number=4,
        summary={
            "éditions nouvelles": new,
            "éditions inchangées": same,
            "cases": {"publiées": 12, "secret": 3, "révisées": 0},
            "structures non nommées cette année": withheld,
        },
    )


@pytest.mark.parametrize(
    ("publication", "expected"),
    [
        (
            _publication(1, 0, 1),
            [
                "2025 : publication n° 4, 1 édition nouvelle, 0 inchangée ;",
                "  1 structure ayant accepté d'être nommée ne l'est pas pour 2025 : des "
                "chiffres déjà publiés l'incluaient sans la nommer.",
            ],
        ),
        (
            _publication(3, 2, 2),
            [
                "2025 : publication n° 4, 3 éditions nouvelles, 2 inchangées ;",
                "  2 structures ayant accepté d'être nommées ne le sont pas pour 2025 : des "
                "chiffres déjà publiés les incluaient sans les nommer.",
            ],
        ),
    ],
)
def test_the_publication_counts_agree_in_number(monkeypatch, capsys, publication, expected):
    from jalons.observatoire import publishing

    monkeypatch.setattr(publishing, "publish", lambda **kw: publication)
    assert main(["observatoire", "publier", "--annee", "2025"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(expected[0])
    assert lines[1] == expected[1]


def test_the_export_counts_its_tables_and_secret_cells_in_french(monkeypatch, tmp_path, capsys):
    from jalons.observatoire import selectors
    from tests.factories import NetworkFactory
    from tests.observatoire.edition_fixture import make_edition

    edition = make_edition(number=1)
    monkeypatch.setattr(selectors, "build_edition", lambda perimeter, **kw: edition)
    network = NetworkFactory()
    target = tmp_path / "etat.csv"
    code = main(
        ["observatoire", "exporter", "--annee", "2025", "--format", "csv", "--sortie",
         str(target), "--perimetre", f"reseau:{network.pk}"]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    hidden = sum(c.hidden for t in edition.tables for r in t.rows for c in r.cells)
    assert out.endswith(f", édition n° 1, 3 tableaux, {hidden} cases en secret.\n"), out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Les Jardins du Val", "de la structure « Les Jardins du Val »"),
        ("La Ressourcerie", "de la structure « La Ressourcerie »"),
        ("L'Atelier du Vélo", "de la structure « L'Atelier du Vélo »"),
        ("Intérim Solidaire Artois", "d'Intérim Solidaire Artois"),
        ("Atelier Vélo Solidaire", "d'Atelier Vélo Solidaire"),
        ("Val'Emploi Services", "de Val'Emploi Services"),
        ("Lesquin Services", "de Lesquin Services"),
        ("Coup de Main Sambre-Avesnois", "de Coup de Main Sambre-Avesnois"),
    ],
)
def test_a_structure_name_is_never_run_into_by_an_article(name, expected):
    assert of_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Les Jardins du Val",
            "Offre de services (DOCX) 2025 de la structure « Les Jardins du Val » :",
        ),
        ("Intérim Solidaire Artois", "Offre de services (DOCX) 2025 d'Intérim Solidaire Artois :"),
    ],
)
def test_the_offre_export_names_the_structure_as_it_is_written(tmp_path, capsys, name, expected):
    from tests.factories import StructureFactory
    from tests.offre.factories import OffreFactory, fill_required

    offre = OffreFactory(year=2025, structure=StructureFactory(name=name))
    fill_required(offre)
    target = tmp_path / "os.docx"
    code = main(
        ["offre", "exporter", "--structure", str(offre.structure.pk), "--annee", "2025",
         "--format", "docx", "--sortie", str(target)]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{expected} fichier écrit dans {target} ("), out
    assert " de Les " not in out and " de Intérim" not in out


def test_a_missing_offre_names_the_structure_as_it_is_written(tmp_path, capsys):
    from tests.factories import StructureFactory

    structure = StructureFactory(name="Les Jardins du Val")
    code = main(
        ["offre", "exporter", "--structure", str(structure.pk), "--annee", "2024",
         "--sortie", str(tmp_path / "os.pdf")]
    )  # fmt: skip
    assert code == 2
    assert capsys.readouterr().err == (
        "Erreur : la structure « Les Jardins du Val » n'a pas d'offre de services pour 2024.\n"
    )
