"""The demo: every structure has last year's OS submitted and this year's in progress."""

import datetime as dt

import pytest

from jalons.demo.data import load_demo
from jalons.offre.builder import build_document
from jalons.offre.demo import load_demo_offres
from jalons.offre.models import NetworkTemplate, OffreDeServices, OffreStatus
from jalons.offre.selectors import missing_sections
from jalons.structures.models import Structure

pytestmark = pytest.mark.django_db


def test_each_demo_structure_has_a_submitted_and_a_current_offre():
    today = dt.date.today()
    load_demo(today=today, region=False)
    if not OffreDeServices.objects.exists():  # until load_demo calls it itself
        load_demo_offres(today=today)
    for structure in Structure.objects.filter(identifier__startswith="DEMO-"):
        last = OffreDeServices.objects.get(structure=structure, year=today.year - 1)
        current = OffreDeServices.objects.get(structure=structure, year=today.year)
        assert last.status in (OffreStatus.SUBMITTED, OffreStatus.VALIDATED)
        assert current.status == OffreStatus.DRAFT
        assert missing_sections(offre=current)  # still in progress
        document = build_document(last)
        assert document.frozen and document.version == 1
        assert all(s.text for s in document.sections if s.required)
    validated = OffreDeServices.objects.get(status=OffreStatus.VALIDATED)
    assert validated.structure.kind == "ACI" and validated.comments.count() == 2
    etti = OffreDeServices.objects.get(structure__kind="ETTI", year=today.year - 1)
    assert "Le client est au cœur" in etti.texts.get(key="presentation.projet").text
    titles = set(NetworkTemplate.objects.filter(status="publie").values_list("title", flat=True))
    assert {"Grille d'entretien de recrutement", "Grille de cotation des CV reçus"} <= titles
