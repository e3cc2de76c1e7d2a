"""The structure's pages of the Offre de Services, as its team uses them."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.offre.models import Objective, OffreStatus, SectionText
from tests.factories import AnnexeFactory, MembershipFactory, NetworkFactory
from tests.offre.factories import NetworkTemplateFactory, fill_required
from tests.offre.test_workflow import create
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db
D = dt.date


def cells(html: str, label: str) -> list[str]:
    """The cells of the first table row whose header starts with ``label``."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        header = re.search(r"<th[^>]*>(.*?)</th>", row, re.S)
        if header and re.sub(r"<[^>]+>", "", header.group(1)).strip().startswith(label):
            return [
                re.sub(r"<[^>]+>", "", c).strip()
                for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            ]
    raise AssertionError(f"no row {label!r}")


@pytest.fixture
def direction():
    membership = MembershipFactory()
    s = membership.structure
    # circulaire-2008: 1 dynamic of 2 examined = 50,0 %; dgefp-2014 removes the death: 100,0 %.
    ParcoursFactory(
        person__structure=s,
        hire_date=D(2025, 1, 15),
        exit_date=D(2025, 9, 30),
        exit_motif="cdi_non_aide",
    )
    ParcoursFactory(
        person__structure=s, hire_date=D(2025, 1, 10), exit_date=D(2025, 8, 1), exit_motif="deces"
    )
    return membership


def url(name, membership, *args):
    return reverse(f"offre:{name}", args=[membership.structure.pk, *args])


def test_the_offre_page_shows_the_same_figures_as_the_indicators_page(client, direction):
    create(direction, year=2025)
    client.force_login(direction.user)
    offre_html = client.get(url("detail", direction, 2025)).content.decode()
    indicators_html = client.get(
        reverse("indicateurs:structure", args=[direction.structure.pk]), {"periode": "annee-2025"}
    ).content.decode()
    for label in ("Sorties examinées", "Taux de sortie dynamique", "Emploi durable"):
        assert cells(offre_html, label) == cells(indicators_html, label), label
    assert cells(offre_html, "Taux de sortie dynamique") == [
        "50,0\xa0%",
        "100,0\xa0%",
        "50,0\xa0%",
        "100,0\xa0%",
    ]
    assert "Circulaire 2008 : 50,0 %" in offre_html  # the chart's description
    assert "Section non rédigée (obligatoire pour transmettre)" in offre_html


def test_the_list_shows_each_year_with_its_status(client, direction):
    create(direction, year=2024)
    client.force_login(direction.user)
    html = client.get(url("list", direction)).content.decode()
    assert "Offre de services 2024" in html and "Brouillon" in html


def test_creating_an_offre_from_the_page(client, direction):
    client.force_login(direction.user)
    form = client.get(url("create", direction)).content.decode()
    assert "Une offre vide, guidée section par section" in form
    response = client.post(url("create", direction), {"year": "2026", "start": "vide"})
    assert response.status_code == 302
    assert response["Location"] == url("detail", direction, 2026)
    again = client.post(url("create", direction), {"year": "2026", "start": "vide"})
    assert "L&#x27;offre de services 2026 existe déjà." in again.content.decode()


def test_the_section_page_shows_prompts_adapted_to_the_kind_of_siae(client, direction):
    offre = create(direction)
    section = offre.texts.get(key="axe4.commercial")
    client.force_login(direction.user)
    html = client.get(url("section", direction, 2025, section.pk)).content.decode()
    assert "Même sans but lucratif, votre activité a des clients" in html  # ACI
    assert "Le client est au centre" not in html  # ETTI, AI only
    assert 'name="revision" value="0"' in html


def test_a_conflicting_save_keeps_the_users_text_and_shows_the_other_one(client, direction):
    offre = create(direction)
    section = offre.texts.get(key="axe2.social")
    cip = MembershipFactory(structure=direction.structure, cip=True)
    client.force_login(cip.user)
    client.post(url("section", direction, 2025, section.pk), {"text": "Texte CIP", "revision": 0})
    client.force_login(direction.user)
    response = client.post(
        url("section", direction, 2025, section.pk), {"text": "Mon texte", "revision": 0}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "a enregistré cette section pendant que vous écriviez" in html
    assert "Texte CIP" in html and "Mon texte</textarea>" in html
    assert 'name="revision" value="1"' in html  # saving again now replaces it knowingly
    assert SectionText.objects.get(pk=section.pk).text == "Texte CIP"
    client.post(url("section", direction, 2025, section.pk), {"text": "Mon texte", "revision": 1})
    assert SectionText.objects.get(pk=section.pk).text == "Mon texte"


def test_the_technical_supervisor_writes_but_cannot_submit(client, direction):
    offre = create(direction)
    supervisor = MembershipFactory(structure=direction.structure, encadrant=True)
    client.force_login(supervisor.user)
    section = offre.texts.get(key="presentation.activites")
    assert client.get(url("section", direction, 2025, section.pk)).status_code == 200
    assert client.get(url("submit", direction, 2025)).status_code == 403


def test_submitting_from_the_page_refuses_then_accepts(client, direction):
    offre = create(direction)
    client.force_login(direction.user)
    refused = client.post(url("submit", direction, 2025), {"confirm": "on"}).content.decode()
    assert "Ces sections obligatoires sont vides" in refused and "P.1 Identité" in refused
    fill_required(offre)
    response = client.post(url("submit", direction, 2025), {"confirm": "on"})
    assert response.status_code == 302
    offre.refresh_from_db()
    assert offre.status == OffreStatus.SUBMITTED
    html = client.get(url("detail", direction, 2025)).content.decode()
    assert "Version 1 transmise le" in html


def test_versions_show_what_changed_between_two_submissions(client, direction):
    from jalons.offre.services_ddets import offre_send_back

    offre = create(direction)
    fill_required(offre, text="Premier texte")
    client.force_login(direction.user)
    client.post(url("submit", direction, 2025), {"confirm": "on"})
    offre_send_back(
        actor=Actor(user=direction.user, role="agent de la DDETS"),
        offre=offre,
        author="DDETS",
        text="Compléter",
    )
    SectionText.objects.filter(offre=offre, key="axe2.social").update(text="Second texte")
    ParcoursFactory(
        person__structure=direction.structure,
        hire_date=D(2025, 2, 1),
        exit_date=D(2025, 10, 1),
        exit_motif="cdi_non_aide",
    )
    client.post(url("submit", direction, 2025), {"confirm": "on"})
    html = client.get(url("versions", direction, 2025)).content.decode()
    assert "Version 2" in html and "Version 1" in html
    assert "<del>− Premier texte (axe2.social)</del>" in html
    assert "<ins>+ Second texte</ins>" in html
    assert "Chiffres modifiés : Sorties selon chaque jeu de règles" in html


def test_objectives_are_saved_with_french_numbers_and_shown_beside_the_results(client, direction):
    offre = create(direction)
    AnnexeFactory(structure=direction.structure)
    client.force_login(direction.user)
    response = client.post(
        url("objectives", direction, 2025),
        {
            "taux_sortie_dynamique|2025": "60",
            "taux_sortie_dynamique|2026": "62,5",
            "taux_sortie_dynamique|commentaire": "Négocié en mars",
            "entrees|2026": "douze",
        },
    )
    assert "Saisissez un nombre, par exemple 60 ou 12,5." in response.content.decode()
    client.post(
        url("objectives", direction, 2025),
        {
            "taux_sortie_dynamique|2025": "60",
            "taux_sortie_dynamique|2026": "62,5",
            "taux_sortie_dynamique|commentaire": "Négocié en mars",
        },
    )
    assert Objective.objects.filter(structure=direction.structure).count() == 2
    html = client.get(url("objectives", direction, 2025)).content.decode()
    # 2023, 2024: nothing; 2025: objective 60 % and result 100 % (dgefp-2014); 2026: 62,5 %.
    assert cells(html, "Taux de sortie dynamique")[4:8] == [
        "60,0\xa0%",
        "100,0\xa0%",
        "62,5\xa0%",
        "–",
    ]
    assert "Négocié en mars" in html
    client.post(
        url("objectives", direction, 2025),
        {
            "ajouter": "1",
            "label": "Heures de formation",
            "unit": "heures",
            "year": "2026",
            "target": "300",
        },
    )
    assert Objective.objects.get(label="Heures de formation").target == 300
    assert offre.year == 2025


def test_a_section_is_shared_with_a_network_which_then_publishes_it(client, direction):
    network = NetworkFactory()
    direction.structure.networks.add(network)
    offre = create(direction)
    section = offre.texts.get(key="axe1.livret")
    SectionText.objects.filter(pk=section.pk).update(text="Notre livret d'accueil.")
    client.force_login(direction.user)
    response = client.post(url("share", direction, 2025, section.pk), {"network": network.pk})
    assert response.status_code == 302
    from jalons.offre.models import NetworkTemplate

    model = NetworkTemplate.objects.get(network=network)
    assert model.status == "proposee" and model.proposed_by == direction.structure
    assert "Notre livret" not in client.get(url("toolbox", direction)).content.decode()
    model.status = "publie"
    model.save()
    toolbox = client.get(url("toolbox", direction)).content.decode()
    assert "Notre livret d&#x27;accueil." in toolbox
    download = client.get(url("toolbox_file", direction, model.pk))
    assert download["Content-Disposition"].startswith("attachment")
    assert download.content.decode().startswith("Notre livret")


def test_models_of_other_networks_stay_out_of_the_toolbox(client, direction):
    foreign = NetworkTemplateFactory(title="Modèle d'un autre réseau")
    client.force_login(direction.user)
    assert (
        "Modèle d&#x27;un autre réseau"
        not in client.get(url("toolbox", direction)).content.decode()
    )
    assert client.get(url("toolbox_file", direction, foreign.pk)).status_code == 404


def test_the_draft_can_be_compared_with_last_years_submitted_offre(client, direction):
    from jalons.offre.models import OffreVersion
    from jalons.offre.services import START_PREVIOUS

    last = create(direction, year=2024)
    fill_required(last, text="Texte de l'an dernier")
    client.force_login(direction.user)
    client.post(url("submit", direction, 2024), {"confirm": "on"})
    offre = create(direction, year=2025, start=START_PREVIOUS)
    SectionText.objects.filter(offre=offre, key="axe2.social").update(text="Texte de cette année")
    version = OffreVersion.objects.get(offre=last)
    html = client.get(
        url("versions", direction, 2025), {"de": str(version.pk), "a": "actuel"}
    ).content.decode()
    assert "Offre 2024, version 1 du" in html
    assert "<ins>+ Texte de cette année</ins>" in html


def test_last_years_text_and_a_network_model_combine_at_creation(client, direction):
    network = NetworkFactory()
    direction.structure.networks.add(network)
    model = NetworkTemplateFactory(network=network, title="Trame du livret")
    last = create(direction, year=2024)
    SectionText.objects.filter(offre=last, key="axe2.social").update(text="Notre texte 2024")
    client.force_login(direction.user)
    form = client.get(url("create", direction)).content.decode()
    assert "1.4 Livret d&#x27;accueil : « Trame du livret »" in form
    client.post(
        url("create", direction), {"year": "2025", "start": "precedente", "models": [model.pk]}
    )
    texts = dict(SectionText.objects.filter(offre__year=2025).values_list("key", "text"))
    assert texts["axe2.social"] == "Notre texte 2024" and texts["axe1.livret"] == model.text
