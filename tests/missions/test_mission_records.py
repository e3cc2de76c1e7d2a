"""CIP evaluations, integration follow-ups, incidents, the person's file and access."""

import datetime

from django.urls import reverse

from jalons.audit.models import AuditEntry
from jalons.missions import services
from jalons.missions.models import (
    IncidentAction,
    IntegrationCall,
    MissionEvaluation,
    MissionIncident,
)
from tests.factories import MembershipFactory
from tests.missions.conftest import scores


def mission_url(etti, name, mission=None):
    mission = mission or etti["mission"]
    return reverse(f"missions:{name}", args=[etti["structure"].pk, etti["person"].pk, mission.pk])


def test_a_cip_evaluates_a_mission(cip_client, etti):
    url = mission_url(etti, "evaluation_create")
    assert cip_client.get(url).status_code == 200
    criteria = services.active_criteria(etti["structure"])
    data = {
        "evaluated_on": "20/01/2025",
        "evaluator_name": "",
        "comment": "Bien",
        **scores(criteria),
    }
    data[f"commentaire_{criteria[0].pk}"] = "À l'heure tous les jours"
    response = cip_client.post(url, data)
    assert response.status_code == 302
    evaluation = MissionEvaluation.objects.get(contract=etti["mission"], source="cip")
    assert evaluation.evaluated_on == datetime.date(2025, 1, 20)
    assert evaluation.evaluator_name == etti["cip"].get_full_name()
    answers = list(evaluation.answers.all())
    assert answers[0].comment == "À l'heure tous les jours"
    assert [a.criterion_label for a in answers] == [c.label for c in criteria]
    assert AuditEntry.objects.filter(
        action="creation", object_type="évaluation de mission", user=etti["cip"]
    ).exists()
    mission = cip_client.get(mission_url(etti, "mission")).content.decode()
    assert "Évaluation par le CIP du 20/01/2025" in mission


def test_bad_evaluation_input_is_explained_beside_the_fields(cip_client, etti):
    url = mission_url(etti, "evaluation_create")
    cip_client.get(url)
    criteria = services.active_criteria(etti["structure"])
    data = {"evaluated_on": "31/12/2024", **scores(criteria)}
    data[f"critere_{criteria[1].pk}"] = "9"
    html = cip_client.post(url, data).content.decode()
    assert "Choisissez une des appréciations proposées." in html
    data[f"critere_{criteria[1].pk}"] = "non_observe"
    html = cip_client.post(url, data).content.decode()
    assert "L&#x27;évaluation ne peut pas précéder le début de la mission (06/01/2025)." in html
    assert 'id="id_evaluated_on_erreur_1"' in html
    html = cip_client.post(url, {**data, "evaluated_on": "32/01/2025"}).content.decode()
    assert "Saisissez une date valide, par exemple 15/01/2026." in html
    assert not MissionEvaluation.objects.exists()


def test_integration_follow_ups_are_recorded(cip_client, etti):
    url = mission_url(etti, "call_create")
    assert cip_client.get(url).status_code == 200
    response = cip_client.post(
        url,
        {
            "date": "07/01/2025",
            "party": "client",
            "contact_name": "Mme Lefèvre",
            "medium": "telephone",
            "notes": "Premier jour positif.",
            "next_step": "Rappeler vendredi",
            "next_step_on": "10/01/2025",
        },
    )
    assert response.status_code == 302
    call = IntegrationCall.objects.get()
    assert (call.party, call.next_step_on) == ("client", datetime.date(2025, 1, 10))
    html = cip_client.get(mission_url(etti, "mission")).content.decode()
    assert "Premier jour positif." in html and "Rappeler vendredi" in html
    file = cip_client.get(
        reverse("parcours:person", args=[etti["structure"].pk, etti["person"].pk])
    ).content.decode()
    assert "Suivi d&#x27;intégration avec entreprise cliente" in file


def test_bad_follow_up_input_is_explained_in_french(cip_client, etti):
    url = mission_url(etti, "call_create")
    html = cip_client.post(
        url,
        {"date": "01/01/2025", "party": "", "medium": "telephone", "notes": ""},
    ).content.decode()
    assert "Indiquez avec qui a eu lieu le suivi." in html
    assert "Résumez ce qui a été dit." in html
    html = cip_client.post(
        url,
        {"date": "01/01/2025", "party": "salarie", "medium": "telephone", "notes": "x"},
    ).content.decode()
    assert "Le suivi ne peut pas précéder le début de la mission (06/01/2025)." in html
    assert not IntegrationCall.objects.exists()


def test_an_incident_marks_the_early_end_by_the_client(cip_client, etti):
    url = mission_url(etti, "incident_create")
    assert cip_client.get(url).status_code == 200
    response = cip_client.post(
        url,
        {
            "reported_on": "14/02/2025",
            "ended_on": "14/02/2025",
            "facts": "Deux absences non prévenues (10 et 11/02).",
            "client_account": "L'équipe a dû se réorganiser.",
            "worker_account": "Problème de garde d'enfant.",
            "cip_analysis": "Frein non repéré.",
        },
    )
    incident = MissionIncident.objects.get()
    assert response["Location"] == reverse(
        "missions:incident", args=[etti["structure"].pk, etti["person"].pk, incident.pk]
    )
    mission = etti["mission"]
    mission.refresh_from_db()
    assert mission.early_end_by_client is True
    assert mission.end_date == datetime.date(2025, 2, 14)
    assert AuditEntry.objects.filter(
        object_type="contrat", action="modification", object_id=str(mission.pk)
    ).exists()
    response = cip_client.post(
        reverse(
            "missions:incident_action", args=[etti["structure"].pk, etti["person"].pk, incident.pk]
        ),
        {"description": "Chercher une solution de garde", "owner": "CIP", "due_on": "21/02/2025"},
    )
    assert response.status_code == 302
    assert IncidentAction.objects.get().due_on == datetime.date(2025, 2, 21)
    html = cip_client.get(response["Location"]).content.decode()
    for text in ("Problème de garde d", "Frein non repéré.", "Chercher une solution de garde"):
        assert text in html
    file = cip_client.get(
        reverse("parcours:person", args=[etti["structure"].pk, etti["person"].pk])
    ).content.decode()
    assert "Fin anticipée de mission à l&#x27;initiative du client" in file


def test_bad_incident_input_is_explained_in_french(cip_client, etti):
    url = mission_url(etti, "incident_create")
    html = cip_client.post(
        url, {"reported_on": "", "ended_on": "01/01/2025", "facts": ""}
    ).content.decode()
    assert "Indiquez la date du signalement par le client." in html
    assert "Décrivez les faits et leurs dates." in html
    html = cip_client.post(
        url, {"reported_on": "10/02/2025", "ended_on": "01/01/2025", "facts": "x"}
    ).content.decode()
    assert "La fin ne peut pas précéder le début de la mission (06/01/2025)." in html
    etti["mission"].refresh_from_db()
    assert not etti["mission"].early_end_by_client
    assert not MissionIncident.objects.exists()


def test_a_cip_of_another_structure_is_refused(client, etti):
    client.force_login(MembershipFactory(cip=True).user)
    for name in ("mission", "evaluation_create", "client_link", "call_create", "incident_create"):
        assert client.get(mission_url(etti, name)).status_code == 404, name
    assert client.get(reverse("missions:grid", args=[etti["structure"].pk])).status_code == 404


def test_a_mission_of_another_person_is_not_found(cip_client, etti):
    from tests.parcours.factories import PersonFactory

    stranger = PersonFactory(structure=etti["structure"])
    url = reverse("missions:mission", args=[etti["structure"].pk, stranger.pk, etti["mission"].pk])
    assert cip_client.get(url).status_code == 404


def test_a_read_only_member_sees_the_mission_but_cannot_add(client, etti):
    client.force_login(MembershipFactory(structure=etti["structure"], lecture=True).user)
    assert client.get(mission_url(etti, "mission")).status_code == 200
    for name in ("evaluation_create", "client_link", "call_create", "incident_create"):
        assert client.post(mission_url(etti, name), {}).status_code == 403, name
