"""The import writes in bulk, but through the rules of the model fields: what
``full_clean`` would refuse field by field is refused a column at once, with Django's
message, before anything is written (jalons/echanges/fields.py, apply.py)."""

import datetime

import polars as pl
import pytest

from jalons.accompagnement.models import AccompanimentAction
from jalons.audit.actor import Actor
from jalons.echanges import apply, checks
from jalons.echanges.fields import db_ready, refusals
from jalons.echanges.services import folder_import
from jalons.formation.models import TrainingAction
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours
from jalons.rules import InvalidFolder
from tests.echanges.helpers import row_counts

ACTION_FIELDS = {
    "date": "date",
    "nature": "nature",
    "duration_minutes": "duree_minutes",
    "barrier": "frein",
    "modality": "modalite",
    "speaker": "intervenant",
}


def actions(**columns) -> pl.DataFrame:
    base = {
        "date": [datetime.date(2025, 3, 4)],
        "nature": ["social"],
        "duree_minutes": [45.0],
        "frein": [None],
        "modalite": ["interne"],
        "intervenant": ["Mme Martin"],
    }
    return pl.DataFrame({**base, **columns})


def test_valid_rows_break_no_rule():
    assert refusals(AccompanimentAction, actions(), ACTION_FIELDS) == []


@pytest.mark.parametrize(
    ("columns", "column", "message"),
    [
        ({"nature": ["medical"]}, "nature", "nature : La valeur « 'medical' » n’est pas un choix"),
        ({"frein": ["velo"]}, "frein", "frein : La valeur « 'velo' » n’est pas un choix valide."),
        ({"duree_minutes": [0.0]}, "duree_minutes", "supérieure ou égale à 1."),
        ({"duree_minutes": [1441.0]}, "duree_minutes", "inférieure ou égale à 1440."),
        ({"duree_minutes": [12.5]}, "duree_minutes", "« 12.5 » doit être un nombre entier."),
        ({"duree_minutes": [None]}, "duree_minutes", "ne peut pas contenir la valeur nulle."),
        ({"intervenant": ["x" * 201]}, "intervenant", "au plus 200 caractères (actuellement 201)"),
        ({"date": [None]}, "date", "date : Ce champ ne peut pas contenir la valeur nulle."),
        ({"nature": [""]}, "nature", "nature : Ce champ ne peut pas être vide."),
    ],
)
def test_each_rule_of_a_field_is_checked_on_the_whole_column(columns, column, message):
    found = refusals(AccompanimentAction, actions(**columns), ACTION_FIELDS)
    assert len(found) == 1
    where, text, count = found[0]
    assert where == column and message in text.replace("\xa0", " ") and count == 1


def test_an_empty_text_in_a_blank_field_is_no_refusal_and_is_stored_empty():
    frame = actions(intervenant=[None], modalite=[None])
    assert refusals(AccompanimentAction, frame, ACTION_FIELDS) == []
    ready = db_ready(AccompanimentAction, frame, ACTION_FIELDS)
    assert ready["intervenant"].to_list() == [""] and ready["modalite"].to_list() == [""]
    assert ready["duree_minutes"].dtype == pl.Int64


def test_decimals_are_checked_against_their_digits_and_stored_at_their_places():
    frame = pl.DataFrame({"heures": [99_999.994, 100_000.0], "statut": ["entree", "entree"]})
    fields = {"hours": "heures", "status": "statut"}
    (found,) = refusals(TrainingAction, frame, fields)
    assert found[0] == "heures" and found[2] == 1
    assert "pas plus de 5 chiffres avant la virgule" in found[1]
    assert db_ready(TrainingAction, frame, fields)["heures"].to_list() == ["99999.99", "100000.0"]


def test_every_row_is_counted_and_the_message_names_the_first():
    frame = pl.DataFrame({"mois": [datetime.date(2025, 1, 1)] * 3, "heures": [800.0, 10.0, 900.0]})
    (found,) = refusals(MonthlyHours, frame, {"month": "mois", "hours": "heures"})
    assert found[0] == "heures" and found[2] == 2


def test_a_refusal_is_a_problem_of_the_file_and_the_column():
    with pytest.raises(apply.Refused) as refused:
        apply.insert(
            FollowUp,
            pl.DataFrame({"_parcours": [1], "echeance_mois": [4], "situation": ["inconnue"]}),
            {"parcours": "_parcours", "months": "echeance_mois", "situation": "situation"},
            "suivis.csv",
        )
    (problem,) = refused.value.problems
    where = (problem.fichier, problem.ligne, problem.colonne)
    assert where == ("suivis.csv", None, "echeance_mois")
    assert problem.message.replace("\xa0", " ").startswith(
        "1 valeur refusée par Jalons (échéance : La valeur « 4 » n’est pas un choix valide."
    )


@pytest.mark.django_db
def test_a_value_no_check_refuses_is_still_refused_by_the_model_and_nothing_is_written(
    generated, tmp_path, monkeypatch
):
    """Remove the length check of the import: the model's own max_length still stops
    the import, inside the transaction."""
    monkeypatch.setattr(checks, "MAX_LENGTHS", {})
    folder = tmp_path / "long"
    folder.mkdir()
    for path in generated.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    lines = (folder / "accompagnements.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[-1] = "y" * 250
    lines[1] = ",".join(cells)
    (folder / "accompagnements.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidFolder) as refused:
        folder_import(actor=Actor.from_command("jalons importer"), folder=folder)
    (problem,) = refused.value.problems
    assert (problem.fichier, problem.colonne) == ("accompagnements.csv", "intervenant")
    assert "intervenant : Assurez-vous que cette valeur comporte au plus 200 caractères" in (
        problem.message
    )
    assert set(row_counts().values()) == {0}


@pytest.mark.django_db
def test_the_writes_of_an_import_pass_the_rules_of_every_model(generated, monkeypatch):
    """Every bulk write of a whole import goes through the guard."""
    guarded = []
    original = apply.guard

    def spy(model, frame, fields, where):
        guarded.append(model.__name__)
        return original(model, frame, fields, where)

    monkeypatch.setattr(apply, "guard", spy)
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    assert set(guarded) == {
        "Structure",
        "Person",
        "Parcours",
        "MonthlyHours",
        "FollowUp",
        "Orientation",
        "AccompanimentAction",
        "TrainingAction",
    }
    assert Parcours.objects.count() == 80
