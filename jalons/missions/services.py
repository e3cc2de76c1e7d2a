"""Writes for the mission tools. Each is atomic and audited."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jalons.audit.models import AuditAction, AuditEntry
from jalons.audit.services import audit_record, audited_save, snapshot
from jalons.contrats.services import contract_save
from jalons.missions.models import (
    DEFAULT_CRITERIA,
    MISSION_KINDS,
    EvaluationAnswer,
    EvaluationCriterion,
    EvaluationSource,
    IncidentAction,
    IntegrationCall,
    MissionEvaluation,
    MissionIncident,
    Score,
)

LINK_OBJECT_TYPE = "lien d'évaluation client"
# Refused attempts are logged under their own type: only they count for the limit.
LINK_REFUSED_OBJECT_TYPE = "lien d'évaluation client refusé"


def link_days() -> int:
    return getattr(settings, "JALONS_CLIENT_LINK_DAYS", 15)


def _structure_of(contract):
    return contract.parcours.structure


def _check_mission(contract) -> None:
    if contract.kind not in MISSION_KINDS:
        raise ValidationError(
            "Seules les missions d'intérim et les mises à disposition ont une évaluation "
            "par le client."
        )


# Grid -----------------------------------------------------------------------


@transaction.atomic
def criteria_ensure_defaults(*, actor, structure) -> None:
    """Give a structure the default grid the first time it is used."""
    if EvaluationCriterion.objects.filter(structure=structure).exists():
        return
    for position, label in enumerate(DEFAULT_CRITERIA, start=1):
        criterion = EvaluationCriterion(structure=structure, label=label, position=position * 10)
        audited_save(actor=actor, structure=structure, obj=criterion)


@transaction.atomic
def criterion_save(
    *, actor, structure, criterion: EvaluationCriterion | None = None, **fields
) -> EvaluationCriterion:
    before = snapshot(criterion) if criterion else None
    if criterion is None:
        criterion = EvaluationCriterion(structure=structure)
        last = EvaluationCriterion.objects.filter(structure=structure).order_by("-position").first()
        criterion.position = (last.position + 10) if last else 10
    for name, value in fields.items():
        if name not in ("label", "help_text", "position", "active"):
            raise TypeError(name)
        setattr(criterion, name, value)
    criterion.label = (criterion.label or "").strip()
    same = EvaluationCriterion.objects.filter(structure=structure, label__iexact=criterion.label)
    if criterion.label and same.exclude(pk=criterion.pk).exists():
        raise ValidationError({"label": "Un critère de la grille porte déjà ce libellé."})
    return audited_save(actor=actor, structure=structure, obj=criterion, before=before)


# Evaluations ---------------------------------------------------------------


def _save_answers(evaluation, criteria, answers: dict) -> None:
    """``answers`` is {criterion pk: (score, comment)}; every active criterion is
    answered, possibly with « non observé »."""
    errors = {}
    for criterion in criteria:
        score, _ = answers.get(criterion.pk, ("", ""))
        if score not in Score.values:
            errors[f"critere_{criterion.pk}"] = (
                f"Choisissez une appréciation pour « {criterion.label} » (ou « Non observé »)."
            )
    if errors:
        raise ValidationError(errors)
    evaluation.answers.all().delete()
    for criterion in criteria:
        score, comment = answers[criterion.pk]
        answer = EvaluationAnswer(
            evaluation=evaluation,
            criterion=criterion,
            criterion_label=criterion.label,
            position=criterion.position,
            score=score,
            comment=(comment or "").strip()[:500],
        )
        answer.full_clean()
        answer.save()


def _answers_log(evaluation) -> dict:
    return {a.criterion_label: a.get_score_display() for a in evaluation.answers.all()}


def active_criteria(structure):
    return list(EvaluationCriterion.objects.filter(structure=structure, active=True))


@transaction.atomic
def evaluation_create(
    *,
    actor,
    contract,
    evaluated_on: dt.date,
    evaluator_name: str = "",
    comment: str = "",
    answers: dict,
) -> MissionEvaluation:
    """An evaluation of the mission by the CIP."""
    _check_mission(contract)
    structure = _structure_of(contract)
    evaluation = MissionEvaluation(
        contract=contract,
        source=EvaluationSource.CIP,
        evaluated_on=evaluated_on,
        evaluator_name=evaluator_name or (actor.user.get_full_name() if actor.user else ""),
        comment=comment,
        submitted_at=timezone.now(),
        created_by=actor.user,
    )
    if evaluated_on and evaluated_on < contract.start_date:
        raise ValidationError(
            {
                "evaluated_on": "L'évaluation ne peut pas précéder le début de la mission "
                f"({contract.start_date:%d/%m/%Y})."
            }
        )
    evaluation.full_clean()
    evaluation.save()
    _save_answers(evaluation, active_criteria(structure), answers)
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        structure=structure,
        obj=evaluation,
        changes=_answers_log(evaluation),
    )
    return evaluation


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def client_link_create(*, actor, contract) -> tuple[MissionEvaluation, str]:
    """A link for the client company to evaluate this one mission. Returns the
    evaluation waiting for the client and the token, shown once: only its hash is kept.
    An earlier link of the same mission that was not used expires now."""
    _check_mission(contract)
    structure = _structure_of(contract)
    criteria_ensure_defaults(actor=actor, structure=structure)
    now = timezone.now()
    MissionEvaluation.objects.filter(
        contract=contract,
        source=EvaluationSource.CLIENT,
        submitted_at__isnull=True,
        link_expires_at__gt=now,
    ).update(link_expires_at=now)
    token = secrets.token_urlsafe(32)
    evaluation = MissionEvaluation(
        contract=contract,
        source=EvaluationSource.CLIENT,
        token_hash=_hash(token),
        link_expires_at=now + dt.timedelta(days=link_days()),
        created_by=actor.user,
    )
    evaluation.full_clean()
    evaluation.save()
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        structure=structure,
        obj=evaluation,
        object_type=LINK_OBJECT_TYPE,
        changes={"valable jusqu'au": f"{timezone.localtime(evaluation.link_expires_at):%d/%m/%Y}"},
    )
    return evaluation, token


@dataclass
class LinkRefused(Exception):
    status: int
    reason: str
    evaluation: MissionEvaluation | None = None


def too_many_attempts(actor) -> bool:
    limit = getattr(settings, "JALONS_CLIENT_LINK_MAX_ATTEMPTS", 30)
    ip = actor.ip
    since = timezone.now() - dt.timedelta(minutes=15)
    refused = AuditEntry.objects.filter(object_type=LINK_REFUSED_OBJECT_TYPE, ip=ip, at__gte=since)
    return refused.count() >= limit


def _log_attempt(actor, evaluation, result: str, action=AuditAction.VIEW) -> None:
    audit_record(
        action=action,
        actor=actor,
        structure=_structure_of(evaluation.contract) if evaluation else None,
        obj=evaluation,
        object_type=LINK_REFUSED_OBJECT_TYPE if result.startswith("refusé") else LINK_OBJECT_TYPE,
        object_repr=str(evaluation) if evaluation else "lien inconnu",
        changes={"résultat": result},
    )


def client_link_open(*, actor, mission_id: int, token: str) -> MissionEvaluation:
    """The client's evaluation for this token and mission, or LinkRefused. Every
    attempt, accepted or not, enters the audit log with its IP address."""
    if too_many_attempts(actor):
        # Already logged 30 refusals from this address: do not let it fill the log.
        raise LinkRefused(429, "trop_de_tentatives")
    evaluation = (
        MissionEvaluation.objects.select_related(
            "contract__client", "contract__parcours__person", "contract__parcours__structure"
        )
        .filter(token_hash=_hash(token or ""), source=EvaluationSource.CLIENT)
        .first()
    )
    if evaluation is None:
        _log_attempt(actor, None, "refusé : lien inconnu ou altéré")
        raise LinkRefused(404, "inconnu")
    if evaluation.contract_id != mission_id:
        _log_attempt(actor, evaluation, f"refusé : lien utilisé pour la mission n° {mission_id}")
        raise LinkRefused(403, "autre_mission", evaluation)
    if evaluation.is_submitted:
        _log_attempt(actor, evaluation, "refusé : évaluation déjà transmise")
        raise LinkRefused(410, "deja_transmise", evaluation)
    if evaluation.link_expires_at <= timezone.now():
        _log_attempt(actor, evaluation, "refusé : lien expiré")
        raise LinkRefused(410, "expire", evaluation)
    _log_attempt(actor, evaluation, "lien ouvert")
    return evaluation


@transaction.atomic
def client_evaluation_submit(
    *,
    actor,
    evaluation: MissionEvaluation,
    evaluator_name: str,
    comment: str,
    answers: dict,
    now=None,
) -> MissionEvaluation:
    """The client company sends its evaluation; the link cannot be used again."""
    now = now or timezone.now()
    evaluation = MissionEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.is_submitted or evaluation.link_expires_at <= now:
        raise ValidationError("Ce lien n'est plus valable : l'évaluation n'a pas été enregistrée.")
    structure = _structure_of(evaluation.contract)
    evaluator_name = (evaluator_name or "").strip()
    if not evaluator_name:
        raise ValidationError({"evaluator_name": "Indiquez votre nom et votre fonction."})
    evaluation.evaluator_name = evaluator_name
    evaluation.comment = comment or ""
    evaluation.evaluated_on = timezone.localdate(now)
    evaluation.submitted_at = now
    evaluation.full_clean()
    _save_answers(evaluation, active_criteria(structure), answers)
    evaluation.save()
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        structure=structure,
        obj=evaluation,
        object_type=LINK_OBJECT_TYPE,
        changes={"résultat": "évaluation transmise", **_answers_log(evaluation)},
    )
    return evaluation


@transaction.atomic
def evaluation_mark_presented(
    *, actor, evaluation: MissionEvaluation, presented_on: dt.date
) -> MissionEvaluation:
    before = snapshot(evaluation)
    if not evaluation.is_submitted:
        raise ValidationError(
            {"presented_on": "L'entreprise cliente n'a pas encore transmis son évaluation."}
        )
    if evaluation.evaluated_on and presented_on < evaluation.evaluated_on:
        raise ValidationError(
            {
                "presented_on": "La présentation ne peut pas précéder l'évaluation "
                f"({evaluation.evaluated_on:%d/%m/%Y})."
            }
        )
    evaluation.presented_on = presented_on
    return audited_save(
        actor=actor,
        structure=_structure_of(evaluation.contract),
        obj=evaluation,
        before=before,
    )


# Integration follow-ups and incidents ----------------------------------------


@transaction.atomic
def integration_call_create(*, actor, contract, **fields) -> IntegrationCall:
    _check_mission(contract)
    call = IntegrationCall(contract=contract, created_by=actor.user, **fields)
    return audited_save(actor=actor, structure=_structure_of(contract), obj=call)


@transaction.atomic
def incident_create(*, actor, contract, **fields) -> MissionIncident:
    """Records an early end of mission at the client's initiative and marks the
    contract accordingly (its end date becomes the effective end, if earlier)."""
    _check_mission(contract)
    incident = MissionIncident(contract=contract, created_by=actor.user, **fields)
    incident = audited_save(actor=actor, structure=_structure_of(contract), obj=incident)
    changes = {"early_end_by_client": True}
    if incident.ended_on and (contract.end_date is None or incident.ended_on < contract.end_date):
        changes["end_date"] = incident.ended_on
    try:
        contract_save(actor=actor, parcours=contract.parcours, contract=contract, **changes)
    except ValidationError as error:
        messages = "; ".join(error.messages)
        raise ValidationError(f"Le contrat n'a pas pu être mis à jour : {messages}") from error
    return incident


@transaction.atomic
def incident_action_create(*, actor, incident, **fields) -> IncidentAction:
    action = IncidentAction(incident=incident, **fields)
    return audited_save(actor=actor, structure=_structure_of(incident.contract), obj=action)
