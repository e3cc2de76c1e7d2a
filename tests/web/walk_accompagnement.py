"""Records of the plan d'accompagnement, bilans, partners and trainings for the access walk."""

import datetime as dt

from jalons.accompagnement.models import (
    AccompanimentAction,
    Partner,
    PlanAction,
    PlanBarrier,
    PlanObjective,
    Review,
    ReviewTemplate,
)
from jalons.accompagnement.review_defaults import DEFAULT_TEMPLATES, parse_questions
from jalons.formation.models import TrainingAction, TrainingStep

PARAMETERS = {
    "partner_id": "partner",
    "review_template_id": "review_template",
    "plan_barrier_id": "plan_barrier",
    "plan_objective_id": "plan_objective",
    "plan_action_id": "plan_action",
    "interview_id": "interview",
    "review_id": "review",
    "training_id": "training",
}


def make(victim) -> dict:
    person, structure = victim["person"], victim["structure"]
    partner = Partner.objects.create(
        structure=structure, kind="referent_rsa", organisation="Conseil départemental"
    )
    kind, name, questions = DEFAULT_TEMPLATES[0]
    template = ReviewTemplate.objects.create(
        structure=structure, kind=kind, name=name, questions=questions
    )
    barrier = PlanBarrier.objects.create(
        person=person, barrier="mobilite", intensity="fort", identified_on=dt.date(2025, 2, 1)
    )
    objective = PlanObjective.objects.create(plan_barrier=barrier, title="Obtenir le permis B")
    action = PlanAction.objects.create(objective=objective, title="Inscription", partner=partner)
    interview = AccompanimentAction.objects.create(
        person=person,
        date=dt.date(2025, 2, 3),
        nature="social",
        duration_minutes=30,
        plan_objective=objective,
        confidential_note="Secret de la victime",
    )
    review = Review.objects.create(
        person=person,
        kind=kind,
        template=template,
        date=dt.date(2025, 2, 1),
        answers=parse_questions(questions),
    )
    training = TrainingAction.objects.create(person=person, title="CACES", status="preparation")
    TrainingStep.objects.create(training=training, date=dt.date(2025, 3, 1), description="Tests")
    return {
        "partner": partner,
        "review_template": template,
        "plan_barrier": barrier,
        "plan_objective": objective,
        "plan_action": action,
        "interview": interview,
        "review": review,
        "training": training,
    }
