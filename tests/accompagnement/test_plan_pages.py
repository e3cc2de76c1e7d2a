import datetime as dt

import pytest
from django.urls import reverse

from jalons.accompagnement.models import AccompanimentAction, PlanAction, PlanBarrier, PlanObjective
from jalons.echanges.export import folder_export

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"accompagnement:{name}", args=args)


def test_a_cip_builds_a_plan_through_the_pages(client, cip, person, partner):
    client.force_login(cip.user)
    s, p = cip.structure.pk, person.pk
    response = client.post(
        url("plan_barrier_create", s, p),
        {"barrier": "mobilite", "intensity": "fort", "identified_on": "20/01/2025"},
    )
    assert response["Location"] == url("plan", s, p)
    barrier = PlanBarrier.objects.get(person=person)
    client.post(url("plan_objective_create", s, p, barrier.pk), {"title": "Obtenir le permis B"})
    objective = PlanObjective.objects.get(plan_barrier=barrier)
    client.post(
        url("plan_action_create", s, p, objective.pk),
        {"title": "Inscription auto-école", "status": "en_cours", "partner": partner.pk},
    )
    action = PlanAction.objects.get(objective=objective)
    assert action.status == "en_cours" and action.partner == partner
    client.post(
        url("plan_action_edit", s, p, action.pk), {"title": action.title, "status": "realisee"}
    )
    action.refresh_from_db()
    assert action.status == "realisee" and action.done_on == dt.date.today()
    html = client.get(url("plan", s, p)).content.decode()
    assert "Obtenir le permis B" in html and "Réalisée" in html and "Mobilité" in html


def test_bad_input_is_explained_in_french_beside_the_fields_and_nothing_is_saved(
    client, cip, person
):
    client.force_login(cip.user)
    s, p = cip.structure.pk, person.pk
    html = client.post(
        url("plan_barrier_create", s, p),
        {"barrier": "", "intensity": "", "identified_on": "31/02/2025"},
    ).content.decode()
    assert "Choisissez le frein." in html
    assert "Choisissez l&#x27;intensité" in html
    assert "Saisissez une date valide" in html
    assert 'class="error-summary' in html or "error-summary" in html
    html = client.post(
        url("interview_create", s, p),
        {"date": "2025-03-01", "nature": "social", "duration_minutes": "deux heures"},
    ).content.decode()
    assert "Saisissez un nombre entier de minutes" in html
    assert not PlanBarrier.objects.exists() and not AccompanimentAction.objects.exists()


def test_a_duplicate_barrier_is_refused_beside_the_field(client, cip, person):
    PlanBarrier.objects.create(
        person=person, barrier="mobilite", intensity="fort", identified_on=dt.date(2025, 1, 1)
    )
    client.force_login(cip.user)
    html = client.post(
        url("plan_barrier_create", cip.structure.pk, person.pk),
        {"barrier": "mobilite", "intensity": "faible", "identified_on": "2025-02-01"},
    ).content.decode()
    assert "Ce frein figure déjà dans le plan" in html
    assert PlanBarrier.objects.count() == 1


def test_the_quick_form_logs_an_interview_with_medium_referent_and_notes(
    client, cip, person, partner
):
    client.force_login(cip.user)
    response = client.post(
        url("interview_create", cip.structure.pk, person.pk),
        {
            "date": "04/03/2025",
            "nature": "social",
            "duration_minutes": "50",
            "medium": "telephone",
            "modality": "externe",
            "partner": partner.pk,
            "note": "Point sur les droits.",
            "confidential_note": "Dettes de loyer importantes",
        },
    )
    assert response.status_code == 302
    interview = AccompanimentAction.objects.get(person=person)
    assert interview.medium == "telephone" and interview.partner == partner
    assert interview.speaker.startswith("Référent RSA")
    assert interview.confidential_note == "Dettes de loyer importantes"
    assert interview.author == cip.user


def test_the_supervisor_never_sees_a_confidential_note(
    client, cip, supervisor, reader, person, secret_interview
):
    s, p = cip.structure.pk, person.pk
    client.force_login(cip.user)
    for page in (url("plan", s, p), reverse("parcours:person", args=[s, p])):
        assert "Violences conjugales" in client.get(page).content.decode()
    for member in (supervisor, reader):
        client.force_login(member.user)
        for page in (url("plan", s, p), reverse("parcours:person", args=[s, p])):
            html = client.get(page).content.decode()
            assert "Point sur le planning." in html  # the shared note, yes
            assert "Violences conjugales" not in html
            assert "Note confidentielle" not in html


def test_the_supervisor_cannot_open_the_edit_form_of_an_interview(
    client, supervisor, person, secret_interview
):
    client.force_login(supervisor.user)
    response = client.get(
        url("interview_edit", supervisor.structure.pk, person.pk, secret_interview.pk)
    )
    assert response.status_code == 403


def test_a_cip_editing_without_the_confidential_field_keeps_the_note(
    client, cip, person, secret_interview
):
    client.force_login(cip.user)
    form = client.get(url("interview_edit", cip.structure.pk, person.pk, secret_interview.pk))
    assert "Violences conjugales évoquées" in form.content.decode()


def test_health_barriers_of_the_plan_are_hidden_from_the_supervisor(
    client, cip, supervisor, person
):
    PlanBarrier.objects.create(
        person=person, barrier="sante", intensity="fort", identified_on=dt.date(2025, 1, 1)
    )
    client.force_login(supervisor.user)
    html = client.get(url("plan", cip.structure.pk, person.pk)).content.decode()
    assert "Santé" not in html
    client.force_login(cip.user)
    assert "Santé" in client.get(url("plan", cip.structure.pk, person.pk)).content.decode()


def test_the_export_holds_exactly_the_contract_columns_and_no_note(
    tmp_path, person, secret_interview
):
    folder_export(folder=tmp_path / "export")
    text = (tmp_path / "export" / "accompagnements.csv").read_text(encoding="utf-8")
    header = text.splitlines()[0]
    assert header == (
        "structure_id,personne_id,date,nature,duree_minutes,frein,modalite,intervenant"
    )
    assert "Violences" not in text and "planning" not in text


def test_the_partners_directory_is_listed_and_edited(client, cip, supervisor, partner):
    client.force_login(cip.user)
    s = cip.structure.pk
    response = client.post(
        url("partner_create", s), {"kind": "cpam", "organisation": "", "email": "pas-un-mail"}
    )
    html = response.content.decode()
    assert "Indiquez l&#x27;organisme" in html and "Saisissez une adresse e-mail valide" in html
    client.post(
        url("partner_edit", s, partner.pk),
        {"kind": "referent_rsa", "organisation": "CD 59", "contact_name": "S. Lemaire"},
    )
    partner.refresh_from_db()
    assert partner.organisation == "CD 59" and partner.active is False
    client.force_login(supervisor.user)
    assert "CD 59" in client.get(url("partners", s)).content.decode()
    assert client.get(url("partner_create", s)).status_code == 403


def test_the_person_file_shows_the_plan_section_and_review_events(client, cip, person):
    barrier = PlanBarrier.objects.create(
        person=person, barrier="mobilite", intensity="moyen", identified_on=dt.date(2025, 1, 20)
    )
    PlanObjective.objects.create(plan_barrier=barrier, title="Permis B")
    client.force_login(cip.user)
    html = client.get(
        reverse("parcours:person", args=[cip.structure.pk, person.pk])
    ).content.decode()
    assert "Plan d&#x27;accompagnement" in html
    assert "Frein repéré : Mobilité" in html


def test_an_inactive_partner_stays_on_past_interviews_but_is_no_longer_offered(
    client, cip, person, partner
):
    interview = AccompanimentAction.objects.create(
        person=person,
        date=dt.date(2025, 3, 4),
        nature="social",
        duration_minutes=40,
        partner=partner,
        speaker=str(partner),
    )
    partner.active = False
    partner.save()
    client.force_login(cip.user)
    s, p = cip.structure.pk, person.pk
    assert partner.organisation not in client.get(url("interview_create", s, p)).content.decode()
    response = client.post(
        url("interview_edit", s, p, interview.pk),
        {"date": "2025-03-04", "nature": "social", "duration_minutes": "60", "partner": partner.pk},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.duration_minutes == 60 and interview.partner == partner
    html = client.post(
        url("interview_create", s, p),
        {"date": "2025-03-04", "nature": "social", "duration_minutes": "60", "partner": 999999},
    ).content.decode()
    assert "Choisissez un élément de la liste proposée." in html


def test_an_interview_and_a_barrier_are_deleted_after_confirmation_and_logged(
    client, cip, person, secret_interview
):
    from jalons.audit.models import AuditAction, AuditEntry

    barrier = PlanBarrier.objects.create(
        person=person, barrier="mobilite", intensity="fort", identified_on=dt.date(2025, 1, 1)
    )
    objective = PlanObjective.objects.create(plan_barrier=barrier, title="Permis B")
    PlanAction.objects.create(objective=objective, title="Auto-école")
    secret_interview.plan_objective = objective
    secret_interview.save()
    client.force_login(cip.user)
    s, p = cip.structure.pk, person.pk
    page = client.get(url("plan_barrier_delete", s, p, barrier.pk)).content.decode()
    assert "Ses objectifs et ses actions sont supprimés avec lui" in page
    assert PlanBarrier.objects.exists()
    client.post(url("plan_barrier_delete", s, p, barrier.pk))
    assert not PlanBarrier.objects.exists() and not PlanAction.objects.exists()
    secret_interview.refresh_from_db()
    assert secret_interview.plan_objective is None
    client.post(url("interview_delete", s, p, secret_interview.pk))
    assert not AccompanimentAction.objects.exists()
    deletions = AuditEntry.objects.filter(action=AuditAction.DELETE)
    assert deletions.count() == 4
    assert "Violences" not in str(list(deletions.values_list("changes", flat=True)))


def test_one_objective_or_one_action_is_removed_from_the_plan_and_logged(
    client, cip, person, secret_interview, reader
):
    from jalons.audit.models import AuditAction, AuditEntry

    barrier = PlanBarrier.objects.create(
        person=person, barrier="mobilite", intensity="fort", identified_on=dt.date(2025, 1, 1)
    )
    kept = PlanObjective.objects.create(plan_barrier=barrier, title="Permis B")
    wrong = PlanObjective.objects.create(plan_barrier=barrier, title="Permis C (erreur)")
    PlanAction.objects.create(objective=wrong, title="Auto-école poids lourd")
    mistaken = PlanAction.objects.create(objective=kept, title="Action en double")
    useful = PlanAction.objects.create(objective=kept, title="Code de la route")
    secret_interview.plan_objective = wrong
    secret_interview.save()
    s, p = cip.structure.pk, person.pk
    # Read-only members see no link and are refused.
    client.force_login(reader.user)
    plan = client.get(url("plan", s, p)).content.decode()
    assert url("plan_action_delete", s, p, mistaken.pk) not in plan
    assert client.post(url("plan_action_delete", s, p, mistaken.pk)).status_code == 403

    client.force_login(cip.user)
    plan = client.get(url("plan", s, p)).content.decode()
    assert url("plan_action_delete", s, p, mistaken.pk) in plan
    assert url("plan_objective_delete", s, p, wrong.pk) in plan
    page = client.get(url("plan_action_delete", s, p, mistaken.pk)).content.decode()
    assert "Action en double" in page and PlanAction.objects.filter(pk=mistaken.pk).exists()
    client.post(url("plan_action_delete", s, p, mistaken.pk))
    assert list(PlanAction.objects.filter(objective=kept)) == [useful]

    page = client.get(url("plan_objective_delete", s, p, wrong.pk)).content.decode()
    assert "Ses actions sont supprimées avec lui" in page
    response = client.post(url("plan_objective_delete", s, p, wrong.pk))
    assert response["Location"] == url("plan", s, p)
    assert list(PlanObjective.objects.all()) == [kept]
    assert list(PlanAction.objects.all()) == [useful]
    secret_interview.refresh_from_db()
    assert secret_interview.plan_objective is None
    assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 3
