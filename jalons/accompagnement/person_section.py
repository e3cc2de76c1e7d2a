"""The plan, interviews, bilans and trainings in the person's file, their events and
the button « Ajouter un accompagnement »."""

from django.urls import reverse

from jalons.accompagnement import selectors
from jalons.accompagnement.models import AccompanimentAction, PlanActionStatus
from jalons.accounts.access import role_allows
from jalons.formation.models import TrainingAction
from jalons.parcours.extensions import Action, Event, Section

RECENT_INTERVIEWS = 5


def action_events(*, person, can_see_sensitive: bool) -> list[Event]:
    """Every accompaniment action. Health and justice barriers are named only to the
    roles that may see sensitive data."""
    events = []
    actions = AccompanimentAction.objects.filter(person=person).select_related(
        "partner", "plan_objective__plan_barrier"
    )
    for a in actions:
        details = [f"{a.duration_minutes} min", a.get_modality_display() or ""]
        hidden = a.is_sensitive and not can_see_sensitive
        if a.barrier and not hidden:
            details.append(f"Frein : {a.get_barrier_display()}")
        elif hidden:
            details.append("Frein ou intervenant : donnée sensible")
        if a.speaker and not hidden:
            details.append(a.speaker)
        events.append(
            Event(
                a.date,
                "accompagnement",
                f"Accompagnement {a.get_nature_display().lower()}",
                [d for d in details if d],
            )
        )
    return events


def accompaniment_section(*, request, structure, role, person, current_parcours, today) -> Section:
    can_see_sensitive = role_allows(role, "donnees_sensibles.voir")
    plan = selectors.plan_of(person=person, can_see_sensitive=can_see_sensitive)
    # Bilans may hold health or justice matters: direction and CIP only.
    reviews = list(selectors.reviews_of(person=person)) if can_see_sensitive else []
    interviews = list(selectors.interviews_of(person=person)[:RECENT_INTERVIEWS])
    trainings = list(TrainingAction.objects.filter(person=person).prefetch_related("steps"))
    events = action_events(person=person, can_see_sensitive=can_see_sensitive)
    for r in reviews:
        details = [f"Validé le {r.signed_on:%d/%m/%Y}" if r.signed_on else "À valider"]
        if r.presented_on:
            details.append(f"Présenté à la personne le {r.presented_on:%d/%m/%Y}")
        events.append(Event(r.date, "bilan", r.get_kind_display(), details))
    for b in plan:
        events.append(
            Event(
                b.identified_on,
                "plan",
                f"Frein repéré : {b.get_barrier_display()}",
                [f"Intensité {b.get_intensity_display().lower()}"],
            )
        )
        for o in b.objectives.all():
            for a in o.actions.all():
                if a.status == PlanActionStatus.DONE and a.done_on:
                    events.append(
                        Event(a.done_on, "plan", f"Action réalisée : {a.title}", [o.title])
                    )
    counts = {"barriers": len(plan), "open_actions": 0}
    for b in plan:
        for o in b.objectives.all():
            counts["open_actions"] += sum(
                1
                for a in o.actions.all()
                if a.status in (PlanActionStatus.PLANNED, PlanActionStatus.IN_PROGRESS)
            )
    actions = []
    if current_parcours:
        url = reverse("parcours:accompaniment_create", args=[structure.pk, person.pk])
        actions.append(Action("Ajouter un accompagnement", url, 10, style="primary"))
    return Section(
        template="accompagnement/includes/person_section.html",
        context={
            "plan": plan,
            "counts": counts,
            "reviews": reviews,
            "interviews": interviews,
            "trainings": trainings,
            "can_edit": role_allows(role, "personnes.modifier"),
            "can_see_sensitive": can_see_sensitive,
        },
        events=events,
        actions=actions,
        order=20,
    )
