"""Access walk plug-in: the victim structure's Offre de Services 2025 (submitted, so the
victim's own DDETS agent opens it), one of its sections and versions, and a model
published by the victim's network."""

from django.test import RequestFactory

from jalons.audit.actor import Actor
from jalons.offre.catalogue import REQUIRED_KEYS
from jalons.offre.models import NetworkTemplate, SectionText, TemplateKind, TemplateStatus
from jalons.offre.services import offre_create, offre_submit

PARAMETERS = {
    "offre_id": "offre",
    "section_id": "offre_section",
    "version_id": "offre_version",
    "model_id": "offre_model",
}


def make(victim: dict) -> dict:
    request = RequestFactory().post("/")
    request.user = victim["owner"]
    structure = victim["structure"]
    offre = offre_create(
        actor=Actor.from_request(request, role="direction"), structure=structure, year=2025
    )
    SectionText.objects.filter(offre=offre, key__in=REQUIRED_KEYS).update(
        text="Texte secret de la victime.", revision=1
    )
    version = offre_submit(actor=Actor.from_request(request, role="direction"), offre=offre)
    offre.refresh_from_db()
    model = NetworkTemplate.objects.create(
        network=victim["network"],
        kind=TemplateKind.SECTION,
        title="Livret d'accueil du réseau",
        section_key="axe1.livret",
        text="Le livret est remis le premier jour.",
        status=TemplateStatus.PUBLISHED,
    )
    # A complete public listing: its data·inclusion export is a download, not a refusal.
    from tests.offre.test_data_inclusion_schema import write_listing

    write_listing(structure)
    return {
        "offre": offre,
        "offre_section": SectionText.objects.get(offre=offre, key="presentation.projet"),
        "offre_version": version,
        "offre_model": model,
    }
