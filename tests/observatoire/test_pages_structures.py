"""The observatory pages on real snapshots: a structure's own page for each role, its
consent and its position; the network's and the DDETS's pages name only the structures
that consented, and every cell the protected edition hides shows "secret"."""

import datetime as dt

import pytest
from django.urls import reverse

from jalons.accounts.models import Role
from jalons.audit.models import AuditAction, AuditEntry
from jalons.observatoire import selectors, services
from jalons.observatoire.models import Consent
from jalons.observatoire.publishing import publish
from tests.factories import (
    DdetsFactory,
    DdetsMembershipFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
)
from tests.observatoire.factories import consent, structure_with_people
from tests.observatoire.test_pages import tables_of

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def region(db):
    """Ten ACI of the Nord in one network (12 people each), two small EITI (hidden)."""
    network = NetworkFactory(name="Réseau des Hauts", acronym="RH")
    acis = [
        structure_with_people(people=12, exits=4, name=f"Chantier Alpha {n}") for n in range(10)
    ]
    eitis = [
        structure_with_people(people=4, kind="EITI", exits=1, name=f"Indépendants Bêta {n}")
        for n in range(2)
    ]
    for structure in [*acis, *eitis]:
        structure.networks.add(network)
    services.refresh_snapshots(years=[2025], today=TODAY)
    publish(year=2025, today=TODAY)
    return {"network": network, "acis": acis, "eitis": eitis}


def page(client, user, url):
    client.force_login(user)
    response = client.get(url, {"annee": "2025"})
    return response, response.content.decode()


@pytest.mark.parametrize("role", [Role.DIRECTION, Role.CIP, Role.LECTURE])
def test_direction_cip_and_read_only_members_see_their_own_figures(client, region, role):
    structure = region["acis"][0]
    user = MembershipFactory(structure=structure, role=role).user
    publish(year=2025, today=TODAY)  # after the changes above
    response, html = page(client, user, reverse("observatoire:structure", args=[structure.pk]))
    assert response.status_code == 200
    assert "Vos chiffres" in html
    assert "Personnes en parcours" in html
    assert ">12</td>" in html  # its 12 people
    assert AuditEntry.objects.filter(
        structure=structure, user=user, action=AuditAction.VIEW
    ).exists()


def test_the_technical_supervisor_is_refused_and_other_people_do_not_find_the_page(client, region):
    structure = region["acis"][0]
    url = reverse("observatoire:structure", args=[structure.pk])
    supervisor = MembershipFactory(structure=structure, role=Role.ENCADRANT).user
    assert page(client, supervisor, url)[0].status_code == 403
    for user in (
        MembershipFactory(structure=region["acis"][1]).user,
        NetworkMembershipFactory(network=region["network"]).user,
        DdetsMembershipFactory().user,
    ):
        assert page(client, user, url)[0].status_code == 404


def test_only_the_direction_gets_the_consent_form_and_can_change_it(client, region):
    structure = region["acis"][0]
    url = reverse("observatoire:structure", args=[structure.pk])
    cip = MembershipFactory(structure=structure, role=Role.CIP).user
    publish(year=2025, today=TODAY)  # after the changes above
    _response, html = page(client, cip, url)
    assert "Enregistrer mes choix" not in html
    assert "Seule la direction de la structure peut changer ces choix." in html
    assert client.post(url, {"share_with_networks": "on"}).status_code == 403
    assert not Consent.objects.filter(structure=structure).exists()

    direction = MembershipFactory(structure=structure).user
    publish(year=2025, today=TODAY)  # after the changes above
    _response, html = page(client, direction, url)
    for label in (
        "Partager nos chiffres avec nos réseaux",
        "Partager nos chiffres avec la DDETS",
        "Nous situer parmi les structures du même type",
    ):
        assert label in html
    response = client.post(url, {"share_with_networks": "on", "compare_position": "on"})
    assert response.status_code == 302
    saved = Consent.objects.get(structure=structure)
    assert (saved.share_with_networks, saved.share_with_ddets, saved.compare_position) == (
        True,
        False,
        True,
    )
    assert saved.updated_by == direction
    assert AuditEntry.objects.filter(structure=structure, action=AuditAction.UPDATE).exists()
    assert "Vos choix de partage sont enregistrés." in client.get(url).content.decode()


def test_the_position_shows_only_when_opted_in_and_names_no_other_structure(client, region):
    structure = region["acis"][0]
    url = reverse("observatoire:structure", args=[structure.pk])
    direction = MembershipFactory(structure=structure).user
    publish(year=2025, today=TODAY)  # after the changes above
    _response, html = page(client, direction, url)
    assert "Vous n'avez pas demandé à vous situer" in html
    assert "Structures comparées" not in html

    consent(structure, compare_position=True)
    publish(year=2025, today=TODAY)  # after the changes above
    _response, html = page(client, direction, url)
    assert "Structures comparées" in html
    assert "Votre position en 2025 parmi les structures ACI" in html
    assert "<svg" in html and "votre structure" in html
    for other in [*region["acis"][1:], *region["eitis"]]:
        assert other.name not in html


def test_too_few_structures_of_the_type_give_no_position(client, region):
    structure = region["eitis"][0]
    consent(structure, compare_position=True)
    direction = MembershipFactory(structure=structure).user
    _response, html = page(
        client, direction, reverse("observatoire:structure", args=[structure.pk])
    )
    assert "Structures comparées" not in html
    assert "Moins de 10 structures EITI de la région ont des chiffres pour 2025" in html


def test_the_network_page_hides_small_cells_and_names_only_consenting_members(client, region):
    sharing, private = region["acis"][0], region["acis"][1]
    consent(sharing, share_with_networks=True)
    consent(private, share_with_ddets=True)
    user = NetworkMembershipFactory(network=region["network"]).user
    publish(year=2025, today=TODAY)  # after the changes above
    response, html = page(
        client, user, reverse("observatoire:network", args=[region["network"].pk])
    )
    assert response.status_code == 200
    assert sharing.name in html
    for other in [private, *region["acis"][2:], *region["eitis"]]:
        assert other.name not in html
    edition = selectors.build_edition(selectors.perimeter_for_network(region["network"]), year=2025)
    assert_every_hidden_cell_shows_secret(html, edition)


def test_the_ddets_page_names_only_structures_that_share_with_the_ddets(client, region):
    sharing, other = region["acis"][2], region["acis"][3]
    consent(sharing, share_with_ddets=True)
    consent(other, share_with_networks=True)
    ddets = DdetsFactory(departements=["59"])
    user = DdetsMembershipFactory(ddets=ddets).user
    publish(year=2025, today=TODAY)  # after the changes above
    response, html = page(client, user, reverse("observatoire:ddets", args=[ddets.pk]))
    assert response.status_code == 200
    assert sharing.name in html and other.name not in html
    edition = selectors.build_edition(selectors.perimeter_for_ddets(ddets, ["59"]), year=2025)
    assert_every_hidden_cell_shows_secret(html, edition)


def assert_every_hidden_cell_shows_secret(html: str, edition) -> None:
    tables = tables_of(html)
    hidden = 0
    for table in edition.tables:
        caption = f"{table.title} – {edition.period_label}, {edition.perimeter.label}"
        shown_rows = tables[caption][1:]
        for row, shown in zip(table.rows, shown_rows, strict=True):
            assert shown[0][2] == row.label
            for cell, (_tag, attrs, text) in zip(row.cells, shown[1:], strict=False):
                if cell.hidden:
                    hidden += 1
                    assert text.startswith("secret") and attrs["data-secret"] == cell.reason
                else:
                    assert text == cell.display
    assert hidden > 0  # the two EITI (4 people each) are secret


def test_the_rqth_count_is_shown_to_direction_and_cip_only(client, region):
    structure = region["acis"][0]
    url = reverse("observatoire:structure", args=[structure.pk])
    direction = MembershipFactory(structure=structure).user
    publish(year=2025, today=TODAY)  # after the changes above
    _response, html = page(client, direction, url)
    assert ">RQTH<" in html
    reader = MembershipFactory(structure=structure, role=Role.LECTURE).user
    publish(year=2025, today=TODAY)  # after the changes above
    _response, html = page(client, reader, url)
    assert "Publics à l'entrée" in html or "publics" in html.lower()
    assert "RQTH" not in html
