"""Issue 13, points 1 and 2 on the pages: future dates refused where they are entered,
no preset situation on the follow-up form."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jalons.audit.actor import Actor
from jalons.parcours import services
from jalons.parcours.models import FollowUp, MonthlyHours, Parcours
from jalons.rules import dates
from jalons.rules.pass_iae import add_months
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def cip(db):
    return MembershipFactory(cip=True)


def url(name, *args):
    return reverse(f"parcours:{name}", args=args)


def test_an_exit_in_the_future_is_refused_and_no_follow_up_is_scheduled(client, cip):
    today = timezone.localdate()
    parcours = ParcoursFactory(person__structure=cip.structure, hire_date=today - dt.timedelta(400))
    client.force_login(cip.user)
    later = today + dt.timedelta(days=148)
    html = client.post(
        url("exit", cip.structure.pk, parcours.person.pk, parcours.pk),
        {"exit_date": later.isoformat(), "exit_motif": "cdi_non_aide"},
    ).content.decode()
    assert f"La date de sortie ({later:%d/%m/%Y}) est dans le futur" in html
    parcours.refresh_from_db()
    assert parcours.exit_date is None
    todo = client.get(url("todo", cip.structure.pk)).content.decode()
    assert "Suivi à 3 mois" not in todo


def test_the_exit_service_refuses_an_exit_after_the_given_today(rf, cip):
    parcours = ParcoursFactory(person__structure=cip.structure, hire_date=D(2026, 1, 5))
    request = rf.post("/")
    request.user = cip.user
    with pytest.raises(ValidationError) as refused:
        services.parcours_record_exit(
            actor=Actor.from_request(request, role="cip"),
            parcours=parcours,
            today=D(2026, 12, 4),
            exit_date=D(2027, 5, 1),
            exit_motif="cdi_non_aide",
        )
    assert "01/05/2027" in refused.value.message_dict["exit_date"][0]
    assert Parcours.objects.get(pk=parcours.pk).exit_date is None


def test_the_follow_up_page_selects_no_situation_and_asks_for_one(client, cip):
    today = timezone.localdate()
    parcours = ParcoursFactory(
        person__structure=cip.structure,
        hire_date=today - dt.timedelta(days=700),
        exit_date=today - dt.timedelta(days=200),
        exit_motif="chomage",
    )
    client.force_login(cip.user)
    page = url("follow_up", cip.structure.pk, parcours.person.pk, parcours.pk, 6)
    html = client.get(page).content.decode()
    assert 'value="" selected>Choisissez la situation</option>' in html
    assert '<option value="cdi_structure" selected' not in html
    assert 'value="inconnue">Situation inconnue</option>' in html
    refused = client.post(page, {"obtained_on": today.isoformat()}).content.decode()
    assert "Choisissez la situation de la personne à cette échéance" in refused
    assert not FollowUp.objects.exists()
    client.post(page, {"situation": "inconnue", "obtained_on": today.isoformat()})
    assert FollowUp.objects.get().situation == "inconnue"


def test_a_follow_up_before_its_due_date_minus_15_days_is_refused_beside_its_date(client, cip):
    today = timezone.localdate()
    exit_date = today - dt.timedelta(days=30)
    parcours = ParcoursFactory(
        person__structure=cip.structure,
        hire_date=today - dt.timedelta(days=400),
        exit_date=exit_date,
        exit_motif="chomage",
    )
    client.force_login(cip.user)
    page = url("follow_up", cip.structure.pk, parcours.person.pk, parcours.pk, 12)
    html = client.post(page, {"situation": "cdi_non_aide"}).content.decode()
    assert "Suivi à 12 mois trop tôt" in html
    assert not FollowUp.objects.exists()
    file = client.get(url("person", cip.structure.pk, parcours.person.pk)).content.decode()
    assert "à saisir à partir du" in file


def test_the_follow_up_service_takes_today_as_a_parameter(rf, cip):
    parcours = ParcoursFactory(
        person__structure=cip.structure,
        hire_date=D(2025, 6, 2),
        exit_date=D(2026, 3, 15),
        exit_motif="chomage",
    )
    request = rf.post("/")
    request.user = cip.user
    record = dict(
        actor=Actor.from_request(request, role="cip"), parcours=parcours, months=6, method=""
    )
    with pytest.raises(ValidationError) as refused:
        services.follow_up_record(
            **record, situation="cdi_non_aide", obtained_on=None, today=D(2026, 8, 30)
        )
    assert "au plus tôt le 31/08/2026" in refused.value.message_dict["obtained_on"][0]
    services.follow_up_record(
        **record, situation="cdi_non_aide", obtained_on=None, today=D(2026, 8, 31)
    )
    assert FollowUp.objects.get().months == 6


def test_todo_lists_an_upcoming_follow_up_with_the_day_it_opens(client, cip):
    today = timezone.localdate()
    # The 12-month follow-up is due in about 20 days: listed as upcoming, it can be
    # recorded from 15 days before its due date.
    exit_date = add_months(today + dt.timedelta(days=20), -12)
    ParcoursFactory(
        person__structure=cip.structure,
        person__last_name="Bientot",
        hire_date=exit_date - dt.timedelta(days=300),
        exit_date=exit_date,
        exit_motif="chomage",
    )
    client.force_login(cip.user)
    html = client.get(url("todo", cip.structure.pk)).content.decode()
    opens = dates.follow_up_earliest(exit_date, 12)
    assert opens > today
    assert f"à saisir à partir du {opens:%d/%m/%Y}" in html


def test_hours_of_a_month_not_begun_are_refused_and_nothing_is_saved(client, cip):
    person = PersonFactory(structure=cip.structure)
    client.force_login(cip.user)
    next_year = timezone.localdate().year + 1
    page = url("hours", cip.structure.pk, person.pk) + f"?annee={next_year}"
    html = client.post(page, {"annee": str(next_year), "m01": "120"}).content.decode()
    assert f"Les heures de janvier {next_year} ne se saisissent pas" in html
    assert not MonthlyHours.objects.exists()


def test_a_hire_two_months_ahead_is_refused_and_one_next_week_is_planned(client, cip):
    person = PersonFactory(structure=cip.structure)
    client.force_login(cip.user)
    today = timezone.localdate()
    page = url("parcours_create", cip.structure.pk, person.pk)
    far = today + dt.timedelta(days=60)
    html = client.post(page, {"hire_date": far.isoformat()}).content.decode()
    assert "au plus 30 jours à l'avance" in html.replace("&#x27;", "'")
    soon = today + dt.timedelta(days=7)
    client.post(page, {"hire_date": soon.isoformat()})
    assert Parcours.objects.get(person=person).hire_date == soon
    file = client.get(url("person", cip.structure.pk, person.pk)).content.decode()
    assert f"Embauche prévue le {soon:%d/%m/%Y}" in file


def test_an_orientation_in_the_future_is_refused_on_the_page(client, cip):
    person = PersonFactory(structure=cip.structure)
    client.force_login(cip.user)
    later = timezone.localdate() + dt.timedelta(days=3)
    html = client.post(
        url("orientation_create", cip.structure.pk, person.pk),
        {"date": later.isoformat(), "prescriber_type": "france_travail", "outcome": "en_cours"},
    ).content.decode()
    assert f"La date de l&#x27;orientation ({later:%d/%m/%Y}) est dans le futur" in html
    assert not person.orientations.exists()
