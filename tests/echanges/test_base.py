"""``jalons indicateurs calculer --base`` computes from the database exactly what the
CSV path computes from the exported folder (contract section 6)."""

import json

import pytest

from jalons.audit.actor import Actor
from jalons.echanges.export import folder_export
from jalons.echanges.selectors import tables_from_database
from jalons.echanges.services import folder_import
from jalons.parcours.models import Parcours
from jalons.rules import read_folder
from jalons.rules.tables import SCHEMAS

pytestmark = pytest.mark.django_db

RULES = ["--regles", "circulaire-2008", "--regles", "uriae-2009", "--regles", "etti-450h",
         "--regles", "dgefp-2014"]  # fmt: skip
PERIOD = ["--annee", "2025", "--date-reference", "2026-06-30", "--format", "json", "--detail"]


def test_base_gives_the_same_json_as_the_exported_folder_and_the_original(generated, tmp_path, cli):
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    folder_export(folder=tmp_path / "export")
    code, from_base, err = cli("indicateurs", "calculer", "--base", *RULES, *PERIOD)
    assert code == 0, err
    code, from_csv, err = cli("indicateurs", "calculer", tmp_path / "export", *RULES, *PERIOD)
    assert code == 0, err
    assert from_base == from_csv  # byte for byte
    code, from_original, _ = cli("indicateurs", "calculer", generated, *RULES, *PERIOD)
    assert from_base == from_original
    result = json.loads(from_base)
    calcul = result["calculs"][3]
    assert calcul["sorties_detail"] and calcul["ensemble"]["sorties"] > 0
    first = calcul["structures"][0]
    assert {"orientations", "accompagnement", "formation"} <= set(first["complementaires"])
    assert any(s["suivi"]["3"]["realises"] for s in calcul["structures"])


def test_the_tables_read_from_the_database_equal_those_read_from_the_folder(generated, tmp_path):
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    folder_export(folder=tmp_path / "export")
    from_database, from_folder = tables_from_database(), read_folder(tmp_path / "export")
    for name in SCHEMAS:
        assert getattr(from_database, name).equals(getattr(from_folder, name)), name


def test_base_for_some_structures_equals_the_export_of_those_structures(generated, tmp_path, cli):
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    folder_export(folder=tmp_path / "s2", structures=[s for s in _structures("S00002")])
    code, from_base, err = cli(
        "indicateurs", "calculer", "--base", "--structure", "S00002", *RULES, *PERIOD
    )
    assert code == 0, err
    assert from_base == cli("indicateurs", "calculer", tmp_path / "s2", *RULES, *PERIOD)[1]
    assert [s["structure_id"] for s in json.loads(from_base)["calculs"][0]["structures"]] == [
        "S00002"
    ]


def test_an_unknown_structure_or_an_exit_without_motif_gives_status_2(generated, cli):
    folder_import(actor=Actor.from_command("jalons importer"), folder=generated)
    code, out, err = cli("indicateurs", "calculer", "--base", "--structure", "ZZ", *RULES, *PERIOD)
    assert (code, out) == (2, "")
    assert "structure inconnue « ZZ »" in err
    parcours = Parcours.objects.filter(exit_date__isnull=False).first()
    Parcours.objects.filter(pk=parcours.pk).update(exit_motif="")
    code, out, err = cli("indicateurs", "calculer", "--base", *RULES, *PERIOD)
    assert (code, out) == (2, "")
    assert f"personne {parcours.person.external_id}" in err and "sortie sans motif" in err


def test_a_folder_and_base_together_are_refused(generated, cli):
    code, out, err = cli("indicateurs", "calculer", generated, "--base", *RULES, *PERIOD)
    assert code == 2 and out == "" and "soit un DOSSIER, soit --base" in err
    code, out, err = cli("indicateurs", "calculer", *RULES, *PERIOD)
    assert code == 2 and "--base" in err


def _structures(*identifiers):
    from jalons.structures.models import Structure

    return Structure.objects.filter(identifier__in=identifiers)
