"""Reads for the mission tools. Every function takes a structure obtained through
``jalons.accounts.access``."""

from dataclasses import dataclass

from django.db.models import Prefetch

from jalons.contrats.models import Contract
from jalons.missions.models import (
    MISSION_KINDS,
    EvaluationCriterion,
    EvaluationSource,
    IntegrationCall,
    MissionEvaluation,
    MissionIncident,
)


def criteria_of(*, structure):
    return EvaluationCriterion.objects.filter(structure=structure)


def criterion_of(*, structure, criterion_id: int) -> EvaluationCriterion:
    return criteria_of(structure=structure).get(pk=criterion_id)


def missions_of(*, structure, person):
    return (
        Contract.objects.filter(
            parcours__structure=structure, parcours__person=person, kind__in=MISSION_KINDS
        )
        .select_related("client", "parcours")
        .order_by("-start_date", "-pk")
    )


def mission_of(*, structure, person, mission_id: int) -> Contract:
    return missions_of(structure=structure, person=person).get(pk=mission_id)


def evaluation_of(*, structure, person, evaluation_id: int) -> MissionEvaluation:
    return (
        MissionEvaluation.objects.filter(
            contract__parcours__structure=structure,
            contract__parcours__person=person,
            contract__kind__in=MISSION_KINDS,
        )
        .select_related("contract__client", "contract__parcours")
        .prefetch_related("answers")
        .get(pk=evaluation_id)
    )


def incident_of(*, structure, person, incident_id: int) -> MissionIncident:
    return (
        MissionIncident.objects.filter(
            contract__parcours__structure=structure,
            contract__parcours__person=person,
            contract__kind__in=MISSION_KINDS,
        )
        .select_related("contract__client", "contract__parcours", "created_by")
        .prefetch_related("actions")
        .get(pk=incident_id)
    )


@dataclass
class MissionFile:
    contract: Contract
    evaluations: list
    calls: list
    incidents: list

    @property
    def cip_evaluations(self):
        return [e for e in self.evaluations if e.source == EvaluationSource.CIP]

    @property
    def client_evaluations(self):
        return [e for e in self.evaluations if e.source == EvaluationSource.CLIENT]


def _evaluations_prefetch():
    return Prefetch(
        "evaluations",
        queryset=MissionEvaluation.objects.prefetch_related("answers").order_by(
            "-created_at", "-pk"
        ),
    )


def mission_file(*, structure, contract: Contract) -> MissionFile:
    return mission_files(structure=structure, contracts=Contract.objects.filter(pk=contract.pk))[0]


def mission_files(*, structure, contracts) -> list[MissionFile]:
    """Each mission with its evaluations, integration follow-ups and incidents."""
    contracts = (
        contracts.filter(parcours__structure=structure, kind__in=MISSION_KINDS)
        .select_related("client", "parcours")
        .prefetch_related(
            _evaluations_prefetch(),
            Prefetch("integration_calls", queryset=IntegrationCall.objects.order_by("date", "pk")),
            Prefetch("incidents", queryset=MissionIncident.objects.prefetch_related("actions")),
        )
    )
    return [
        MissionFile(
            contract=c,
            evaluations=list(c.evaluations.all()),
            calls=list(c.integration_calls.all()),
            incidents=list(c.incidents.all()),
        )
        for c in contracts
    ]
