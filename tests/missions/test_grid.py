import datetime

from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.missions import services
from jalons.missions.models import DEFAULT_CRITERIA, EvaluationCriterion
from tests.factories import MembershipFactory
from tests.missions.conftest import scores


def test_the_grid_starts_with_the_default_criteria(cip_client, etti):
    response = cip_client.get(reverse("missions:grid", args=[etti["structure"].pk]))
    assert response.status_code == 200
    labels = list(
        EvaluationCriterion.objects.filter(structure=etti["structure"]).values_list(
            "label", flat=True
        )
    )
    assert labels == list(DEFAULT_CRITERIA)
    assert "Respect des consignes de sécurité" in response.content.decode()


def test_a_cip_adds_renames_and_deactivates_criteria(cip_client, etti):
    structure = etti["structure"]
    cip_client.get(reverse("missions:grid", args=[structure.pk]))
    response = cip_client.post(
        reverse("missions:criterion_create", args=[structure.pk]),
        {"label": "Port des EPI", "help_text": "", "position": "", "active": "on"},
    )
    assert response.status_code == 302
    added = EvaluationCriterion.objects.get(structure=structure, label="Port des EPI")
    assert added.position > 10 and added.active
    punctuality = EvaluationCriterion.objects.get(structure=structure, position=10)
    cip_client.post(
        reverse("missions:criterion_edit", args=[structure.pk, punctuality.pk]),
        {"label": "Ponctualité", "help_text": "Heures d'arrivée", "position": "5"},
    )
    punctuality.refresh_from_db()
    assert (punctuality.label, punctuality.active, punctuality.position) == (
        "Ponctualité",
        False,
        5,
    )
    form = cip_client.get(
        reverse(
            "missions:evaluation_create",
            args=[structure.pk, etti["person"].pk, etti["mission"].pk],
        )
    ).content.decode()
    assert "Port des EPI" in form and "Ponctualité" not in form


def test_editing_the_grid_never_changes_a_past_evaluation(rf, etti):
    structure = etti["structure"]
    services.criteria_ensure_defaults(actor=Actor(role="cip"), structure=structure)
    criteria = services.active_criteria(structure)
    evaluation = services.evaluation_create(
        actor=Actor(role="cip"),
        contract=etti["mission"],
        evaluated_on=datetime.date(2025, 1, 20),
        answers={c.pk: ("3", "") for c in criteria},
    )
    first = criteria[0]
    services.criterion_save(
        actor=Actor(role="cip"), structure=structure, criterion=first, label="Assiduité"
    )
    first.delete()
    labels = [a.criterion_label for a in evaluation.answers.all()]
    assert labels[0] == DEFAULT_CRITERIA[0]
    assert len(labels) == len(DEFAULT_CRITERIA)


def test_a_duplicate_or_empty_label_is_refused_beside_the_field(cip_client, etti):
    structure = etti["structure"]
    cip_client.get(reverse("missions:grid", args=[structure.pk]))
    url = reverse("missions:criterion_create", args=[structure.pk])
    response = cip_client.post(url, {"label": "autonomie", "active": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Un critère de la grille porte déjà ce libellé." in html
    assert 'id="id_label_erreur_1"' in html
    response = cip_client.post(url, {"label": "", "position": "dix"})
    html = response.content.decode()
    assert "Indiquez le libellé du critère." in html
    assert "Saisissez un nombre entier, par exemple 10." in html


def test_a_technical_supervisor_sees_the_grid_but_cannot_edit_it(client, etti):
    structure = etti["structure"]
    client.force_login(MembershipFactory(structure=structure, encadrant=True).user)
    assert client.get(reverse("missions:grid", args=[structure.pk])).status_code == 200
    response = client.post(
        reverse("missions:criterion_create", args=[structure.pk]), {"label": "X"}
    )
    assert response.status_code == 403
    assert not EvaluationCriterion.objects.filter(label="X").exists()


def test_scores_helper_covers_every_criterion(etti):
    services.criteria_ensure_defaults(actor=Actor(role="cip"), structure=etti["structure"])
    assert len(scores(services.active_criteria(etti["structure"]))) == len(DEFAULT_CRITERIA)
