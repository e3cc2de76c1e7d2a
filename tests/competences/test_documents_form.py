"""The person's documents are asked for in the feminine or the masculine, one link
each, on the person's file and the skills page (the file records no gender, and no
choice is ticked in advance); the form without agreement stays offered."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["parcours:person", "competences:person"])
def test_the_documents_are_offered_in_each_agreement_without_a_preset(
    client, structure, person, member, page
):
    client.force_login(member())
    html = client.get(reverse(page, args=[structure.pk, person.pk])).content.decode()
    assert 'name="genre"' not in html and "checked" not in html.split("person-documents")[-1]
    for name in ("attestation", "cv"):
        url = reverse(f"documents:{name}", args=[structure.pk, person.pk])
        assert f'href="{url}?genre=f"' in html and f'href="{url}?genre=m"' in html
        assert f'href="{url}"' in html
    assert "Projet de CV au féminin" in html and "Attestation de compétences au masculin" in html


def test_the_choice_reaches_the_cv(client, structure, person, member):
    client.force_login(member())
    url = reverse("documents:cv", args=[structure.pk, person.pk])
    for genre in ("", "f", "m"):
        response = client.get(url, {"genre": genre})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
