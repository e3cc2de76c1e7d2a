"""The PASS IAE in the person's file: the alerts at the top, a card per PASS, their
events in the chronology and the button « Ajouter un PASS IAE »."""

from django.urls import reverse

from jalons.accounts.access import role_allows
from jalons.parcours.extensions import ALERTS, CARDS, Action, Event, Section
from jalons.pass_iae.models import PassIae
from jalons.pass_iae.selectors import person_pass_status


def pass_alerts_section(*, request, structure, role, person, current_parcours, today):
    alerts = person_pass_status(person=person, today=today).alerts()
    if not alerts:
        return None
    return Section(
        template="pass_iae/includes/alerts.html", context={"alerts": alerts}, place=ALERTS
    )


def pass_cards_section(*, request, structure, role, person, current_parcours, today) -> Section:
    passes = list(
        PassIae.objects.filter(person=person).prefetch_related("suspensions", "prolongations")
    )
    events = []
    for p in passes:
        events.append(
            Event(
                p.start_date,
                "pass",
                f"Début du PASS IAE n° {p.number}",
                [f"Fin prévue le {p.end_date:%d/%m/%Y}"],
            )
        )
        for s in p.suspensions.all():
            events.append(
                Event(
                    s.start_date,
                    "pass",
                    "Suspension du PASS IAE",
                    [f"Jusqu'au {s.end_date:%d/%m/%Y}", s.get_motif_display()],
                )
            )
        for pr in p.prolongations.all():
            events.append(
                Event(
                    pr.start_date,
                    "pass",
                    "Prolongation du PASS IAE",
                    [f"Jusqu'au {pr.end_date:%d/%m/%Y}", pr.prescriber],
                )
            )
        events.append(Event(p.end_date, "pass", "Fin du PASS IAE", upcoming=p.end_date > today))
    for e in events:
        e.details = [d for d in e.details if d]
    return Section(
        template="pass_iae/includes/cards.html",
        context={
            "passes": passes,
            "today": today,
            "can_edit": role_allows(role, "personnes.modifier"),
        },
        events=events,
        actions=[
            Action(
                "Ajouter un PASS IAE",
                reverse("parcours:pass_create", args=[structure.pk, person.pk]),
                60,
            )
        ],
        place=CARDS,
    )
