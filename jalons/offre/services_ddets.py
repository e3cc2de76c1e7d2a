"""The DDETS side of the workflow: comment, validate, send back for completion.

The caller has obtained the OS through ``selectors.offre_for_departements`` with the
agent's départements: an agent never reaches a draft nor another département.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jalons.audit.services import audited_save, snapshot
from jalons.offre.catalogue import BY_KEY
from jalons.offre.models import OffreComment, OffreDeServices, OffreStatus

DDETS_ROLE = "agent de la DDETS"


def author_label(*, user, ddets) -> str:
    return f"{user} ({ddets})"


def _latest_version(offre):
    return offre.versions.order_by("-number").first()


@transaction.atomic
def comment_add(
    *,
    actor,
    offre,
    text: str,
    author: str,
    section_key: str = "",
    asks_completion: bool = False,
) -> OffreComment:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Écrivez le commentaire."})
    if section_key and section_key not in BY_KEY:
        raise ValidationError({"section_key": "Choisissez une section de l'offre dans la liste."})
    comment = OffreComment(
        offre=offre,
        version=_latest_version(offre),
        section_key=section_key,
        author=actor.user,
        author_label=author[:250],
        text=text,
        asks_completion=asks_completion,
    )
    return audited_save(actor=actor, structure=offre.structure, obj=comment)


@transaction.atomic
def offre_validate(*, actor, offre, author: str, text: str = "") -> OffreDeServices:
    offre = OffreDeServices.objects.select_for_update().get(pk=offre.pk)
    if offre.status != OffreStatus.SUBMITTED:
        raise ValidationError("Seule une offre transmise peut être validée.")
    if text.strip():
        comment_add(actor=actor, offre=offre, text=text, author=author)
    before = snapshot(offre)
    offre.status = OffreStatus.VALIDATED
    offre.validated_at = timezone.now()
    return audited_save(actor=actor, structure=offre.structure, obj=offre, before=before)


@transaction.atomic
def offre_send_back(*, actor, offre, author: str, text: str) -> OffreDeServices:
    """« À compléter » : the OS becomes a draft again, with the reason as a comment."""
    offre = OffreDeServices.objects.select_for_update().get(pk=offre.pk)
    if offre.status != OffreStatus.SUBMITTED:
        raise ValidationError("Seule une offre transmise peut être renvoyée pour compléments.")
    if not text.strip():
        raise ValidationError({"text": "Dites à la structure ce qu'elle doit compléter."})
    comment_add(actor=actor, offre=offre, text=text, author=author, asks_completion=True)
    before = snapshot(offre)
    offre.status = OffreStatus.DRAFT
    offre.validated_at = None
    return audited_save(actor=actor, structure=offre.structure, obj=offre, before=before)
