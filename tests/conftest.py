import pytest

from tests.factories import PASSWORD


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
