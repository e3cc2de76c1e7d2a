import pytest

from tests.factories import PASSWORD


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, the sessions that a thread of a test left open on the test
    database (a live server's, a refresh's) are ended before it is dropped; otherwise
    dropping it fails (« is being accessed by other users »)."""
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True, scope="session")
def _no_persistent_connections():
    """Connections closed at the end of each request (``CONN_MAX_AGE`` 0), as on
    SQLite: a thread of the live server would otherwise keep its PostgreSQL
    connection open, and the test database could not be dropped at the end."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


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
    # Background documents run in the request: a test sees their outcome at once
    # (tests/taches/test_threads.py runs them in real threads).
    settings.JALONS_TACHES_SYNCHRONE = True


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
