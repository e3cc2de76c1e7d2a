"""Leaks found in review: health and justice must stay hidden from the technical
supervisor, even through a referent's name or an objective linked to another barrier."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalons.accompagnement.models import AccompanimentAction, Partner, PlanBarrier, PlanObjective
from jalons.accompagnement.services import accompaniment_save
from jalons.audit.actor import Actor
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(rf):
    cip = MembershipFactory(cip=True)
    supervisor = MembershipFactory(structure=cip.structure, encadrant=True)
    person = ParcoursFactory(person__structure=cip.structure).person
    request = rf.post("/")
    request.user = cip.user
    return cip, supervisor, person, request


def test_a_justice_referent_is_not_named_to_the_supervisor(client, setting):
    cip, supervisor, person, request = setting
    spip = Partner.objects.create(
        structure=cip.structure,
        kind="spip",
        organisation="SPIP du Nord",
        contact_name="M. Probation",
    )
    accompaniment_save(
        actor=Actor.from_request(request, role="cip"),
        person=person,
        date=dt.date(2025, 3, 1),
        nature="social",
        duration_minutes=30,
        partner=spip,
        modality="externe",
    )
    client.force_login(supervisor.user)
    for name in ("parcours:person", "accompagnement:plan"):
        html = client.get(reverse(name, args=[cip.structure.pk, person.pk])).content.decode()
        assert "Probation" not in html and "SPIP" not in html, name
    client.force_login(cip.user)
    html = client.get(
        reverse("parcours:person", args=[cip.structure.pk, person.pk])
    ).content.decode()
    assert "Probation" in html


def test_an_interview_cannot_hide_a_health_objective_under_another_barrier(setting):
    _cip, _supervisor, person, request = setting
    health = PlanBarrier.objects.create(
        person=person, barrier="sante", intensity="fort", identified_on=dt.date(2025, 2, 1)
    )
    objective = PlanObjective.objects.create(plan_barrier=health, title="Sevrage alcool CSAPA")
    with pytest.raises(ValidationError) as error:
        accompaniment_save(
            actor=Actor.from_request(request, role="cip"),
            person=person,
            date=dt.date(2025, 3, 1),
            nature="social",
            duration_minutes=30,
            barrier="mobilite",
            plan_objective=objective,
        )
    assert "doit être celui de l'objectif choisi" in str(error.value)
    assert not AccompanimentAction.objects.exists()


def test_bilans_are_for_the_direction_and_the_cip_only(client, setting):
    cip, supervisor, person, _request = setting
    client.force_login(supervisor.user)
    assert (
        client.get(
            reverse("accompagnement:reviews", args=[cip.structure.pk, person.pk])
        ).status_code
        == 403
    )
    html = client.get(reverse("parcours:person", args=[cip.structure.pk, person.pk])).content
    assert b"titre-bilans-resume" not in html


def test_help_texts_typed_by_users_are_escaped():
    # The evaluation grid's criteria carry a help text typed by a CIP, shown to clients.
    from django import forms
    from django.template.loader import render_to_string

    class Probe(forms.Form):
        field = forms.CharField(help_text="<script>alert(1)</script>")

    html = render_to_string("web/includes/field.html", {"field": Probe()["field"]})
    assert "<script>" not in html and "&lt;script&gt;" in html
