"""The missions' part of the person's file: evaluations, integration follow-ups and
incidents, and their events in the chronology."""

from jalons.missions import selectors
from jalons.parcours.extensions import Event, Section

EVENT_KINDS = {
    "evaluation_mission": "Évaluation de mission",
    "suivi_integration": "Suivi d'intégration",
    "incident_mission": "Incident de mission",
}


def missions_section(*, request, structure, role, person, current_parcours, today):
    missions = selectors.missions_of(structure=structure, person=person)
    if not missions.exists():
        return None
    files = selectors.mission_files(structure=structure, contracts=missions)
    events = []
    for f in files:
        c = f.contract
        where = f"{c.post} chez {c.client}" if c.client else c.post
        for e in f.evaluations:
            if not e.is_submitted:
                continue
            by = "l'entreprise cliente" if e.source == "client" else "le CIP"
            details = [where]
            if e.source == "client":
                details.append(
                    f"Présentée au salarié le {e.presented_on:%d/%m/%Y}"
                    if e.presented_on
                    else "Pas encore présentée au salarié"
                )
            events.append(
                Event(e.evaluated_on, "evaluation_mission", f"Évaluation par {by}", details)
            )
        for call in f.calls:
            events.append(
                Event(
                    call.date,
                    "suivi_integration",
                    f"Suivi d'intégration avec {call.get_party_display().lower()}",
                    [where, call.get_medium_display(), call.next_step],
                )
            )
        for incident in f.incidents:
            events.append(
                Event(
                    incident.reported_on,
                    "incident_mission",
                    "Fin anticipée de mission à l'initiative du client",
                    [where],
                )
            )
    for e in events:
        e.details = [d for d in e.details if d]
    return Section(
        template="missions/person_section.html",
        context={"files": files, "structure": structure, "person": person, "today": today},
        events=events,
        order=40,
    )
