"""The commands: exit statuses, standard output and error, formats (issue 3, scope 5-6)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from jalons.demo.generator import generate
from jalons.rules import read_folder
from tests.rules.helpers import french_spelling, run_cli, write_folder

ALL = ["--regles", "circulaire-2008", "--regles", "uriae-2009", "--regles", "etti-450h",
       "--regles", "dgefp-2014"]  # fmt: skip
PERIOD = ["--annee", "2025", "--date-reference", "2026-06-30"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "dossier"
    generate(folder, structures=6, parcours=400, seed=11)
    return folder


def calculer(folder, *extra):
    return run_cli(["indicateurs", "calculer", str(folder), *ALL, *PERIOD, *extra])


def test_json_has_one_calcul_per_rule_set_in_the_given_order(generated):
    code, out, err = calculer(generated, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert [c["jeu_de_regles"] for c in result["calculs"]] == [
        "circulaire-2008", "uriae-2009", "etti-450h", "dgefp-2014"
    ]  # fmt: skip
    assert result["periode"] == {"du": "2025-01-01", "au": "2025-12-31"}
    assert result["date_reference"] == "2026-06-30"
    first = result["calculs"][0]["structures"][0]
    assert list(first)[:2] == ["structure_id", "type_siae"]
    assert {"orientations", "accompagnement", "formation"} <= set(first["complementaires"])
    trace = result["calculs"][3]["trace"]
    assert trace["version"] == "1" and trace["date_reference"] == "2026-06-30"
    assert any(
        p["parametre"] == "heures_minimales" and p["valeur"] == 150 for p in trace["parametres"]
    )


def test_the_french_spreadsheet_spelling_gives_the_same_result(generated, tmp_path):
    french = french_spelling(generated, tmp_path / "fr")
    assert b";" in (french / "parcours.csv").read_bytes()
    assert json.loads(calculer(generated, "--format", "json", "--detail")[1]) == json.loads(
        calculer(french, "--format", "json", "--detail")[1]
    )


def test_bad_input_exits_2_with_every_problem_on_stderr_and_nothing_on_stdout(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        {
            "parcours": "structure_id,personne_id,date_embauche,date_sortie,motif_sortie\n"
            "ACI1,P1,2025-01-01,2025-06-01,\nXX,P2,2025-01-01,,\n"
        },
    )
    code, out, err = calculer(folder, "--format", "json")
    assert code == 2
    assert out == ""
    assert "parcours.csv, ligne 2, colonne motif_sortie" in err
    assert "parcours.csv, ligne 3, colonne structure_id" in err
    assert "2 problèmes" in err


def test_an_unknown_rule_set_and_a_bad_folder_are_reported_together(tmp_path):
    code, out, err = run_cli(
        ["indicateurs", "calculer", str(tmp_path / "absent"), "--regles", "tsd-magique", *PERIOD]
    )
    assert code == 2 and out == ""
    assert "tsd-magique" in err and "dossier introuvable" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--annee", "2025", "--du", "2025-01-01", "--au", "2025-12-31"],
        ["--du", "2025-01-01"],
        ["--du", "2025-12-31", "--au", "2025-01-01"],
        ["--annee", "deux mille"],
        ["--du", "2025-02-30", "--au", "2025-12-31"],
        [],
    ],
)
def test_a_wrong_period_exits_2_with_nothing_on_stdout(generated, args):
    code, out, err = run_cli(
        ["indicateurs", "calculer", str(generated), "--regles", "dgefp-2014", *args]
    )
    assert code == 2 and out == "" and err


def test_du_and_au_give_the_same_result_as_annee(generated):
    by_year = calculer(generated, "--format", "json")[1]
    code, by_days, _ = run_cli(
        ["indicateurs", "calculer", str(generated), *ALL, "--du", "01/01/2025", "--au",
         "2025-12-31", "--date-reference", "2026-06-30", "--format", "json"]
    )  # fmt: skip
    assert code == 0 and json.loads(by_days) == json.loads(by_year)


def test_csv_has_one_row_per_structure_and_rule_set(generated):
    code, out, _ = calculer(generated, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6 * 4
    assert rows[0]["jeu_de_regles"] == "circulaire-2008"
    assert {"taux_sortie_dynamique", "suivi_12_taux", "non_comptees_exclue_de_la_base"} <= set(
        rows[0]
    )


def test_texte_is_a_readable_french_table(generated):
    code, out, _ = calculer(generated, "--format", "texte", "--detail")
    assert code == 0
    assert "Jeu de règles dgefp-2014" in out and "Taux dyn." in out and "Ensemble" in out
    assert "Détail des sorties" in out


def test_sortie_writes_the_file_and_nothing_on_stdout(generated, tmp_path):
    target = tmp_path / "res" / "r.json"
    code, out, _ = calculer(generated, "--sortie", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["calculs"]
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


def test_a_custom_rule_set_file_is_accepted_by_path(generated, tmp_path):
    custom = tmp_path / "ddets.yaml"
    custom.write_text(
        "herite_de: dgefp-2014\ndurable_temps_plein_uniquement: true\n", encoding="utf-8"
    )
    code, out, err = run_cli(
        ["indicateurs", "calculer", str(generated), "--regles", str(custom), "--regles",
         "dgefp-2014", *PERIOD, "--format", "json"]
    )  # fmt: skip
    assert code == 0, err
    custom_calc, base = json.loads(out)["calculs"]
    assert custom_calc["jeu_de_regles"] == "ddets"
    e1, e2 = custom_calc["ensemble"], base["ensemble"]
    assert e1["taux_sortie_dynamique"] == e2["taux_sortie_dynamique"]
    assert e1["emploi_durable"] <= e2["emploi_durable"]
    assert (
        e1["emploi_durable"] + e1["emploi_transition"]
        == e2["emploi_durable"] + e2["emploi_transition"]
    )


def test_regles_lister_and_montrer(tmp_path):
    code, out, _ = run_cli(["regles", "lister"])
    assert code == 0 and "etti-450h" in out and "dgefp-2014" in out
    code, out, _ = run_cli(["regles", "montrer", "dgefp-2014"])
    assert code == 0 and "heures_minimales" in out and "[P1]" in out and "conge_longue_duree" in out
    custom = tmp_path / "c.yaml"
    custom.write_text("herite_de: etti-450h\nheures_minimales: {ETTI: 400}\n", encoding="utf-8")
    code, out, _ = run_cli(["regles", "montrer", str(custom), "--format", "json"])
    assert code == 0
    shown = json.loads(out)
    assert shown["parametres"]["heures_minimales"]["valeurs"]["ETTI"][0]["valeur"] == 400
    code, out, err = run_cli(["regles", "montrer", "inconnu"])
    assert code == 2 and out == "" and "inconnu" in err


def test_the_generator_is_deterministic_and_valid(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    code, out, err = run_cli(
        ["donnees", "generer", str(a), "--structures", "10", "--parcours", "300", "--graine", "5"]
    )
    assert code == 0 and out == "" and "écrit" in err
    run_cli(
        ["donnees", "generer", str(b), "--structures", "10", "--parcours", "300", "--graine", "5"]
    )
    for path in a.iterdir():
        assert path.read_bytes() == (b / path.name).read_bytes(), path.name
    tables = read_folder(a)
    assert set(tables.structures["type_siae"]) == {"ACI", "EI", "ETTI", "AI", "EITI"}
    for name in ("heures", "suivis", "orientations", "accompagnements", "formations"):
        assert getattr(tables, name).height > 0, name


def test_the_generator_refuses_a_non_empty_folder_unless_asked(tmp_path):
    target = tmp_path / "x"
    target.mkdir()
    (target / "garder.txt").write_text("à garder", encoding="utf-8")
    code, _, err = run_cli(["donnees", "generer", str(target), "--parcours", "10"])
    assert code == 2 and "--remplacer" in err
    assert (target / "garder.txt").exists()
    code, _, _ = run_cli(["donnees", "generer", str(target), "--parcours", "10", "--remplacer"])
    assert code == 0 and not (target / "garder.txt").exists()


def test_an_interrupted_generation_leaves_nothing_half_written(tmp_path):
    def interrupt(done, total):
        if done > 50:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate(tmp_path / "g", structures=5, parcours=1000, seed=1, progress=interrupt)
    assert list(tmp_path.iterdir()) == []
