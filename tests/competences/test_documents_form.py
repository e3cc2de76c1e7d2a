"""The person's documents are asked for with the agreement of job titles chosen on the
page (the file records no gender): inclusive by default, feminine or masculine."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["parcours:person", "competences:person"])
def test_the_documents_form_offers_the_three_agreements_and_both_documents(
    client, structure, person, member, page
):
    client.force_login(member())
    html = client.get(reverse(page, args=[structure.pk, person.pk])).content.decode()
    assert 'name="genre" value="" id=' in html and "checked" in html
    assert 'name="genre" value="f"' in html and 'name="genre" value="m"' in html
    assert "Au féminin (« Agente de tri », « salariée »)" in html
    for name in ("attestation", "cv"):
        assert (
            f'formaction="{reverse(f"documents:{name}", args=[structure.pk, person.pk])}"' in html
        )


def test_the_choice_reaches_the_cv(client, structure, person, member):
    client.force_login(member())
    url = reverse("documents:cv", args=[structure.pk, person.pk])
    for genre in ("", "f", "m"):
        response = client.get(url, {"genre": genre})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
