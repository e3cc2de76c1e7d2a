"""The public listing pages: the form, the preview of what will be published, the export;
the direction of the structure only."""

import json
import re
from html import unescape

import pytest
from data_inclusion.schema import v1
from django.contrib.messages import get_messages
from django.urls import reverse
from pydantic import TypeAdapter

from jalons.audit.models import AuditEntry
from jalons.offre import data_inclusion
from jalons.offre.models import PublicListing
from tests.factories import MembershipFactory
from tests.offre.factories import OffreFactory, SectionTextFactory
from tests.offre.test_data_inclusion_schema import ACCOMPAGNEMENT, PARCOURS, PRESENTATION

pytestmark = pytest.mark.django_db
URL_NAMES = ("public_listing", "public_listing_edit", "public_listing_export")


@pytest.fixture
def direction():
    return MembershipFactory(
        structure__name="Les Jardins du Val",
        structure__address="12 rue des Maraîchers",
        structure__postcode="59300",
    )


def url(name, membership):
    return reverse(f"offre:{name}", args=[membership.structure.pk])


def form_data(**overrides) -> dict:
    data = {
        "presentation": PRESENTATION,
        "phone": "03 27 00 00 01",
        "email": "contact@jardins.example",
        "website": "jardins.example",
        "opening_hours": "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
        "audiences": ["demandeurs-emploi", "jeunes"],
        "parcours-insertion-description": PARCOURS,
        "parcours-insertion-themes": ["trouver-un-emploi--repondre-a-des-offres-demploi"],
        "accompagnement-published": "on",
        "accompagnement-description": ACCOMPAGNEMENT,
        "accompagnement-themes": ["sante--acces-aux-soins"],
        "formation-description": "",
        "formation-themes": [],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def plain(html: str) -> str:
    """The text a reader sees: no tags, entities decoded, every space a plain one."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " "))


def test_the_form_saves_the_listing_and_leads_to_the_preview(client, direction):
    client.force_login(direction.user)
    response = client.post(url("public_listing_edit", direction), form_data())
    assert response.status_code == 302
    assert response.url == url("public_listing", direction)
    listing = PublicListing.objects.get(structure=direction.structure)
    assert listing.website == "https://jardins.example"  # the scheme is added
    assert listing.audiences == ["demandeurs-emploi", "jeunes"]
    assert listing.updated_by == direction.user
    services = {s.kind: s for s in listing.services.all()}
    assert services["accompagnement"].published and not services["formation"].published
    assert services["parcours-insertion"].themes == [
        "trouver-un-emploi--repondre-a-des-offres-demploi"
    ]
    assert AuditEntry.objects.filter(object_type="fiche publique", action="creation").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("presentation", "Trop court.", "11 caractères : il en faut 50 au moins"),
        ("presentation", "a" * 10_001, "10\u00a0001 caractères : data·inclusion en accepte"),
        ("phone", "03 27", "« 03 27 » n&#x27;est pas un numéro de téléphone"),
        ("email", "contact@", "« contact@ » n&#x27;est pas une adresse de courriel"),
        ("opening_hours", "Lu-Ve 9h-12h", "n&#x27;est pas au format OpenStreetMap"),
        ("accompagnement-description", "Court.", "6 caractères : il en faut 50 au moins"),
    ],
)  # fmt: skip
def test_the_form_refuses_what_the_schema_refuses_beside_the_field(
    client, direction, field, value, message
):
    client.force_login(direction.user)
    response = client.post(url("public_listing_edit", direction), form_data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_erreur_1"' in html  # beside the field
    assert not PublicListing.objects.exists()


def test_an_incomplete_listing_can_be_saved_and_the_preview_says_what_is_missing(client, direction):
    client.force_login(direction.user)
    data = form_data(presentation="", **{"parcours-insertion-description": ""})
    response = client.post(url("public_listing_edit", direction), data, follow=True)
    html = plain(response.content.decode())
    assert "Incomplète" in html
    assert "Fiche de la structure, « Présentation » : à rédiger avant la publication" in html
    assert "« Description » : à rédiger avant la publication" in html
    assert url("public_listing_export", direction) not in response.content.decode()


def test_the_form_is_never_prefilled_from_the_offre(client, direction):
    offre = OffreFactory(structure=direction.structure, year=2026)
    SectionTextFactory(
        offre=offre, key="presentation.identite", text="Interlocuteur de la DDETS : la direction."
    )
    client.force_login(direction.user)
    html = client.get(url("public_listing_edit", direction)).content.decode()
    assert "Interlocuteur de la DDETS" not in html
    assert 'name="presentation"' in html
    # The usual publics and themes of a SIAE are proposed, no text.
    assert re.search(r'<input[^>]*name="audiences" value="demandeurs-emploi"[^>]*checked', html)
    assert not re.search(r'<input[^>]*name="audiences" value="seniors"[^>]*checked', html)


def test_the_preview_shows_exactly_what_the_export_publishes(client, direction):
    client.force_login(direction.user)
    client.post(url("public_listing_edit", direction), form_data())
    preview = plain(client.get(url("public_listing", direction)).content.decode())
    assert "Prête à publier" in preview
    assert PRESENTATION in preview
    assert "Du lundi au vendredi : de 8 h 30 à 12 h et de 13 h 30 à 17 h" in preview
    assert "Les jours fériés : fermé" in preview
    assert "03 27 00 00 01" in preview
    assert "Accès aux soins" in preview and "Demandeurs d’emploi, Jeunes" in preview
    assert "Non publié : Formation des salariés en insertion." in preview

    response = client.get(url("public_listing_export", direction))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 'attachment; filename="data-inclusion-' in response["Content-Disposition"]
    content = json.loads(response.content)
    structures = TypeAdapter(list[v1.Structure]).validate_python(content["structures"])
    services = TypeAdapter(list[v1.Service]).validate_python(content["services"])
    assert {s.structure_id for s in services} == {structures[0].id}
    for service in content["services"]:
        assert service["nom"] in preview
        assert service["description"] in preview
    assert AuditEntry.objects.filter(object_repr__startswith="Export data·inclusion").exists()


def test_the_export_of_an_incomplete_listing_is_refused_naming_the_fields(client, direction):
    client.force_login(direction.user)
    response = client.get(url("public_listing_export", direction))
    assert response.status_code == 302
    assert response.url == url("public_listing", direction)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Export refusé : la fiche publique est incomplète.")
    assert "Fiche de la structure, « Présentation » : à rédiger" in message
    assert "« Publics » : choisissez au moins un public." in message


def test_the_offre_page_links_to_the_public_listing_for_the_direction(client, direction):
    OffreFactory(structure=direction.structure, year=2026)
    client.force_login(direction.user)
    html = client.get(reverse("offre:detail", args=[direction.structure.pk, 2026])).content
    assert url("public_listing", direction) in html.decode()


@pytest.mark.parametrize("name", URL_NAMES)
def test_another_structures_director_gets_page_not_found(client, direction, name):
    stranger = MembershipFactory()
    client.force_login(stranger.user)
    assert client.get(url(name, direction)).status_code == 404
    if name == "public_listing_edit":
        assert client.post(url(name, direction), form_data()).status_code == 404
        assert not PublicListing.objects.exists()


@pytest.mark.parametrize("role", ["cip", "encadrant", "lecture"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_other_roles_of_the_structure_are_forbidden(client, direction, name, role):
    member = MembershipFactory(structure=direction.structure, **{role: True})
    client.force_login(member.user)
    assert client.get(url(name, direction)).status_code == 403


@pytest.mark.parametrize("name", URL_NAMES)
def test_a_visitor_not_signed_in_is_sent_to_the_login_page(client, direction, name):
    response = client.get(url(name, direction))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_services_of_the_catalogue_are_the_form_groups(client, direction):
    client.force_login(direction.user)
    html = client.get(url("public_listing_edit", direction)).content.decode()
    for spec in data_inclusion.SERVICES:
        assert spec.name("ACI").replace("'", "&#x27;") in html
