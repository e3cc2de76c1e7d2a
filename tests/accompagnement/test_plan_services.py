import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jalons.accompagnement.models import AccompanimentAction, Partner, PlanAction, PlanBarrier
from jalons.accompagnement.services import (
    accompaniment_save,
    partner_save,
    plan_action_save,
    plan_barrier_save,
    plan_objective_save,
)
from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction, AuditEntry
from tests.factories import StructureFactory
from tests.parcours.factories import PersonFactory

pytestmark = pytest.mark.django_db


def build_plan(person, role="cip"):
    barrier = plan_barrier_save(
        actor=Actor(role=role),
        person=person,
        barrier="mobilite",
        intensity="fort",
        identified_on=dt.date(2025, 1, 20),
    )
    objective = plan_objective_save(
        actor=Actor(role=role), plan_barrier=barrier, title="Obtenir le permis B"
    )
    action = plan_action_save(
        actor=Actor(role=role), objective=objective, title="Inscription à l'auto-école"
    )
    return barrier, objective, action


def test_a_plan_goes_from_barrier_to_objective_to_action_and_each_step_is_audited(person):
    barrier, objective, action = build_plan(person)
    assert action.status == "prevue" and objective.plan_barrier == barrier
    types = set(
        AuditEntry.objects.filter(action=AuditAction.CREATE).values_list("object_type", flat=True)
    )
    assert {"frein du plan", "objectif du plan", "action du plan"} <= types


def test_the_same_barrier_cannot_be_entered_twice(person):
    build_plan(person)
    with pytest.raises(ValidationError) as error:
        plan_barrier_save(
            actor=Actor(role="cip"),
            person=person,
            barrier="mobilite",
            intensity="faible",
            identified_on=dt.date(2025, 2, 1),
        )
    assert "figure déjà" in str(error.value.message_dict["barrier"])
    assert PlanBarrier.objects.count() == 1


def test_a_barrier_cannot_be_lifted_before_it_was_identified(person):
    with pytest.raises(ValidationError) as error:
        plan_barrier_save(
            actor=Actor(role="cip"),
            person=person,
            barrier="sante",
            intensity="moyen",
            identified_on=dt.date(2025, 2, 1),
            resolved_on=dt.date(2025, 1, 1),
        )
    assert "resolved_on" in error.value.message_dict
    assert not PlanBarrier.objects.exists()


def test_an_action_done_gets_todays_date_and_a_date_needs_the_done_status(person):
    _, objective, action = build_plan(person)
    today = dt.date(2025, 4, 2)
    plan_action_save(
        actor=Actor(role="cip"), objective=objective, action=action, status="realisee", today=today
    )
    action.refresh_from_db()
    assert action.done_on == today
    with pytest.raises(ValidationError):
        plan_action_save(
            actor=Actor(role="cip"),
            objective=objective,
            title="Autre",
            status="en_attente",
            done_on=today,
        )
    assert PlanAction.objects.count() == 1


def test_a_partner_of_another_structure_is_refused(person):
    _, objective, _ = build_plan(person)
    stranger = Partner.objects.create(
        structure=StructureFactory(), kind="cpam", organisation="CPAM d'ailleurs"
    )
    with pytest.raises(ValidationError):
        plan_action_save(actor=Actor(role="cip"), objective=objective, title="X", partner=stranger)
    with pytest.raises(ValidationError):
        accompaniment_save(
            actor=Actor(role="cip"),
            person=person,
            date=dt.date(2025, 3, 1),
            nature="social",
            duration_minutes=30,
            partner=stranger,
        )
    assert not AccompanimentAction.objects.exists()


def test_an_interview_with_a_referent_keeps_the_speaker_for_the_interchange_format(person, partner):
    _, objective, action = build_plan(person)
    interview = accompaniment_save(
        actor=Actor(role="cip"),
        person=person,
        date=dt.date(2025, 3, 1),
        nature="social",
        duration_minutes=30,
        modality="externe",
        medium="tiers",
        partner=partner,
        speaker="ignoré",
        plan_action=action,
    )
    assert interview.speaker == "Référent RSA : Sophie Lemaire (Conseil départemental du Nord)"
    # The objective and the barrier follow from the plan's action.
    assert interview.plan_objective == objective and interview.barrier == "mobilite"


def test_an_objective_of_another_person_is_refused(person):
    _, objective, _ = build_plan(PersonFactory(structure=person.structure))
    with pytest.raises(ValidationError) as error:
        accompaniment_save(
            actor=Actor(role="cip"),
            person=person,
            date=dt.date(2025, 3, 1),
            nature="social",
            duration_minutes=30,
            plan_objective=objective,
        )
    assert "plan_objective" in error.value.message_dict


def test_a_confidential_note_never_enters_the_audit_log(person):
    interview = accompaniment_save(
        actor=Actor(role="cip"),
        person=person,
        date=dt.date(2025, 3, 1),
        nature="social",
        duration_minutes=30,
        note="Note que tous lisent",
        confidential_note="Violences conjugales évoquées",
    )
    accompaniment_save(
        actor=Actor(role="cip"),
        person=person,
        action=interview,
        confidential_note="Hospitalisation prévue en mai",
    )
    entries = AuditEntry.objects.filter(object_type="action d'accompagnement")
    assert entries.count() == 2
    text = str(list(entries.values_list("changes", flat=True)))
    assert "Violences" not in text and "Hospitalisation" not in text
    assert "(note confidentielle)" in text and "Note que tous lisent" in text


def test_partners_are_saved_with_an_audit_entry(cip):
    partner = partner_save(
        actor=Actor(role="cip"), structure=cip.structure, kind="plie", organisation="PLIE de Lille"
    )
    assert str(partner) == "PLIE : PLIE de Lille"
    assert AuditEntry.objects.filter(object_type="partenaire", structure=cip.structure).exists()
