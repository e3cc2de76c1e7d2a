"""Common French passwords with digits around them, and the person's own name, are
refused wherever a password is chosen, with the same rule."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REFUSED_AS_COMMON = [
    "Motdepasse12",  # found accepted by the security audit
    "Azertyuiop12",  # idem
    "Azertyuiop12!",
    "Mot-de-passe-2026",
    "M@rseille-2024",
    "Soleil2025!!",
    "Password123!",
    "Jetaime-1234",
]


@pytest.mark.parametrize("password", REFUSED_AS_COMMON)
def test_a_common_password_with_digits_around_is_refused(password):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert "trop courant" in " ".join(error.value.messages)


@pytest.mark.parametrize("password", ["Kerbrat-2026!!", "Maelys.1990!x", "mkerbrat-Xyz-42"])
def test_the_persons_own_name_or_address_is_refused(password):
    user = UserFactory.build(first_name="Maëlys", last_name="Kerbrat", email="mkerbrat@asso.fr")
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    assert any("votre nom" in message for message in error.value.messages)


@pytest.mark.parametrize(
    "password", ["Velo-Pluie-Orange-7", "Jardin-des-Lilas-49", PASSWORD, "Demo-Jalons-2026"]
)
def test_a_passphrase_is_accepted(password):
    user = UserFactory.build(first_name="Claire", last_name="Dupont", email="cdupont@asso.fr")
    validate_password(password, user)


def test_the_change_form_applies_the_same_rule(client, sign_in):
    user = UserFactory(first_name="Maëlys", last_name="Kerbrat")
    sign_in(user)
    url = reverse("accounts:password_change")
    for new in ("Motdepasse12", "Kerbrat-2026!!"):
        response = client.post(
            url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
        )
        assert response.status_code == 200  # the form again, with the French reason
        page = response.content.decode()
        assert "trop courant" in page or "votre nom" in page
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
