import polars as pl

from jalons.accompagnement.models import AccompanimentAction
from jalons.formation.models import TrainingAction
from jalons.orientations.models import Orientation
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours, Person
from jalons.rules import read_folder
from jalons.rules.tables import SCHEMAS
from jalons.structures.models import Structure

MODELS = {
    "structures": Structure,
    "personnes": Person,
    "parcours": Parcours,
    "heures": MonthlyHours,
    "suivis": FollowUp,
    "orientations": Orientation,
    "accompagnements": AccompanimentAction,
    "formations": TrainingAction,
}


def row_counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in MODELS.items()}


def sorted_tables(folder) -> dict[str, pl.DataFrame]:
    """Each table of a folder as the reader parses it, in a canonical row order."""
    tables = read_folder(folder)
    return {
        name: getattr(tables, name).sort(list(SCHEMAS[name]), nulls_last=True)
        for name in SCHEMAS
        if getattr(tables, name) is not None
    }


def assert_same_content(left, right) -> None:
    a, b = sorted_tables(left), sorted_tables(right)
    assert set(a) == set(b)
    for name in a:
        assert a[name].equals(b[name]), name
