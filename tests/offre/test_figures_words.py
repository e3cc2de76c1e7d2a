"""The figures of the Offre and of the dialogue dossier say what they count: the base of
each rate, the hires that no orientation of the year explains, every modality of
accompaniment, the livret's content, and an EITI's entries rather than hires."""

import datetime as dt

import pytest

from jalons.offre.dialogue import complementary_tables
from jalons.offre.figures import BUILDERS
from jalons.offre.figures_context import FigureContext
from jalons.offre.objectives import objective_lines
from tests.factories import AnnexeFactory, StructureFactory
from tests.parcours.factories import (
    AccompanimentFactory,
    MonthlyHoursFactory,
    OrientationFactory,
    ParcoursFactory,
)

pytestmark = pytest.mark.django_db
REFERENCE = dt.date(2026, 1, 15)


def figure(structure, key):
    ctx = FigureContext(structure=structure, year=2025, reference=REFERENCE)
    (found,) = BUILDERS[key](ctx)
    return found


def people(structure):
    """Two hires in 2025: one oriented in 2025, one oriented in December 2024."""
    first = ParcoursFactory(person__structure=structure, hire_date=dt.date(2025, 3, 3))
    second = ParcoursFactory(person__structure=structure, hire_date=dt.date(2025, 1, 6))
    OrientationFactory(person=first.person, date=dt.date(2025, 2, 10), outcome="embauche")
    OrientationFactory(person=second.person, date=dt.date(2024, 12, 2), outcome="embauche")
    OrientationFactory(person__structure=structure, date=dt.date(2025, 4, 1), outcome="refus")
    OrientationFactory(person__structure=structure, date=dt.date(2025, 5, 1), outcome="en_cours")
    return first, second


@pytest.fixture
def aci():
    structure = StructureFactory(kind="ACI")
    first, _second = people(structure)
    AccompanimentFactory(person=first.person, modality="interne", duration_minutes=60)
    AccompanimentFactory(person=first.person, modality="", duration_minutes=30)
    return structure


@pytest.fixture
def eiti():
    structure = StructureFactory(kind="EITI", name="Bâti Avenir Indépendants")
    first, _second = people(structure)
    AnnexeFactory(structure=structure, start_date=dt.date(2025, 1, 1))
    MonthlyHoursFactory(person=first.person, month=dt.date(2025, 3, 1), hours=120)
    return structure


def test_the_hiring_rate_shows_its_base_and_the_hires_no_orientation_of_the_year_explain(aci):
    found = figure(aci, "orientations")
    assert found.columns == [
        "Prescripteur",
        "Orientations reçues",
        "dont closes",
        "dont suivies d'une embauche",
        "Taux d'embauche",
    ]
    # 3 orientations received in 2025: 1 hired, 1 refused (closed), 1 pending.
    assert found.rows[-1][:4] == ["Total", "3", "2", "1"]
    assert found.rows[-1][4].startswith("50,0")
    assert "orientées avant l'année ou sans orientation enregistrée" in found.note
    hires = figure(aci, "embauches")
    assert hires.title == "Embauches et situation à l'entrée"
    assert hires.rows[0] == ["Embauches (entrées en parcours)", "2"]


def test_the_time_by_modality_adds_up_in_the_table_and_in_the_chart(aci):
    found = figure(aci, "accompagnement_modalite")
    labels = [row[0] for row in found.rows]
    assert "Modalité non renseignée" in labels
    assert [label for label, _value in found.chart.bars] == ["Interne", "Externe", "Non renseignée"]
    assert sum(value for _label, value in found.chart.bars) == pytest.approx(1.5)


def test_the_livret_table_says_what_each_part_says_and_counts_the_texts_kept(aci):
    found = figure(aci, "livret")
    assert found.columns == ["Rubrique", "Ce que dit le livret (début)"]
    assert all(row[1] and "modèle proposé par Jalons" not in row[1] for row in found.rows)
    assert all(len(row[1]) <= 142 for row in found.rows)
    assert found.note == (
        "Les rubriques reprennent les textes proposés par Jalons (aucune n'est adaptée)."
    )


def test_an_eiti_counts_entries_in_accompaniment_and_no_etp(eiti):
    found = figure(eiti, "orientations")
    assert found.title == "Orientations et entrées en accompagnement par type de prescripteur"
    assert "dont suivies d'une entrée en accompagnement" in found.columns
    assert "Taux d'entrée" in found.columns and "Taux d'embauche" not in found.columns
    hires = figure(eiti, "embauches")
    assert hires.title == "Entrées en accompagnement et situation à l'entrée"
    assert hires.rows[0][0] == "Entrées en accompagnement (travailleurs indépendants)"
    lines = objective_lines(structure=eiti, year=2025, reference=REFERENCE)
    labels = [line.label for line in lines]
    assert "ETP d'insertion" not in labels  # 120 hours of a self-employed worker: no ETP
    assert "Entrées en accompagnement" in labels and "Entrées en parcours" not in labels


def test_the_dialogue_dossier_prints_the_rows_of_the_offre(eiti):
    ctx = FigureContext(structure=eiti, year=2025, reference=REFERENCE)
    entry = ctx.entries()[0]
    (orientations, *_rest) = complementary_tables(entry, "EITI")
    offre = figure(eiti, "orientations")
    assert orientations["columns"] == offre.columns
    assert orientations["rows"] == offre.rows
    assert orientations["note"] == offre.note


def test_an_offre_shows_no_result_for_the_year_after_its_own(aci):
    ParcoursFactory(person__structure=aci, hire_date=dt.date(2026, 2, 2))
    late = dt.date(2026, 12, 3)  # the 2025 Offre printed at the end of 2026
    lines = objective_lines(structure=aci, year=2025, reference=late)
    entries = next(line for line in lines if line.label == "Entrées en parcours")
    assert entries.years[2025][1] == "2"
    assert entries.years[2026][1] == ""
    assert objective_lines(structure=aci, year=2026, reference=late)[3].years[2026][1] == "1"


def test_the_exported_objectives_table_proposes_the_next_year_without_a_result():
    from jalons.offre.exports import common
    from tests.offre.document_fixture import make_document

    document = make_document()  # 2026, objective years 2025 to 2027
    columns = common.objectives_columns(document)
    assert "Objectif 2027 (proposé)" in columns and "Résultat 2027" not in columns
    assert "Résultat 2026" in columns
    assert all(len(row) == len(columns) for row in common.objectives_rows(document))


def test_whole_etp_are_written_as_in_the_objectives_table(aci):
    AnnexeFactory(structure=aci, start_date=dt.date(2025, 1, 1), etp_conventionnes=24)
    AnnexeFactory(
        structure=aci, start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 12, 31),
        etp_conventionnes="12.50",
    )  # fmt: skip
    values = [row[2] for row in figure(aci, "etp").rows]
    assert "24" in values and "12,50" in values and "24,00" not in values
