"""The table map (jalons/echanges/tables.py) is the one place that says where each
interchange column lives: export, engine tables, observatory and import derive from it,
and every view of it agrees with the interchange format (SCHEMAS)."""

import datetime
import re
from dataclasses import replace

import polars as pl
import pytest
from django.db import models

from jalons.echanges import checks, selectors
from jalons.echanges.tables import TABLES, Column, normalise, resolve
from jalons.parcours.models import Person
from jalons.rules import load_referential
from jalons.rules.reader import FILES
from jalons.rules.tables import SCHEMAS
from jalons.rules.vocabulary import ECHEANCES, SITUATION_INCONNUE
from jalons.structures.models import Structure
from tests.echanges.factories import PersonFactory

# The kind of model field that holds each type of the interchange format.
FIELD_KINDS = {
    pl.String: (models.CharField, models.ForeignKey),
    pl.Date: (models.DateField,),
    pl.Float64: (models.DecimalField, models.IntegerField),
    pl.Boolean: (models.BooleanField,),
    pl.Int8: (models.IntegerField,),
}


def test_the_map_has_every_table_and_column_of_the_format_in_its_order():
    assert list(TABLES) == list(SCHEMAS)
    for name, table in TABLES.items():
        assert [c.name for c in table.columns] == list(SCHEMAS[name]), name
        assert list(table.paths) == list(table.number_paths) == list(SCHEMAS[name])
        assert set(table.key) <= set(SCHEMAS[name])


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_path_reaches_a_field_of_the_right_kind(name):
    table = TABLES[name]
    for column, dtype in SCHEMAS[name].items():
        by_identifier = resolve(table.model, table[column].path)
        by_number = resolve(table.model, table[column].number_path)
        assert isinstance(by_identifier, FIELD_KINDS[dtype]), (name, column)
        assert by_number is not None
    # By number, the observatory reads no identifier of a structure or a person.
    for path in table.number_paths.values():
        assert not re.search(r"identifier|external_id", path), (name, path)
    assert resolve(table.model, table["structure_id"].path) == Structure._meta.get_field(
        "identifier"
    )
    if "personne_id" in table.schema:
        assert table["personne_id"].path.endswith("person__external_id")


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_import_writes_each_value_into_a_field_that_holds_its_type(name):
    table = TABLES[name]
    for field, column in table.written.items():
        model_field = table.model_field(field)
        assert model_field.concrete and not model_field.primary_key
        assert isinstance(model_field, FIELD_KINDS[table.dtype(column)]), (name, column)
    # Every column is either written or a reference to a row found another way.
    unwritten = set(SCHEMAS[name]) - set(table.written.values())
    refs = {c.name for c in table.columns if c.ref}
    assert unwritten - refs <= {"region", "date_sortie"}, name


def test_the_choices_of_the_model_fields_are_those_the_reader_accepts():
    """So that the model's rules (apply.py) never refuse a value the reader let
    through: the vocabulary is the same on both sides."""
    referential = load_referential()
    special = {
        "motif": set(referential.motifs),
        "situation": {*referential.motifs, SITUATION_INCONNUE},
        "echeance": set(ECHEANCES),
    }
    compared = 0
    for name, table in TABLES.items():
        reader = {c.name: c for c in FILES[name]}
        for field, column in table.written.items():
            model_field = table.model_field(field)
            if not model_field.choices:
                continue
            accepted = special.get(reader[column].kind) or set(reader[column].choices)
            assert {k for k, _ in model_field.flatchoices} == accepted, (name, column)
            compared += 1
    assert compared == 10


def test_the_limits_of_the_checks_are_those_of_the_model_fields():
    assert checks.MAX_LENGTHS == {
        "structures": {"structure_id": 40, "nom": 200},
        "parcours": {"personne_id": 64},
        "heures": {"personne_id": 64},
        "suivis": {"personne_id": 64},
        "orientations": {"personne_id": 64},
        "accompagnements": {"personne_id": 64, "intervenant": 200},
        "formations": {"personne_id": 64, "intitule": 200},
    }
    assert checks.MAX_AMOUNTS == {
        ("parcours", "heures_travaillees"): 9_999_999.99,
        ("formations", "heures"): 99_999.99,
    }
    assert checks.DECIMAL_COLUMNS == [
        ("parcours", "heures_travaillees"),
        ("heures", "heures"),
        ("formations", "heures"),
    ]
    assert (checks.MAX_MONTH_HOURS, checks.MIN_MINUTES, checks.MAX_MINUTES) == (744, 1, 1440)
    assert Person._meta.get_field("external_id").max_length == 64


def test_the_derived_views_are_those_the_other_modules_wrote_by_hand_before():
    """The views that were four hand-written tables (issue 14), kept identical."""
    assert {n: t.structure_path for n, t in TABLES.items()} == {
        "structures": "pk",
        "parcours": "structure_id",
        "heures": "structure_id",
        "suivis": "parcours__structure_id",
        "orientations": "structure_id",
        "accompagnements": "person__structure_id",
        "formations": "person__structure_id",
    }
    assert TABLES["structures"].number_paths == {
        "structure_id": "pk",
        "type_siae": "kind",
        "nom": "kind",
        "departement": "departement_id",
        "region": "departement__region_id",
    }
    assert TABLES["suivis"].number_paths["personne_id"] == "parcours__person_id"
    assert TABLES["parcours"].written == {
        "hire_date": "date_embauche",
        "exit_date": "date_sortie",
        "exit_motif": "motif_sortie",
        "hours_worked": "heures_travaillees",
        "exit_full_time": "sortie_temps_plein",
    }
    assert TABLES["suivis"].written == {
        "months": "echeance_mois",
        "situation": "situation",
        "obtained_on": "date_suivi",
    }
    assert {n: t.links for n, t in TABLES.items()} == {
        "structures": {},
        "parcours": {"structure": "structure", "person": "person"},
        "heures": {"structure": "structure", "person": "person"},
        "suivis": {},
        "orientations": {"structure": "structure", "person": "person"},
        "accompagnements": {"person": "person"},
        "formations": {"person": "person"},
    }


def test_adding_a_column_is_one_line_of_the_map():
    table = TABLES["formations"]
    extended = replace(table, columns=(*table.columns, Column("organisme", "organisation")))
    assert extended.paths["organisme"] == "organisation"
    assert extended.number_paths["organisme"] == "organisation"
    assert extended.written["organisation"] == "organisme"
    assert extended.stored_field("organisme").max_length == 200


@pytest.mark.django_db
def test_a_column_added_to_the_map_is_read_for_the_export_and_the_engine(monkeypatch):
    from jalons.formation.models import TrainingAction

    person = PersonFactory()
    TrainingAction.objects.create(person=person, status="entree", organisation="  AFPA ")
    table = TABLES["formations"]
    extended = replace(table, columns=(*table.columns, Column("organisme", "organisation")))
    monkeypatch.setitem(TABLES, "formations", extended)
    monkeypatch.setitem(SCHEMAS, "formations", {**SCHEMAS["formations"], "organisme": pl.String})
    frame = selectors.table_frame("formations")
    assert frame.columns[-1] == "organisme" and frame["organisme"].to_list() == ["AFPA"]


def test_database_values_are_normalised_as_the_reader_reads_a_file():
    frame = pl.DataFrame(
        {
            "t": [" a ", "", None],
            "d": ["2025-01-31", None, "2025-02-01 00:00:00"],
            "b": [1, 0, None],
        }
    )
    out = normalise(frame, {"t": pl.String, "d": pl.Date, "b": pl.Boolean})
    assert out["t"].to_list() == ["a", None, None]
    assert out["d"].to_list() == [datetime.date(2025, 1, 31), None, datetime.date(2025, 2, 1)]
    assert out["b"].to_list() == [True, False, None]
