"""Demonstration data for the mission tools: evaluations by the CIP, one client
evaluation filled through its link, integration follow-ups and one incident, for the
demo ETTI and AI. Deterministic: the same missions and texts for a given ``today``."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from jalons.accounts.models import Role
from jalons.audit.actor import Actor
from jalons.contrats.models import Contract
from jalons.missions import services
from jalons.missions.models import MISSION_KINDS, Score
from jalons.structures.models import Structure

DEMO_STRUCTURES = ("DEMO-ETTI-62-003", "DEMO-AI-59-004")

# Scores of the CIP's and the client's evaluations, criterion by criterion (cycled).
CIP_SCORES = [Score.GOOD, Score.VERY_GOOD, Score.GOOD, Score.TO_IMPROVE, Score.GOOD]
CLIENT_SCORES = [Score.TO_IMPROVE, Score.GOOD, Score.GOOD, Score.VERY_GOOD, Score.NOT_OBSERVED]

CALLS = [
    (
        "salarie",
        "Premier jour bien passé, accueil par le chef d'équipe. Trajet en bus à "
        "vérifier (arrivée juste à l'heure).",
        "Rappeler en fin de semaine",
    ),
    (
        "client",
        "Le client est satisfait du sérieux ; demande plus de rapidité sur les préparations.",
        "Faire le point avec le salarié sur le rythme",
    ),
    (
        "salarie",
        "Se sent plus à l'aise, a demandé une formation au port des EPI.",
        "Proposer la session sécurité du mois prochain",
    ),
]


def _missions(structure: Structure, today: dt.date):
    return list(
        Contract.objects.filter(
            parcours__structure=structure,
            kind__in=MISSION_KINDS,
            start_date__lte=today - dt.timedelta(days=21),
        )
        .select_related("parcours__person", "parcours__structure", "client")
        .order_by("-start_date", "pk")
    )


def _answers(structure, scores, comments=None):
    comments = comments or {}
    criteria = services.active_criteria(structure)
    return {c.pk: (scores[i % len(scores)], comments.get(i, "")) for i, c in enumerate(criteria)}


@transaction.atomic
def load_demo_missions(*, today: dt.date) -> None:
    for identifier in DEMO_STRUCTURES:
        structure = Structure.objects.filter(identifier=identifier).first()
        if structure is None:
            continue
        services.criteria_ensure_defaults(
            actor=Actor.from_command("jalons demo", role=Role.CIP), structure=structure
        )
        missions = _missions(structure, today)
        if not missions:
            continue
        # The CIP evaluates the three most recent missions.
        for mission in missions[:3]:
            services.evaluation_create(
                actor=Actor.from_command("jalons demo", role=Role.CIP),
                contract=mission,
                evaluated_on=min(today, mission.start_date + dt.timedelta(days=7)),
                evaluator_name="Évaluation de la CIP",
                comment="Bonne implication ; à encourager sur le rythme.",
                answers=_answers(structure, CIP_SCORES),
            )
        first = missions[0]
        # Integration follow-ups during the first days of the most recent mission.
        for days, (party, notes, next_step) in zip((1, 4, 10), CALLS, strict=True):
            day = first.start_date + dt.timedelta(days=days)
            if day > today:
                break
            services.integration_call_create(
                actor=Actor.from_command("jalons demo", role=Role.CIP),
                contract=first,
                date=day,
                party=party,
                medium="telephone",
                notes=notes,
                next_step=next_step,
            )
        if structure.kind == "ETTI":
            _client_evaluation(structure, first, today)
            ended = [
                m for m in missions[1:] if m.end_date and m.end_date <= today - dt.timedelta(days=7)
            ]
            # Preferably a mission already marked as ended early by the client.
            ended.sort(key=lambda m: not m.early_end_by_client)
            if ended:
                _incident(ended[0])


def _client_evaluation(structure, mission, today) -> None:
    """The client fills its evaluation through the link, as it would on the page."""
    evaluation, _token = services.client_link_create(
        actor=Actor.from_command("jalons demo", role=Role.CIP), contract=mission
    )
    submitted = timezone.make_aware(
        dt.datetime.combine(min(today, mission.start_date + dt.timedelta(days=14)), dt.time(10))
    )
    evaluation.link_expires_at = submitted + dt.timedelta(days=services.link_days())
    evaluation.save(update_fields=["link_expires_at"])
    services.client_evaluation_submit(
        actor=Actor.from_command("jalons demo", role="entreprise cliente"),
        evaluation=evaluation,
        evaluator_name=f"Responsable d'équipe, {mission.client}",
        comment="Salarié fiable et volontaire. Doit encore gagner en rapidité.",
        answers=_answers(structure, CLIENT_SCORES, {0: "Deux retards la première semaine."}),
        now=submitted,
    )


def _incident(mission) -> None:
    reported = mission.end_date
    incident = services.incident_create(
        actor=Actor.from_command("jalons demo", role=Role.CIP),
        contract=mission,
        reported_on=reported,
        ended_on=reported,
        facts=(
            f"Le {reported:%d/%m/%Y}, le client met fin à la mission après deux absences "
            "non prévenues (les deux lundis précédents)."
        ),
        client_account="Absences sans prévenir, l'équipe a dû se réorganiser au dernier moment.",
        worker_account=(
            "Problème de garde d'enfant le lundi ; n'avait pas le numéro du chef d'équipe."
        ),
        cip_analysis=(
            "Frein de garde d'enfant non repéré à l'embauche ; consignes d'absence "
            "mal transmises. Le client reste ouvert à une nouvelle mission."
        ),
    )
    for description, owner, days in (
        ("Chercher une solution de garde (halte-garderie, assistante maternelle)", "CIP", 7),
        ("Remettre au salarié la fiche « que faire en cas d'absence »", "CIP", 2),
        ("Proposer une nouvelle mission chez ce client après un mois", "Chargé de clientèle", 30),
    ):
        services.incident_action_create(
            actor=Actor.from_command("jalons demo", role=Role.CIP),
            incident=incident,
            description=description,
            owner=owner,
            due_on=reported + dt.timedelta(days=days),
        )
