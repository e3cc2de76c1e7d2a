"""A director asks for the PDF of its Offre de Services: the progress page follows the
preparation in a background thread (JavaScript polling), then offers the download
with the focus on it; « Mes documents » keeps it (issue 13, point 10)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from jalons.audit.actor import Actor
from jalons.offre.services import offre_create
from jalons.structures.models import Departement, Region
from jalons.structures.territories import load_territories
from tests.browser.test_offre_journey import shot, sign_in
from tests.factories import MembershipFactory, StructureFactory
from tests.offre.factories import fill_required

pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_pdf_is_prepared_in_the_background_and_downloaded_when_ready(
    live_server, page, settings
):
    settings.JALONS_TACHES_SYNCHRONE = False  # a real thread, followed by the page
    load_territories(Region, Departement)
    year = dt.date.today().year
    direction = MembershipFactory(structure=StructureFactory(name="Les Jardins du Marais"))
    offre = offre_create(
        actor=Actor(user=direction.user, role="direction"),
        structure=direction.structure,
        year=year,
    )
    fill_required(offre, text="Notre accueil")
    sign_in(page, live_server.url, direction.user)
    page.goto(f"{live_server.url}/structures/{direction.structure.pk}/offre/{year}/")
    page.get_by_role("button", name="PDF de l'Offre de Services").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Offre de Services {year} (PDF)")
    expect(page.get_by_label("Avancement")).to_be_visible()
    shot(page, "tache-en-cours")
    link = page.get_by_role("link", name="Télécharger")
    expect(link).to_be_focused(timeout=60_000)  # the page noticed the end by itself
    expect(page.get_by_text("État : Prêt à télécharger")).to_be_visible()
    shot(page, "tache-prete")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(f"{year}.pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    page.get_by_role("link", name="Mes documents").first.click()
    row = page.get_by_role("row", name=f"Offre de Services {year} (PDF)")
    expect(row).to_contain_text("Prêt à télécharger")
