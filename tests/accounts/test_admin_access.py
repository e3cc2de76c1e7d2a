"""The technical admin (/admin/) for each kind of visitor: no redirect loop (issue 13)."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_signed_in_person_who_is_not_an_administrator_gets_a_french_403_not_a_loop(client):
    client.force_login(MembershipFactory().user)
    # The test client raises RedirectCycleError on a loop.
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1  # /admin/ → /admin/login/?next=/admin/
    html = response.content.decode()
    assert "Cet espace est réservé aux administrateurs techniques" in html
    assert reverse("web:home") in html


def test_every_admin_page_ends_on_the_refusal_for_a_signed_in_non_administrator(client):
    client.force_login(UserFactory())
    for url in ("/admin/", "/admin/structures/structure/", "/admin/logout/", "/admin/login/"):
        response = client.get(url, follow=True)
        assert response.status_code == 403, url
        assert "administrateurs techniques" in response.content.decode()


def test_the_sign_in_page_does_not_send_a_signed_in_person_back_to_the_admin_loop(client):
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:login") + "?next=/admin/", follow=True)
    assert response.status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_common_sign_in_page(client):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "Connexion" in response.content.decode()


def test_a_platform_administrator_opens_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200
    response = client.get(reverse("admin:login") + "?next=/admin/structures/structure/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/structures/structure/"
    response = client.get(reverse("admin:login") + "?next=https://ailleurs.example/")
    assert response["Location"] == reverse("admin:index")
