"""The trainings in the person's file: their start in the chronology and the button
« Ajouter une formation » (the trainings themselves are shown with the
accompaniment)."""

from django.urls import reverse

from jalons.formation.models import TrainingAction
from jalons.parcours.extensions import Action, Event, Section


def trainings_section(*, request, structure, role, person, current_parcours, today) -> Section:
    events = []
    for t in TrainingAction.objects.filter(person=person):
        if t.start_date:
            details = [t.get_status_display()]
            events.append(
                Event(t.start_date, "formation", t.title or "Formation", [d for d in details if d])
            )
    return Section(
        events=events,
        actions=[
            Action(
                "Ajouter une formation",
                reverse("parcours:training_create", args=[structure.pk, person.pk]),
                70,
            )
        ],
    )
