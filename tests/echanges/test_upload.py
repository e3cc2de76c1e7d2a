"""The import page: upload, preview of every error or of what would change, confirm."""

import datetime
import html
import io
import os
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from jalons.audit.models import AuditEntry
from jalons.echanges.uploads import deposits_clean
from jalons.parcours.models import MonthlyHours, Parcours
from jalons.structures.models import Structure
from tests.echanges.helpers import row_counts
from tests.factories import MembershipFactory, StructureFactory

pytestmark = pytest.mark.django_db

PARCOURS = (
    "structure_id,personne_id,date_embauche,date_sortie,motif_sortie,heures_travaillees\n"
    "{sid},P1,2025-01-06,2025-06-30,cdi_non_aide,520\n"
    "{sid},P2,2025-02-03,,,\n"
)
HEURES = "structure_id,personne_id,mois,heures\n{sid},P2,2025-02,80\n{sid},P2,2025-03,91.5\n"


@pytest.fixture(autouse=True)
def _import_dir(settings, tmp_path):
    settings.JALONS_IMPORT_DIR = tmp_path / "imports"


@pytest.fixture
def direction(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership.structure


def page(response) -> str:
    return html.unescape(response.content.decode())


def url(structure):
    return reverse("echanges:import", kwargs={"structure_id": structure.pk})


def csv_file(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(client, structure, *files):
    return client.post(url(structure), {"action": "deposer", "fichiers": list(files)})


def test_the_page_offers_an_accessible_upload_form(client, direction):
    response = client.get(url(direction))
    assert response.status_code == 200
    text = page(response)
    assert '<label for="id_fichiers">' in text and 'enctype="multipart/form-data"' in text
    assert 'aria-live="polite"' in text


def test_a_valid_upload_shows_a_preview_then_confirm_writes_everything(client, direction):
    sid = direction.identifier
    response = upload(
        client,
        direction,
        csv_file("parcours.csv", PARCOURS.format(sid=sid)),
        csv_file("heures.csv", HEURES.format(sid=sid)),
    )
    text = page(response)
    assert response.status_code == 200
    assert "Aperçu : ce que l'import va écrire" in text and "Confirmer l'import" in text
    assert "la ligne de votre structure a été ajoutée" in text
    assert '<th scope="row">Parcours</th>' in text
    assert Parcours.objects.count() == 0  # nothing written by the preview
    token = response.context["deposit"].token
    response = client.post(url(direction), {"action": "confirmer", "depot": token})
    assert response.status_code == 302 and response["Location"].endswith("?termine=1")
    assert Parcours.objects.filter(structure=direction).count() == 2
    shown = page(client.get(response["Location"]))
    assert "Résultat de l'import" in shown and "Import terminé" in shown
    entry = AuditEntry.objects.get(object_type="Import", structure=direction)
    assert entry.user_email == response.wsgi_request.user.email
    # The deposit is gone: confirming twice imports nothing more.
    again = client.post(url(direction), {"action": "confirmer", "depot": token}, follow=True)
    assert "Ce dépôt n'existe plus" in page(again)


def test_every_error_is_listed_by_file_line_and_column_and_nothing_is_written(client, direction):
    sid = direction.identifier
    bad = PARCOURS.format(sid=sid).replace("2025-06-30,cdi_non_aide", "30/02/2025,cdi")
    response = upload(
        client,
        direction,
        csv_file("parcours.csv", bad),
        csv_file("heures.csv", HEURES.format(sid=sid).replace("91.5", "beaucoup")),
    )
    problems = response.context["problems"]
    assert ("parcours.csv", 2, "date_sortie", "date illisible « 30/02/2025 » (attendu "
            "AAAA-MM-JJ ou JJ/MM/AAAA)") in problems  # fmt: skip
    assert any(p[:3] == ("parcours.csv", 2, "motif_sortie") for p in problems)
    assert any(p[:3] == ("heures.csv", 3, "heures") for p in problems)
    text = page(response)
    assert "rien n'a été écrit" in text and "Confirmer l'import" not in text
    assert "<caption>Problèmes trouvés, par fichier, ligne et colonne</caption>" in text
    assert row_counts()["parcours"] == 0


def test_rows_of_another_structure_are_refused(client, direction):
    other = StructureFactory()
    structures = (
        f"structure_id,type_siae\n{direction.identifier},{direction.kind}\n{other.identifier},ACI\n"
    )
    response = upload(
        client,
        direction,
        csv_file("structures.csv", structures),
        csv_file("parcours.csv", PARCOURS.format(sid=other.identifier)),
    )
    problems = response.context["problems"]
    assert ("structures.csv", 3, "structure_id") in [p[:3] for p in problems]
    assert ("parcours.csv", 2, "structure_id") in [p[:3] for p in problems]
    assert "ce dépôt ne concerne que la structure" in problems[0][3]
    assert row_counts()["parcours"] == 0
    assert Structure.objects.get(pk=other.pk).name == other.name


def test_an_xlsx_workbook_is_read_sheet_by_sheet_with_its_row_numbers(client, direction):
    sid = direction.identifier
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Parcours"
    sheet.append(["structure_id", "personne_id", "date_embauche", "date_sortie",
                  "motif_sortie", "sortie_temps_plein"])  # fmt: skip
    sheet.append([sid, "P1", datetime.date(2025, 1, 6), datetime.date(2025, 6, 30),
                  "cdi_non_aide", True])  # fmt: skip
    sheet.append([])
    sheet.append([sid, "P2", datetime.datetime(2025, 2, 3), None, None, None])
    hours = workbook.create_sheet("heures")
    hours.append(["structure_id", "personne_id", "mois", "heures"])
    hours.append([sid, "P2", datetime.date(2025, 2, 1), 80])
    hours.append([sid, "P2", "2025-03", 91.5])
    workbook.create_sheet("Notes")
    data = io.BytesIO()
    workbook.save(data)
    xlsx = SimpleUploadedFile("suivi.xlsx", data.getvalue())
    response = upload(client, direction, xlsx)
    assert response.context["result"] is not None, response.context["problems"]
    assert "Feuille ignorée : « Notes »" in page(response)
    token = response.context["deposit"].token
    client.post(url(direction), {"action": "confirmer", "depot": token})
    p1 = Parcours.objects.get(structure=direction, person__external_id="P1")
    assert p1.exit_full_time is True and p1.exit_motif == "cdi_non_aide"
    hours = MonthlyHours.objects.filter(structure=direction).order_by("month")
    assert [(h.month, h.hours) for h in hours] == [
        (datetime.date(2025, 2, 1), Decimal("80")),
        (datetime.date(2025, 3, 1), Decimal("91.5")),
    ]
    # A bad cell on the fourth row of the sheet is reported on line 4.
    sheet.cell(row=4, column=3, value="bientôt")
    data = io.BytesIO()
    workbook.save(data)
    response = upload(client, direction, SimpleUploadedFile("suivi.xlsx", data.getvalue()))
    assert ("suivi.xlsx, feuille Parcours", 4, "date_embauche") in [
        p[:3] for p in response.context["problems"]
    ]


def test_a_file_of_another_kind_or_an_unreadable_workbook_is_an_error(client, direction):
    response = upload(
        client,
        direction,
        SimpleUploadedFile("notes.pdf", b"%PDF"),
        SimpleUploadedFile("classeur.xlsx", b"pas un classeur"),
    )
    messages = {p[0]: p[3] for p in response.context["problems"]}
    assert "fichiers .csv ou classeurs .xlsx attendus" in messages["notes.pdf"]
    assert "classeur illisible" in messages["classeur.xlsx"]


def test_an_upload_over_the_size_limit_is_refused_in_french(client, direction, monkeypatch):
    monkeypatch.setattr("jalons.echanges.forms.MAX_UPLOAD_BYTES", 10)
    response = upload(client, direction, csv_file("parcours.csv", PARCOURS.format(sid="x")))
    assert "Mo au plus sont acceptés" in page(response)
    assert response.context["step"] == "depot"


def test_cancel_removes_the_deposit_and_old_deposits_are_cleaned(client, direction, settings):
    sid = direction.identifier
    response = upload(client, direction, csv_file("parcours.csv", PARCOURS.format(sid=sid)))
    deposit = response.context["deposit"]
    assert deposit.path.exists()
    assert (deposit.path.stat().st_mode & 0o777) == 0o700
    response = client.post(url(direction), {"action": "annuler", "depot": deposit.token})
    assert response.status_code == 302 and not deposit.path.exists()
    response = upload(client, direction, csv_file("parcours.csv", PARCOURS.format(sid=sid)))
    old = response.context["deposit"].path
    past = time.time() - 2 * 24 * 3600
    os.utime(old, (past, past))
    assert deposits_clean() == 1 and not old.exists()


def test_a_cip_may_not_import(client):
    membership = MembershipFactory(cip=True)
    client.force_login(membership.user)
    assert client.get(url(membership.structure)).status_code == 403
    response = client.post(
        url(membership.structure),
        {"fichiers": [csv_file("parcours.csv", PARCOURS.format(sid="x"))]},
    )
    assert response.status_code == 403
    assert row_counts()["parcours"] == 0


def test_another_users_deposit_cannot_be_confirmed(client, direction):
    sid = direction.identifier
    response = upload(client, direction, csv_file("parcours.csv", PARCOURS.format(sid=sid)))
    token = response.context["deposit"].token
    colleague = MembershipFactory(structure=direction).user
    client.force_login(colleague)
    response = client.post(url(direction), {"action": "confirmer", "depot": token}, follow=True)
    assert "Ce dépôt n'existe plus" in page(response)
    assert row_counts()["parcours"] == 0
