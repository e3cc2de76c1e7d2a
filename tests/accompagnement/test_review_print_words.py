"""The bilan given to the person names them as what they are: a self-employed worker in
an EITI, « la personne » when the gender is not known, never « le salarié » by default."""

import datetime as dt
import html as html_module
import re

import pytest
from django.urls import reverse

from jalons.accompagnement.models import ReviewTemplate
from jalons.accompagnement.review_services import (
    review_create,
    review_present,
    review_save,
    review_sign,
    review_templates_seed,
)
from jalons.audit.actor import Actor
from jalons.documents import builders
from jalons.documents import views as document_views
from jalons.structures.words import person_words
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", page)))


def presented_review(kind):
    cip = MembershipFactory(cip=True, structure__kind=kind)
    person = ParcoursFactory(person__structure=cip.structure).person
    review_templates_seed(actor=Actor(role="cip"), structure=cip.structure)
    template = ReviewTemplate.objects.get(structure=cip.structure, kind="entree")
    review = review_create(
        actor=Actor(role="cip"), person=person, template=template, date=dt.date(2025, 2, 1)
    )
    review_save(
        actor=Actor(role="cip"),
        review=review,
        date=review.date,
        answers=["Réponse"] * len(review.answers),
        conclusion="Suite : premiers devis.",
        confidential_note="",
    )
    review_sign(actor=Actor(role="cip"), review=review, signed_on=dt.date(2025, 2, 2))
    review_present(actor=Actor(role="cip"), review=review, presented_on=dt.date(2025, 2, 3))
    return cip, person, review


def print_page(client, cip, person, review, query=""):
    client.force_login(cip.user)
    args = [cip.structure.pk, person.pk, review.pk]
    page = client.get(reverse("accompagnement:review_print", args=args) + query)
    assert page.status_code == 200
    return text_of(page.content.decode())


@pytest.mark.parametrize(
    ("query", "presented", "signature"),
    [
        ("?genre=m", "Présenté au travailleur indépendant le 03/02/2025.", "du travailleur"),
        (
            "?genre=f",
            "Présenté à la travailleuse indépendante le 03/02/2025.",
            "de la travailleuse",
        ),
        ("", "Présenté à la personne le 03/02/2025.", "de la personne"),
    ],
)
def test_the_bilan_of_an_eiti_is_presented_to_the_self_employed_worker(
    client, query, presented, signature
):
    cip, person, review = presented_review("EITI")
    text = print_page(client, cip, person, review, query)
    assert presented in text
    assert f"Signature {signature}" in text
    assert "salari" not in text[text.index("Bilan d'entrée") :].lower()


def test_the_bilan_of_other_kinds_names_the_salarie_or_the_person(client):
    cip, person, review = presented_review("ACI")
    assert "Présenté au salarié le 03/02/2025." in print_page(
        client, cip, person, review, "?genre=m"
    )
    text = print_page(client, cip, person, review)
    assert "Présenté à la personne le 03/02/2025." in text
    assert "Signature de la personne :" in text


def test_the_pdf_of_the_bilan_uses_the_same_words(client, monkeypatch):
    cip, person, review = presented_review("EITI")
    rendered = []
    monkeypatch.setattr(
        document_views, "html_to_pdf", lambda html: rendered.append(html) or b"%PDF-"
    )
    client.force_login(cip.user)
    args = [cip.structure.pk, person.pk, review.pk]
    client.get(reverse("accompagnement:review_pdf", args=args) + "?genre=f")
    text = text_of(rendered[-1])
    assert "Présenté à la travailleuse indépendante le 03/02/2025." in text
    assert "Signature de la travailleuse indépendante :" in text


def test_the_words_agree_with_the_recipient_of_the_other_documents():
    for kind in ("EITI", "ACI", "ETTI"):
        structure = type("S", (), {"kind": kind})()
        for gender in ("f", "m", None):
            assert person_words(kind, gender).to == builders.recipient(
                structure=structure, gender=gender
            )


@pytest.mark.parametrize(
    ("role", "function"),
    [("direction", "direction"), ("cip", "conseil en insertion professionnelle")],
)
def test_the_bilan_names_the_function_of_whoever_validated_it(client, rf, role, function):
    cip, person, review = presented_review("ACI")
    signer = MembershipFactory(structure=cip.structure, role=role, user__first_name="Sacha")
    review.signed_on = None
    review.presented_on = None
    review.save()
    review_sign(
        actor=Actor(user=signer.user, role=role), review=review, signed_on=dt.date(2025, 2, 2)
    )
    text = print_page(client, cip, person, review)
    name = signer.user.get_full_name()
    assert f"Bilan validé le 02/02/2025 par {name} ({function})." in text
    assert "conseiller·ère" not in text
