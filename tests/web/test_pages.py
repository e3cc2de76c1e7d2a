import re

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from tests.factories import AnnexeFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gives_the_french_404_page_without_a_trace(client, settings):
    assert settings.DEBUG is False
    response = client.get("/cette-page-n-existe-pas/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page introuvable" in html and "Traceback" not in html


def test_a_refused_page_is_explained_in_french(client, sign_in):
    membership = MembershipFactory(encadrant=True)
    sign_in(membership.user)
    response = client.get(reverse("structures:edit", args=[membership.structure.pk]))
    assert response.status_code == 403
    assert "Votre rôle ne vous permet pas" in response.content.decode()


def test_a_server_error_gives_the_french_500_page(client, monkeypatch):
    from jalons.structures import views

    def broken(*args, **kwargs):
        raise RuntimeError("boum")

    membership = MembershipFactory()
    client.force_login(membership.user)
    monkeypatch.setattr(views.selectors, "annexes_of", broken)
    client.raise_request_exception = False
    response = client.get(reverse("structures:home", args=[membership.structure.pk]))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur est survenue" in html and "boum" not in html


def test_an_expired_form_gives_the_french_csrf_page():
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("accounts:login"), {"email": "a@b.fr", "password": "x"})
    assert response.status_code == 403
    assert "Le formulaire a expiré" in response.content.decode()


def test_health_reports_the_database(client):
    response = client.get("/sante")
    assert response.status_code == 200
    body = response.json()
    assert body["statut"] == "ok" and body["base_de_donnees"] == "ok"
    assert body["migrations_en_attente"] == 0


def test_health_says_when_the_database_is_unreachable(client, monkeypatch):
    from jalons.web import views

    def unreachable():
        raise DatabaseError("connexion refusée")

    monkeypatch.setattr(views, "pending_migrations", unreachable)
    response = client.get("/sante")
    assert response.status_code == 503
    assert response.json()["base_de_donnees"] == "injoignable"


def test_pages_have_landmarks_a_skip_link_and_no_third_party_address(client, sign_in):
    membership = MembershipFactory()
    annexe = AnnexeFactory(structure=membership.structure)
    sign_in(membership.user)
    s = membership.structure.pk
    urls = [
        reverse("web:home"),
        reverse("structures:home", args=[s]),
        reverse("structures:edit", args=[s]),
        reverse("structures:annexe_create", args=[s]),
        reverse("structures:annexe_edit", args=[s, annexe.pk]),
        reverse("structures:members", args=[s]),
        reverse("audit:structure_log", args=[s]),
        reverse("accounts:account"),
        reverse("web:accessibility"),
    ]
    for url in urls:
        response = client.get(url, follow=True)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="fr">' in html
        assert 'href="#contenu"' in html and 'id="contenu"' in html
        for landmark in ('role="banner"', "<nav", "<main", 'role="contentinfo"'):
            assert landmark in html, (url, landmark)
        addresses = re.findall(r'(?:src|href|action)="([^"]*)"', html)
        external = [a for a in addresses if re.match(r"^(https?:)?//", a)]
        assert not external, (url, external)
        # Every visible field has a label.
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
            if re.search(r'type="(hidden|submit)"', tag):
                continue
            field_id = re.search(r'\bid="([^"]+)"', tag)
            assert field_id, (url, tag)
            assert f'for="{field_id.group(1)}"' in html, (url, tag)


def test_the_stylesheet_uses_no_web_font_and_no_external_resource():
    from pathlib import Path

    css = (Path(__file__).parents[2] / "jalons/web/static/jalons/jalons.css").read_text()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert ":focus-visible" in css


def test_static_files_are_served_by_the_application(client):
    response = client.get("/static/jalons/jalons.css")
    assert response.status_code == 200
    assert b":focus-visible" in b"".join(response.streaming_content)
    response.close()
