"""Every page with personal data is kept by no cache, runs only Jalons's own scripts
and styles, and a session left idle is closed; /sante tells no version."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from jalons.web import security
from tests.factories import MembershipFactory
from tests.parcours.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cip(client, sign_in):
    membership = MembershipFactory(role="cip")
    sign_in(membership.user)
    return membership


def test_person_pages_are_not_kept_and_carry_the_policies(client, cip):
    person = PersonFactory(structure=cip.structure)
    for url in (
        reverse("parcours:people", args=[cip.structure.pk]),
        reverse("parcours:person", args=[cip.structure.pk, person.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
        assert "camera=()" in response["Permissions-Policy"]
    # The sign-in page too, and the error pages.
    anonymous = Client()
    for response in (anonymous.get(reverse("accounts:login")), anonymous.get("/absente/")):
        assert "no-store" in response["Cache-Control"]
        assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_page_holds_an_inline_script_or_style_the_policy_would_block(client, cip):
    person = PersonFactory(structure=cip.structure)
    s = cip.structure.pk
    for url in (
        reverse("web:home"),
        reverse("structures:home", args=[s]),
        reverse("parcours:people", args=[s]),
        reverse("parcours:person", args=[s, person.pk]),
        reverse("indicateurs:structure", args=[s]),
    ):
        page = client.get(url).content.decode()
        assert "<script>" not in page and " style=" not in page, url
        assert " onclick=" not in page and "javascript:" not in page, url


def test_an_idle_session_is_closed_and_says_why(client, cip, settings):
    url = reverse("parcours:people", args=[cip.structure.pk])
    assert client.get(url).status_code == 200
    session = client.session
    idle = settings.JALONS_SESSION_IDLE_MINUTES * 60
    session[security.LAST_ACTIVITY] = int(time.time()) - idle - 5
    session.save()
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "après 30 minutes sans activité" in response.content.decode()
    assert client.get(url).status_code == 302  # signed out for good


def test_activity_keeps_the_session_open_and_is_written_at_most_once_a_minute(client, cip):
    url = reverse("parcours:people", args=[cip.structure.pk])
    client.get(url)
    first = client.session[security.LAST_ACTIVITY]
    client.get(url)
    assert client.session[security.LAST_ACTIVITY] == first
    session = client.session
    session[security.LAST_ACTIVITY] = first - 29 * 60  # 29 minutes ago: still open
    session.save()
    assert client.get(url).status_code == 200
    assert client.session[security.LAST_ACTIVITY] >= first


def test_health_tells_neither_version_nor_engine(client):
    body = client.get("/sante").json()
    assert body["statut"] == "ok"
    assert "version" not in body and "moteur" not in body
