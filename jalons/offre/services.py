"""Writes of the Offre de Services: creation, section texts, submission, objectives,
and the public listing with its data·inclusion export.

The DDETS workflow is in ``services_ddets``, network models in ``services_models``.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record, audited_save, snapshot
from jalons.offre import data_inclusion
from jalons.offre.builder import build_live, document_to_json, engine_traces
from jalons.offre.catalogue import WRITABLE_KEYS, writable_for
from jalons.offre.models import (
    NetworkTemplate,
    Objective,
    ObjectiveKind,
    OffreDeServices,
    OffreStatus,
    OffreVersion,
    PublicListing,
    PublicService,
    SectionText,
)
from jalons.offre.objectives import UNITS
from jalons.offre.selectors import missing_sections, public_listing_of, published_model_for

START_EMPTY = "vide"
START_PREVIOUS = "precedente"


@dataclass
class SectionConflict(Exception):
    """Someone else saved the section since the form was opened."""

    current_text: str
    current_revision: int
    updated_by: str
    updated_at: object


@transaction.atomic
def offre_create(
    *,
    actor,
    structure,
    year: int,
    start: str = START_EMPTY,
    model_ids: tuple[int, ...] = (),
) -> OffreDeServices:
    """A new draft for ``year``, empty or from last year's texts; each chosen model (a
    published model of one of the structure's networks) fills its own section."""
    if OffreDeServices.objects.filter(structure=structure, year=year).exists():
        raise ValidationError({"year": f"L'offre de services {year} existe déjà."})
    texts: dict[str, str] = {}
    origins = []
    if start == START_PREVIOUS:
        previous = (
            OffreDeServices.objects.filter(structure=structure, year__lt=year)
            .order_by("-year")
            .first()
        )
        if previous is None:
            raise ValidationError({"start": "Aucune offre d'une année précédente à reprendre."})
        texts = dict(previous.texts.values_list("key", "text"))
        origins.append(f"Offre de services {previous.year}")
    elif start != START_EMPTY:
        raise ValidationError({"start": "Choisissez un point de départ dans la liste."})
    from_models: dict[str, list[str]] = {}
    for model_id in model_ids:
        try:
            model = published_model_for(structure=structure, model_id=int(model_id))
        except (ValueError, NetworkTemplate.DoesNotExist):
            raise ValidationError(
                {"models": "Ce modèle n'est pas publié par l'un de vos réseaux."}
            ) from None
        if model.section_key in WRITABLE_KEYS and model.text.strip():
            from_models.setdefault(model.section_key, []).append(model.text.strip())
            origins.append(f"modèle « {model.title} » ({model.network})")
    texts.update({key: "\n\n".join(parts) for key, parts in from_models.items()})
    origin = " ; ".join(origins)[:200]
    offre = OffreDeServices(structure=structure, year=year, started_from=origin)
    audited_save(actor=actor, structure=structure, obj=offre)
    for entry in writable_for(structure.kind):
        text = texts.get(entry.key, "").strip()
        SectionText.objects.create(
            offre=offre,
            key=entry.key,
            text=text,
            revision=1 if text else 0,
            updated_by=actor.user if text else None,
        )
    return offre


def _require_draft(offre) -> None:
    if not offre.is_draft:
        raise ValidationError(
            "Cette offre de services a été transmise à la DDETS : elle ne se modifie plus. "
            "La DDETS peut la renvoyer pour compléments."
        )


@transaction.atomic
def section_save(*, actor, offre, key: str, text: str, revision: int) -> SectionText:
    """Save a section's text if nobody saved it since ``revision``; else SectionConflict."""
    if key not in {s.key for s in writable_for(offre.structure.kind)}:
        raise ValidationError({"text": "Cette section n'existe pas dans l'offre de services."})
    offre = OffreDeServices.objects.select_for_update().get(pk=offre.pk)
    _require_draft(offre)
    section, _created = SectionText.objects.select_for_update().get_or_create(offre=offre, key=key)
    if section.revision != revision:
        raise SectionConflict(
            current_text=section.text,
            current_revision=section.revision,
            updated_by=str(section.updated_by) if section.updated_by else "une autre personne",
            updated_at=section.updated_at,
        )
    if section.text == text and section.revision:
        return section
    before = snapshot(section)
    section.text = text
    section.revision += 1
    section.updated_by = actor.user
    audited_save(actor=actor, structure=offre.structure, obj=section, before=before)
    offre.save(update_fields=["updated_at"])
    return section


@transaction.atomic
def offre_submit(*, actor, offre) -> OffreVersion:
    """Freeze the texts and figures in a new version and send the OS to the DDETS."""
    offre = OffreDeServices.objects.select_for_update().select_related("structure").get(pk=offre.pk)
    _require_draft(offre)
    missing = missing_sections(offre=offre)
    if missing:
        raise ValidationError(
            "Ces sections obligatoires sont vides : " + " ; ".join(missing) + ".",
            code="missing",
            params={"missing": missing},
        )
    from jalons.offre.dialogue import frozen_results  # the PDF stack, only when needed

    today = timezone.localdate()
    number = (offre.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    document = build_live(offre, today=today, version_number=number)
    version = OffreVersion(
        offre=offre,
        number=number,
        content=document_to_json(document),
        trace=engine_traces(offre, today=today),
        figures_date=today,
        results=frozen_results(structure=offre.structure, year=offre.year, reference=today),
        created_by=actor.user,
    )
    version.full_clean()
    version.save()
    before = snapshot(offre)
    offre.status = OffreStatus.SUBMITTED
    offre.submitted_at = timezone.now()
    offre.validated_at = None
    audited_save(actor=actor, structure=offre.structure, obj=offre, before=before)
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        structure=offre.structure,
        obj=version,
        object_repr=f"{offre} – version {number}",
    )
    return version


@transaction.atomic
def objective_save(
    *,
    actor,
    structure,
    year: int,
    kind: str,
    target,
    label: str = "",
    unit: str = "",
    comment: str = "",
) -> Objective:
    label = label.strip() if kind == ObjectiveKind.CUSTOM else ""
    if kind == ObjectiveKind.CUSTOM and not label:
        raise ValidationError({"label": "Donnez un intitulé à cet objectif."})
    objective = Objective.objects.filter(
        structure=structure, year=year, kind=kind, label=label
    ).first()
    before = snapshot(objective) if objective else None
    if objective is None:
        objective = Objective(structure=structure, year=year, kind=kind, label=label)
    objective.target = target
    objective.unit = unit.strip() if kind == ObjectiveKind.CUSTOM else UNITS.get(kind, "")
    objective.comment = comment.strip()
    return audited_save(actor=actor, structure=structure, obj=objective, before=before)


@transaction.atomic
def objective_clear(*, actor, structure, year: int, kind: str, label: str = "") -> None:
    from jalons.audit.services import audited_delete

    for objective in Objective.objects.filter(
        structure=structure, year=year, kind=kind, label=label
    ):
        audited_delete(actor=actor, structure=structure, obj=objective)


# Public listing (data·inclusion) ----------------------------------------------------


@transaction.atomic
def public_listing_save(
    *,
    actor,
    structure,
    presentation: str,
    phone: str,
    email: str,
    website: str,
    opening_hours: str,
    audiences: list[str],
    services: dict,
) -> PublicListing:
    """Save what the structure writes for the public. ``services``: a
    ``data_inclusion.ServiceInput`` by service kind. Invalid values are refused (by form
    field, as the form names them); blank texts are kept until the export asks for them."""
    values = {
        "presentation": presentation.strip(),
        "phone": phone.strip(),
        "email": email.strip(),
        "website": website.strip(),
        "opening_hours": opening_hours.strip(),
        "audiences": [a for a in data_inclusion.AUDIENCES if a in set(audiences)],
    }
    errors = data_inclusion.field_errors(**values, services=services)
    if errors:
        raise ValidationError(errors)
    listing = PublicListing.objects.select_for_update().filter(structure=structure).first()
    before = snapshot(listing) if listing is not None else None
    if listing is None:
        listing = PublicListing(structure=structure)
    for field, value in values.items():
        setattr(listing, field, value)
    listing.updated_by = actor.user
    audited_save(actor=actor, structure=structure, obj=listing, before=before)
    existing = {s.kind: s for s in PublicService.objects.filter(listing=listing)}
    for kind, entry in services.items():
        spec = data_inclusion.SPECS[kind]
        service = existing.get(kind) or PublicService(listing=listing, kind=kind)
        before = snapshot(service) if service.pk else None
        service.published = True if spec.required else entry.published
        service.description = entry.description.strip()
        service.themes = [t for t in spec.themes if t in set(entry.themes)]
        audited_save(actor=actor, structure=structure, obj=service, before=before)
    return listing


def public_listing_export(*, actor, structure) -> dict:
    """The structure and its published services in the data·inclusion schema, or a
    ValidationError listing in French each field to write or correct (and where)."""
    listing = public_listing_of(structure=structure)
    problems = data_inclusion.listing_problems(structure=structure, listing=listing)
    if problems:
        raise ValidationError(
            [ValidationError(str(problem), code="incomplete") for problem in problems]
        )
    content = data_inclusion.records(structure=structure, listing=listing)
    audit_record(
        action=AuditAction.VIEW,
        actor=actor,
        structure=structure,
        obj=listing,
        object_repr=f"Export data·inclusion de {structure.name}",
        changes={"services exportés": [None, len(content["services"])]},
    )
    return content
