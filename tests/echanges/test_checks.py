"""What the database adds to the checks of the format, and how cells are written."""

import datetime
from decimal import Decimal

import pytest

from jalons.audit.actor import Actor
from jalons.echanges.services import folder_import
from jalons.parcours.models import MonthlyHours
from jalons.rules import InvalidFolder
from jalons.structures.models import Structure
from tests.echanges.helpers import row_counts

pytestmark = pytest.mark.django_db

PARCOURS = "structure_id,personne_id,date_embauche\nA1,P1,2025-01-06\n"


def folder(tmp_path, **files):
    path = tmp_path / "dossier"
    path.mkdir()
    files.setdefault("parcours", PARCOURS)
    for name, text in files.items():
        (path / f"{name}.csv").write_text(text, encoding="utf-8")
    return path


def problems(path):
    with pytest.raises(InvalidFolder) as error:
        folder_import(actor=Actor.from_command("jalons importer"), folder=path)
    return [str(p) for p in error.value.problems]


def test_departement_codes_are_checked_and_the_region_must_be_the_departements(tmp_path):
    structures = (
        "structure_id;type_siae;nom;departement;region\n"
        "A1;ACI;Atelier;59;11\nA2;EI;Entreprise;2a;94\nA3;AI;Asso;1;\nA4;ACI;X;;32\n"
        "A5;ACI;Y;975;\n"
    )
    found = problems(folder(tmp_path, structures=structures))
    assert found == [
        "structures.csv, ligne 2, colonne region : région « 11 » différente de celle du "
        "département 59 (32)",
        "structures.csv, ligne 5, colonne region : région sans département : Jalons déduit "
        "la région du département ; renseignez la colonne departement",
        "structures.csv, ligne 6, colonne departement : département inconnu « 975 » (code "
        "INSEE attendu, par exemple 59 ou 2A)",
    ]
    assert set(row_counts().values()) == {0}


def test_codes_are_normalised_and_an_empty_name_keeps_the_known_one(tmp_path):
    structures = "structure_id,type_siae,nom,departement\nA1,ACI,,2a\nA2,EI,Entreprise,1\n"
    Structure.objects.create(identifier="A1", kind="EI", name="Nom connu")
    folder_import(
        actor=Actor.from_command("jalons importer"), folder=folder(tmp_path, structures=structures)
    )
    a1, a2 = Structure.objects.order_by("identifier")
    assert (a1.name, a1.kind, a1.departement_id, a1.region.code) == ("Nom connu", "ACI", "2A", "94")
    assert (a2.name, a2.departement_id) == ("Entreprise", "01")


def test_a_month_given_twice_is_summed_with_a_warning_and_over_744_hours_is_refused(tmp_path):
    structures = "structure_id,type_siae\nA1,ACI\n"
    hours = "structure_id,personne_id,mois,heures\nA1,P1,2025-01,60\nA1,P1,2025-01,40.255\n"
    result = folder_import(
        actor=Actor.from_command("jalons importer"),
        folder=folder(tmp_path, structures=structures, heures=hours),
    )
    assert MonthlyHours.objects.get().hours == Decimal("100.26")
    assert any("additionnées" in w for w in result.avertissements)
    assert any("arrondi" in w for w in result.avertissements)
    again = folder_import(actor=Actor.from_command("jalons importer"), folder=tmp_path / "dossier")
    assert again.counts["heures"] == {"crees": 0, "modifies": 0, "inchanges": 1}
    (tmp_path / "dossier" / "heures.csv").write_text(
        "structure_id,personne_id,mois,heures\nA1,P1,2025-02,700\nA1,P1,2025-02,50\n",
        encoding="utf-8",
    )
    found = problems(tmp_path / "dossier")
    assert found[0].startswith("heures.csv, ligne 2, colonne heures : 750 heures dans le mois")
    assert len(found) == 2
    assert MonthlyHours.objects.get().month == datetime.date(2025, 1, 1)


def test_texts_longer_than_the_database_columns_are_refused(tmp_path):
    structures = f"structure_id,type_siae,nom\nA1,ACI,{'N' * 201}\n"
    found = problems(folder(tmp_path, structures=structures))
    assert found == [
        "structures.csv, ligne 2, colonne nom : texte trop long (201 caractères ; au plus 200)"
    ]
