"""Reads of the Offre de Services. Callers pass a structure, network or DDETS scope
already obtained through ``jalons.accounts.access``."""

from django.db.models import Q

from jalons.offre.catalogue import REQUIRED_KEYS, catalogue_for, writable_for
from jalons.offre.models import (
    NetworkTemplate,
    Objective,
    OffreComment,
    OffreDeServices,
    OffreStatus,
    OffreVersion,
    PublicListing,
    SectionText,
    TemplateStatus,
)


def offre_for(*, structure, year: int) -> OffreDeServices | None:
    return OffreDeServices.objects.filter(structure=structure, year=year).first()


def offres_of(*, structure):
    return OffreDeServices.objects.filter(structure=structure).order_by("-year")


def offre_of(*, structure, year: int) -> OffreDeServices:
    """The structure's OS for a year, or DoesNotExist (the view turns it into a 404)."""
    return OffreDeServices.objects.select_related("structure").get(structure=structure, year=year)


def section_texts(*, offre) -> dict[str, SectionText]:
    return {t.key: t for t in SectionText.objects.filter(offre=offre).select_related("updated_by")}


def missing_sections(*, offre) -> list[str]:
    """Titles of the required sections that are still empty, in catalogue order."""
    filled = {
        key
        for key, text in SectionText.objects.filter(offre=offre).values_list("key", "text")
        if text.strip()
    }
    kind = offre.structure.kind
    return [
        f"{s.number} {s.title_for(kind)}"
        for s in catalogue_for(kind)
        if s.key in REQUIRED_KEYS and s.key not in filled
    ]


def progress(*, offre) -> tuple[int, int]:
    keys = {s.key for s in writable_for(offre.structure.kind)}
    filled = sum(
        1
        for key, text in SectionText.objects.filter(offre=offre).values_list("key", "text")
        if key in keys and text.strip()
    )
    return filled, len(keys)


def versions_of(*, offre):
    return OffreVersion.objects.filter(offre=offre).select_related("created_by").order_by("-number")


def version_of(*, offre, version_id: int) -> OffreVersion:
    return versions_of(offre=offre).get(pk=version_id)


def structure_version(*, structure, version_id: int) -> OffreVersion:
    """A version of any of the structure's OS (to compare with last year's)."""
    return OffreVersion.objects.select_related("offre").get(
        pk=version_id, offre__structure=structure
    )


def comments_of(*, offre):
    return (
        OffreComment.objects.filter(offre=offre)
        .select_related("version")
        .order_by("created_at", "pk")
    )


def objectives_of(*, structure, years):
    return Objective.objects.filter(structure=structure, year__in=years).order_by(
        "year", "kind", "label"
    )


# DDETS ------------------------------------------------------------------------------


def offres_for_departements(*, departements):
    """Submitted and validated OS of the structures of these départements, never drafts
    (an OS sent back for completion is a draft again until its next submission)."""
    return (
        OffreDeServices.objects.filter(structure__departement__in=departements)
        .filter(Q(status__in=[OffreStatus.SUBMITTED, OffreStatus.VALIDATED]))
        .select_related("structure__departement")
        .order_by("-year", "structure__name")
    )


def offre_for_departements(*, departements, offre_id: int) -> OffreDeServices:
    return offres_for_departements(departements=departements).get(pk=offre_id)


# Networks ---------------------------------------------------------------------------


def models_of_network(*, network):
    return (
        NetworkTemplate.objects.filter(network=network)
        .select_related("proposed_by")
        .order_by("status", "section_key", "title")
    )


def model_of_network(*, network, model_id: int) -> NetworkTemplate:
    return models_of_network(network=network).get(pk=model_id)


def published_models_for(*, structure, section_key: str | None = None):
    models = NetworkTemplate.objects.filter(
        network__in=structure.networks.all(), status=TemplateStatus.PUBLISHED
    ).select_related("network")
    if section_key is not None:
        models = models.filter(section_key=section_key)
    return models.order_by("section_key", "title")


def published_model_for(*, structure, model_id: int) -> NetworkTemplate:
    return published_models_for(structure=structure).get(pk=model_id)


# Public listing (data·inclusion) ----------------------------------------------------


def public_listing_of(*, structure) -> PublicListing:
    """The structure's public listing; a blank unsaved one until it is first written."""
    listing = (
        PublicListing.objects.filter(structure=structure)
        .select_related("updated_by")
        .prefetch_related("services")
        .first()
    )
    return listing if listing is not None else PublicListing(structure=structure)
