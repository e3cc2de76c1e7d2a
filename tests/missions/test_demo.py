import datetime

from jalons.contrats.models import Contract
from jalons.missions.demo import load_demo_missions
from jalons.missions.models import IntegrationCall, MissionEvaluation, MissionIncident
from tests.factories import MembershipFactory, StructureFactory
from tests.parcours.factories import ClientFactory, ParcoursFactory

TODAY = datetime.date(2025, 6, 30)


def demo_structure(kind, identifier, departement_trait):
    structure = StructureFactory(kind=kind, identifier=identifier, **departement_trait)
    MembershipFactory(structure=structure, cip=True)
    client = ClientFactory(structure=structure)
    contract_kind = "mission" if kind == "ETTI" else "mise_a_disposition"
    for n in range(3):
        parcours = ParcoursFactory(person__structure=structure, hire_date=datetime.date(2025, 1, 6))
        for m in range(2):
            start = datetime.date(2025, 1 + 2 * m + n, 6)
            Contract.objects.create(
                parcours=parcours,
                kind=contract_kind,
                post="Manutentionnaire",
                start_date=start,
                end_date=start + datetime.timedelta(days=40),
                client=client,
            )
    return structure


def test_the_demo_has_evaluations_a_client_evaluation_follow_ups_and_an_incident(db):
    etti = demo_structure("ETTI", "DEMO-ETTI-62-003", {"pas_de_calais": True})
    ai = demo_structure("AI", "DEMO-AI-59-004", {})
    load_demo_missions(today=TODAY)
    for structure in (etti, ai):
        evaluations = MissionEvaluation.objects.filter(contract__parcours__structure=structure)
        assert evaluations.filter(source="cip").count() == 3
        assert IntegrationCall.objects.filter(contract__parcours__structure=structure).count() == 3
    client_evaluation = MissionEvaluation.objects.get(source="client")
    assert client_evaluation.contract.parcours.structure == etti
    assert client_evaluation.is_submitted and client_evaluation.answers.count() == 8
    incident = MissionIncident.objects.get()
    assert incident.contract.early_end_by_client and incident.actions.count() == 3


def test_the_demo_is_deterministic(db):
    demo_structure("ETTI", "DEMO-ETTI-62-003", {"pas_de_calais": True})
    load_demo_missions(today=TODAY)
    first = list(
        MissionEvaluation.objects.order_by("pk").values_list(
            "contract_id", "source", "evaluated_on", "evaluator_name"
        )
    )
    submitted = MissionEvaluation.objects.get(source="client").submitted_at
    assert submitted.date() <= TODAY
    MissionEvaluation.objects.all().delete()
    IntegrationCall.objects.all().delete()
    MissionIncident.objects.all().delete()
    Contract.objects.update(early_end_by_client=False)
    load_demo_missions(today=TODAY)
    again = list(
        MissionEvaluation.objects.order_by("pk").values_list(
            "contract_id", "source", "evaluated_on", "evaluator_name"
        )
    )
    assert again == first
    assert MissionEvaluation.objects.get(source="client").submitted_at == submitted
