"""Writes of the skills referential and of evaluations (audited, atomic)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_delete, audited_save, snapshot
from jalons.competences.catalogue import catalogue
from jalons.competences.models import (
    EvaluatorKind,
    ProfessionalTitle,
    Skill,
    SkillBlock,
    SkillEvaluation,
)

# Structures whose people work for clients or users (evaluations "par l'entreprise cliente").
CLIENT_EVALUATION_KINDS = ("ETTI", "AI")


def _save(*, actor, structure, obj, before=None, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    return audited_save(actor=actor, structure=structure, obj=obj, before=before)


@transaction.atomic
def title_import(*, actor, structure, key: str) -> ProfessionalTitle:
    """Copy a catalogue title, its blocks and skills into the structure's referential."""
    source = catalogue().get(key)
    if source is None:
        raise ValidationError({"key": "Ce titre n'existe pas dans le catalogue."})
    if ProfessionalTitle.objects.filter(structure=structure, name=source.name).exists():
        raise ValidationError(
            {"key": f"« {source.name} » est déjà dans le référentiel de la structure."}
        )
    title = _save(
        actor=actor,
        structure=structure,
        obj=ProfessionalTitle(structure=structure),
        name=source.name,
        rncp_code=source.rncp_code,
        source_label=source.source_label,
        source_url=source.source_url,
        verification=source.verification,
        catalogue_key=source.key,
    )
    for position, item in enumerate(source.blocks, start=1):
        block = SkillBlock(title=title, code=item.code, name=item.name, position=position)
        block.full_clean()
        block.save()
        skills = [
            Skill(block=block, name=name, position=index)
            for index, name in enumerate(item.skills, start=1)
        ]
        for skill in skills:
            skill.full_clean()
        Skill.objects.bulk_create(skills)
    return title


@transaction.atomic
def title_save(
    *, actor, structure, title: ProfessionalTitle | None = None, **fields
) -> ProfessionalTitle:
    before = snapshot(title) if title else None
    title = title or ProfessionalTitle(structure=structure)
    name = fields.get("name", title.name)
    duplicate = ProfessionalTitle.objects.filter(structure=structure, name=name).exclude(
        pk=title.pk
    )
    if duplicate.exists():
        raise ValidationError({"name": "Un titre porte déjà cet intitulé dans le référentiel."})
    allowed = {"name", "rncp_code", "source_label", "source_url"}
    if set(fields) - allowed:
        raise TypeError(sorted(set(fields) - allowed))
    return _save(actor=actor, structure=structure, obj=title, before=before, **fields)


@transaction.atomic
def block_save(
    *, actor, title: ProfessionalTitle, block: SkillBlock | None = None, **fields
) -> SkillBlock:
    before = snapshot(block) if block else None
    block = block or SkillBlock(title=title, position=title.blocks.count() + 1)
    if set(fields) - {"code", "name", "position"}:
        raise TypeError(sorted(fields))
    return _save(actor=actor, structure=title.structure, obj=block, before=before, **fields)


@transaction.atomic
def skill_save(*, actor, block: SkillBlock, skill: Skill | None = None, **fields) -> Skill:
    before = snapshot(skill) if skill else None
    skill = skill or Skill(block=block, position=block.skills.count() + 1)
    if set(fields) - {"name", "position"}:
        raise TypeError(sorted(fields))
    return _save(
        actor=actor,
        structure=block.title.structure,
        obj=skill,
        before=before,
        **fields,
    )


@transaction.atomic
def evaluations_record(
    *,
    actor,
    structure,
    person,
    evaluated_on: dt.date,
    evaluator_kind: str,
    levels: dict,
    evaluator_name: str = "",
    client=None,
    comment: str = "",
    today: dt.date | None = None,
) -> list[SkillEvaluation]:
    """Record one evaluation session: a level for each skill in ``levels`` ({Skill: level})."""
    today = today or dt.date.today()
    errors = {}
    if person.structure_id != structure.pk:
        raise ValidationError("Cette personne n'appartient pas à la structure.")
    if not levels:
        errors["__all__"] = "Indiquez le niveau d'au moins une compétence."
    if evaluated_on > today:
        errors["evaluated_on"] = "La date de l'évaluation ne peut pas être dans le futur."
    if any(skill.block.title.structure_id != structure.pk for skill in levels):
        raise ValidationError("Ces compétences n'appartiennent pas au référentiel de la structure.")
    if evaluator_kind == EvaluatorKind.CLIENT:
        if structure.kind not in CLIENT_EVALUATION_KINDS:
            errors["evaluator_kind"] = (
                "L'évaluation par une entreprise cliente est réservée aux ETTI et aux AI."
            )
        elif client is None:
            errors["client"] = "Choisissez l'entreprise cliente qui a évalué."
        elif client.structure_id != structure.pk:
            raise ValidationError("Ce client n'appartient pas à la structure.")
    elif client is not None:
        errors["client"] = (
            "Un client ne se choisit que pour une évaluation par l'entreprise cliente."
        )
    if errors:
        raise ValidationError(errors)
    if evaluator_kind == EvaluatorKind.CLIENT:
        evaluator_name = (
            f"{client.name}, {evaluator_name}".strip(", ") if evaluator_name else client.name
        )
    elif not evaluator_name and actor.user is not None:
        evaluator_name = actor.user.get_full_name() or actor.user.email
    recorded_by = actor.user
    return [
        audited_save(
            actor=actor,
            structure=structure,
            obj=SkillEvaluation(
                structure=structure,
                person=person,
                skill=skill,
                level=level,
                evaluated_on=evaluated_on,
                evaluator_kind=evaluator_kind,
                evaluator_name=evaluator_name[:200],
                client=client,
                comment=comment,
                recorded_by=recorded_by,
            ),
        )
        for skill, level in levels.items()
    ]


@transaction.atomic
def evaluation_delete(*, actor, evaluation: SkillEvaluation) -> None:
    """Delete one evaluation entered by mistake (journaled with what it said)."""
    audited_delete(actor=actor, structure=evaluation.structure, obj=evaluation)
