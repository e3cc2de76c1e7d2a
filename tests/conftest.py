import pytest

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _territories(request):
    """The regions and départements come from a migration: a transactional test
    empties every table when it ends, so they are loaded again where missing."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        transactional = True
    elif marker is not None:
        transactional = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
    elif "db" in names:
        transactional = False
    else:
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    from jalons.structures.models import Departement, Region
    from jalons.structures.territories import load_territories

    if not Departement.objects.exists():
        load_territories(Region, Departement)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def sign_in(client):
    """Sign a user in through the real sign-in page."""

    def _sign_in(user, password=PASSWORD):
        response = client.post("/connexion/", {"email": user.email, "password": password})
        assert response.status_code == 302, response.content.decode()[:500]
        return client

    return _sign_in
