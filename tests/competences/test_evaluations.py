import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.competences import services
from jalons.competences.models import EvaluatorKind, ProfessionalTitle, Skill, SkillEvaluation
from tests.factories import StructureFactory
from tests.parcours.factories import ClientFactory, ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def title(structure):
    return services.title_import(
        actor=Actor(role=""), structure=structure, key="agent-proprete-hygiene"
    )


def skills_of(title):
    return list(Skill.objects.filter(block__title=title).order_by("block__position", "position"))


def test_a_technical_supervisor_records_an_evaluation_session(
    client, structure, person, member, title
):
    supervisor = member(encadrant=True)
    client.force_login(supervisor)
    url = reverse("competences:evaluate", args=[structure.pk, person.pk])
    page = client.get(url)
    assert page.status_code == 200
    first, second, *_ = skills_of(title)
    response = client.post(
        url,
        {
            "titre": title.pk,
            "evaluated_on": "15/03/2025",
            "evaluator_kind": "encadrant",
            f"niveau_{first.pk}": "2",
            f"niveau_{second.pk}": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    evaluations = SkillEvaluation.objects.filter(person=person).order_by("skill__position")
    assert [(e.skill, e.level) for e in evaluations] == [(first, 2), (second, 1)]
    assert all(e.evaluator_name == supervisor.get_full_name() for e in evaluations)
    assert all(e.evaluated_on == datetime.date(2025, 3, 15) for e in evaluations)


def test_an_evaluation_without_any_level_is_refused_in_french(
    client, structure, person, member, title
):
    client.force_login(member(encadrant=True))
    response = client.post(
        reverse("competences:evaluate", args=[structure.pk, person.pk]),
        {"titre": title.pk, "evaluated_on": "2025-03-15", "evaluator_kind": "encadrant"},
    )
    assert response.status_code == 200
    assert "Indiquez le niveau d&#x27;au moins une compétence." in response.content.decode()
    assert not SkillEvaluation.objects.exists()


def test_read_only_members_cannot_evaluate(client, structure, person, member, title):
    client.force_login(member(lecture=True))
    url = reverse("competences:evaluate", args=[structure.pk, person.pk])
    assert client.get(url).status_code == 403


def test_an_etti_cip_records_an_evaluation_by_the_client_company(db):
    etti = StructureFactory(etti=True)
    person = ParcoursFactory(person__structure=etti).person
    company = ClientFactory(structure=etti, name="Logistique des Flandres")
    title = services.title_import(
        actor=Actor(role=""), structure=etti, key="preparateur-commandes-entrepot"
    )
    skill = skills_of(title)[0]
    [evaluation] = services.evaluations_record(
        actor=Actor(role="cip"),
        structure=etti,
        person=person,
        evaluated_on=datetime.date(2025, 5, 2),
        evaluator_kind=EvaluatorKind.CLIENT,
        evaluator_name="M. Caron, chef d'équipe",
        client=company,
        levels={skill: 3},
    )
    assert evaluation.evaluator_label == (
        "Entreprise cliente ou utilisateur (Logistique des Flandres, M. Caron, chef d'équipe)"
    )
    with pytest.raises(ValidationError) as refused:
        services.evaluations_record(
            actor=Actor(role="cip"),
            structure=etti,
            person=person,
            evaluated_on=datetime.date(2025, 5, 2),
            evaluator_kind=EvaluatorKind.CLIENT,
            levels={skill: 3},
        )
    assert "Choisissez l'entreprise cliente" in str(refused.value)


def test_an_aci_cannot_record_a_client_evaluation_nor_one_in_the_future(structure, person, title):
    skill = skills_of(title)[0]
    with pytest.raises(ValidationError) as refused:
        services.evaluations_record(
            actor=Actor(role="encadrant"),
            structure=structure,
            person=person,
            evaluated_on=datetime.date.today() + datetime.timedelta(days=2),
            evaluator_kind=EvaluatorKind.CLIENT,
            levels={skill: 2},
        )
    messages = refused.value.message_dict
    assert "réservée aux ETTI et aux AI" in messages["evaluator_kind"][0]
    assert "dans le futur" in messages["evaluated_on"][0]


def test_skills_of_another_structure_are_refused(structure, person):
    other_title = services.title_import(
        actor=Actor(role=""), structure=StructureFactory(), key="agent-magasinier"
    )
    with pytest.raises(ValidationError):
        services.evaluations_record(
            actor=Actor(role="direction"),
            structure=structure,
            person=person,
            evaluated_on=datetime.date(2025, 3, 1),
            evaluator_kind=EvaluatorKind.DIRECTION,
            levels={skills_of(other_title)[0]: 2},
        )


def test_the_progression_page_shows_each_skill_over_time_and_a_chart(
    client, structure, person, member, title
):
    first, second, *_ = skills_of(title)
    for day, levels in [
        (datetime.date(2025, 2, 1), {first: 0, second: 1}),
        (datetime.date(2025, 4, 1), {first: 2, second: 3}),
    ]:
        services.evaluations_record(
            actor=Actor(role="encadrant"),
            structure=structure,
            person=person,
            evaluated_on=day,
            evaluator_kind=EvaluatorKind.ENCADRANT,
            evaluator_name="Sylvie Lefebvre",
            levels=levels,
        )
    client.force_login(member(lecture=True))
    page = client.get(reverse("competences:person", args=[structure.pk, person.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "Progression des compétences" in html
    assert "01/02/2025 : non acquis" in html and "01/04/2025 : acquis" in html
    assert "Maîtrisé" in html
    file = " ".join(
        client.get(reverse("parcours:person", args=[structure.pk, person.pk]))
        .content.decode()
        .split()
    )
    assert "Compétences et documents" in file
    assert "1 compétence acquise ou maîtrisée" not in file
    assert "2 compétences acquises ou maîtrisées sur 2 évaluées" in file
    assert "Évaluation de compétences" in file  # in the chronology
    assert ProfessionalTitle.objects.filter(structure=structure).count() == 1


def _two_evaluations(structure, person, title):
    first, second, *_ = skills_of(title)
    return services.evaluations_record(
        actor=Actor(role=""),
        structure=structure,
        person=person,
        evaluated_on=datetime.date(2025, 3, 15),
        evaluator_kind=EvaluatorKind.ENCADRANT,
        evaluator_name="Sylvie Lefebvre",
        levels={first: 2, second: 1},
    )


def test_an_evaluation_entered_by_mistake_is_deleted_after_confirming_and_journaled(
    client, structure, person, member, title
):
    from jalons.audit.models import AuditAction, AuditEntry

    wrong, kept = _two_evaluations(structure, person, title)
    client.force_login(member(encadrant=True))
    page = client.get(reverse("competences:person", args=[structure.pk, person.pk]))
    url = reverse("competences:evaluation_delete", args=[structure.pk, person.pk, wrong.pk])
    assert url in page.content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Supprimer l&#x27;évaluation du 15/03/2025" in confirm.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("competences:person", args=[structure.pk, person.pk])
    assert list(SkillEvaluation.objects.filter(person=person)) == [kept]
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(wrong.pk))
    assert entry.structure == structure


def test_read_only_members_cannot_delete_and_other_people_find_no_evaluation(
    client, structure, person, member, title
):
    evaluation, _ = _two_evaluations(structure, person, title)
    url = reverse("competences:evaluation_delete", args=[structure.pk, person.pk, evaluation.pk])
    client.force_login(member(lecture=True))
    page = client.get(reverse("competences:person", args=[structure.pk, person.pk]))
    assert url not in page.content.decode()
    assert client.post(url).status_code == 403
    other = ParcoursFactory(person__structure=structure).person
    client.force_login(member(cip=True))
    wrong_person = reverse(
        "competences:evaluation_delete", args=[structure.pk, other.pk, evaluation.pk]
    )
    assert client.post(wrong_person).status_code == 404
    assert SkillEvaluation.objects.filter(pk=evaluation.pk).exists()
