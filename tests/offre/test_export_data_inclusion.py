"""Services in the data·inclusion schema: from the structure's data and OS texts."""

import datetime as dt

import pytest

from jalons.accompagnement.models import PlanBarrier
from jalons.offre.exports.data_inclusion import THEMES, services_for, validate_service
from tests.factories import StructureFactory
from tests.offre.document_fixture import make_document
from tests.parcours_factories import ParcoursFactory

pytestmark = pytest.mark.django_db


def test_publics_and_themes_come_from_the_structure_data():
    structure = StructureFactory(kind="ACI")
    parcours = ParcoursFactory(person__structure=structure, rsa=True, qpv=True)
    PlanBarrier.objects.create(
        person=parcours.person,
        barrier="mobilite",
        intensity="fort",
        identified_on=dt.date(2025, 2, 1),
    )
    services = services_for(structure=structure, updated=dt.date(2026, 1, 5))
    assert [s["nom"] for s in services] == [
        "Emploi salarié et parcours d'insertion en atelier et chantier d'insertion",
        "Accompagnement social et professionnel des salariés en insertion",
    ]
    assert services[0]["publics"] == [
        "beneficiaires-des-minimas-sociaux",
        "demandeurs-emploi",
        "residents-qpv-frr",
    ]
    assert "mobilite--etre-accompagne-dans-son-parcours-mobilite" in services[1]["thematiques"]
    assert all(s["date_maj"] == "2026-01-05" for s in services)
    assert all(validate_service(s) == [] for s in services)


def test_descriptions_use_the_os_texts_of_each_axis():
    structure = StructureFactory()
    services = services_for(
        structure=structure, document=make_document(), updated=dt.date(2026, 1, 5)
    )
    assert services[0]["description"].startswith("Les Jardins du Hainaut est un atelier")
    assert services[1]["description"].startswith("Chaque salarié a un plan")
    assert services[2]["type"] == "formation"  # axe 3 has a text
    assert all(50 <= len(s["description"]) <= 2000 for s in services)


def test_the_validator_names_what_breaks_the_schema():
    service = {
        "source": "jalons",
        "structure_id": "jalons--x",
        "id": "jalons--x--y",
        "nom": "Service.",
        "description": "trop court",
        "date_maj": "05/01/2026",
        "thematiques": ["jardinage"],
        "code_postal": "5930",
    }
    assert validate_service(service) == [
        "jalons--x--y : « nom » doit faire 3 à 150 caractères sans point final.",
        "jalons--x--y : « description » doit faire 50 à 2000 caractères.",
        "jalons--x--y : « date_maj » n'est pas une date AAAA-MM-JJ.",
        "jalons--x--y : valeur « jardinage » inconnue pour « thematiques ».",
        "jalons--x--y : « code_postal » doit avoir 5 chiffres.",
    ]


def test_every_theme_used_belongs_to_the_schema_families():
    families = {
        "choisir-un-metier", "preparer-sa-candidature", "trouver-un-emploi", "se-former",
        "mobilite", "logement-hebergement", "sante", "difficultes-financieres", "famille",
        "difficultes-administratives-ou-juridiques", "lecture-ecriture-calcul",
    }  # fmt: skip
    assert {theme.split("--")[0] for theme in THEMES} <= families
