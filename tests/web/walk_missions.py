"""The access walk's records for the mission tools (jalons.missions)."""

import datetime

from jalons.contrats.models import Contract
from jalons.missions.models import (
    EvaluationCriterion,
    IncidentAction,
    IntegrationCall,
    MissionEvaluation,
    MissionIncident,
)

PARAMETERS = {
    "mission_id": "mission_contract",
    "evaluation_id": "mission_evaluation",
    "incident_id": "mission_incident",
    "criterion_id": "mission_criterion",
}

NOT_SCOPED = {
    "missions:client_evaluation": "the token is the credential, tested in tests/missions",
}


def make(victim: dict) -> dict:
    structure = victim["structure"]
    parcours = victim["parcours"]
    mission = Contract.objects.create(
        parcours=parcours,
        kind="mission",
        post="Préparateur de commandes",
        start_date=datetime.date(2025, 2, 3),
        end_date=datetime.date(2025, 3, 28),
        client=victim["client"],
    )
    criterion = EvaluationCriterion.objects.create(structure=structure, label="Ponctualité")
    evaluation = MissionEvaluation.objects.create(
        contract=mission,
        source="client",
        evaluated_on=datetime.date(2025, 3, 1),
        evaluator_name="M. Client",
        submitted_at=datetime.datetime(2025, 3, 1, 10, tzinfo=datetime.UTC),
        link_expires_at=datetime.datetime(2025, 3, 10, tzinfo=datetime.UTC),
        token_hash="0" * 64,
    )
    evaluation.answers.create(criterion=criterion, criterion_label="Ponctualité", score="3")
    IntegrationCall.objects.create(
        contract=mission, date=datetime.date(2025, 2, 5), party="client", notes="Bon début."
    )
    incident = MissionIncident.objects.create(
        contract=mission, reported_on=datetime.date(2025, 3, 20), facts="Retards répétés."
    )
    IncidentAction.objects.create(incident=incident, description="Point à trois", owner="CIP")
    return {
        "mission_contract": mission,
        "mission_evaluation": evaluation,
        "mission_incident": incident,
        "mission_criterion": criterion,
    }
