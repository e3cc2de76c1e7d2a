"""``jalons offre exporter``: files written whole, clear French errors."""

import io
import zipfile

import pytest
from docx import Document

from jalons.cli import main
from tests.offre.factories import OffreFactory, fill_required

pytestmark = pytest.mark.django_db


@pytest.fixture
def offre():
    offre = OffreFactory(year=2025)
    fill_required(offre)
    return offre


def test_exports_the_docx_of_a_year_by_identifier(offre, tmp_path, capsys):
    target = tmp_path / "os.docx"
    code = main(
        ["offre", "exporter", "--structure", offre.structure.identifier, "--annee", "2025",
         "--format", "docx", "--sortie", str(target)]
    )  # fmt: skip
    assert code == 0
    headings = [p.text for p in Document(str(target)).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Présentation de la structure"
    assert f"écrit dans {target}" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["os.docx"]  # no temporary file left


def test_exports_the_odt_by_number(offre, tmp_path):
    target = tmp_path / "os.odt"
    code = main(
        ["offre", "exporter", "--structure", str(offre.structure.pk), "--annee", "2025",
         "--format", "odt", "--sortie", str(target)]
    )  # fmt: skip
    assert code == 0
    with zipfile.ZipFile(target) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--structure", "INCONNUE", "--annee", "2025"], "structure inconnue : « INCONNUE »"),
        (["--annee", "2024"], "n'a pas d'offre de services pour 2024"),
        ([], "indiquez l'année de l'offre de services avec --annee AAAA"),
    ],
)
def test_bad_input_gets_a_french_error_and_writes_nothing(
    offre, tmp_path, capsys, arguments, message
):
    target = tmp_path / "os.pdf"
    if "--structure" not in arguments:
        arguments = ["--structure", offre.structure.identifier, *arguments]
    code = main(["offre", "exporter", *arguments, "--sortie", str(target)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_a_missing_output_folder_is_named(offre, tmp_path, capsys):
    target = tmp_path / "absent" / "os.pdf"
    code = main(
        ["offre", "exporter", "--structure", offre.structure.identifier, "--annee", "2025",
         "--sortie", str(target)]
    )  # fmt: skip
    assert code == 2
    assert f"le dossier « {target.parent} » n'existe pas" in capsys.readouterr().err


def test_an_existing_file_is_kept_unless_asked(offre, tmp_path, capsys):
    target = tmp_path / "os.odt"
    target.write_bytes(b"ancien")
    arguments = ["offre", "exporter", "--structure", offre.structure.identifier, "--annee",
                 "2025", "--format", "odt", "--sortie", str(target)]  # fmt: skip
    assert main(arguments) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert target.read_bytes() == b"ancien"
    assert main([*arguments, "--remplacer"]) == 0
    assert zipfile.ZipFile(io.BytesIO(target.read_bytes())).testzip() is None
