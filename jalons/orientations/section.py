"""The orientations in the person's file: their events in the chronology and the
button « Ajouter une orientation »."""

from django.urls import reverse

from jalons.orientations.models import Orientation
from jalons.parcours.extensions import Action, Event, Section


def orientations_section(*, request, structure, role, person, current_parcours, today) -> Section:
    events = []
    for o in Orientation.objects.filter(structure=structure, person=person):
        details = [o.prescriber_organisation, f"Issue : {o.get_outcome_display()}"]
        events.append(
            Event(
                o.date,
                "orientation",
                f"Orientation par {o.get_prescriber_type_display()}",
                [d for d in details if d],
            )
        )
    return Section(
        events=events,
        actions=[
            Action(
                "Ajouter une orientation",
                reverse("parcours:orientation_create", args=[structure.pk, person.pk]),
                50,
            )
        ],
    )
