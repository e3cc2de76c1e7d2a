"""Factories and helpers for the Offre de Services tests."""

import factory
from factory.django import DjangoModelFactory

from jalons.offre.catalogue import REQUIRED_KEYS
from jalons.offre.models import NetworkTemplate, OffreDeServices, SectionText
from tests.factories import NetworkFactory, StructureFactory


class OffreFactory(DjangoModelFactory):
    class Meta:
        model = OffreDeServices

    structure = factory.SubFactory(StructureFactory)
    year = 2025


class SectionTextFactory(DjangoModelFactory):
    class Meta:
        model = SectionText

    offre = factory.SubFactory(OffreFactory)
    key = "presentation.projet"
    text = "Notre projet social."
    revision = 1


class NetworkTemplateFactory(DjangoModelFactory):
    class Meta:
        model = NetworkTemplate

    network = factory.SubFactory(NetworkFactory)
    kind = "section"
    title = factory.Sequence(lambda n: f"Modèle de livret d'accueil {n}")
    section_key = "axe1.livret"
    text = "Le livret d'accueil est remis le premier jour par la CIP."
    status = "publie"


def fill_required(offre, text="Texte rédigé par l'équipe."):
    for key in REQUIRED_KEYS:
        SectionText.objects.update_or_create(
            offre=offre, key=key, defaults={"text": f"{text} ({key})", "revision": 1}
        )
