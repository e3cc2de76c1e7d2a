"""Issue 13, point 1 in the import: the date rules of the forms (``jalons.rules.dates``)
refuse the same rows of an interchange folder, with the same words."""

import datetime as dt

import pytest
from django.utils import timezone

from jalons.audit.actor import Actor
from jalons.echanges.checks import ROW, Findings, check_dates, csv_files
from jalons.echanges.services import folder_import
from jalons.rules import InvalidFolder, read_folder
from tests.echanges.helpers import row_counts

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)
STRUCTURES = "structure_id,type_siae\nA1,ACI\n"


def write(tmp_path, **files):
    path = tmp_path / "dossier"
    path.mkdir()
    files.setdefault("structures", STRUCTURES)
    for name, text in files.items():
        (path / f"{name}.csv").write_text(text, encoding="utf-8")
    return path


def found_on(path, today=TODAY) -> list[str]:
    """The problems ``check_dates`` finds in a folder, seen on ``today``."""
    tables = read_folder(path)
    files = csv_files(path)
    frames = {
        name: getattr(tables, name).with_row_index(ROW)
        for name in files
        if getattr(tables, name, None) is not None
    }
    findings = Findings(path, files)
    check_dates(frames, findings, today=today)
    return [str(p) for p in findings.problems()]


def test_a_future_exit_a_far_hire_and_hours_of_next_month_are_refused(tmp_path):
    path = write(
        tmp_path,
        parcours=(
            "structure_id,personne_id,date_embauche,date_sortie,motif_sortie\n"
            "A1,P1,2026-01-05,2027-05-01,cdi_non_aide\n"
            "A1,P2,2027-01-03,,\n"
            "A1,P3,2027-01-04,,\n"
        ),
        heures="structure_id,personne_id,mois,heures\nA1,P1,2026-12,80\nA1,P1,2027-01,80\n",
    )
    assert sorted(found_on(path)) == [
        "heures.csv, ligne 3, colonne mois : les heures de janvier 2027 ne se saisissent pas "
        "avant le début du mois (nous sommes le 04/12/2026) : on déclare les heures "
        "travaillées",
        "parcours.csv, ligne 2, colonne date_sortie : la date de sortie (01/05/2027) est dans "
        "le futur (nous sommes le 04/12/2026) : une sortie s'enregistre le jour où elle a lieu "
        "ou après. Une sortie prévue s'annonce par la date de fin du contrat et ne compte pas "
        "avant ce jour-là",
        "parcours.csv, ligne 4, colonne date_embauche : la date d'embauche (04/01/2027) est "
        "trop loin dans le futur : une embauche s'enregistre au plus 30 jours à l'avance, soit "
        "jusqu'au 03/01/2027 (nous sommes le 04/12/2026)",
    ]


def test_follow_ups_before_their_due_date_minus_15_days_are_refused(tmp_path):
    # Exit 15/03/2026: 3 months due 15/06 (open from 31/05), 6 months due 15/09 (open
    # from 31/08), 12 months due 15/03/2027 (open from 28/02/2027).
    path = write(
        tmp_path,
        parcours=(
            "structure_id,personne_id,date_embauche,date_sortie,motif_sortie\n"
            "A1,P1,2025-06-02,2026-03-15,chomage\n"
        ),
        suivis=(
            "structure_id,personne_id,date_sortie,echeance_mois,situation,date_suivi\n"
            "A1,P1,2026-03-15,3,chomage,2026-05-31\n"
            "A1,P1,2026-03-15,6,cdi_non_aide,2026-08-30\n"
            "A1,P1,2026-03-15,12,cdi_non_aide,\n"
        ),
    )
    assert found_on(path) == [
        "suivis.csv, ligne 3, colonne date_suivi : suivi à 6 mois trop tôt : il est prévu le "
        "15/09/2026 (6 mois après la sortie du 15/03/2026) et se saisit au plus tôt le "
        "31/08/2026 (15 jours avant) ; la date du suivi indiquée est le 30/08/2026",
        "suivis.csv, ligne 4, colonne echeance_mois : suivi à 12 mois trop tôt : il est prévu "
        "le 15/03/2027 (12 mois après la sortie du 15/03/2026) et se saisit au plus tôt le "
        "28/02/2027 (15 jours avant) ; nous sommes le 04/12/2026",
    ]


def test_orientations_and_accompaniment_after_today_are_refused(tmp_path):
    path = write(
        tmp_path,
        parcours="structure_id,personne_id,date_embauche\nA1,P1,2026-01-05\n",
        orientations=(
            "structure_id,date,prescripteur_type,issue,personne_id\n"
            "A1,2026-12-04,france_travail,en_cours,\nA1,2026-12-05,france_travail,en_cours,\n"
        ),
        accompagnements=(
            "structure_id,personne_id,date,nature,duree_minutes\nA1,P1,2026-12-07,social,45\n"
        ),
    )
    assert found_on(path) == [
        "orientations.csv, ligne 3, colonne date : la date de l'orientation (05/12/2026) est "
        "dans le futur (nous sommes le 04/12/2026) : on n'enregistre ici que ce qui a déjà eu "
        "lieu",
        "accompagnements.csv, ligne 2, colonne date : la date de l'action d'accompagnement "
        "(07/12/2026) est dans le futur (nous sommes le 04/12/2026) : on n'enregistre ici que "
        "ce qui a déjà eu lieu",
    ]


def test_the_import_refuses_a_future_exit_and_writes_nothing(tmp_path):
    later = timezone.localdate() + dt.timedelta(days=148)
    path = write(
        tmp_path,
        parcours=(
            "structure_id,personne_id,date_embauche,date_sortie,motif_sortie\n"
            f"A1,P1,2025-01-06,{later.isoformat()},cdi_non_aide\n"
        ),
    )
    with pytest.raises(InvalidFolder) as error:
        folder_import(actor=Actor.from_command("jalons importer"), folder=path)
    [problem] = [str(p) for p in error.value.problems]
    assert problem.startswith(
        f"parcours.csv, ligne 2, colonne date_sortie : la date de sortie ({later:%d/%m/%Y}) "
        "est dans le futur"
    )
    assert set(row_counts().values()) == {0}


def test_a_generated_folder_still_imports(generated):
    # Every date of the generator is on or before its end date (31/12/2025).
    assert found_on(generated) == []
