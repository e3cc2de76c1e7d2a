"""The data·inclusion export, checked with the schema package itself
(``data-inclusion-schema`` 1.0.10): one Structure record, Service records pointing to it,
only texts written for the public."""

import json

import pytest
from data_inclusion.schema import v1
from django.core.exceptions import ValidationError
from pydantic import TypeAdapter

from jalons.audit.actor import Actor
from jalons.offre import data_inclusion, data_inclusion_catalogue, data_inclusion_rules
from jalons.offre.data_inclusion import ServiceInput
from jalons.offre.services import public_listing_export, public_listing_save
from tests.factories import StructureFactory
from tests.offre.factories import OffreFactory, SectionTextFactory, fill_required

pytestmark = pytest.mark.django_db

PRESENTATION = (
    "Atelier et chantier d'insertion à Valenciennes : un emploi salarié en maraîchage et en "
    "espaces verts, un encadrement chaque jour et un accompagnement vers l'emploi durable."
)
PARCOURS = (
    "Un contrat de travail de 4 à 24 mois sur nos chantiers, 26 heures par semaine, avec un "
    "encadrant technique qui vous apprend le métier. Pour venir, parlez-en à votre conseiller."
)
PARCOURS_NAME = "Emploi salarié et parcours d'insertion en atelier et chantier d'insertion"
ACCOMPAGNEMENT = (
    "Une conseillère en insertion vous reçoit chaque semaine : projet, CV, entretiens, et ce "
    "qui bloque (permis, logement, démarches)."
)


def write_listing(structure, **overrides):
    """A complete public listing, saved through the service the form uses."""
    values = {
        "presentation": PRESENTATION,
        "phone": "03 27 00 00 01",
        "email": "contact@jardins.example",
        "website": "https://jardins.example",
        "opening_hours": "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
        "audiences": ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux"],
        "services": {
            "parcours-insertion": ServiceInput(
                True, PARCOURS, data_inclusion.SPECS["parcours-insertion"].default_themes
            ),
            "accompagnement": ServiceInput(
                True, ACCOMPAGNEMENT, ("mobilite--etre-accompagne-dans-son-parcours-mobilite",)
            ),
            "formation": ServiceInput(False, "", ()),
        },
    }
    values.update(overrides)
    return public_listing_save(actor=Actor(role="direction"), structure=structure, **values)


def validate_with_the_schema(content: dict) -> tuple[list, list]:
    """As data·inclusion reads the file: its lists of structures and services, with the
    schema's warnings (a name ending with a full stop…) raised as errors."""
    text = json.dumps(content, ensure_ascii=False)
    data = json.loads(text)
    structures = TypeAdapter(list[v1.Structure]).validate_python(
        data["structures"], context={"ignore_warnings": False}
    )
    services = TypeAdapter(list[v1.Service]).validate_python(
        data["services"], context={"ignore_warnings": False}
    )
    for record in data["structures"]:
        assert set(record) <= set(v1.Structure.model_fields), "a field outside the schema"
    for record in data["services"]:
        assert set(record) <= set(v1.Service.model_fields), "a field outside the schema"
    return structures, services


def test_the_structure_record_and_its_services_validate_with_the_schema_package():
    structure = StructureFactory(
        name="Les Jardins du Val",
        address="12 rue des Maraîchers",
        postcode="59300",
        city="Valenciennes",
    )
    write_listing(structure)
    content = public_listing_export(actor=Actor(role="direction"), structure=structure)
    structures, services = validate_with_the_schema(content)
    assert content["schema"] == "data-inclusion-schema 1.0.10"
    assert len(structures) == 1
    record = structures[0]
    assert record.id == f"jalons--{structure.identifier}"
    assert record.nom == "Les Jardins du Val"
    assert record.description == PRESENTATION
    assert record.siret == structure.siret
    assert record.telephone == "+33327000001"  # E.164, as the schema prefers
    assert record.horaires_accueil == "Mo-Fr 08:30-12:00,13:30-17:00; PH off"
    assert record.reseaux_porteurs == {v1.ReseauPorteur("aci")}
    # Two services published (formation is not), each pointing to the structure record.
    assert [s.nom for s in services] == [
        "Emploi salarié et parcours d'insertion en atelier et chantier d'insertion",
        "Accompagnement social et professionnel des salariés en insertion",
    ]
    assert {s.structure_id for s in services} == {record.id}
    assert [s.id for s in services] == [
        f"{record.id}--parcours-insertion",
        f"{record.id}--accompagnement",
    ]
    assert services[0].description == PARCOURS
    assert services[1].thematiques == {
        v1.Thematique("mobilite--etre-accompagne-dans-son-parcours-mobilite")
    }
    assert services[0].zone_eligibilite == ["59"]
    modes = {"telephoner", "envoyer-un-courriel", "se-presenter"}
    assert services[0].modes_mobilisation == {v1.ModeMobilisation(m) for m in modes}


def test_an_eiti_names_its_services_for_independent_workers_and_validates():
    structure = StructureFactory(kind="EITI")
    write_listing(structure, phone="", email="accueil@bati.example", website="", opening_hours="")
    content = public_listing_export(actor=Actor(role="direction"), structure=structure)
    structures, services = validate_with_the_schema(content)
    assert services[0].nom == "Parcours d'insertion par le travail indépendant accompagné"
    assert services[1].nom.endswith("des travailleurs indépendants en insertion")
    assert structures[0].telephone is None and services[0].modes_mobilisation == {
        v1.ModeMobilisation("envoyer-un-courriel")
    }


def test_ddets_only_texts_of_the_offre_never_appear_in_the_export():
    offre = OffreFactory(year=2026)
    fill_required(offre, text="Texte interne pour la DDETS")
    SectionTextFactory(
        offre=offre,
        key="presentation.financeurs",
        text="Nos financements multiples (État, Département, PLIE, communes) nous laissent peu "
        "de visibilité : nous avons besoin d'une vision à moyen terme.",
    )
    SectionTextFactory(offre=offre, key="objectifs", text="Dialogue de gestion : TSD visé 60 %.")
    write_listing(offre.structure)
    content = public_listing_export(actor=Actor(role="direction"), structure=offre.structure)
    text = json.dumps(content, ensure_ascii=False)
    for internal in ("financements", "visibilité", "DDETS", "Dialogue de gestion", "Texte interne"):
        assert internal not in text, internal
    assert offre.texts.exists()  # the Offre has texts: they are simply never read


def test_the_export_is_refused_in_french_naming_each_missing_or_invalid_field():
    structure = StructureFactory()
    with pytest.raises(ValidationError) as refused:
        public_listing_export(actor=Actor(role="direction"), structure=structure)
    assert refused.value.messages == [
        "Fiche de la structure, « Présentation » : à rédiger avant la publication "
        "(50 caractères au moins).",
        "Fiche de la structure, « Téléphone » : indiquez un téléphone ou un courriel (au moins "
        "l'un des deux).",
        "Fiche de la structure, « Publics » : choisissez au moins un public.",
        f"Service « {PARCOURS_NAME} », « Description » : à rédiger avant la publication "
        "(50 caractères au moins).",
        f"Service « {PARCOURS_NAME} », « Thématiques » : choisissez au moins une thématique.",
    ]


def test_a_published_service_without_description_blocks_the_export():
    structure = StructureFactory()
    write_listing(
        structure,
        services={
            "parcours-insertion": ServiceInput(
                True, PARCOURS, ("trouver-un-emploi--maintien-dans-lemploi",)
            ),
            "formation": ServiceInput(True, "", ("se-former--trouver-sa-formation",)),
        },
    )
    with pytest.raises(ValidationError) as refused:
        public_listing_export(actor=Actor(role="direction"), structure=structure)
    assert refused.value.messages == [
        "Service « Formation des salariés en insertion », « Description » : à rédiger avant la "
        "publication (50 caractères au moins)."
    ]


def test_a_structure_name_the_schema_refuses_is_named_with_where_to_fix_it():
    structure = StructureFactory(name="Les Jardins.")
    write_listing(structure)
    with pytest.raises(ValidationError) as refused:
        public_listing_export(actor=Actor(role="direction"), structure=structure)
    assert refused.value.messages == [
        "Fiche de la structure, « Nom de la structure » : ne doit pas se terminer par un point. "
        "Corrigez-le sur sa page."
    ]
    # The schema package refuses it too (as a warning that data·inclusion can enforce).
    with pytest.raises(ValueError, match="ne doit pas se terminer par un point"):
        v1.Structure.model_validate(
            {
                "source": "jalons",
                "id": "jalons--x",
                "nom": "Les Jardins.",
                "date_maj": "2026-01-05",
            },
            context={"ignore_warnings": False},
        )


@pytest.mark.parametrize(
    ("length", "jalons_accepts", "schema_accepts"),
    [
        (4, False, False),  # under the schema's 5
        (49, False, True),  # under Jalons' 50: the schema's quality score gives it 0
        (50, True, True),
        (10_000, True, True),
        (10_001, False, False),  # over the schema's 10 000
    ],
)
def test_description_lengths_follow_the_schema(length, jalons_accepts, schema_accepts):
    description = "a" * length
    jalons = data_inclusion_rules.text_error(
        data_inclusion_rules.DESCRIPTION, description, required=True
    )
    assert (jalons is None) is jalons_accepts
    service = {
        "source": "jalons",
        "structure_id": "jalons--x",
        "id": "jalons--x--y",
        "nom": "Service",
        "description": description,
        "date_maj": "2026-01-05",
    }
    try:
        v1.Service.model_validate(service)
    except ValueError:
        accepted = False
    else:
        accepted = True
    assert accepted is schema_accepts


def test_every_label_and_code_used_comes_from_the_schema_enumerations():
    assert {code: v1.Public(code).label for code in data_inclusion.AUDIENCES} == (
        data_inclusion.AUDIENCES
    )
    assert {code: v1.Thematique(code).label for code in data_inclusion.THEMES} == (
        data_inclusion.THEMES
    )
    assert {code: v1.TypeService(code).label for code in data_inclusion.TYPES} == (
        data_inclusion.TYPES
    )
    assert {code: v1.ModeMobilisation(code).label for code in data_inclusion.MOBILISATION} == (
        data_inclusion.MOBILISATION
    )
    assert {v1.ReseauPorteur(code) for code in data_inclusion.RESEAUX.values()}
    for spec in data_inclusion.SERVICES:
        assert set(spec.default_themes) <= set(spec.themes)
        for kind in data_inclusion_catalogue.KIND_NAMES:
            name = spec.name(kind)
            assert data_inclusion_rules.name_error(name) is None, name


def test_the_french_phone_number_is_written_as_e164_and_others_are_refused():
    assert data_inclusion_rules.phone_e164("03 27 00 00 01") == "+33327000001"
    assert data_inclusion_rules.phone_e164("+33 3 27 00 00 01") == "+33327000001"
    assert data_inclusion_rules.phone_e164("03.27.00.00.01") == "+33327000001"
    assert data_inclusion_rules.phone_error("03 27 00 00 01 ou 06 00 00 00 00") == (
        "« 03 27 00 00 01 ou 06 00 00 00 00 » n'est pas un numéro de téléphone : indiquez un "
        "seul numéro, par exemple 03 27 00 00 01 ou +33 3 27 00 00 01."
    )


@pytest.mark.parametrize(
    ("hours", "french"),
    [
        (
            "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
            [
                "Du lundi au vendredi : de 8\u00a0h\u00a030 à 12\u00a0h et de 13\u00a0h\u00a030 "
                "à 17\u00a0h",
                "Les jours fériés : fermé",
            ],
        ),
        ("Mo,We 09:00-12:00", ["Le lundi, le mercredi : de 9\u00a0h à 12\u00a0h"]),
        ("24/7", ["Tous les jours, 24 h sur 24"]),
    ],
)
def test_opening_hours_in_the_openstreetmap_format_are_read_in_french(hours, french):
    assert data_inclusion_rules.opening_hours_error(hours) is None
    assert data_inclusion_rules.opening_hours_french(hours) == french


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("Lu-Ve 9h-12h", "n'est pas au format OpenStreetMap que demande data·inclusion"),
        ("Mo-Fr 12:00-08:00", "« 12:00-08:00 » : l'heure de fin doit suivre l'heure de début"),
    ],
)
def test_opening_hours_not_in_the_format_are_explained(hours, message):
    assert message in data_inclusion_rules.opening_hours_error(hours)


def test_a_complete_listing_meets_the_schemas_quality_criteria():
    from data_inclusion.schema.v1 import score_qualite

    structure = StructureFactory(address="12 rue des Maraîchers", postcode="59300")
    write_listing(structure)
    content = public_listing_export(actor=Actor(role="direction"), structure=structure)
    _structures, services = validate_with_the_schema(content)
    for service in services:
        _score, criteria = score_qualite.score(service)
        description = criteria.pop("description_bien_definie")
        # Address, contact, publics, themes, fees, modes, recent date: every criterion met.
        assert set(criteria.values()) == {1.0}, criteria
        # The description (under 200 characters here) gets the preview's advice exactly
        # when the schema's score marks it down.
        advice = data_inclusion_rules.text_advice(data_inclusion_rules.DESCRIPTION,
                                                  service.description)  # fmt: skip
        assert (description < 1.0) is (advice is not None)
