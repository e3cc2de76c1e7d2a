"""Issue 13, point 3: the end of the PASS IAE (suspensions and prolongations included)
flagged where contracts, missions and hours are entered, on the file and in « À faire »."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jalons.audit.actor import Actor
from jalons.contrats.models import Contract
from jalons.parcours.models import MonthlyHours
from jalons.parcours.todo import todo_for
from jalons.pass_iae import coverage
from jalons.pass_iae.coverage import PassPeriod
from jalons.pass_iae.selectors import person_pass_status
from jalons.pass_iae.services import suspension_add
from tests.factories import MembershipFactory
from tests.parcours.factories import (
    AccompanimentFactory,
    ClientFactory,
    ContractFactory,
    MonthlyHoursFactory,
    ParcoursFactory,
    PassFactory,
)

D = dt.date
TODAY = D(2026, 12, 4)
# Started 27/06/2024: 24 months minus a day, the PASS ends on 26/06/2026.
ENDED = PassPeriod("999990000001", D(2024, 6, 27), D(2026, 6, 26))


def url(name, *args):
    return reverse(f"parcours:{name}", args=args)


# Days covered ------------------------------------------------------------------------


def test_a_mission_to_03_12_2026_goes_beyond_a_pass_ended_on_26_06_2026():
    assert coverage.first_day_beyond([ENDED], D(2026, 7, 1), D(2026, 12, 3)) == (
        D(2026, 7, 1),
        ENDED,
    )
    # Straddling the end: the first day without PASS is 27/06/2026.
    assert coverage.first_day_beyond([ENDED], D(2026, 6, 1), D(2026, 7, 31)) == (
        D(2026, 6, 27),
        ENDED,
    )


def test_a_mission_ending_on_the_last_day_of_the_pass_is_covered():
    assert coverage.first_day_beyond([ENDED], D(2026, 6, 1), D(2026, 6, 26)) is None


def test_a_new_pass_starting_the_next_day_continues_the_cover():
    renewed = PassPeriod("999990000002", D(2026, 6, 27), D(2028, 6, 26))
    assert coverage.first_day_beyond([renewed, ENDED], D(2026, 6, 1), D(2026, 12, 3)) is None
    assert coverage.block_on([ENDED, renewed], TODAY).end == D(2028, 6, 26)


def test_a_gap_between_two_pass_is_found_and_days_before_the_first_pass_are_not():
    later = PassPeriod("999990000002", D(2026, 9, 1), D(2028, 8, 31))
    # 27/06 to 31/08/2026 has no PASS.
    assert coverage.first_day_beyond([ENDED, later], D(2026, 6, 20), D(2026, 9, 30)) == (
        D(2026, 6, 27),
        ENDED,
    )
    assert coverage.first_day_beyond([ENDED], D(2024, 1, 1), D(2024, 12, 31)) is None


def test_a_month_of_hours_is_beyond_only_when_no_day_of_it_is_covered():
    assert coverage.wholly_beyond([ENDED], D(2026, 6, 1), D(2026, 6, 30)) is None
    assert coverage.wholly_beyond([ENDED], D(2026, 7, 1), D(2026, 7, 31)) == ENDED


@pytest.mark.django_db
def test_a_suspension_moves_the_end_and_the_mission_is_covered_again(rf):
    parcours = ParcoursFactory(person__structure__kind="ETTI", hire_date=D(2024, 7, 1))
    pass_iae = PassFactory(
        person=parcours.person,
        start_date=ENDED.start,
        initial_end_date=ENDED.end,
        end_date=ENDED.end,
    )
    ContractFactory(
        parcours=parcours,
        kind="mission",
        client=ClientFactory(structure=parcours.structure),
        start_date=D(2026, 6, 1),
        end_date=D(2026, 7, 20),
    )
    status = person_pass_status(person=parcours.person, today=TODAY)
    assert status.ended == PassPeriod(pass_iae.number, ENDED.start, ENDED.end)
    request = rf.post("/")
    request.user = MembershipFactory(structure=parcours.structure, cip=True).user
    # 30 days of sickness in 2025: the end moves to 26/07/2026.
    suspension_add(
        actor=Actor.from_request(request, role="cip"),
        pass_iae=pass_iae,
        start_date=D(2025, 3, 1),
        end_date=D(2025, 3, 30),
        motif="maladie",
    )
    status = person_pass_status(person=parcours.person, today=D(2026, 7, 10))
    assert status.ended is None and status.beyond == []
    assert status.current.end == D(2026, 7, 26)


# « À faire » -------------------------------------------------------------------------


@pytest.fixture
def etti_worker(db):
    """The issue's case: an ETTI worker whose PASS ended on 26/06/2026, still present,
    with missions until 03/12/2026 and hours entered for the months after."""
    cip = MembershipFactory(cip=True, structure__kind="ETTI")
    parcours = ParcoursFactory(
        person__structure=cip.structure,
        person__last_name="Interim",
        person__referent=cip.user,
        hire_date=D(2024, 7, 1),
    )
    PassFactory(
        person=parcours.person,
        number="999990000001",
        start_date=ENDED.start,
        initial_end_date=ENDED.end,
        end_date=ENDED.end,
    )
    client = ClientFactory(structure=cip.structure, name="Logistique du Nord")
    for start, end in ((D(2026, 5, 4), D(2026, 6, 30)), (D(2026, 7, 6), D(2026, 12, 3))):
        ContractFactory(
            parcours=parcours, kind="mission", client=client, start_date=start, end_date=end
        )
    for month in (5, 6, 7, 8, 9, 10, 11):
        MonthlyHoursFactory(person=parcours.person, month=D(2026, month, 1), hours=120)
    # Complete otherwise, and accompanied: before issue 13, « À faire » showed nothing.
    AccompanimentFactory(person=parcours.person, date=D(2026, 12, 1))
    return cip, parcours


def test_todo_lists_the_pass_ended_while_the_worker_is_still_present(etti_worker):
    cip, parcours = etti_worker
    todo = todo_for(structure=cip.structure, today=TODAY)
    [item] = todo.passes_overdue
    assert item.person == parcours.person and item.date == D(2026, 6, 26)
    assert item.text == (
        "PASS IAE n° 999990000001 fini le 26/06/2026 ; personne toujours présente ; "
        "après cette date : 2 contrats ou missions (jusqu'au 03/12/2026) et heures de 5 mois"
    )
    assert todo.passes_ending == []
    assert todo.total == 1


def test_todo_announces_a_pass_ending_within_30_days_not_31(db):
    cip = MembershipFactory(cip=True)
    in_30 = ParcoursFactory(person__structure=cip.structure, person__last_name="Trente")
    in_31 = ParcoursFactory(person__structure=cip.structure, person__last_name="Trenteetun")
    PassFactory(person=in_30.person, end_date=TODAY + dt.timedelta(days=30))
    PassFactory(person=in_31.person, end_date=TODAY + dt.timedelta(days=31))
    todo = todo_for(structure=cip.structure, today=TODAY)
    assert [i.person for i in todo.passes_ending] == [in_30.person]
    assert todo.passes_ending[0].text.endswith("fin le 03/01/2027")
    assert todo.passes_overdue == []


def test_todo_flags_a_mission_planned_beyond_a_pass_still_valid(db):
    cip = MembershipFactory(cip=True, structure__kind="ETTI")
    parcours = ParcoursFactory(person__structure=cip.structure, hire_date=D(2026, 1, 5))
    PassFactory(person=parcours.person, start_date=D(2025, 2, 1), end_date=D(2027, 1, 31))
    ContractFactory(
        parcours=parcours,
        kind="mission",
        client=ClientFactory(structure=cip.structure),
        start_date=D(2026, 12, 1),
        end_date=D(2027, 3, 31),
    )
    todo = todo_for(structure=cip.structure, today=TODAY)
    assert [i.text for i in todo.passes_overdue] == [
        "PASS IAE n° "
        + parcours.person.passes.get().number
        + " finissant le 31/01/2027 ; après cette date : 1 contrat ou mission "
        "(jusqu'au 31/03/2027)"
    ]


def test_the_todo_page_shows_both_pass_sections(client, etti_worker):
    cip, _ = etti_worker
    client.force_login(cip.user)
    html = client.get(url("todo", cip.structure.pk)).content.decode()
    assert "Parcours qui dépassent la fin du PASS IAE" in html
    assert "PASS IAE finissant dans les 30 jours" in html
    assert "fini le 26/06/2026 ; personne toujours présente" in html


# The person's file and the forms ---------------------------------------------------------


def test_the_file_of_the_worker_shows_a_visible_alert(client, etti_worker):
    cip, parcours = etti_worker
    client.force_login(cip.user)
    html = client.get(url("person", cip.structure.pk, parcours.person.pk)).content.decode()
    html = html.replace("&#x27;", "'")
    assert 'class="message message-warning"' in html
    assert "Le PASS IAE n° 999990000001 a pris fin le 26/06/2026 et la personne est" in html
    assert (
        "Après la fin du PASS IAE n° 999990000001 (26/06/2026), le dossier compte encore : "
        "Mission d'intérim « Agent d'espaces verts » du 04/05/2026 au 30/06/2026 (sans PASS "
        "à partir du 27/06/2026) ; Mission d'intérim « Agent d'espaces verts » du 06/07/2026 "
        "au 03/12/2026 ; heures de 5 mois, de juillet 2026 à novembre 2026. L'aide au poste "
        "n'est pas versée pour ces jours." in html
    )
    assert "PASS IAE n° 999990000001</h2>" in html and '<span class="tag tag-warn">terminé' in html


def test_a_mission_beyond_the_pass_is_saved_with_a_warning(client, etti_worker):
    cip, parcours = etti_worker
    client.force_login(cip.user)
    page = url("contract_create", cip.structure.pk, parcours.person.pk, parcours.pk)
    form = client.get(page).content.decode().replace("&#x27;", "'")
    assert "PASS IAE n° 999990000001 fini le 26/06/2026 : l'aide au poste s'arrête" in form
    response = client.post(
        page,
        {
            "kind": "mission",
            "post": "Cariste",
            "client": parcours.structure.clients.get().pk,
            "start_date": "2026-12-07",
            "end_date": "2026-12-18",
        },
        follow=True,
    )
    assert Contract.objects.filter(post="Cariste").exists()
    html = response.content.decode().replace("&#x27;", "'")
    assert "Attention : cette mission court au-delà de la fin du PASS IAE n° 999990000001" in html
    assert "n'est plus versée à partir du 07/12/2026" in html
    assert "La mission est enregistrée telle quelle ; demandez une prolongation" in html
    assert "Le contrat est enregistré." in html


def test_the_page_of_a_mission_beyond_the_pass_says_so(client, etti_worker):
    cip, parcours = etti_worker
    client.force_login(cip.user)
    later, earlier = (
        Contract.objects.filter(parcours=parcours)
        .order_by("-start_date")
        .values_list("pk", flat=True)
    )

    def page(pk):
        return (
            client.get(reverse("missions:mission", args=[cip.structure.pk, parcours.person.pk, pk]))
            .content.decode()
            .replace("&#x27;", "'")
        )

    html = page(later)
    assert 'class="message message-warning"' in html
    assert (
        "Attention : cette mission court au-delà de la fin du PASS IAE n° 999990000001 "
        "(26/06/2026) : l'aide au poste s'arrête" in html
    )
    assert "n'est plus versée à partir du 06/07/2026. Demandez une prolongation" in html
    # The one that started under the PASS says from which day it is no longer covered.
    assert "n'est plus versée à partir du 27/06/2026." in page(earlier)


@pytest.mark.django_db
def test_a_mission_within_the_pass_has_no_warning_on_its_page(client):
    cip = MembershipFactory(cip=True, structure__kind="ETTI")
    today = timezone.localdate()
    parcours = ParcoursFactory(person__structure=cip.structure, hire_date=today)
    PassFactory(person=parcours.person, start_date=today, end_date=today + dt.timedelta(700))
    mission = ContractFactory(
        parcours=parcours,
        kind="mission",
        client=ClientFactory(structure=cip.structure),
        start_date=today,
        end_date=today + dt.timedelta(days=30),
    )
    client.force_login(cip.user)
    html = client.get(
        reverse("missions:mission", args=[cip.structure.pk, parcours.person.pk, mission.pk])
    ).content.decode()
    assert "au-delà de la fin du PASS" not in html
    assert "message-warning" not in html


@pytest.mark.django_db
def test_a_contract_within_the_pass_is_saved_without_warning(client):
    cip = MembershipFactory(cip=True)
    today = timezone.localdate()
    parcours = ParcoursFactory(person__structure=cip.structure, hire_date=today)
    PassFactory(person=parcours.person, start_date=today, end_date=today + dt.timedelta(700))
    client.force_login(cip.user)
    response = client.post(
        url("contract_create", cip.structure.pk, parcours.person.pk, parcours.pk),
        {
            "kind": "cddi",
            "post": "Agent",
            "weekly_hours": "26",
            "start_date": today.isoformat(),
            "end_date": (today + dt.timedelta(days=120)).isoformat(),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Le contrat est enregistré." in html and "Attention" not in html


def test_hours_after_the_pass_are_saved_with_a_warning(client, etti_worker):
    cip, parcours = etti_worker
    MonthlyHours.objects.all().delete()
    client.force_login(cip.user)
    page = url("hours", cip.structure.pk, parcours.person.pk) + "?annee=2026"
    response = client.post(
        page, {"annee": "2026", "m06": "100", "m07": "110,5", "m08": "90"}, follow=True
    )
    assert MonthlyHours.objects.filter(person=parcours.person).count() == 3
    html = response.content.decode()
    assert (
        "Attention : heures de juillet 2026, août 2026 après la fin du PASS IAE n° "
        "999990000001 (26/06/2026)" in html
    )
