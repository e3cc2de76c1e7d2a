"""The pages an EITI's team writes in use the EITI's words too, not only its documents."""

import pytest
from django.urls import reverse

from jalons.offre.models import SectionText
from tests.factories import MembershipFactory
from tests.offre.test_workflow import create

pytestmark = pytest.mark.django_db


@pytest.fixture
def eiti_direction():
    return MembershipFactory(structure__kind="EITI")


def test_the_section_page_of_an_eiti_names_the_self_employed_worker(client, eiti_direction):
    offre = create(eiti_direction, year=2025)
    section = SectionText.objects.get(offre=offre, key="axe2.documents")
    client.force_login(eiti_direction.user)
    url = reverse("offre:section", args=[eiti_direction.structure.pk, 2025, section.pk])
    html = client.get(url).content.decode()
    assert "<h1>2.3 Documents remis au travailleur indépendant</h1>" in html
    assert "Documents remis au salarié" not in html


def test_the_livret_form_of_an_eiti_has_the_eiti_sections(client, eiti_direction):
    client.force_login(eiti_direction.user)
    url = reverse("documents:livret_edit", args=[eiti_direction.structure.pk])
    html = client.get(url).content.decode()
    assert "salarié" not in html.lower()
