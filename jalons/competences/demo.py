"""Demo data for skills: two titles per demo structure and evaluations over time.

Called by the demo loader after the pathways exist. Idempotent: a structure that
already has titles in its referential is left as it is. The livret d'accueil keeps
its default texts (nothing to store).
"""

import datetime as dt
import random

from jalons.accounts.models import Role, StructureMembership
from jalons.audit.actor import Actor
from jalons.competences import services
from jalons.competences.models import EvaluatorKind, ProfessionalTitle, Skill
from jalons.contrats.models import Client
from jalons.parcours.models import Parcours
from jalons.structures.models import Structure

TITLES_BY_KIND = {
    "ACI": ["ouvrier-paysage", "agent-proprete-hygiene"],
    "EI": ["agent-proprete-hygiene", "agent-magasinier"],
    "ETTI": ["preparateur-commandes-entrepot", "agent-magasinier"],
    "AI": ["employe-familial", "agent-proprete-hygiene"],
    "EITI": ["peintre-batiment", "agent-proprete-hygiene"],
}
PEOPLE_PER_STRUCTURE = 4
SEED = 2026


def _evaluator(structure, role) -> str:
    membership = (
        StructureMembership.objects.filter(structure=structure, role=role)
        .select_related("user")
        .first()
    )
    return membership.user.get_full_name() if membership else ""


def load_demo_competences(*, today: dt.date) -> None:
    rng = random.Random(SEED)
    for structure in Structure.objects.filter(identifier__startswith="DEMO-").order_by("pk"):
        if ProfessionalTitle.objects.filter(structure=structure).exists():
            continue
        titles = [
            services.title_import(
                actor=Actor.from_command("jalons demo", role=""), structure=structure, key=key
            )
            for key in TITLES_BY_KIND.get(structure.kind, [])
        ]
        if not titles:
            continue
        skills = list(
            Skill.objects.filter(block__title=titles[0]).order_by("block__position", "position")
        )
        clients = list(Client.objects.filter(structure=structure, kind="entreprise"))
        # Who evaluates: the structure's technical supervisor, else its CIP, else its
        # direction (an EITI of the demo has only a direction), always by name.
        kind, name = EvaluatorKind.ENCADRANT, _evaluator(structure, Role.ENCADRANT)
        if structure.kind == "ETTI" or not name:
            kind, name = EvaluatorKind.CIP, _evaluator(structure, Role.CIP)
        if not name:
            kind, name = EvaluatorKind.DIRECTION, _evaluator(structure, Role.DIRECTION)
        parcours_list = (
            Parcours.objects.filter(
                structure=structure, hire_date__lte=today - dt.timedelta(days=120)
            )
            .select_related("person")
            .order_by("-hire_date")[:PEOPLE_PER_STRUCTURE]
        )
        for parcours in parcours_list:
            _evaluate(structure, parcours, skills, clients, (kind, name), rng, today)


def _evaluate(structure, parcours, skills, clients, evaluator, rng, today):
    last_day = min(parcours.exit_date or today, today)
    levels = {skill: rng.choice([0, 0, 1]) for skill in skills}
    for months in (1, 3, 6):
        day = parcours.hire_date + dt.timedelta(days=30 * months)
        if day > last_day:
            break
        if months > 1:
            levels = {s: min(3, level + rng.choice([0, 1, 1, 2])) for s, level in levels.items()}
        by_client = structure.kind == "ETTI" and months == 3 and clients
        services.evaluations_record(
            actor=Actor.from_command("jalons demo", role=""),
            structure=structure,
            person=parcours.person,
            evaluated_on=day,
            evaluator_kind=EvaluatorKind.CLIENT if by_client else evaluator[0],
            evaluator_name="chef d'équipe" if by_client else evaluator[1],
            client=rng.choice(clients) if by_client else None,
            comment="" if months > 1 else "Première évaluation en situation de travail.",
            levels=dict(levels),
            today=today,
        )
