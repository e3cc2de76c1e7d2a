"""Bad input: every problem of a folder, in French, with file, line and column
(contract section 2)."""

from __future__ import annotations

import pytest

from jalons.rules import InvalidFolder, read_folder
from tests.rules.helpers import write_folder


def problems_of(folder):
    with pytest.raises(InvalidFolder) as info:
        read_folder(folder)
    return [(p.fichier, p.ligne, p.colonne, p.message) for p in info.value.problems]


def has(found, fichier, ligne, colonne, fragment):
    return any(
        f == fichier and line == ligne and c == colonne and fragment in m for f, line, c, m in found
    )


def test_every_problem_of_a_folder_is_reported_at_once(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        {
            "structures": "structure_id,type_siae\nS1,ACI\nS2,SCOP\nS3,ETTI\n",
            "parcours": (
                "structure_id,personne_id,date_embauche,date_sortie,motif_sortie,heures_travaillees\n"
                "S1,P1,2025-01-15,2025-01-10,chomage,\n"  # 2: exit before hire
                "S1,P2,2025-13-01,,,\n"  # 3: unreadable date
                "S1,P3,2025-01-01,2025-06-01,,\n"  # 4: exit without motif
                "S1,P4,2025-01-01,,chomage,\n"  # 5: motif without exit
                "S1,P5,2025-01-01,2025-06-01,pas_un_motif,\n"  # 6: unknown motif
                "S9,P6,2025-01-01,2025-06-01,chomage,\n"  # 7: unknown structure
                "S3,P7,2025-01-01,2025-06-01,chomage,-5\n"  # 8: negative hours
                "S3,P7,2025-05-01,2025-08-01,chomage,\n"  # 9: overlaps line 8
                "S3,P8,2025-01-01,2025-06-01,chomage,douze\n"  # 10: unreadable number
            ),
            "heures": "structure_id,personne_id,mois,heures\nS1,P1,2025-13,10\nS1,P1,2025-01,-1\n",
            "suivis": (
                "structure_id,personne_id,date_sortie,echeance_mois,situation\n"
                "S3,P7,2025-06-01,3,chomage\n"
                "S3,P7,2025-06-02,6,chomage\n"  # 3: no matching exit
                "S3,P7,2025-06-01,9,chomage\n"  # 4: unknown echeance
                "S3,P7,2025-06-01,6,ailleurs\n"  # 5: unknown situation
            ),
        },
    )
    found = problems_of(folder)
    expected = [
        ("structures.csv", 3, "type_siae", "type de SIAE inconnu « SCOP »"),
        ("parcours.csv", 2, "date_sortie", "antérieure à la date d'embauche"),
        ("parcours.csv", 3, "date_embauche", "date illisible « 2025-13-01 »"),
        ("parcours.csv", 4, "motif_sortie", "sortie sans motif"),
        ("parcours.csv", 5, "date_sortie", "motif sans sortie"),
        ("parcours.csv", 6, "motif_sortie", "motif de sortie inconnu « pas_un_motif »"),
        ("parcours.csv", 7, "structure_id", "« S9 » absent de structures.csv"),
        ("parcours.csv", 8, "heures_travaillees", "valeur négative (-5)"),
        ("parcours.csv", 9, "date_embauche", "chevauche un autre parcours"),
        ("parcours.csv", 10, "heures_travaillees", "nombre illisible « douze »"),
        ("heures.csv", 2, "mois", "mois illisible « 2025-13 »"),
        ("heures.csv", 3, "heures", "valeur négative (-1)"),
        ("suivis.csv", 3, "date_sortie", "suivi sans sortie correspondante"),
        ("suivis.csv", 4, "echeance_mois", "échéance inconnue « 9 »"),
        ("suivis.csv", 5, "situation", "situation inconnue « ailleurs »"),
    ]
    for item in expected:
        assert has(found, *item), (item, found)
    assert len(found) == len(expected), found


def test_a_missing_required_column_is_reported_on_the_header_line(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        {"parcours": "structure_id,personne_id,date_sortie\nACI1,P1,2025-01-01\n"},
    )
    assert has(
        problems_of(folder), "parcours.csv", 1, "date_embauche", "colonne obligatoire absente"
    )


def test_a_missing_required_file_is_an_error(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "structures.csv").write_text("structure_id,type_siae\nS1,ACI\n", encoding="utf-8")
    found = problems_of(folder)
    assert ("parcours.csv", None, None, "fichier obligatoire absent") in found


def test_an_empty_required_value_is_an_error(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        {"parcours": "structure_id,personne_id,date_embauche\nACI1,,2025-01-01\n"},
    )
    assert has(
        problems_of(folder), "parcours.csv", 2, "personne_id", "valeur obligatoire manquante"
    )


def test_a_file_that_is_not_utf8_is_an_error_with_its_line(tmp_path):
    folder = write_folder(tmp_path / "d", {"parcours": "structure_id,personne_id,date_embauche\n"})
    (folder / "structures.csv").write_bytes(b"structure_id,type_siae\nS1,ACI\nS\xe9,EI\n")
    assert has(problems_of(folder), "structures.csv", 3, None, "UTF-8")


def test_a_duplicate_follow_up_and_a_duplicate_structure_are_errors(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        {
            "structures": "structure_id,type_siae\nS1,ACI\nS1,EI\n",
            "parcours": "structure_id,personne_id,date_embauche,date_sortie,motif_sortie\n"
            "S1,P1,2025-01-01,2025-06-01,7\n",
            "suivis": "structure_id,personne_id,date_sortie,echeance_mois,situation\n"
            "S1,P1,2025-06-01,3,7\nS1,P1,01/06/2025,3,inconnue\n",
        },
    )
    found = problems_of(folder)
    assert has(found, "structures.csv", 3, "structure_id", "en double (déjà ligne 2)")
    assert has(found, "suivis.csv", 3, "echeance_mois", "en double")


def test_blank_lines_are_ignored_and_keep_line_numbers(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        {
            "parcours": "structure_id,personne_id,date_embauche\n\nACI1,P1,2025-01-01\n\n"
            "ACI1,P2,hier\n"
        },
    )
    assert problems_of(folder) == [
        (
            "parcours.csv",
            5,
            "date_embauche",
            "date illisible « hier » (attendu AAAA-MM-JJ ou JJ/MM/AAAA)",
        )
    ]


def test_another_csv_file_gives_a_warning_not_an_error(tmp_path):
    folder = write_folder(
        tmp_path / "d", {"parcours": "structure_id,personne_id,date_embauche\n", "parcour": "x\n"}
    )
    tables = read_folder(folder)
    assert any("parcour.csv" in w for w in tables.avertissements)


def test_file_names_and_column_names_are_case_insensitive(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "Structures.CSV").write_text("Structure_ID;TYPE_SIAE\nS1;aci\n", encoding="utf-8")
    (folder / "parcours.csv").write_text(
        "STRUCTURE_ID,Personne_Id,Date_Embauche\nS1,P1,2025-01-01\n", encoding="utf-8"
    )
    tables = read_folder(folder)
    assert tables.structures["type_siae"].to_list() == ["ACI"]
