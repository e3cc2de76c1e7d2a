"""Import, export, import again: nothing is lost and nothing is duplicated."""

import datetime

import pytest

from jalons.audit.actor import Actor
from jalons.audit.models import AuditEntry
from jalons.echanges.export import TargetNotEmpty, folder_export
from jalons.echanges.services import folder_import
from jalons.parcours.models import Person
from jalons.structures.models import Structure
from tests.echanges.factories import AccompanimentFactory, ParcoursFactory, PersonFactory
from tests.echanges.helpers import assert_same_content, row_counts

pytestmark = pytest.mark.django_db


def test_import_then_export_gives_back_the_same_tables(generated, tmp_path):
    result = folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    assert result.counts["parcours"] == {"crees": 80, "modifies": 0, "inchanges": 0}
    folder_export(folder=tmp_path / "export")
    assert_same_content(generated, tmp_path / "export")
    # Same rows, line for line, apart from the spelling of whole numbers (144.0 / 144).
    for name in ("structures", "parcours", "suivis", "orientations", "accompagnements"):
        original = (generated / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        exported = (tmp_path / "export" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert original[0] == exported[0]
        assert sorted(original[1:]) == sorted(exported[1:]), name


def test_importing_the_same_folder_twice_changes_nothing(generated):
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    before = row_counts()
    people = list(Person.objects.values_list("pk", "updated_at"))
    second = folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    assert row_counts() == before
    assert list(Person.objects.values_list("pk", "updated_at")) == people
    assert second.total_written == 0
    assert all(c["crees"] == c["modifies"] == 0 for c in second.counts.values())
    assert second.counts["heures"]["inchanges"] == before["heures"]


def test_import_export_import_is_lossless_and_keeps_rows_entered_in_the_pages(generated, tmp_path):
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    structure = Structure.objects.get(identifier="S00001")
    # A CIP records an accompaniment action by hand, identical to an imported one.
    person = Person.objects.filter(structure=structure, accompaniment_actions__isnull=False).first()
    imported = person.accompaniment_actions.first()
    AccompanimentFactory(
        person=person,
        date=imported.date,
        nature=imported.nature,
        duration_minutes=imported.duration_minutes,
        barrier=imported.barrier,
        modality=imported.modality,
        speaker=imported.speaker,
    )
    AccompanimentFactory(person=person, speaker="  ")  # a different row
    folder_export(folder=tmp_path / "a")
    before = row_counts()
    result = folder_import(actor=Actor.from_command("jalons importer"), folder=tmp_path / "a")
    assert result.total_written == 0
    assert row_counts() == before
    folder_export(folder=tmp_path / "b")
    assert_same_content(tmp_path / "a", tmp_path / "b")
    # The original folder, imported again, does not remove the hand-made row either.
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    assert row_counts() == before


def test_a_changed_exit_updates_the_pathway_and_leaves_an_audit_entry(generated, tmp_path):
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    text = (generated / "parcours.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if ",,," in line and i > 0)
    sid, pid, hired = lines[index].split(",")[:3]
    lines[index] = f"{sid},{pid},{hired},{hired[:4]}-12-31,cdi_non_aide,,oui"
    folder = tmp_path / "modifie"
    folder.mkdir()
    for path in generated.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "parcours.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = folder_import(actor=Actor.from_command("jalons importer"), folder=folder)
    assert result.counts["parcours"]["modifies"] == 1
    person = Person.objects.get(structure__identifier=sid, external_id=pid)
    parcours = person.parcours.get(hire_date=datetime.date.fromisoformat(hired))
    assert parcours.exit_date == datetime.date(int(hired[:4]), 12, 31)
    assert parcours.exit_motif == "cdi_non_aide" and parcours.exit_full_time is True
    entry = AuditEntry.objects.filter(object_type="personne", object_id=str(person.pk)).first()
    assert entry.action == "modification"
    assert entry.changes == {"Parcours": ["1 modification"]}
    import_entry = AuditEntry.objects.filter(object_type="Import", structure=person.structure)
    assert import_entry.count() == 2


def test_the_first_import_logs_each_structure_and_each_person_created(generated):
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    assert AuditEntry.objects.filter(object_type="Import", action="creation").count() == 3
    assert AuditEntry.objects.filter(object_type="personne", action="creation").count() == (
        Person.objects.count()
    )


def test_a_structure_created_by_hand_is_updated_not_duplicated(generated, tmp_path):
    structure = ParcoursFactory(person=PersonFactory()).structure
    structure.identifier = "S00001"
    structure.save()
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    structure.refresh_from_db()
    assert Structure.objects.filter(identifier="S00001").count() == 1
    first_line = (generated / "structures.csv").read_text(encoding="utf-8").splitlines()[1]
    assert structure.name == first_line.split(",")[2]
    assert structure.organisation is not None  # kept


def test_export_never_writes_names_contact_or_nir(generated, tmp_path):
    PersonFactory(structure=Structure.objects.create(identifier="X1", kind="ACI", name="X"))
    ParcoursFactory(person=Person.objects.get(structure__identifier="X1"))
    folder_export(folder=tmp_path / "e")
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "e").iterdir())
    assert "Dominique" not in text and "Durand" not in text and "185057800608436" not in text


def test_export_refuses_a_folder_that_is_not_empty_unless_told_to_replace(tmp_path):
    target = tmp_path / "plein"
    target.mkdir()
    (target / "notes.txt").write_text("à garder", encoding="utf-8")
    with pytest.raises(TargetNotEmpty):
        folder_export(folder=target)
    assert (target / "notes.txt").exists()
    folder_export(folder=target, replace=True)
    assert not (target / "notes.txt").exists() and (target / "parcours.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
