"""Access walk plug-in: the skills referential and evaluations of the victim structure."""

import datetime

from jalons.competences.models import (
    EvaluatorKind,
    ProfessionalTitle,
    Skill,
    SkillBlock,
    SkillEvaluation,
)

PARAMETERS = {
    "title_id": "competences_title",
    "block_id": "competences_block",
    "skill_id": "competences_skill",
    "skill_evaluation_id": "competences_evaluation",
}


def make(victim: dict) -> dict:
    structure = victim["structure"]
    title = ProfessionalTitle.objects.create(
        structure=structure, name="Agent de propreté et d'hygiène", verification="I"
    )
    block = SkillBlock.objects.create(title=title, code="CCP 1", name="Nettoyage manuel")
    skill = Skill.objects.create(block=block, name="Laver et désinfecter les sanitaires")
    evaluation = SkillEvaluation.objects.create(
        structure=structure,
        person=victim["person"],
        skill=skill,
        level=2,
        evaluated_on=datetime.date(2025, 4, 1),
        evaluator_kind=EvaluatorKind.ENCADRANT,
        evaluator_name="Sylvie Lefebvre",
    )
    return {
        "competences_title": title,
        "competences_block": block,
        "competences_skill": skill,
        "competences_evaluation": evaluation,
    }
