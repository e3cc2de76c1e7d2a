"""A CIP records a whole pathway in the browser, from orientation to the 12-month
follow-up (issue 4)."""

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect

from jalons.demo import DEMO_PASSWORD
from jalons.demo.data import load_demo
from jalons.parcours.models import FollowUp, Parcours, Person
from jalons.structures.models import Structure

pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = os.environ.get("JALONS_CAPTURES")  # a folder to keep screenshots, if set


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_a_cip_records_a_whole_pathway(live_server, page):
    load_demo(offres=False, region=False)
    structure = Structure.objects.get(identifier="DEMO-ACI-59-001")
    base = live_server.url
    page.goto(f"{base}/connexion/")
    page.get_by_label("Adresse e-mail").fill("cip@jalons.example")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    # A new person.
    page.get_by_role("link", name="Personnes").click()
    page.get_by_role("link", name="Nouvelle personne").click()
    page.get_by_label("Prénom").fill("Aminata")
    page.get_by_label(re.compile(r"^\s*Nom\b")).fill("Testelin")
    page.get_by_label("Date de naissance").fill("1990-04-12")
    page.get_by_label("Téléphone").fill("06 00 00 00 00")
    page.get_by_role("button", name="Créer la fiche").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aminata Testelin")
    person = Person.objects.get(structure=structure, last_name="Testelin")

    # Orientation by a prescriber.
    page.get_by_role("link", name="Ajouter une orientation").click()
    page.get_by_label("Date de l'orientation").fill("2025-01-06")
    page.get_by_label("Type de prescripteur").select_option("france_travail")
    page.get_by_label("Organisme prescripteur").fill("France Travail Valenciennes")
    page.get_by_label("Issue").select_option("embauche")  # never preset
    page.get_by_role("button", name="Enregistrer").click()

    # PASS IAE.
    page.get_by_role("link", name="Ajouter un PASS IAE").click()
    page.get_by_label("Numéro du PASS IAE").fill("999990000123")
    page.get_by_label("Date de début").fill("2025-01-13")
    page.get_by_role("button", name="Enregistrer").click()
    shot(page, "pass")
    pass_card = page.get_by_role("region", name="PASS IAE n° 999990000123")
    assert "Du 13/01/2025 au 12/01/2027" in pass_card.inner_text()

    # Hire, with the situation at entry; a bad date first.
    page.get_by_role("link", name="Enregistrer une embauche").click()
    page.get_by_label("Date d'embauche").fill("")
    page.get_by_role("button", name="Enregistrer l'embauche").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert "Indiquez la date d" in page.get_by_role("alert").inner_text()
    page.get_by_label("Date d'embauche").fill("2025-01-15")
    page.get_by_label("Bénéficiaire du RSA").check()
    page.get_by_label("Reconnaissance de travailleur handicapé (RQTH)").check()
    page.get_by_role("button", name="Enregistrer l'embauche").click()
    parcours = Parcours.objects.get(person=person)
    assert parcours.rsa and parcours.rqth

    # CDDI.
    page.get_by_role("link", name="Ajouter un contrat").click()
    page.get_by_label("Poste").fill("Ouvrière maraîchère")
    page.get_by_label("Durée hebdomadaire (heures)").fill("26")
    page.get_by_role("button", name="Enregistrer").click()

    # Hours of 2025, French decimals.
    page.get_by_role("link", name="Saisir les heures", exact=True).click()
    page.get_by_role("link", name="Année précédente").click()
    page.get_by_label("Janvier 2025").fill("70,5")
    page.get_by_label("Février 2025").fill("112,67")
    page.get_by_role("button", name="Enregistrer les heures").click()
    assert person.monthly_hours.count() == 2

    # Accompaniment.
    page.get_by_role("link", name="Ajouter un accompagnement").click()
    page.get_by_label(re.compile(r"^\s*Date\b")).first.fill("2025-02-03")
    page.get_by_label("Durée (minutes)").fill("60")
    page.get_by_label("Frein travaillé").select_option("mobilite")
    page.get_by_role("button", name="Enregistrer").click()

    # Exit, then the three follow-ups.
    page.get_by_role("link", name="Enregistrer la sortie").click()
    page.get_by_label("Date de sortie").fill("2025-10-31")
    page.get_by_label("Motif de sortie").select_option("cdi_non_aide")
    page.get_by_label("Employeur").fill("Maraîchage du Hainaut")
    page.get_by_label("Emploi à temps plein").select_option("oui")
    shot(page, "sortie")
    page.get_by_role("button", name="Enregistrer la sortie").click()
    expect(page.locator("main")).to_contain_text("Embauche en CDI non aidé")
    for months in (3, 6, 12):
        page.get_by_role("link", name=f"saisir le suivi à {months} mois").click()
        page.get_by_label("Situation").select_option("cdi_non_aide")
        page.get_by_label("Date du suivi").fill(
            (dt.date(2025, 10, 31) + dt.timedelta(days=31 * months)).isoformat()
        )
        page.get_by_label("Comment l'information a été obtenue").select_option("telephone")
        page.get_by_role("button", name="Enregistrer").click()
    shot(page, "dossier")
    assert FollowUp.objects.filter(parcours=parcours).count() == 3
    parcours.refresh_from_db()
    assert parcours.exit_motif == "cdi_non_aide" and parcours.exit_full_time is True
    timeline = page.get_by_role("region", name="Chronologie").inner_text()
    for step in (
        "Orientation par France Travail",
        "Début du PASS IAE",
        "Embauche",
        "CDDI",
        "Accompagnement social",
        "Sortie",
        "Suivi à 12 mois",
    ):
        assert step in timeline, step
