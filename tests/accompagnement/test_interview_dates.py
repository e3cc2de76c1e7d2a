"""Issue 13: an interview, a barrier spotted or lifted, are not dated after today."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jalons.accompagnement.models import AccompanimentAction, PlanBarrier


def url(name, *args):
    return reverse(f"accompagnement:{name}", args=args)


def test_an_interview_tomorrow_is_refused_and_one_today_is_logged(client, cip, person):
    client.force_login(cip.user)
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    page = url("interview_create", cip.structure.pk, person.pk)
    data = {"date": tomorrow.isoformat(), "nature": "social", "duration_minutes": "45"}
    html = client.post(page, data).content.decode().replace("&#x27;", "'")
    assert f"La date de l'entretien ({tomorrow:%d/%m/%Y}) est dans le futur" in html
    assert not AccompanimentAction.objects.exists()
    assert client.post(page, {**data, "date": today.isoformat()}).status_code == 302
    assert AccompanimentAction.objects.get().date == today


def test_a_barrier_cannot_be_spotted_next_week(client, cip, person):
    client.force_login(cip.user)
    later = timezone.localdate() + dt.timedelta(days=7)
    html = client.post(
        url("plan_barrier_create", cip.structure.pk, person.pk),
        {"barrier": "mobilite", "intensity": "fort", "identified_on": later.isoformat()},
    ).content.decode()
    assert f"La date de repérage ({later:%d/%m/%Y}) est dans le futur" in html
    assert not PlanBarrier.objects.exists()
