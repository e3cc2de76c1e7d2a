"""A client company evaluates a mission through its link, without an account (issue 5)."""

import datetime
import os

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from jalons.audit.actor import Actor
from jalons.contrats.models import Contract
from jalons.missions import services
from jalons.missions.models import MissionEvaluation
from jalons.structures.models import Departement, Region
from jalons.structures.territories import load_territories
from tests.factories import MembershipFactory, StructureFactory
from tests.parcours.factories import ClientFactory, ParcoursFactory

pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = os.environ.get("JALONS_CAPTURES")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _mission(parcours, client, post, start):
    return Contract.objects.create(
        parcours=parcours,
        kind="mission",
        post=post,
        start_date=start,
        end_date=start + datetime.timedelta(days=30),
        client=client,
    )


def test_a_client_fills_the_grid_through_its_link_which_then_refuses(live_server, page):
    load_territories(Region, Departement)  # reference data, flushed by earlier browser tests
    structure = StructureFactory(etti=True, pas_de_calais=True, name="Intérim Solidaire")
    MembershipFactory(structure=structure, cip=True)
    parcours = ParcoursFactory(
        person__structure=structure,
        person__first_name="Aminata",
        person__last_name="Testelin",
        hire_date=datetime.date(2025, 1, 6),
    )
    client = ClientFactory(structure=structure, name="Logistique du Nord")
    mission = _mission(parcours, client, "Préparatrice de commandes", datetime.date(2025, 1, 6))
    other = _mission(parcours, client, "Cariste", datetime.date(2025, 3, 3))
    _, token = services.client_link_create(actor=Actor(role="cip"), contract=mission)
    _, expired_token = services.client_link_create(actor=Actor(role="cip"), contract=other)
    MissionEvaluation.objects.filter(contract=other).update(
        link_expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    criteria = services.active_criteria(structure)
    base = live_server.url
    link = base + reverse("missions:client_evaluation", args=[mission.pk, token])

    response = page.goto(link)
    assert response.status == 200
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Évaluation de la mission de Aminata"
    body = page.locator("main").inner_text()
    assert "Préparatrice de commandes" in body and "Logistique du Nord" in body
    assert "Testelin" not in page.content()

    # Submitting without answering is explained, in French, beside the fields.
    page.get_by_role("button", name="Envoyer l'évaluation").click()
    expect(page.get_by_role("heading", name="Le formulaire contient des erreurs")).to_be_visible()
    expect(page.get_by_text("Indiquez votre nom et votre fonction.").first).to_be_visible()

    page.get_by_label("Votre nom et votre fonction").fill("Mme Lefèvre, cheffe d'équipe")
    for n, criterion in enumerate(criteria):
        group = page.get_by_role("group", name=criterion.label)
        choice = "Non observé" if n == len(criteria) - 1 else "Satisfaisant"
        group.get_by_label(choice, exact=True).check()
    page.get_by_label(f"Commentaire sur « {criteria[0].label} » (facultatif)").fill(
        "Toujours à l'heure."
    )
    page.get_by_label("Appréciation générale (facultatif)").fill("Très bonne recrue.")
    shot(page, "lien-client-grille")
    page.get_by_role("button", name="Envoyer l'évaluation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre évaluation est transmise"
    )
    evaluation = MissionEvaluation.objects.get(contract=mission)
    assert evaluation.is_submitted
    scores = [a.score for a in evaluation.answers.all()]
    assert scores[-1] == "non_observe" and set(scores[:-1]) == {"3"}
    assert evaluation.answers.first().comment == "Toujours à l'heure."

    # The link now refuses: used, on another mission, and an expired one.
    response = page.goto(link)
    assert response.status == 410
    assert "déjà été transmise" in page.get_by_role("heading", level=1).inner_text()
    response = page.goto(base + reverse("missions:client_evaluation", args=[other.pk, token]))
    assert response.status == 403
    assert "ne correspond pas à cette mission" in page.get_by_role("heading", level=1).inner_text()
    response = page.goto(
        base + reverse("missions:client_evaluation", args=[other.pk, expired_token])
    )
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce lien a expiré")
    shot(page, "lien-client-expire")
