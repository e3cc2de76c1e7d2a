"""A CIP of the demo signs in, sees their structure and cannot open another's page."""

import pytest
from playwright.sync_api import expect

from jalons.demo import DEMO_PASSWORD
from jalons.demo.data import load_demo
from jalons.structures.models import Structure

pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_demo_cip_sees_their_structure_and_is_refused_elsewhere(live_server, page):
    load_demo()
    own = Structure.objects.get(identifier="DEMO-ACI-59-001")
    other = Structure.objects.get(identifier="DEMO-ETTI-62-003")

    page.goto(f"{live_server.url}/")
    assert page.title() == "Connexion – Jalons"
    page.get_by_label("Adresse e-mail").fill("cip@jalons.example")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    page.wait_for_url(f"{live_server.url}/structures/{own.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Les Jardins du Val")
    expect(page.get_by_text("Conseiller·ère en insertion (CIP)").first).to_be_visible()
    assert page.get_by_role("link", name="Modifier la structure").count() == 0
    assert page.get_by_role("link", name="Journal").count() == 0

    # Keyboard: the first Tab reaches the skip link, which leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"

    response = page.goto(f"{live_server.url}/structures/{other.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    assert "Intérim Solidaire Artois" not in page.content()

    response = page.goto(f"{live_server.url}/structures/{own.pk}/modifier/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
