"""Reads for the plan d'accompagnement, interviews, partners and bilans. Every function
takes a person or a structure that the caller obtained through ``jalons.accounts.access``."""

from collections import defaultdict

from django.db.models import Prefetch, Q

from jalons.accompagnement.models import (
    SENSITIVE_BARRIERS,
    AccompanimentAction,
    Partner,
    PlanAction,
    PlanBarrier,
    PlanObjective,
    Review,
    ReviewTemplate,
)


def partners_of(*, structure, active_only: bool = False):
    partners = Partner.objects.filter(structure=structure)
    return partners.filter(active=True) if active_only else partners


def partner_options(*, structure, current: int | None = None):
    """The partners offered in a form: the active ones, and the one already chosen."""
    return partners_of(structure=structure).filter(Q(active=True) | Q(pk=current))


def partner_of(*, structure, partner_id: int) -> Partner:
    return partners_of(structure=structure).get(pk=partner_id)


def plan_of(*, person, can_see_sensitive: bool) -> list[PlanBarrier]:
    """The plan: barriers, their objectives and actions. Health and justice barriers
    only for the roles that may see sensitive data."""
    barriers = PlanBarrier.objects.filter(person=person).prefetch_related(
        Prefetch(
            "objectives",
            queryset=PlanObjective.objects.prefetch_related(
                Prefetch("actions", queryset=PlanAction.objects.select_related("partner"))
            ),
        )
    )
    if not can_see_sensitive:
        barriers = barriers.exclude(barrier__in=SENSITIVE_BARRIERS)
    return list(barriers)


def plan_barrier_of(*, person, plan_barrier_id: int) -> PlanBarrier:
    return PlanBarrier.objects.select_related("person").get(pk=plan_barrier_id, person=person)


def plan_objective_of(*, person, plan_objective_id: int) -> PlanObjective:
    return PlanObjective.objects.select_related("plan_barrier__person").get(
        pk=plan_objective_id, plan_barrier__person=person
    )


def plan_action_of(*, person, plan_action_id: int) -> PlanAction:
    return PlanAction.objects.select_related("objective__plan_barrier__person").get(
        pk=plan_action_id, objective__plan_barrier__person=person
    )


def objective_choices(*, person, can_see_sensitive: bool) -> list[tuple[int, str]]:
    return [
        (o.pk, f"{b.get_barrier_display()} – {o.title}")
        for b in plan_of(person=person, can_see_sensitive=can_see_sensitive)
        for o in b.objectives.all()
    ]


def plan_action_choices(*, person, can_see_sensitive: bool) -> list[tuple[int, str]]:
    return [
        (a.pk, f"{o.title} – {a.title}")
        for b in plan_of(person=person, can_see_sensitive=can_see_sensitive)
        for o in b.objectives.all()
        for a in o.actions.all()
    ]


def interviews_of(*, person):
    return AccompanimentAction.objects.filter(person=person).select_related(
        "partner", "plan_objective__plan_barrier", "plan_action", "author"
    )


def interview_of(*, person, interview_id: int) -> AccompanimentAction:
    return interviews_of(person=person).get(pk=interview_id)


def time_summary(interviews) -> dict:
    """Minutes spent, in total and by nature, modality and barrier."""
    summary = {"total": 0, "nature": defaultdict(int), "modality": defaultdict(int)}
    for a in interviews:
        summary["total"] += a.duration_minutes
        summary["nature"][a.get_nature_display()] += a.duration_minutes
        summary["modality"][a.get_modality_display() or "Non renseignée"] += a.duration_minutes
    summary["nature"] = dict(summary["nature"])
    summary["modality"] = dict(summary["modality"])
    return summary


def review_templates_of(*, structure, active_only: bool = False):
    templates = ReviewTemplate.objects.filter(structure=structure)
    return templates.filter(active=True) if active_only else templates


def review_template_of(*, structure, review_template_id: int) -> ReviewTemplate:
    return review_templates_of(structure=structure).get(pk=review_template_id)


def reviews_of(*, person):
    return Review.objects.filter(person=person).select_related("signed_by", "author")


def review_of(*, person, review_id: int) -> Review:
    return reviews_of(person=person).get(pk=review_id)
