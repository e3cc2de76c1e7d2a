"""The projet de CV goes to employers: agreed with the gender the CIP chose, and, when
none is chosen, phrased for any gender, only the job titles keeping their inclusive
form. The person's documents page offers both forms, each its own link."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.contrats import services as contrats
from jalons.documents import builders
from jalons.documents.rendering import render_html
from tests.factories import MembershipFactory, StructureFactory
from tests.parcours.factories import ContractFactory, ParcoursFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)


def text_of(html: str) -> str:
    body = re.sub(r"<style.*?</style>|<svg.*?</svg>|<[^>]+>", " ", html, flags=re.S)
    body = body.replace("&#x27;", "'").replace("&amp;", "&")
    return " ".join(body.split())


def cv_text(structure, person, gender=None) -> str:
    context = builders.cv_context(structure=structure, person=person, today=TODAY, gender=gender)
    return text_of(render_html("documents/cv.html", context))


@pytest.fixture
def eiti_worker(db):
    eiti = StructureFactory(kind="EITI", name="Bâti Avenir Indépendants", city="Lens")
    parcours = ParcoursFactory(
        person__structure=eiti, person__first_name="Marie", person__last_name="Amrani"
    )
    contrats.accompaniment_contract_save(
        actor=Actor(role="cip"),
        parcours=parcours,
        activity="plaquiste",
        siret="",
        start_date=dt.date(2026, 12, 1),
        planned_end_date=dt.date(2027, 11, 30),
        end_date=None,
    )
    return eiti, parcours.person


@pytest.fixture
def aci_worker(db):
    aci = StructureFactory(kind="ACI", name="Les Jardins du Val", city="Valenciennes")
    parcours = ParcoursFactory(
        person__structure=aci, person__first_name="Élodie", person__last_name="Dupuis"
    )
    ContractFactory(
        parcours=parcours,
        post="Agent·e de tri",
        start_date=dt.date(2026, 5, 24),
        end_date=dt.date(2026, 9, 20),
    )
    return aci, parcours.person


def test_without_a_gender_the_cv_of_an_eiti_worker_is_phrased_for_anyone(eiti_worker):
    eiti, person = eiti_worker
    text = cv_text(eiti, person)
    assert "Plaquiste" in text
    assert "Activité indépendante, accompagnement par Bâti Avenir Indépendants" in text
    assert not re.search(r"\w·\w", text), text


@pytest.mark.parametrize(
    ("gender", "expected"),
    [
        ("f", "Travailleuse indépendante, accompagnée par Bâti Avenir Indépendants"),
        ("m", "Travailleur indépendant, accompagné par Bâti Avenir Indépendants"),
    ],
)
def test_with_a_gender_the_cv_agrees_with_it(eiti_worker, gender, expected):
    eiti, person = eiti_worker
    assert expected in cv_text(eiti, person, gender)


def test_without_a_gender_only_the_job_titles_stay_inclusive(aci_worker):
    aci, person = aci_worker
    text = cv_text(aci, person)
    assert "Agent·e de tri" in text
    assert re.findall(r"\w+·\w+", text.replace("Agent·e de tri", "")) == []
    assert "Agente de tri" in cv_text(aci, person, "f")
    assert "Agent de tri" in cv_text(aci, person, "m")


def test_the_documents_page_offers_the_feminine_and_the_masculine_forms(client, aci_worker):
    aci, person = aci_worker
    client.force_login(MembershipFactory(structure=aci, cip=True).user)
    page_url = reverse("documents:person", args=[aci.pk, person.pk])
    page = client.get(page_url).content.decode()
    for name, label in (("cv", "Projet de CV"), ("attestation", "Attestation de compétences")):
        base = reverse(f"documents:{name}", args=[aci.pk, person.pk])
        for gender, words in (("f", "au féminin"), ("m", "au masculin")):
            link = re.search(
                rf'<a [^>]*href="{re.escape(base)}\?genre={gender}"[^>]*>(.*?)</a>', page
            )
            assert link, (name, gender)
            # The link says what it gives, read alone (a screen reader's list of links).
            assert text_of(link[1]) == f"{label} {words} d’Élodie Dupuis (PDF)", text_of(link[1])
    # The bilans page leads there.
    bilans = client.get(reverse("accompagnement:reviews", args=[aci.pk, person.pk]))
    assert page_url in bilans.content.decode()


def test_the_documents_page_is_for_the_structure_only(client, aci_worker):
    aci, person = aci_worker
    client.force_login(MembershipFactory().user)  # another structure
    response = client.get(reverse("documents:person", args=[aci.pk, person.pk]))
    assert response.status_code in (403, 404)
