"""A direction writes the last section of its Offre de Services and submits it; the DDETS
agent following its département comments it; the agent following another département
of the same DDETS gets « Page introuvable » (issue 6)."""

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect

from jalons.audit.actor import Actor
from jalons.offre.models import OffreComment, OffreStatus, SectionText
from jalons.offre.services import offre_create
from jalons.structures.models import Departement, Region
from jalons.structures.territories import load_territories
from tests.factories import (
    PASSWORD,
    DdetsFactory,
    DdetsMembershipFactory,
    MembershipFactory,
    StructureFactory,
)
from tests.offre.factories import fill_required

pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = os.environ.get("JALONS_CAPTURES")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def sign_in(page, base, user):
    page.goto(f"{base}/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def sign_out(page):
    page.get_by_role("button", name="Se déconnecter").click()


def test_a_direction_submits_its_offre_the_ddets_comments_another_departement_cannot_see_it(
    live_server, page
):
    load_territories(Region, Departement)  # an earlier browser test may have flushed them
    year = dt.date.today().year
    direction = MembershipFactory(structure=StructureFactory(name="Les Jardins du Marais"))
    structure = direction.structure  # Nord (59)
    ddets = DdetsFactory(departements=["59", "62"])
    nord = DdetsMembershipFactory(ddets=ddets, departements=["59"])
    pas_de_calais = DdetsMembershipFactory(ddets=ddets, departements=["62"])
    offre = offre_create(
        actor=Actor(user=direction.user, role="direction"), structure=structure, year=year
    )
    fill_required(offre)
    SectionText.objects.filter(offre=offre, key="axe2.social").update(text="", revision=0)
    base = live_server.url

    sign_in(page, base, direction.user)
    page.goto(f"{base}/structures/{structure.pk}/offre/")
    page.get_by_role("link", name=f"Offre de services {year}").click()
    assert (
        "2.4 Accompagnement social"
        in page.get_by_role("region", name="Avant la transmission à la DDETS").inner_text()
    )
    # Submitting now is refused with the list of what is missing.
    page.get_by_role("link", name="Transmettre à la DDETS").click()
    assert "2.4 Accompagnement social" in page.get_by_role("alert").inner_text()
    page.go_back()
    page.get_by_role("link", name="Rédiger la section 2.4 Accompagnement social").click()
    expect(page.get_by_role("heading", name="Questions pour vous guider")).to_be_visible()
    page.get_by_label("Texte de la section").fill(
        "Nous travaillons d'abord le logement et la mobilité.\n\n- Permis B\n- Aides au loyer"
    )
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    assert (
        "Section « Accompagnement social » enregistrée."
        in page.get_by_role("status").first.inner_text()
    )
    page.get_by_role("link", name="Transmettre à la DDETS").click()
    page.get_by_label("Je transmets l'offre de services à la DDETS au nom de la structure.").check()
    shot(page, "offre-transmission")
    page.get_by_role("button", name="Transmettre").click()
    assert "transmise à la DDETS (version 1)" in page.get_by_role("status").first.inner_text()
    offre.refresh_from_db()
    assert offre.status == OffreStatus.SUBMITTED
    sign_out(page)

    sign_in(page, base, nord.user)
    page.goto(f"{base}/ddets/{ddets.pk}/offres/")
    page.get_by_role("link", name=re.compile(r"^Les Jardins du Marais")).click()
    # Wait for the offer page itself: content() right after a click may read the page
    # while it is being replaced.
    expect(page.locator("main")).to_contain_text(
        "Nous travaillons d'abord le logement et la mobilité."
    )
    page.get_by_label("Sur").select_option("axe2.social")
    page.get_by_label("Commentaire").fill("Combien de personnes ont obtenu le permis ?")
    page.get_by_role("button", name="Enregistrer le commentaire").click()
    comments = page.get_by_role("region", name="Commentaires de la DDETS").inner_text()
    assert "Combien de personnes ont obtenu le permis ?" in comments
    assert OffreComment.objects.get(offre=offre).section_key == "axe2.social"
    shot(page, "offre-ddets-commentaire")
    sign_out(page)

    sign_in(page, base, pas_de_calais.user)
    page.goto(f"{base}/ddets/{ddets.pk}/offres/")
    assert "Les Jardins du Marais" not in page.content()
    response = page.goto(f"{base}/ddets/{ddets.pk}/offres/{offre.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    assert "Combien de personnes" not in page.content()
