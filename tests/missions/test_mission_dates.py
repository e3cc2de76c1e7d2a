"""Issue 13: an integration call and an incident report are not dated after today; the
effective end of a mission may be announced."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jalons.missions.models import IntegrationCall, MissionIncident


def mission_url(etti, name):
    return reverse(
        f"missions:{name}", args=[etti["structure"].pk, etti["person"].pk, etti["mission"].pk]
    )


def test_a_call_tomorrow_is_refused_but_its_next_step_may_be_planned(cip_client, etti):
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    data = {
        "date": tomorrow.isoformat(),
        "party": "client",
        "medium": "telephone",
        "notes": "Premier jour positif.",
        "next_step_on": (today + dt.timedelta(days=10)).isoformat(),
    }
    html = cip_client.post(mission_url(etti, "call_create"), data).content.decode()
    assert f"La date du suivi ({tomorrow:%d/%m/%Y}) est dans le futur" in html
    assert not IntegrationCall.objects.exists()
    cip_client.post(mission_url(etti, "call_create"), {**data, "date": today.isoformat()})
    assert IntegrationCall.objects.get().next_step_on == today + dt.timedelta(days=10)


def test_an_incident_reported_tomorrow_is_refused(cip_client, etti):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    html = cip_client.post(
        mission_url(etti, "incident_create"),
        {"reported_on": tomorrow.isoformat(), "facts": "Absences."},
    ).content.decode()
    assert f"La date du signalement ({tomorrow:%d/%m/%Y}) est dans le futur" in html
    assert not MissionIncident.objects.exists()
