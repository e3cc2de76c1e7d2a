import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.audit.models import AuditEntry
from jalons.formation.models import TrainingAction, TrainingStep
from jalons.formation.services import training_save, training_step_save
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cip(db):
    return MembershipFactory(cip=True)


@pytest.fixture
def person(cip):
    return ParcoursFactory(person__structure=cip.structure).person


def test_a_training_records_funding_organisation_and_outcome(person):
    training = training_save(
        actor=Actor(role="cip"),
        person=person,
        title="CACES R489",
        status="certifiee",
        start_date=dt.date(2025, 3, 3),
        end_date=dt.date(2025, 3, 7),
        hours=Decimal("35"),
        qualifying=True,
        funding="opco",
        organisation="AFPA",
        certification="CACES R489 catégorie 3",
        outcome="Certifié du premier coup.",
    )
    assert training.get_funding_display().startswith("OPCO")
    entry = AuditEntry.objects.get(object_type="action de formation")
    assert entry.changes["financement"][1].startswith("OPCO")


def test_preparatory_steps_come_before_entry(person):
    training = training_save(
        actor=Actor(role="cip"),
        person=person,
        title="Titre pro",
        status="preparation",
        start_date=dt.date(2025, 5, 5),
    )
    training_step_save(
        actor=Actor(role="cip"),
        training=training,
        date=dt.date(2025, 4, 1),
        description="Réunion d'information",
        done=True,
    )
    with pytest.raises(ValidationError) as error:
        training_step_save(
            actor=Actor(role="cip"),
            training=training,
            date=dt.date(2025, 6, 1),
            description="Trop tard",
        )
    assert "date" in error.value.message_dict
    assert TrainingStep.objects.count() == 1


def test_the_training_pages_save_and_explain_errors(client, cip, person):
    client.force_login(cip.user)
    s, p = cip.structure.pk, person.pk
    client.post(
        reverse("parcours:training_create", args=[s, p]),
        {"title": "Savoirs de base", "status": "preparation", "funding": "savoirs_de_base"},
    )
    training = TrainingAction.objects.get(person=person)
    assert training.funding == "savoirs_de_base"
    edit = reverse("accompagnement:training_edit", args=[s, p, training.pk])
    html = client.post(
        edit,
        {
            "title": "Savoirs de base",
            "status": "entree",
            "start_date": "2025-05-10",
            "end_date": "2025-05-01",
            "hours": "douze",
        },
    ).content.decode()
    assert "Saisissez un nombre d&#x27;heures" in html
    html = client.post(
        edit,
        {
            "title": "Savoirs de base",
            "status": "entree",
            "start_date": "2025-05-10",
            "end_date": "2025-05-01",
        },
    ).content.decode()
    assert "La fin de la formation doit suivre son début." in html
    training.refresh_from_db()
    assert training.status == "preparation"
    client.post(
        edit,
        {
            "title": "Savoirs de base",
            "status": "entree",
            "start_date": "2025-05-10",
            "hours": "70,5",
            "organisation": "GRETA",
        },
    )
    training.refresh_from_db()
    assert training.hours == Decimal("70.5") and training.organisation == "GRETA"
    step_url = reverse("accompagnement:training_step_create", args=[s, p, training.pk])
    html = client.post(step_url, {"date": "", "description": ""}).content.decode()
    assert "Indiquez la date de l&#x27;étape." in html and "Décrivez l&#x27;étape" in html
    client.post(step_url, {"date": "2025-04-20", "description": "Tests de positionnement"})
    assert "Tests de positionnement" in client.get(edit).content.decode()


def test_the_export_keeps_the_contract_columns_for_trainings(tmp_path, person):
    from jalons.echanges.export import folder_export

    training_save(
        actor=Actor(role="cip"),
        person=person,
        title="CACES",
        status="abandon",
        funding="cpf",
        outcome="Abandon",
    )
    folder_export(folder=tmp_path / "x")
    header = (tmp_path / "x" / "formations.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "structure_id,personne_id,statut,date_debut,date_fin,intitule,heures,qualifiante"
    )


def test_a_training_saved_on_its_page_is_journalled_with_its_actor(client, cip, person):
    client.force_login(cip.user)
    client.post(
        reverse("parcours:training_create", args=[cip.structure.pk, person.pk]),
        {"title": "CACES R489", "status": "preparation"},
        REMOTE_ADDR="192.0.2.44",
    )
    entry = AuditEntry.objects.get(object_type="action de formation", action="creation")
    assert (entry.user, entry.role, entry.structure) == (cip.user, "cip", cip.structure)
    assert entry.ip == "192.0.2.44" and entry.command == ""
