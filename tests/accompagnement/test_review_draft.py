"""A bilan not yet validated is a draft: its PDF and its print page say so on every
page, so that it is never handed to the person as if it were the bilan."""

import datetime as dt
import html as html_module
import re

import pytest
from django.urls import reverse
from weasyprint.formatting_structure import boxes

from jalons.accompagnement.models import ReviewTemplate
from jalons.accompagnement.review_defaults import DEFAULT_TEMPLATES, parse_questions
from jalons.accompagnement.review_services import (
    review_create,
    review_save,
    review_sign,
    review_templates_seed,
)
from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction, AuditEntry
from jalons.documents import views as document_views
from jalons.documents.rendering import html_to_document
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db

BANNER = "Projet – bilan non validé, à ne pas remettre"


def text_of(page: str) -> str:
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", page)))


def margins_of_each_page(html: str) -> list[str]:
    """The text of the page margins (running header and footer), page by page."""

    def walk(box, out, in_margin=False):
        in_margin = in_margin or isinstance(box, boxes.MarginBox)
        if in_margin and isinstance(box, boxes.TextBox):
            out.append(box.text)
        for child in getattr(box, "children", None) or []:
            walk(child, out, in_margin)

    pages = []
    for page in html_to_document(html).pages:
        out = []
        walk(page._page_box, out)
        pages.append(" ".join(" ".join(out).split()))
    return pages


@pytest.fixture
def draft():
    cip = MembershipFactory(cip=True, structure__kind="ACI")
    person = ParcoursFactory(
        person__structure=cip.structure, person__first_name="Mamadou", person__last_name="Lefebvre"
    ).person
    review_templates_seed(actor=Actor(role="cip"), structure=cip.structure)
    template = ReviewTemplate.objects.get(structure=cip.structure, kind="periodique")
    review = review_create(
        actor=Actor(role="cip"), person=person, template=template, date=dt.date(2026, 4, 17)
    )
    # Long answers: the PDF runs over several pages.
    long = " ".join(["Progrès nets depuis l'entrée, à consolider avec l'équipe."] * 25)
    review_save(
        actor=Actor(role="cip"),
        review=review,
        date=review.date,
        answers=[long] * len(review.answers),
        conclusion="Objectifs fixés ensemble.",
        confidential_note="",
    )
    return cip, person, review


def urls(cip, person, review):
    args = [cip.structure.pk, person.pk, review.pk]
    return (
        reverse("accompagnement:review_pdf", args=args),
        reverse("accompagnement:review_print", args=args),
    )


def rendered_pdf(client, monkeypatch, url):
    rendered = []
    monkeypatch.setattr(
        document_views, "html_to_pdf", lambda html: rendered.append(html) or b"%PDF-"
    )
    response = client.get(url)
    assert response.status_code == 200
    return response, rendered[-1]


def test_the_pdf_of_a_draft_is_marked_as_such_on_every_page(client, monkeypatch, draft):
    cip, _person, review = draft
    client.force_login(cip.user)
    pdf_url, _ = urls(*draft)
    response, html = rendered_pdf(client, monkeypatch, pdf_url)
    assert (
        'filename="projet-bilan-intermediaire-mamadou-lefebvre-2026-04-17.pdf"'
        in (response["Content-Disposition"])
    )
    text = text_of(html)
    assert BANNER in text  # a banner at the top of the first page
    assert "Signature de la personne" not in text  # a draft is not signed
    assert "<title>Projet" in html
    margins = margins_of_each_page(html)
    assert len(margins) >= 2
    assert all(BANNER in m for m in margins), margins
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(review.pk)).latest(
        "id"
    )
    assert entry.object_type == "projet de bilan non validé (PDF)"


def test_the_validated_bilan_is_unchanged(client, monkeypatch, draft):
    cip, _person, review = draft
    review_sign(actor=Actor(role="cip"), review=review, signed_on=dt.date(2026, 4, 18))
    client.force_login(cip.user)
    pdf_url, print_url = urls(*draft)
    response, html = rendered_pdf(client, monkeypatch, pdf_url)
    assert (
        'filename="bilan-intermediaire-mamadou-lefebvre-2026-04-17.pdf"'
        in (response["Content-Disposition"])
    )
    text = text_of(html)
    assert BANNER not in text and "Signature de la personne :" in text
    assert "<title>Projet" not in html
    assert all(BANNER not in m for m in margins_of_each_page(html))
    page = text_of(client.get(print_url).content.decode())
    assert BANNER not in page and "Bilan validé le 18/04/2026" in page


def test_the_print_page_of_a_draft_says_it_is_not_to_be_handed(client, draft):
    cip, person, review = draft
    client.force_login(cip.user)
    _, print_url = urls(*draft)
    raw = client.get(print_url).content.decode()
    page = text_of(raw)
    assert BANNER in page
    assert "Signature de la personne" not in page
    # Printed from the browser, the banner runs at the top of every page too.
    assert "@top-center" in raw and BANNER in raw[raw.index("@top-center") :]
    sign_url = reverse("accompagnement:review_sign", args=[cip.structure.pk, person.pk, review.pk])
    assert sign_url in raw


def test_the_list_of_bilans_names_a_draft_as_a_draft(client, draft):
    cip, person, _review = draft
    client.force_login(cip.user)
    page = text_of(
        client.get(
            reverse("accompagnement:reviews", args=[cip.structure.pk, person.pk])
        ).content.decode()
    )
    assert "Version à remettre à la personne" not in page
    assert "Projet non validé" in page


def test_the_default_questions_name_the_cip_in_a_form_valid_for_any_gender():
    questions = [
        q["question"] for _kind, _name, text in DEFAULT_TEMPLATES for q in parse_questions(text)
    ]
    assert "Que retient la ou le CIP ?" in questions
    for question in questions:
        assert not re.search(r"(?<!la ou )\b(le|du|au) CIP\b", question), question
        assert "l'encadrant" not in question, question
