"""The client company's evaluation link: no account, one mission, one submission."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jalons.audit.models import AuditEntry
from jalons.missions import services
from jalons.missions.models import MissionEvaluation
from tests.missions.conftest import scores


def link_objects():
    return AuditEntry.objects.filter(
        object_type__in=[services.LINK_OBJECT_TYPE, services.LINK_REFUSED_OBJECT_TYPE]
    )


@pytest.fixture
def link(cip_client, etti):
    """A link created by the CIP through the page; returns its path."""
    url = reverse(
        "missions:client_link", args=[etti["structure"].pk, etti["person"].pk, etti["mission"].pk]
    )
    assert cip_client.get(url).status_code == 200
    response = cip_client.post(url)
    assert response.status_code == 200
    found = re.search(
        r'value="http://testserver(/evaluation-mission/[^"]+)"', response.content.decode()
    )
    assert found, response.content.decode()
    return found.group(1)


def form_data(etti, **extra):
    criteria = services.active_criteria(etti["structure"])
    return {
        "evaluator_name": "Mme Lefèvre, cheffe d'équipe",
        "comment": "Sérieuse.",
        **scores(criteria, "4"),
        **extra,
    }


def test_only_the_hash_of_the_token_is_kept(link, etti):
    token = link.rstrip("/").rsplit("/", 1)[1]
    evaluation = MissionEvaluation.objects.get(contract=etti["mission"], source="client")
    assert evaluation.token_hash != token and len(evaluation.token_hash) == 64
    assert not MissionEvaluation.objects.filter(token_hash=token).exists()
    assert evaluation.link_expires_at - timezone.now() > datetime.timedelta(days=14)


def test_the_client_fills_the_grid_through_its_link_without_an_account(link, etti):
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    response = visitor.get(link)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aminata" in html
    assert "Préparatrice de commandes" in html and "Logistique du Nord" in html
    assert "06/01/2025" in html and "28/02/2025" in html
    # Nothing else about the person.
    for private in ("Testelin", "06 11 22 33 44", "1980", etti["person"].external_id):
        assert private not in html
    response = visitor.post(link, form_data(etti))
    assert response.status_code == 200
    assert "Merci, votre évaluation est transmise" in response.content.decode()
    evaluation = MissionEvaluation.objects.get(contract=etti["mission"], source="client")
    assert evaluation.is_submitted and evaluation.evaluator_name.startswith("Mme Lefèvre")
    assert {a.score for a in evaluation.answers.all()} == {"4"}
    entries = link_objects().filter(ip="203.0.113.7")
    assert entries.count() == 3  # opened, opened again with the form, submitted
    assert all(e.user is None for e in entries)
    assert entries.filter(changes__résultat="évaluation transmise").exists()


def test_a_missing_answer_is_explained_in_french_and_the_link_still_works(link, etti):
    visitor = Client()
    data = form_data(etti, evaluator_name="")
    first = services.active_criteria(etti["structure"])[0]
    del data[f"critere_{first.pk}"]
    html = visitor.post(link, data).content.decode()
    assert f"Choisissez une appréciation pour « {first.label} » (ou « Non observé »)." in html
    assert "Indiquez votre nom et votre fonction." in html
    assert visitor.get(link).status_code == 200
    assert visitor.post(link, form_data(etti)).status_code == 200


def test_the_link_is_refused_once_used(link, etti):
    visitor = Client()
    visitor.post(link, form_data(etti))
    for method in (visitor.get, visitor.post):
        response = method(link) if method == visitor.get else method(link, form_data(etti))
        assert response.status_code == 410
        assert "déjà été transmise" in response.content.decode()
    assert (
        link_objects().filter(changes__résultat="refusé : évaluation déjà transmise").count() == 2
    )


def test_the_link_is_refused_after_expiry(link, etti):
    MissionEvaluation.objects.filter(contract=etti["mission"]).update(
        link_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = Client(REMOTE_ADDR="198.51.100.2").get(link)
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()
    entry = link_objects().get(ip="198.51.100.2")
    assert entry.changes == {"résultat": "refusé : lien expiré"}
    assert entry.structure == etti["structure"]


def test_a_tampered_token_is_refused(link):
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = Client().get(tampered)
    assert response.status_code == 404
    assert "Ce lien n'est pas valable" in response.content.decode()
    assert link_objects().filter(changes__résultat="refusé : lien inconnu ou altéré").count() == 1


def test_a_token_is_refused_on_another_missions_address(link, etti):
    token = link.rstrip("/").rsplit("/", 1)[1]
    other = reverse("missions:client_evaluation", args=[etti["other_mission"].pk, token])
    response = Client().get(other)
    assert response.status_code == 403
    assert "ne correspond pas à cette mission" in response.content.decode()
    response = Client().post(other, form_data(etti))
    assert response.status_code == 403
    assert not MissionEvaluation.objects.filter(contract=etti["other_mission"]).exists()
    assert not MissionEvaluation.objects.get(contract=etti["mission"]).is_submitted


def test_a_new_link_makes_the_unused_previous_one_expire(link, cip_client, etti):
    cip_client.post(
        reverse(
            "missions:client_link",
            args=[etti["structure"].pk, etti["person"].pk, etti["mission"].pk],
        )
    )
    assert Client().get(link).status_code == 410


def test_too_many_attempts_from_one_address_are_refused(link, settings):
    settings.JALONS_CLIENT_LINK_MAX_ATTEMPTS = 3
    visitor = Client(REMOTE_ADDR="192.0.2.9")
    for _ in range(3):
        visitor.get(link[:-4] + "zzzz/")
    response = visitor.get(link)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


def test_the_form_is_protected_against_cross_site_requests(link, etti):
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.post(link, form_data(etti)).status_code == 403
    assert not MissionEvaluation.objects.get(contract=etti["mission"]).is_submitted


def test_a_cddi_has_no_client_link(cip_client, etti):
    from tests.parcours.factories import ContractFactory

    cddi = ContractFactory(parcours=etti["parcours"])
    url = reverse("missions:client_link", args=[etti["structure"].pk, etti["person"].pk, cddi.pk])
    assert cip_client.get(url).status_code == 404


def test_the_client_answers_are_shown_in_the_file_and_presented_to_the_employee(
    link, cip_client, etti
):
    Client().post(link, form_data(etti))
    structure, person = etti["structure"], etti["person"]
    evaluation = MissionEvaluation.objects.get(contract=etti["mission"], source="client")
    file = cip_client.get(reverse("parcours:person", args=[structure.pk, person.pk]))
    html = file.content.decode()
    assert "Missions et évaluations" in html
    assert "à présenter au salarié" in html
    assert "Évaluation par l&#x27;entreprise cliente" in html
    page = cip_client.get(
        reverse("missions:evaluation", args=[structure.pk, person.pk, evaluation.pk])
    )
    assert "Très satisfaisant" in page.content.decode()
    today = timezone.localdate()
    response = cip_client.post(
        reverse("missions:evaluation_presented", args=[structure.pk, person.pk, evaluation.pk]),
        {"presented_on": today.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.presented_on == today
    html = cip_client.get(
        reverse("parcours:person", args=[structure.pk, person.pk])
    ).content.decode()
    assert "présentée au salarié" in html


def test_the_link_page_prepares_an_email_to_the_client(cip_client, etti):
    etti["client"].email = "rh@logistique-nord.example"
    etti["client"].save()
    url = reverse(
        "missions:client_link", args=[etti["structure"].pk, etti["person"].pk, etti["mission"].pk]
    )
    html = cip_client.post(url).content.decode()
    assert 'href="mailto:rh@logistique-nord.example?subject=' in html
    assert "Testelin" not in html.split("mailto:", 1)[1].split('"', 1)[0]


def test_opening_a_valid_link_does_not_count_as_a_refused_attempt(link, settings):
    settings.JALONS_CLIENT_LINK_MAX_ATTEMPTS = 2
    visitor = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(5):
        assert visitor.get(link).status_code == 200


def test_behind_a_trusted_proxy_the_visitor_address_is_the_forwarded_one(link, settings):
    from jalons.audit.models import AuditEntry

    settings.JALONS_TRUSTED_PROXIES = ("127.0.0.1",)
    settings.JALONS_CLIENT_LINK_MAX_ATTEMPTS = 2
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(2):
        attacker.get(link[:-4] + "zzzz/")
    assert attacker.get(link).status_code == 429
    genuine = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert genuine.get(link).status_code == 200
    assert AuditEntry.objects.filter(ip="198.51.100.7").count() == 2
