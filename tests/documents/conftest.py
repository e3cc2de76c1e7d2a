import datetime

import pytest

from jalons.audit.actor import Actor
from jalons.competences import services
from jalons.competences.models import EvaluatorKind, Skill
from tests.factories import MembershipFactory, StructureFactory
from tests.parcours.factories import (
    ClientFactory,
    ContractFactory,
    ParcoursFactory,
    TrainingFactory,
)


@pytest.fixture
def etti(db):
    return StructureFactory(
        etti=True,
        name="Intérim Solidaire Artois",
        address="45 rue Ronville",
        postcode="62000",
        city="Arras",
        phone="03 21 00 00 03",
        email="contact@interim-solidaire.example",
    )


@pytest.fixture
def owner(etti):
    return MembershipFactory(
        structure=etti, user__first_name="Nadia", user__last_name="Hamdani"
    ).user


@pytest.fixture
def worker(etti):
    """A temporary worker with missions, a training and evaluated skills; and sensitive data."""
    parcours = ParcoursFactory(
        person__structure=etti,
        person__first_name="Inès",
        person__last_name="Lambert",
        person__nir="180055912345678",
        person__city="Arras",
        person__phone="06 12 34 56 78",
        rqth=True,
        rsa=True,
        hire_date=datetime.date(2025, 1, 6),
    )
    person = parcours.person
    company = ClientFactory(structure=etti, name="Logistique des Flandres", city="Arras")
    family = ClientFactory(structure=etti, name="Mme Odette Vandamme", kind="particulier")
    for start, end in [((2025, 1, 6), (2025, 2, 14)), ((2025, 3, 3), (2025, 5, 30))]:
        ContractFactory(
            parcours=parcours,
            kind="mission",
            post="Préparatrice de commandes",
            client=company,
            start_date=datetime.date(*start),
            end_date=datetime.date(*end),
            weekly_hours=None,
        )
    ContractFactory(
        parcours=parcours,
        kind="mission",
        post="Aide ménagère",
        client=family,
        start_date=datetime.date(2025, 6, 10),
        end_date=datetime.date(2025, 6, 30),
        weekly_hours=None,
    )
    TrainingFactory(
        person=person,
        title="CACES R489 catégories 1A et 3",
        status="certifiee",
        organisation="AFPA Arras",
        certification="CACES R489 1A et 3",
        start_date=datetime.date(2025, 4, 7),
        end_date=datetime.date(2025, 4, 11),
        hours=35,
    )
    TrainingFactory(person=person, title="Savoirs de base", status="abandon")
    title = services.title_import(
        actor=Actor(role=""), structure=etti, key="preparateur-commandes-entrepot"
    )
    skills = list(Skill.objects.filter(block__title=title).order_by("block__position", "position"))
    sessions = [
        (
            datetime.date(2025, 2, 3),
            EvaluatorKind.CIP,
            "Julien Carpentier",
            None,
            [0, 1, 0, 1, 0, 0, 0],
        ),
        (
            datetime.date(2025, 4, 14),
            EvaluatorKind.CLIENT,
            "chef d'équipe",
            company,
            [2, 2, 1, 0, 2, 2, 1],
        ),
        (
            datetime.date(2025, 6, 2),
            EvaluatorKind.CIP,
            "Julien Carpentier",
            None,
            [3, 2, 2, 1, 3, 2, 2],
        ),
    ]
    for day, kind, name, client, levels in sessions:
        services.evaluations_record(
            actor=Actor(role="cip"),
            structure=etti,
            person=person,
            evaluated_on=day,
            evaluator_kind=kind,
            evaluator_name=name,
            client=client,
            levels=dict(zip(skills, levels, strict=False)),
        )
    return person


@pytest.fixture(scope="session")
def pdf_engine_ready():
    """Timings are measured warm: the first PDF of a process also loads fonts (1 to 4 s)."""
    from jalons.documents.rendering import warm_up

    warm_up()
