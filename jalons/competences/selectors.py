"""Reads of the skills referential and of evaluations, always within one structure."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from jalons.competences.models import (
    Level,
    ProfessionalTitle,
    Skill,
    SkillBlock,
    SkillEvaluation,
)


def titles_of(*, structure):
    return (
        ProfessionalTitle.objects.filter(structure=structure)
        .annotate(block_count=Count("blocks", distinct=True))
        .annotate(skill_count=Count("blocks__skills", distinct=True))
        .order_by("name")
    )


def title_of(*, structure, title_id: int) -> ProfessionalTitle:
    return ProfessionalTitle.objects.prefetch_related(
        Prefetch("blocks", queryset=SkillBlock.objects.prefetch_related("skills"))
    ).get(structure=structure, pk=title_id)


def block_of(*, structure, block_id: int) -> SkillBlock:
    return SkillBlock.objects.select_related("title").get(title__structure=structure, pk=block_id)


def skill_of(*, structure, skill_id: int) -> Skill:
    return Skill.objects.select_related("block__title").get(
        block__title__structure=structure, pk=skill_id
    )


def evaluation_of(*, structure, person, evaluation_id: int) -> SkillEvaluation:
    return SkillEvaluation.objects.select_related("skill").get(
        pk=evaluation_id, structure=structure, person=person
    )


def evaluations_of(*, structure, person):
    return (
        SkillEvaluation.objects.filter(structure=structure, person=person)
        .select_related("skill__block__title", "client")
        .order_by("evaluated_on", "pk")
    )


@dataclass
class SkillHistory:
    skill: Skill
    evaluations: list = field(default_factory=list)

    @property
    def latest(self):
        return self.evaluations[-1] if self.evaluations else None

    @property
    def first_acquired(self):
        """The first evaluation at 'acquis' or above, if the latest still says so."""
        latest = self.latest
        if latest is None or latest.level < Level.ACQUIRED:
            return None
        return next(e for e in self.evaluations if e.level >= Level.ACQUIRED)


@dataclass
class TitleProgress:
    title: ProfessionalTitle
    blocks: list  # [(block, [SkillHistory])]

    @property
    def histories(self) -> list[SkillHistory]:
        return [h for _, histories in self.blocks for h in histories]

    @property
    def dates(self) -> list[dt.date]:
        return sorted({e.evaluated_on for h in self.histories for e in h.evaluations})


def person_progress(*, structure, person) -> list[TitleProgress]:
    """Per title then block then skill, the person's evaluations in date order.

    Only the titles where the person has at least one evaluation appear.
    """
    by_skill = defaultdict(list)
    for evaluation in evaluations_of(structure=structure, person=person):
        by_skill[evaluation.skill_id].append(evaluation)
    if not by_skill:
        return []
    title_ids = (
        Skill.objects.filter(pk__in=by_skill).values_list("block__title_id", flat=True).distinct()
    )
    progress = []
    titles = ProfessionalTitle.objects.filter(
        structure=structure, pk__in=title_ids
    ).prefetch_related(Prefetch("blocks", queryset=SkillBlock.objects.prefetch_related("skills")))
    for title in titles.order_by("name"):
        blocks = []
        for block in title.blocks.all():
            histories = [SkillHistory(s, by_skill.get(s.pk, [])) for s in block.skills.all()]
            blocks.append((block, histories))
        progress.append(TitleProgress(title=title, blocks=blocks))
    return progress


def acquired_skills(*, structure, person) -> list[SkillHistory]:
    """Skills whose latest level is 'acquis' or 'maîtrisé', for the attestation and the CV."""
    return [
        h
        for t in person_progress(structure=structure, person=person)
        for h in t.histories
        if h.first_acquired is not None
    ]
