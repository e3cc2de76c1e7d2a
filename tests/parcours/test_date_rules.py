"""The date rules of issue 13 (``jalons.rules.dates``), on both sides of each bound,
and the forms that apply them. ``today`` is fixed: 04/12/2026."""

import datetime as dt

import pytest

from jalons.accompagnement.forms import AccompanimentForm, DateOnlyForm, PlanActionForm
from jalons.missions.forms import IncidentForm, IntegrationCallForm, PresentedForm
from jalons.orientations.forms import OrientationForm
from jalons.parcours.forms import ExitForm, FollowUpForm, MonthlyHoursForm, ParcoursForm
from jalons.rules import dates

D = dt.date
TODAY = D(2026, 12, 4)


# Pure rules --------------------------------------------------------------------------


def test_a_fact_dated_today_is_accepted_and_one_dated_tomorrow_is_refused():
    assert dates.not_after_today(TODAY, today=TODAY, what="la date de l'orientation") is None
    message = dates.not_after_today(D(2026, 12, 5), today=TODAY, what="la date de l'orientation")
    assert message == (
        "La date de l'orientation (05/12/2026) est dans le futur (nous sommes le 04/12/2026) : "
        "on n'enregistre ici que ce qui a déjà eu lieu."
    )


def test_an_exit_on_01_05_2027_is_refused_but_an_exit_today_is_recorded():
    assert dates.exit_date_problem(TODAY, today=TODAY) is None
    message = dates.exit_date_problem(D(2027, 5, 1), today=TODAY)
    assert message.startswith("La date de sortie (01/05/2027) est dans le futur")
    assert "Une sortie prévue s'annonce par la date de fin du contrat" in message


def test_a_hire_may_be_recorded_30_days_ahead_not_31():
    # 04/12/2026 + 30 days = 03/01/2027.
    assert dates.hire_date_problem(D(2027, 1, 3), today=TODAY) is None
    message = dates.hire_date_problem(D(2027, 1, 4), today=TODAY)
    assert "au plus 30 jours à l'avance, soit jusqu'au 03/01/2027" in message


def test_the_6_month_follow_up_of_an_exit_on_15_03_2026_opens_on_31_08_2026():
    # Due 15/09/2026 (exit + 6 months); 15 days earlier: 31/08/2026.
    exit_date = D(2026, 3, 15)
    assert dates.follow_up_earliest(exit_date, 6) == D(2026, 8, 31)
    ok = dict(exit_date=exit_date, months=6, today=TODAY)
    assert dates.follow_up_problem(obtained_on=D(2026, 8, 31), **ok) is None
    early = dates.follow_up_problem(obtained_on=D(2026, 8, 30), **ok)
    assert early == (
        "Suivi à 6 mois trop tôt : il est prévu le 15/09/2026 (6 mois après la sortie du "
        "15/03/2026) et se saisit au plus tôt le 31/08/2026 (15 jours avant) ; la date du "
        "suivi indiquée est le 30/08/2026."
    )


def test_a_follow_up_without_date_counts_as_obtained_today():
    # Exit 01/10/2026: the 3-month follow-up is due 01/01/2027, open from 17/12/2026.
    exit_date = D(2026, 10, 1)
    message = dates.follow_up_problem(exit_date=exit_date, months=3, obtained_on=None, today=TODAY)
    assert (
        "se saisit au plus tôt le 17/12/2026" in message and "nous sommes le 04/12/2026" in message
    )
    assert (
        dates.follow_up_problem(
            exit_date=exit_date, months=3, obtained_on=None, today=D(2026, 12, 17)
        )
        is None
    )


def test_a_follow_up_dated_after_today_is_refused_even_when_due():
    message = dates.follow_up_problem(
        exit_date=D(2025, 1, 31), months=12, obtained_on=D(2026, 12, 5), today=TODAY
    )
    assert message.startswith("La date du suivi (05/12/2026) est dans le futur")


def test_the_hours_of_the_current_month_can_be_entered_not_those_of_the_next():
    assert dates.month_problem(D(2026, 12, 1), today=TODAY) is None
    assert dates.month_problem(D(2027, 1, 1), today=TODAY) == (
        "Les heures de janvier 2027 ne se saisissent pas avant le début du mois "
        "(nous sommes le 04/12/2026) : on déclare les heures travaillées."
    )


def test_a_birth_date_gives_an_age_between_16_and_80():
    # 16 on 04/12/2026: born on 04/12/2010 at the latest.
    assert dates.birth_date_problem(D(2010, 12, 4), today=TODAY) is None
    assert "donne 15 ans" in dates.birth_date_problem(D(2010, 12, 5), today=TODAY)
    # 80 until the day before the 81st birthday: born 05/12/1945 is 80, 04/12/1945 is 81.
    assert dates.birth_date_problem(D(1945, 12, 5), today=TODAY) is None
    assert "donne 81 ans" in dates.birth_date_problem(D(1945, 12, 4), today=TODAY)
    assert "dans le futur" in dates.birth_date_problem(D(2027, 1, 1), today=TODAY)


def test_an_import_message_is_the_same_sentence_in_lower_case_without_its_full_stop():
    assert dates.fragment("La date (01/05/2027) est fausse.") == "la date (01/05/2027) est fausse"


# Forms ---------------------------------------------------------------------------------


def errors(form) -> dict:
    assert not form.is_valid()
    return {name: " ".join(messages) for name, messages in form.errors.items()}


def test_the_exit_form_refuses_a_future_exit():
    form = ExitForm({"exit_date": "2027-05-01", "exit_motif": "cdi_non_aide"}, today=TODAY)
    assert "La date de sortie (01/05/2027) est dans le futur" in errors(form)["exit_date"]
    assert ExitForm({"exit_date": "2026-12-04"}, today=TODAY).is_valid()


def test_the_pathway_form_refuses_a_hire_more_than_30_days_ahead():
    form = ParcoursForm({"hire_date": "2027-01-04"}, can_see_sensitive=True, today=TODAY)
    assert "au plus 30 jours à l'avance" in errors(form)["hire_date"]
    assert ParcoursForm({"hire_date": "2027-01-03"}, can_see_sensitive=True, today=TODAY).is_valid()


@pytest.mark.django_db
def test_the_identity_form_refuses_a_15_year_old():
    from jalons.parcours.forms import PersonForm
    from tests.factories import StructureFactory

    form = PersonForm(
        {"first_name": "Léa", "last_name": "Martin", "birth_date": "05/12/2010"},
        structure=StructureFactory(),
        can_see_sensitive=True,
        today=TODAY,
    )
    assert "donne 15 ans" in errors(form)["birth_date"]


def test_the_follow_up_form_presets_no_situation_and_requires_one():
    form = FollowUpForm(today=TODAY)
    assert form["situation"].value() is None
    assert form.fields["situation"].choices[0] == ("", "Choisissez la situation")
    assert ("inconnue", "Situation inconnue") in form.fields["situation"].choices
    message = errors(FollowUpForm({"obtained_on": "2026-12-01"}, today=TODAY))["situation"]
    assert message.startswith("Choisissez la situation de la personne")
    assert FollowUpForm({"situation": "inconnue"}, today=TODAY).is_valid()


def test_the_follow_up_form_refuses_a_date_after_today():
    form = FollowUpForm({"situation": "chomage", "obtained_on": "2026-12-05"}, today=TODAY)
    assert "La date du suivi (05/12/2026) est dans le futur" in errors(form)["obtained_on"]


def test_the_hours_form_refuses_a_month_not_begun_and_accepts_an_empty_one():
    form = MonthlyHoursForm({"m11": "120", "m12": "60"}, year=2026, today=TODAY)
    assert form.is_valid()
    later = MonthlyHoursForm({"m01": "120"}, year=2027, today=TODAY)
    assert "Les heures de janvier 2027" in errors(later)["m01"]
    assert MonthlyHoursForm({"m01": ""}, year=2027, today=TODAY).is_valid()


def test_the_orientation_form_refuses_a_future_date_and_presets_no_outcome():
    data = {"date": "2026-12-05", "prescriber_type": "france_travail", "outcome": "embauche"}
    form = OrientationForm(data, with_candidate=False, today=TODAY)
    assert "La date de l'orientation (05/12/2026)" in errors(form)["date"]
    empty = OrientationForm(with_candidate=False, today=TODAY)
    assert empty["outcome"].value() is None
    no_outcome = OrientationForm(
        {**data, "date": "2026-12-04", "outcome": ""}, with_candidate=False, today=TODAY
    )
    assert errors(no_outcome)["outcome"].startswith("Choisissez l'issue de l'orientation")


def test_the_interview_form_refuses_a_future_interview():
    data = {"date": "2026-12-05", "nature": "social", "duration_minutes": "45"}
    form = AccompanimentForm(data, can_see_sensitive=True, today=TODAY)
    assert "La date de l'entretien (05/12/2026)" in errors(form)["date"]
    assert AccompanimentForm(
        {**data, "date": "2026-12-04"}, can_see_sensitive=True, today=TODAY
    ).is_valid()


@pytest.mark.django_db
def test_a_plan_action_cannot_be_done_tomorrow_but_may_be_due_then():
    from jalons.accompagnement.models import Partner

    data = {"title": "Auto-école", "status": "realisee", "due_date": "2027-01-15"}
    partners = Partner.objects.none()
    assert PlanActionForm(data, partners=partners, today=TODAY).is_valid()
    form = PlanActionForm({**data, "done_on": "2026-12-05"}, partners=partners, today=TODAY)
    assert "La date de réalisation (05/12/2026)" in errors(form)["done_on"]


def test_a_review_cannot_be_validated_tomorrow():
    form = DateOnlyForm(
        {"signed_on": "2026-12-05"}, label="Date de validation", name="signed_on", today=TODAY
    )
    assert "La date de validation (05/12/2026)" in errors(form)["signed_on"]


def test_a_mission_call_and_an_incident_report_are_not_in_the_future():
    call = IntegrationCallForm(
        {
            "date": "2026-12-05",
            "party": "client",
            "medium": "telephone",
            "notes": "RAS",
            "next_step_on": "2027-01-10",
        },
        today=TODAY,
    )
    assert list(errors(call)) == ["date"]
    incident = IncidentForm(
        {"reported_on": "2026-12-05", "ended_on": "2026-12-11", "facts": "Retards."}, today=TODAY
    )
    assert list(errors(incident)) == ["reported_on"]
    announced = IncidentForm(
        {"reported_on": "2026-12-04", "ended_on": "2026-12-11", "facts": "Retards."}, today=TODAY
    )
    assert announced.is_valid()
    presented = PresentedForm({"presented_on": "2026-12-05"}, today=TODAY)
    assert "La date de la présentation au salarié" in errors(presented)["presented_on"]
