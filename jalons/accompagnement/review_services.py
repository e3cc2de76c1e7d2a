"""Writes for bilans and their templates."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.accompagnement.models import Review, ReviewTemplate
from jalons.accompagnement.review_defaults import DEFAULT_TEMPLATES, parse_questions
from jalons.accompagnement.services import private_audited_save, private_snapshot
from jalons.audit.services import audited_save, snapshot

TEMPLATE_FIELDS = ("kind", "name", "questions", "active")


@transaction.atomic
def review_templates_seed(*, actor, structure) -> list[ReviewTemplate]:
    """Give a structure the default templates once (it edits them afterwards)."""
    if ReviewTemplate.objects.filter(structure=structure).exists():
        return []
    return [
        audited_save(
            actor=actor,
            structure=structure,
            obj=ReviewTemplate(structure=structure, kind=kind, name=name, questions=questions),
        )
        for kind, name, questions in DEFAULT_TEMPLATES
    ]


@transaction.atomic
def review_template_save(
    *, actor, structure, template: ReviewTemplate | None = None, **fields
) -> ReviewTemplate:
    before = snapshot(template) if template else None
    template = template or ReviewTemplate(structure=structure)
    for name, value in fields.items():
        if name not in TEMPLATE_FIELDS:
            raise TypeError(name)
        setattr(template, name, value)
    if not parse_questions(template.questions):
        raise ValidationError({"questions": "Écrivez au moins une question."})
    return audited_save(actor=actor, structure=structure, obj=template, before=before)


@transaction.atomic
def review_create(*, actor, person, template: ReviewTemplate, date: dt.date) -> Review:
    if template.structure_id != person.structure_id:
        raise ValidationError({"template": "Choisissez un modèle de la structure."})
    review = Review(
        person=person,
        kind=template.kind,
        template=template,
        date=date,
        answers=parse_questions(template.questions),
        author=actor.user,
    )
    return private_audited_save(actor=actor, structure=person.structure, obj=review, before=None)


def _unsigned(review: Review) -> None:
    if review.signed_on is not None:
        raise ValidationError(
            "Ce bilan est validé : il ne se modifie plus. Rédigez un nouveau bilan si besoin."
        )


@transaction.atomic
def review_save(
    *,
    actor,
    review: Review,
    date: dt.date,
    answers: list[str],
    conclusion: str,
    confidential_note: str,
) -> Review:
    _unsigned(review)
    before = private_snapshot(review)
    if len(answers) != len(review.answers):
        raise ValidationError("Les questions du bilan ont changé : rechargez la page.")
    review.date = date
    review.answers = [
        {**item, "answer": answer} for item, answer in zip(review.answers, answers, strict=True)
    ]
    review.conclusion = conclusion
    review.confidential_note = confidential_note
    return private_audited_save(
        actor=actor, structure=review.person.structure, obj=review, before=before
    )


@transaction.atomic
def review_sign(*, actor, review: Review, signed_on: dt.date) -> Review:
    _unsigned(review)
    if not any(item.get("answer", "").strip() for item in review.answers) and not (
        review.conclusion.strip()
    ):
        raise ValidationError("Le bilan est vide : répondez aux questions avant de le valider.")
    if signed_on < review.date:
        raise ValidationError({"signed_on": "La validation ne peut précéder la date du bilan."})
    before = private_snapshot(review)
    review.signed_on = signed_on
    review.signed_by = actor.user
    review.signed_role = actor.role
    return private_audited_save(
        actor=actor, structure=review.person.structure, obj=review, before=before
    )


@transaction.atomic
def review_present(*, actor, review: Review, presented_on: dt.date) -> Review:
    if review.signed_on is None:
        raise ValidationError("Validez le bilan avant de le présenter à la personne.")
    if presented_on < review.signed_on:
        raise ValidationError(
            {"presented_on": "La présentation ne peut précéder la validation du bilan."}
        )
    before = private_snapshot(review)
    review.presented_on = presented_on
    return private_audited_save(
        actor=actor, structure=review.person.structure, obj=review, before=before
    )
