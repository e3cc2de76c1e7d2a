import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalons.accompagnement.models import Review, ReviewTemplate
from jalons.accompagnement.review_services import (
    review_create,
    review_present,
    review_save,
    review_sign,
    review_templates_seed,
)
from jalons.audit.actor import Actor
from jalons.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"accompagnement:{name}", args=args)


@pytest.fixture
def entry_template(cip):
    review_templates_seed(actor=Actor(role="cip"), structure=cip.structure)
    return ReviewTemplate.objects.get(structure=cip.structure, kind="entree")


def test_each_structure_gets_editable_default_templates_once(cip):
    assert len(review_templates_seed(actor=Actor(role="cip"), structure=cip.structure)) == 3
    assert review_templates_seed(actor=Actor(role="cip"), structure=cip.structure) == []
    kinds = set(ReviewTemplate.objects.values_list("kind", flat=True))
    assert kinds == {"entree", "periodique", "sortie"}


def test_a_review_is_filled_signed_then_presented_and_locked(cip, person, entry_template):
    review = review_create(
        actor=Actor(role="cip"), person=person, template=entry_template, date=dt.date(2025, 2, 1)
    )
    assert review.answers[0]["section"] == "Situation à l'entrée"
    with pytest.raises(ValidationError, match="Validez le bilan"):
        review_present(actor=Actor(role="cip"), review=review, presented_on=dt.date(2025, 2, 2))
    with pytest.raises(ValidationError, match="vide"):
        review_sign(actor=Actor(role="cip"), review=review, signed_on=dt.date(2025, 2, 2))
    answers = ["Réponse"] * len(review.answers)
    review_save(
        actor=Actor(role="cip"),
        review=review,
        date=review.date,
        answers=answers,
        conclusion="Objectifs fixés.",
        confidential_note="Situation familiale difficile",
    )
    review_sign(actor=Actor(role="cip"), review=review, signed_on=dt.date(2025, 2, 3))
    review_present(actor=Actor(role="cip"), review=review, presented_on=dt.date(2025, 2, 4))
    review.refresh_from_db()
    assert review.signed_on == dt.date(2025, 2, 3) and review.presented_on == dt.date(2025, 2, 4)
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        review_save(
            actor=Actor(role="cip"),
            review=review,
            date=review.date,
            answers=answers,
            conclusion="Changé",
            confidential_note="",
        )
    log = str(
        list(AuditEntry.objects.filter(object_type="bilan").values_list("changes", flat=True))
    )
    assert "Situation familiale" not in log and "(note confidentielle)" in log


def test_a_template_edit_does_not_change_reviews_already_started(cip, person, entry_template):
    review = review_create(
        actor=Actor(role="cip"), person=person, template=entry_template, date=dt.date(2025, 2, 1)
    )
    count = len(review.answers)
    entry_template.questions = "Une seule question ?"
    entry_template.save()
    review.refresh_from_db()
    assert len(review.answers) == count


def test_the_pages_create_fill_sign_and_print_a_review(client, cip, person, supervisor):
    client.force_login(cip.user)
    s, p = cip.structure.pk, person.pk
    page = client.get(url("review_create", s, p)).content.decode()
    assert "Bilan d&#x27;entrée" in page  # default templates seeded on first use
    template = ReviewTemplate.objects.get(structure=cip.structure, kind="entree")
    html = client.post(url("review_create", s, p), {"template": "", "date": ""}).content.decode()
    assert "Choisissez le modèle de bilan." in html and "Indiquez la date du bilan." in html
    assert not Review.objects.exists()
    response = client.post(
        url("review_create", s, p), {"template": template.pk, "date": "2025-02-01"}
    )
    review = Review.objects.get(person=person)
    assert response["Location"] == url("review_edit", s, p, review.pk)
    data = {
        "date": "2025-02-01",
        "conclusion": "Suite : permis B.",
        "confidential_note": "Addiction",
    }
    data.update({f"reponse_{i}": f"Réponse {i}" for i in range(len(review.answers))})
    client.post(url("review_edit", s, p, review.pk), data)
    review.refresh_from_db()
    assert review.answers[1]["answer"] == "Réponse 1" and review.confidential_note == "Addiction"
    html = client.post(
        url("review_sign", s, p, review.pk), {"signed_on": "2025-01-01"}
    ).content.decode()
    assert "La validation ne peut précéder la date du bilan." in html
    client.post(url("review_sign", s, p, review.pk), {"signed_on": "2025-02-02"})
    client.post(url("review_present", s, p, review.pk), {"presented_on": "2025-02-03"})
    review.refresh_from_db()
    assert review.signed_by == cip.user and review.presented_on == dt.date(2025, 2, 3)
    printed = client.get(url("review_print", s, p, review.pk)).content.decode()
    assert "Suite : permis B." in printed and "Réponse 1" in printed
    assert "Addiction" not in printed  # never on the page given to the employee
    listing = client.get(url("reviews", s, p)).content.decode()
    assert "Validé le 02/02/2025" in listing
    client.force_login(supervisor.user)
    assert client.get(url("review_edit", s, p, review.pk)).status_code == 403
    assert "Addiction" not in client.get(url("review_print", s, p, review.pk)).content.decode()


def test_templates_are_edited_by_the_structure(client, cip):
    client.force_login(cip.user)
    s = cip.structure.pk
    client.get(url("review_templates", s))
    html = client.post(
        url("review_template_create", s),
        {"kind": "periodique", "name": "Bilan à 4 mois", "questions": "  "},
    ).content.decode()
    assert "Écrivez au moins une question." in html
    client.post(
        url("review_template_create", s),
        {
            "kind": "periodique",
            "name": "Bilan à 4 mois",
            "questions": "# Travail\nAssiduité ?",
            "active": "on",
        },
    )
    assert ReviewTemplate.objects.filter(structure=cip.structure, name="Bilan à 4 mois").exists()


def test_the_review_handed_to_the_employee_downloads_as_a_pdf_without_the_note(
    client, cip, person, supervisor, entry_template, monkeypatch
):
    from jalons.audit.models import AuditAction
    from jalons.documents import views as document_views

    review = review_create(
        actor=Actor(role="cip"), person=person, template=entry_template, date=dt.date(2025, 2, 1)
    )
    answers = [f"Réponse {i}" for i in range(len(review.answers))]
    review_save(
        actor=Actor(role="cip"),
        review=review,
        date=review.date,
        answers=answers,
        conclusion="Suite : permis B.",
        confidential_note="Addiction",
    )
    # Handed to the employee once validated (a draft downloads as a « projet »).
    review_sign(actor=Actor(role="cip"), review=review, signed_on=dt.date(2025, 2, 2))
    s, p = cip.structure.pk, person.pk
    client.force_login(cip.user)
    pdf_url = url("review_pdf", s, p, review.pk)
    assert pdf_url in client.get(url("reviews", s, p)).content.decode()
    response = client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="bilan-d' in response["Content-Disposition"]
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(review.pk)).latest(
        "id"
    )
    assert entry.object_type == "bilan remis à la personne (PDF)"
    # What the PDF is made of: the answers and the conclusion, never the note.
    rendered = []
    monkeypatch.setattr(
        document_views, "html_to_pdf", lambda html: rendered.append(html) or b"%PDF-"
    )
    client.get(pdf_url)
    assert "Réponse 1" in rendered[0] and "Suite : permis B." in rendered[0]
    assert "Addiction" not in rendered[0]
    client.force_login(supervisor.user)
    assert client.get(pdf_url).status_code == 403
