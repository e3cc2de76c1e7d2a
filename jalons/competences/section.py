"""The skills section of a person's file: progression summary, evaluations, documents."""

from collections import defaultdict

from jalons.accounts.access import role_allows
from jalons.competences import selectors
from jalons.parcours.extensions import Event, Section


def skills_section(*, request, structure, role, person, current_parcours, today) -> Section:
    evaluations = list(selectors.evaluations_of(structure=structure, person=person))
    latest = {}
    sessions = defaultdict(list)
    for e in evaluations:
        latest[e.skill_id] = e
        sessions[(e.evaluated_on, e.evaluator_label)].append(e)
    acquired = sum(1 for e in latest.values() if e.level >= 2)
    events = [
        Event(
            date=day,
            kind="competences",
            title="Évaluation de compétences",
            details=[
                evaluator,
                f"{len(items)} compétence{'s' if len(items) > 1 else ''} évaluée"
                f"{'s' if len(items) > 1 else ''}",
            ],
        )
        for (day, evaluator), items in sessions.items()
    ]
    return Section(
        template="competences/person_section.html",
        context={
            "evaluated": len(latest),
            "acquired": acquired,
            "last_date": evaluations[-1].evaluated_on if evaluations else None,
            "can_evaluate": role_allows(role, "competences.evaluer"),
        },
        events=events,
        order=60,
    )
