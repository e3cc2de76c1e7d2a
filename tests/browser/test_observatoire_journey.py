"""The network's staff open the regional observatory, choose another year and download
the état statistique as PDF, with the keyboard focus always visible (issue 7)."""

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from jalons.demo import DEMO_PASSWORD
from jalons.demo.data import load_demo
from jalons.demo.observatoire import load_demo_observatory
from jalons.structures.models import Network

pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = os.environ.get("JALONS_CAPTURES")  # a folder to keep screenshots, if set


def focus_is_visible(page) -> bool:
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    outline_style, outline_width, shadow = style
    return (outline_style != "none" and outline_width != "0px") or shadow != "none"


def test_the_network_reads_the_observatory_and_downloads_the_pdf(live_server, page, tmp_path):
    today = dt.date.today()
    load_demo(today=today)
    load_demo_observatory(today=today)
    network = Network.objects.get(acronym="URIAE HdF")
    base = live_server.url
    page.goto(f"{base}/connexion/")
    page.get_by_label("Adresse e-mail").fill("reseau@jalons.example")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    page.goto(f"{base}/reseaux/{network.pk}/observatoire/")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Observatoire – Réseau URIAE HdF"
    last_year = str(today.year - 1)
    assert page.get_by_label("Année", exact=True).input_value() == last_year
    assert page.locator("td.secret").count() > 0  # protected cells
    assert page.locator("svg.chart").count() > 0

    # Another year, with the keyboard only: the focus stays visible.
    page.get_by_label("Année", exact=True).focus()
    assert focus_is_visible(page)
    page.get_by_label("Année", exact=True).select_option(str(today.year - 2))
    for _field in ("Type d'année", "Trimestre", "Jeu de règles", "Afficher"):
        page.keyboard.press("Tab")
        assert focus_is_visible(page)
    assert page.evaluate("document.activeElement.textContent.trim()") == "Afficher"
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**annee={today.year - 2}**")
    assert f"Année {today.year - 2}" in page.locator("main").inner_text()
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "observatoire-reseau.png"), full_page=True)

    page.set_default_timeout(60000)  # the PDF of a whole network takes a few seconds
    # The PDF is prepared in the background (« Mes documents »), then downloaded.
    page.get_by_role("button", name="État statistique (PDF)").click()
    expect(page.get_by_text("État : Prêt à télécharger")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger").click()
    download = info.value
    assert download.suggested_filename.endswith(f"annee-{today.year - 2}.pdf")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
