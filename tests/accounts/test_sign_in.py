import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jalons.accounts.models import SignInAttempt
from jalons.audit.models import AuditAction, AuditEntry
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def post_sign_in(client, email, password):
    return client.post(reverse("accounts:login"), {"email": email, "password": password})


def test_the_sign_in_page_is_in_french_and_labelled(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="fr">' in html
    assert '<label for="id_email">' in html and '<label for="id_password">' in html
    assert "Aller au contenu" in html
    assert "Mot de passe oublié ?" in html


def test_a_member_signs_in_and_lands_on_their_structure(client, password):
    membership = MembershipFactory(cip=True)
    response = post_sign_in(client, membership.user.email.upper(), password)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.status_code == 200
    assert membership.structure.name in response.content.decode()
    assert AuditEntry.objects.filter(user=membership.user, action=AuditAction.SIGN_IN).exists()


def test_a_wrong_password_gives_a_french_error_and_is_audited(client):
    user = UserFactory()
    response = post_sign_in(client, user.email, "pas le bon")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in html
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED, user=user).exists()


def test_an_empty_form_names_each_missing_field(client):
    html = client.post(reverse("accounts:login"), {}).content.decode()
    assert "Indiquez votre adresse e-mail." in html
    assert "Indiquez votre mot de passe." in html


def test_five_failures_lock_the_account_even_with_the_right_password(client, password, settings):
    user = UserFactory()
    for _ in range(settings.JALONS_LOCKOUT_FAILURES - 1):
        assert "incorrect" in post_sign_in(client, user.email, "faux").content.decode()
    html = post_sign_in(client, user.email, "faux").content.decode()
    assert "verrouillé" in html
    html = post_sign_in(client, user.email, password).content.decode()
    assert "verrouillé" in html
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=AuditAction.LOCKED_OUT, user=user).count() == 1


def test_the_lock_ends_after_the_configured_minutes(client, password, settings):
    user = UserFactory()
    long_ago = timezone.now() - timedelta(minutes=settings.JALONS_LOCKOUT_MINUTES + 1)
    SignInAttempt.objects.bulk_create(
        [SignInAttempt(email=user.email, succeeded=False, at=long_ago)] * 10
    )
    assert post_sign_in(client, user.email, password).status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client, password):
    user = UserFactory()
    for _ in range(4):
        post_sign_in(client, user.email, "faux")
    assert post_sign_in(client, user.email, password).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        post_sign_in(client, user.email, "faux")
    assert post_sign_in(client, user.email, password).status_code == 302


def test_an_unknown_address_is_locked_out_the_same_way(client):
    for _ in range(5):
        post_sign_in(client, "inconnu@exemple.org", "faux")
    assert "verrouillé" in post_sign_in(client, "inconnu@exemple.org", "faux").content.decode()


def test_sign_out_needs_a_post_and_is_audited(client, sign_in):
    user = MembershipFactory().user
    sign_in(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_OUT, user=user).exists()
    assert client.get(reverse("web:home"))["Location"].startswith(reverse("accounts:login"))


def test_the_next_parameter_cannot_send_to_another_site(client, password):
    user = MembershipFactory().user
    response = client.post(
        reverse("accounts:login") + "?next=https://malveillant.example/",
        {"email": user.email, "password": password, "next": "https://malveillant.example/"},
    )
    assert response["Location"] == reverse("web:home")


def test_password_reset_by_email_then_sign_in_with_the_new_password(client):
    user = UserFactory()
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Jalons : choisir un nouveau mot de passe"
    link = re.search(r"https?://[^/]+(/mot-de-passe-oublie/\S+/)", message.body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    assert "Choisir un nouveau mot de passe" in response.content.decode()
    weak = client.post(form_url, {"new_password1": "court", "new_password2": "court"})
    assert "trop court" in weak.content.decode()
    new_password = "Nouveau-Secret-2026"
    done = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert AuditEntry.objects.filter(action=AuditAction.PASSWORD, user=user).exists()
    assert post_sign_in(client, user.email, new_password).status_code == 302


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "personne@exemple.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_the_password_rules_refuse_simple_passwords(client, sign_in, password):
    user = MembershipFactory().user
    sign_in(user)
    url = reverse("accounts:password_change")
    for weak, reason in [
        ("abc", "trop court"),
        ("motdepassemotdepasse", "au moins trois sortes de caractères"),
        ("123456789012", "entièrement numérique"),
    ]:
        html = client.post(
            url, {"old_password": password, "new_password1": weak, "new_password2": weak}
        ).content.decode()
        assert reason in html, weak
    ok = client.post(
        url,
        {
            "old_password": password,
            "new_password1": "Solide-Et-Long-42",
            "new_password2": "Solide-Et-Long-42",
        },
    )
    assert ok.status_code == 302
