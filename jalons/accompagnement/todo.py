"""The accompaniment in « À faire »: pathways in progress without an accompaniment
action for NO_ACCOMPANIMENT_DAYS days."""

import datetime as dt

from django.db.models import Exists, Max, OuterRef

from jalons.accompagnement.models import AccompanimentAction
from jalons.parcours.extensions import TodoItem, TodoSection
from jalons.parcours.models import Parcours

NO_ACCOMPANIMENT_DAYS = 30


def accompaniment_todo(*, structure, today) -> list[TodoSection]:
    since = today - dt.timedelta(days=NO_ACCOMPANIMENT_DAYS)
    quiet = (
        Parcours.objects.filter(structure=structure, exit_date__isnull=True, hire_date__lte=since)
        .annotate(
            last_action=Max("person__accompaniment_actions__date"),
        )
        .exclude(
            Exists(AccompanimentAction.objects.filter(person=OuterRef("person"), date__gt=since))
        )
        .select_related("person")
        .order_by("hire_date")
    )
    items = [
        TodoItem(
            p.person,
            f"Dernier accompagnement le {p.last_action:%d/%m/%Y}"
            if p.last_action
            else "Aucun accompagnement enregistré",
            p.last_action,
        )
        for p in quiet
    ]
    return [
        TodoSection(
            "without_accompaniment",
            f"Parcours sans accompagnement depuis {NO_ACCOMPANIMENT_DAYS} jours",
            f"Chaque parcours a eu un accompagnement ces {NO_ACCOMPANIMENT_DAYS} derniers jours.",
            position=50,
            items=items,
        )
    ]
