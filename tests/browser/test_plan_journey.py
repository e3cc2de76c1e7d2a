"""A CIP builds a plan d'accompagnement and logs an interview with a confidential note;
the technical supervisor, signed in afterwards, never sees that note (issue 5)."""

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect

from jalons.accompagnement.models import AccompanimentAction, PlanAction
from jalons.demo import DEMO_PASSWORD
from jalons.demo.data import load_demo
from jalons.parcours.models import Parcours, Person
from jalons.structures.models import Structure

pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = os.environ.get("JALONS_CAPTURES")
SECRET = "Hébergée chez un tiers après une expulsion"


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def sign_in(page, base, email):
    page.goto(f"{base}/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_a_cip_builds_a_plan_and_the_supervisor_cannot_read_the_confidential_note(
    live_server, page
):
    load_demo(offres=False, region=False)
    structure = Structure.objects.get(identifier="DEMO-ACI-59-001")
    # A newly hired person, whose plan is still empty (the demo fills the others).
    newcomer = Person.objects.create(
        structure=structure, external_id="P-ESSAI", first_name="Zoé", last_name="Essai"
    )
    parcours = Parcours.objects.create(
        structure=structure, person=newcomer, hire_date=dt.date.today() - dt.timedelta(days=60)
    )
    person = parcours.person
    base = live_server.url
    file_url = f"{base}/structures/{structure.pk}/personnes/{person.pk}/"

    sign_in(page, base, "cip@jalons.example")
    page.goto(file_url)
    page.get_by_role("link", name="Plan d'accompagnement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan d'accompagnement")

    # A barrier, first without its intensity: the error is shown beside the field.
    page.get_by_role("link", name="Ajouter un frein").click()
    page.get_by_label("Frein (nomenclature ASP)").select_option("surendettement")
    page.get_by_role("button", name="Enregistrer").click()
    assert "Choisissez l'intensité" in page.get_by_role("alert").inner_text()
    page.get_by_label("Intensité").select_option("fort")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Surendettement")).to_be_visible()

    # An objective for that barrier, then an action.
    page.get_by_role("link", name="Ajouter un objectif pour le frein Surendettement").click()
    page.get_by_label(re.compile(r"^\s*Objectif\b")).fill("Déposer un dossier de surendettement")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role(
        "link", name="Ajouter une action à l'objectif Déposer un dossier de surendettement"
    ).click()
    page.get_by_label(re.compile(r"^\s*Action\b")).fill("Rassembler les justificatifs")
    page.get_by_label("Statut").select_option("en_cours")
    page.get_by_role("button", name="Enregistrer").click()
    table = page.get_by_role(
        "table", name="Actions de l'objectif « Déposer un dossier de surendettement »"
    )
    assert "En cours" in table.inner_text()
    assert PlanAction.objects.filter(
        objective__plan_barrier__person=person, status="en_cours"
    ).exists()
    shot(page, "plan")

    # An interview about that objective, with a shared and a confidential note.
    page.get_by_role("link", name="Noter un entretien sur cet objectif").first.click()
    page.get_by_label("Durée (minutes)").fill("50")
    page.get_by_label("Nature").select_option("social")
    page.get_by_label("Forme de l'entretien").select_option("telephone")
    page.get_by_label("Note partagée").fill("Justificatifs en cours de collecte.")
    page.get_by_label("Note confidentielle").fill(SECRET)
    page.get_by_role("button", name="Enregistrer").click()
    assert SECRET in page.get_by_role("table").last.inner_text()
    interview = AccompanimentAction.objects.get(person=person, confidential_note=SECRET)
    assert interview.plan_objective.title == "Déposer un dossier de surendettement"
    assert interview.medium == "telephone"
    page.get_by_role("button", name="Se déconnecter").click()

    # The technical supervisor of the same structure.
    sign_in(page, base, "encadrant@jalons.example")
    for url in (file_url, f"{file_url}plan/"):
        page.goto(url)
        text = page.content()
        assert "Justificatifs en cours de collecte." in text
        assert SECRET not in text
        assert "Note confidentielle" not in text
    shot(page, "plan-encadrant")
    page.goto(f"{file_url}entretiens/{interview.pk}/")
    assert "Accès refusé" in page.content()
