"""``jalons offre exporter --format data-inclusion``: the same export as the page, refused
with a French message and a non-zero status while the public listing is incomplete; and
the demo's public listings."""

import json

import pytest
from data_inclusion.schema import v1
from pydantic import TypeAdapter

from jalons.cli import main
from jalons.offre.data_inclusion import listing_problems, records
from jalons.offre.demo import demo_public_listing
from jalons.offre.selectors import public_listing_of
from tests.factories import StructureFactory
from tests.offre.test_data_inclusion_schema import write_listing

pytestmark = pytest.mark.django_db


def export(structure, target, *extra):
    return main(
        ["offre", "exporter", "--structure", structure.identifier, "--format", "data-inclusion",
         "--sortie", str(target), *extra]
    )  # fmt: skip


def test_the_command_writes_the_structure_and_its_services(tmp_path, capsys):
    structure = StructureFactory(name="Les Jardins du Val")
    write_listing(structure)
    target = tmp_path / "data-inclusion.json"
    assert export(structure, target) == 0
    content = json.loads(target.read_text())
    [record] = TypeAdapter(list[v1.Structure]).validate_python(content["structures"])
    services = TypeAdapter(list[v1.Service]).validate_python(content["services"])
    assert {s.structure_id for s in services} == {record.id}
    out = capsys.readouterr().out
    assert "Les Jardins du Val et 2 services (data·inclusion, data-inclusion-schema 1.0.10)" in out


def test_an_incomplete_listing_is_refused_with_each_field_and_nothing_is_written(tmp_path, capsys):
    structure = StructureFactory(name="Val'Emploi Services")
    write_listing(structure, presentation="", phone="", email="")
    target = tmp_path / "data-inclusion.json"
    assert export(structure, target) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "Erreur : la fiche publique de Val'Emploi Services est incomplète, rien n'est écrit"
    )
    assert "  - Fiche de la structure, « Présentation » : à rédiger avant la publication" in err
    assert "  - Fiche de la structure, « Téléphone » : indiquez un téléphone ou un courriel" in err
    assert not target.exists()


def test_a_year_makes_no_sense_for_this_format(tmp_path, capsys):
    structure = StructureFactory()
    assert export(structure, tmp_path / "x.json", "--annee", "2025") == 2
    assert "le format data-inclusion ne dépend pas d'une année" in capsys.readouterr().err


def test_the_demo_listings_are_complete_for_the_aci_and_the_etti_and_begun_for_the_ei():
    structures = {
        kind: StructureFactory(kind=kind, city="Valenciennes", address="12 rue des Maraîchers")
        for kind in ("ACI", "ETTI", "EI", "AI")
    }
    for structure in structures.values():
        demo_public_listing(structure)
    for kind in ("ACI", "ETTI"):
        structure = structures[kind]
        listing = public_listing_of(structure=structure)
        assert listing_problems(structure=structure, listing=listing) == [], kind
        content = records(structure=structure, listing=listing)
        TypeAdapter(list[v1.Structure]).validate_python(
            content["structures"], context={"ignore_warnings": False}
        )
        TypeAdapter(list[v1.Service]).validate_python(
            content["services"], context={"ignore_warnings": False}
        )
    begun = structures["EI"]
    problems = listing_problems(structure=begun, listing=public_listing_of(structure=begun))
    assert [(p.where, p.label) for p in problems] == [
        ("Fiche de la structure", "Téléphone"),
        ("Service « Emploi salarié et parcours d'insertion en entreprise d'insertion »",
         "Description"),
    ]  # fmt: skip
    assert public_listing_of(structure=structures["AI"]).pk is None  # not begun
