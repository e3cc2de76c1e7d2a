import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from jalons.accompagnement.models import (
    AccompanimentAction,
    Partner,
    PlanAction,
    PlanBarrier,
    Review,
    ReviewTemplate,
)
from jalons.accounts.models import User
from jalons.demo.data import load_demo
from jalons.formation.models import TrainingAction, TrainingStep

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 20)


def test_the_demo_has_plans_interviews_bilans_and_trainings_that_open(client):
    load_demo(today=TODAY, offres=False, region=False)  # includes load_demo_accompaniment
    assert Partner.objects.count() >= 5 * 7 and ReviewTemplate.objects.count() >= 15
    assert PlanBarrier.objects.count() > 300 and PlanAction.objects.count() > 300
    assert Review.objects.filter(signed_on__isnull=False, presented_on__isnull=False).exists()
    assert AccompanimentAction.objects.exclude(confidential_note="").exists()
    assert AccompanimentAction.objects.exclude(plan_objective=None).exists()
    assert TrainingAction.objects.exclude(funding="").exists() and TrainingStep.objects.exists()
    # Every record is valid as the services would have saved it.
    for model in (PlanAction, Review, TrainingStep):
        for record in model.objects.all()[:200]:
            record.full_clean()

    secret = AccompanimentAction.objects.exclude(confidential_note="").select_related(
        "person__structure"
    )
    secret = secret.filter(person__structure__identifier="DEMO-ACI-59-001").first()
    person, structure = secret.person, secret.person.structure
    review = Review.objects.filter(person=person).first()
    pages = [
        reverse("parcours:person", args=[structure.pk, person.pk]),
        reverse("accompagnement:plan", args=[structure.pk, person.pk]),
        reverse("accompagnement:reviews", args=[structure.pk, person.pk]),
        reverse("accompagnement:partners", args=[structure.pk]),
    ]
    if review:
        pages.append(
            reverse("accompagnement:review_print", args=[structure.pk, person.pk, review.pk])
        )
    client.force_login(User.objects.get(email="cip@jalons.example"))
    plan = client.get(pages[1]).content.decode()
    note = escape(secret.confidential_note)
    assert note in plan
    client.force_login(User.objects.get(email="encadrant@jalons.example"))
    for page in pages:
        response = client.get(page)
        # Bilans are for the direction and the CIP only (they may hold sensitive matters).
        expected = 403 if "/bilans/" in page else 200
        assert response.status_code == expected, page
        assert note not in response.content.decode()
