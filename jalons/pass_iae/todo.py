"""The PASS IAE in « À faire »: pathways beyond the end of their PASS, PASS ending
soon; and the PASS among what a complete file needs."""

from django.db.models import Exists, OuterRef

from jalons.parcours.extensions import TodoItem, TodoSection
from jalons.pass_iae.models import PassIae
from jalons.pass_iae.selectors import PASS_ENDING_DAYS, present_pass_statuses


def pass_todo(*, structure, today) -> list[TodoSection]:
    """Ended (or overrun by contracts, missions, hours) while the pathway goes on;
    ending within PASS_ENDING_DAYS days. Suspensions and prolongations are in the end."""
    overdue, ending = [], []
    for parcours, status in present_pass_statuses(structure=structure, today=today):
        if status.overdue:
            ended = status.ended or status.beyond[-1].pass_iae
            overdue.append(TodoItem(parcours.person, status.todo_text(), ended.end))
        elif status.ending_soon:
            block = status.current
            ending.append(
                TodoItem(
                    parcours.person,
                    f"PASS IAE n° {block.last.number} : fin le {block.end:%d/%m/%Y}",
                    block.end,
                )
            )
    overdue.sort(key=lambda item: item.date)
    ending.sort(key=lambda item: item.date)
    return [
        TodoSection(
            "passes_overdue",
            "Parcours qui dépassent la fin du PASS IAE",
            "Aucun parcours en cours ne dépasse la fin de son PASS IAE.",
            position=30,
            items=overdue,
        ),
        TodoSection(
            "passes_ending",
            f"PASS IAE finissant dans les {PASS_ENDING_DAYS} jours",
            f"Aucun PASS IAE ne finit dans les {PASS_ENDING_DAYS} jours.",
            position=40,
            items=ending,
        ),
    ]


def has_pass():
    """For « Dossiers incomplets »: at least one PASS IAE."""
    return Exists(PassIae.objects.filter(person=OuterRef("pk")))
