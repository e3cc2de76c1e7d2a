"""Health and justice barriers: shown in the OS to the roles that accompany people only."""

import pytest
from django.urls import reverse

from jalons.accounts.models import Role
from jalons.offre.builder import without_sensitive_barriers
from jalons.offre.document import ChartSpec, Figure, OffreDocument, Section
from tests.factories import MembershipFactory
from tests.offre.document_fixture import make_document


def _document_with_barriers() -> OffreDocument:
    figure = Figure(
        "accompagnement_par_frein",
        "Temps d'accompagnement par frein travaillé",
        ["Frein", "Personnes", "Temps"],
        [["Santé", "2", "3 h"], ["Justice", "1", "1 h"], ["Logement", "5", "8 h"]],
        chart=ChartSpec("Temps", [("Santé", 3.0), ("Justice", 1.0), ("Logement", 8.0)], "h"),
    )
    document = make_document()
    section = Section("axe2.social", "2.4", "Accompagnement social", 2, "Texte", [figure])
    return OffreDocument(**{**document.__dict__, "sections": [section]})


def test_the_health_and_justice_rows_and_bars_are_removed_for_other_roles():
    cleaned = without_sensitive_barriers(_document_with_barriers())
    figure = cleaned.sections[0].figures[0]
    assert figure.rows == [["Logement", "5", "8 h"]]
    assert figure.chart.bars == [("Logement", 8.0)]
    assert "non affichés" in figure.note


@pytest.mark.django_db
def test_the_dialogue_dossier_is_refused_to_the_read_only_role(client):
    from tests.offre.factories import OffreFactory

    offre = OffreFactory(year=2025)
    reader = MembershipFactory(structure=offre.structure, role=Role.LECTURE).user
    client.force_login(reader)
    url = reverse("offre_exports:dialogue", args=[offre.structure.pk, 2025])
    assert client.get(url).status_code == 403
