"""The plan of an import (jalons/echanges/plan.py): the difference between the folder
and the database, in polars, without touching the database."""

import datetime

import polars as pl

from jalons.echanges import plan
from jalons.echanges.plan import PPK, SPK
from jalons.echanges.tables import TABLES

D = datetime.date


def pathways(**columns):
    base = {
        "_row": [0, 1],
        "structure_id": ["S1", "S1"],
        "personne_id": ["P1", "P2"],
        SPK: [1, 1],
        PPK: [10, 11],
        "date_embauche": [D(2024, 1, 8), D(2024, 3, 4)],
        "date_sortie": [D(2024, 9, 30), None],
        "motif_sortie": ["cdi_non_aide", None],
        "heures_travaillees": [500.004, None],
        "sortie_temps_plein": [True, None],
    }
    return pl.DataFrame({**base, **columns})


def recorded(**columns):
    base = {
        "id": [100],
        SPK: [1],
        PPK: [10],
        "date_embauche": [D(2024, 1, 8)],
        "exit_date": [D(2024, 9, 30)],
        "exit_motif": ["cdi_non_aide"],
        "hours_worked": [500.0],
        "exit_full_time": [True],
    }
    return pl.DataFrame({**base, **columns})


ALL = set(TABLES["parcours"].schema)


def test_a_new_pathway_is_created_and_an_equal_one_left_alone():
    done, _ = plan.parcours(pathways(), recorded(), ALL)
    assert (done.created, done.updated, done.unchanged) == (1, 0, 1)
    assert done.create[PPK].to_list() == [11]
    assert done.create_fields == {
        "structure": SPK,
        "person": PPK,
        "hire_date": "date_embauche",
        "exit_date": "date_sortie",
        "exit_motif": "motif_sortie",
        "hours_worked": "heures_travaillees",
        "exit_full_time": "sortie_temps_plein",
    }


def test_decimals_are_compared_at_their_two_places():
    done, _ = plan.parcours(pathways(heures_travaillees=[500.006, None]), recorded(), ALL)
    assert done.updated == 1 and done.update["id"].to_list() == [100]
    assert done.update_fields == {
        "exit_date": "date_sortie",
        "exit_motif": "motif_sortie",
        "hours_worked": "heures_travaillees",
        "exit_full_time": "sortie_temps_plein",
    }


def test_a_column_absent_from_the_file_leaves_the_recorded_value_alone():
    present = ALL - {"heures_travaillees", "sortie_temps_plein"}
    frame = pathways(heures_travaillees=[None, None], sortie_temps_plein=[None, None])
    done, _ = plan.parcours(frame, recorded(), present)
    assert done.updated == 0 and done.unchanged == 1
    assert set(done.update_fields) == {"exit_date", "exit_motif"}


def test_an_empty_cell_of_a_present_column_empties_the_value():
    done, _ = plan.parcours(pathways(sortie_temps_plein=[None, None]), recorded(), ALL)
    assert done.updated == 1 and done.update["sortie_temps_plein"].to_list() == [None]


def test_the_hours_of_one_month_are_added_up_before_the_comparison():
    csv = pl.DataFrame(
        {SPK: [1, 1, 1], PPK: [10, 10, 10], "mois": [D(2025, 1, 1), D(2025, 1, 1), D(2025, 2, 1)]}
    ).with_columns(heures=pl.Series([100.0, 51.674, 20.0]))
    have = pl.DataFrame({"id": [7], PPK: [10], "mois": [D(2025, 1, 1)], "hours": [151.67]})
    done = plan.hours(csv, have, {"heures", "mois"})
    assert (done.created, done.updated, done.unchanged) == (1, 0, 1)
    assert done.create.select("mois", "heures").rows() == [(D(2025, 2, 1), 20.0)]


def test_rows_without_a_key_are_matched_one_for_one_and_only_the_excess_is_created():
    table = TABLES["orientations"]
    row = {SPK: 1, PPK: None, "date": D(2025, 1, 6), "prescripteur_type": "plie", "issue": "refus"}
    csv = pl.DataFrame([row, row, row, {**row, "issue": "embauche"}])
    have = pl.DataFrame(
        [{SPK: 1, PPK: None, "date": D(2025, 1, 6), "prescriber_type": "plie", "outcome": "refus"}]
    ).with_columns(pl.col(PPK).cast(pl.Int64))
    csv = csv.with_columns(pl.col(PPK).cast(pl.Int64))
    done = plan.multiset(table, csv, have, set(table.schema))
    assert (done.created, done.unchanged) == (3, 1)
    assert sorted(done.create["issue"].to_list()) == ["embauche", "refus", "refus"]
    assert all(t.is_empty() for t in done.touched())  # no person: nobody to log


def test_a_structure_keeps_its_name_when_the_file_leaves_it_empty():
    csv = pl.DataFrame(
        {
            "structure_id": ["S1", "S2"],
            "type_siae": ["EI", "ACI"],
            "nom": [None, None],
            "departement": ["59", None],
        }
    )
    have = pl.DataFrame(
        {
            "id": [3],
            "identifier": ["S1"],
            "kind": ["ACI"],
            "name": ["Les Jardins"],
            "departement": ["62"],
        }
    )
    done = plan.structures(csv, have)
    assert done.changes == {
        "S1": (False, {"type de SIAE": ["ACI", "EI"], "département": ["62", "59"]}),
        "S2": (True, {}),
    }
    assert done.update.rows() == [(3, "EI", "Les Jardins", "59")]
    assert done.create.rows() == [("S2", "ACI", "S2", None)]
