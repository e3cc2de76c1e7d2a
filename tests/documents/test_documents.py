import datetime
import os
import re
import time
from pathlib import Path

import pytest
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.audit.models import AuditEntry
from jalons.documents import builders
from jalons.documents.livret import livret_sections_update, livret_texts
from jalons.documents.models import LivretSection
from jalons.documents.rendering import TEMPLATE_VERSIONS, html_to_document, html_to_pdf, render_html
from tests.factories import MembershipFactory, StructureFactory
from tests.parcours.factories import ClientFactory, ContractFactory, ParcoursFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 7, 1)
# Set JALONS_PDF_DIR to keep the generated PDFs and look at them page by page.
KEEP = os.environ.get("JALONS_PDF_DIR")


def text_of(html: str) -> str:
    """The visible text of a rendered document, whitespace collapsed."""
    body = re.sub(r"<style.*?</style>|<svg.*?</svg>|<[^>]+>", " ", html, flags=re.S)
    body = body.replace("&#x27;", "'").replace("&amp;", "&").replace("&quot;", '"')
    return " ".join(body.split())


def page_count(html: str) -> int:
    return len(html_to_document(html).pages)


def keep(name: str, pdf: bytes) -> None:
    if KEEP:
        Path(KEEP).mkdir(parents=True, exist_ok=True)
        (Path(KEEP) / name).write_bytes(pdf)


def test_the_attestation_lists_acquired_skills_with_dates_and_evaluators(etti, worker):
    html = render_html(
        "documents/attestation.html",
        builders.attestation_context(structure=etti, person=worker, today=TODAY),
    )
    text = text_of(html)
    assert "Attestation de compétences" in text
    assert "Inès Lambert" in text
    assert "travaille dans la structure, en parcours d'insertion, depuis le 06/01/2025" in text
    assert "·" not in text.split("atteste")[1].split("compétences ci-dessous")[0]
    assert "Vérifier le chariot avant sa prise de poste" in text  # acquired on 14/04
    assert "le 14/04/2025" in text
    assert "Entreprise cliente ou utilisateur (Logistique des Flandres, chef d'équipe)" in text
    assert "Maîtrisé" in text and "CIP (Julien Carpentier)" in text
    # Not acquired at the last evaluation: not attested.
    assert "Respecter les gestes et postures" not in text
    assert "La direction" in text and "signature et cachet" in text
    assert "<svg" in html  # the progression chart, same source as the page
    assert TEMPLATE_VERSIONS["attestation"] in html
    pdf = html_to_pdf(html)
    keep("attestation.pdf", pdf)
    assert pdf.startswith(b"%PDF")
    assert 1 <= page_count(html) <= 2


def test_the_cv_draft_has_posts_clients_trainings_and_skills_but_nothing_sensitive(etti, worker):
    html = render_html(
        "documents/cv.html", builders.cv_context(structure=etti, person=worker, today=TODAY)
    )
    text = text_of(html)
    assert "Préparatrice de commandes" in text
    assert "Logistique des Flandres, Arras (mission d'intérim par Intérim Solidaire Artois)" in text
    assert "2 missions" in text
    assert "Chez des particuliers, par Intérim Solidaire Artois" in text
    assert "CACES R489 catégories 1A et 3 – certification obtenue : CACES R489 1A et 3" in text
    assert "AFPA Arras · 35 h" in text
    assert "Savoirs de base" not in text  # abandoned
    assert "Vérifier le chariot avant sa prise de poste" in text
    for sensitive in ("180055912345678", "RQTH", "RSA", "Odette", "Vandamme", "1980", "frein"):
        assert sensitive not in html, sensitive
    pdf = html_to_pdf(html)
    keep("cv.pdf", pdf)
    assert pdf.startswith(b"%PDF") and page_count(html) == 1


def test_the_livret_is_built_from_the_structure_and_its_texts(etti, owner, worker):
    MembershipFactory(
        structure=etti, cip=True, user__first_name="Julien", user__last_name="Carpentier"
    )
    html = render_html(
        "documents/livret.html", builders.livret_context(structure=etti, today=TODAY)
    )
    text = text_of(html)
    for expected in (
        "Livret d'accueil des salarié·es",
        "Intérim Solidaire Artois",
        "45 rue Ronville",
        "62000 Arras",
        "03 21 00 00 03",
        "Julien Carpentier",
        "Nadia Hamdani",
        "Votre accueil et votre intégration au travail",
        "Votre accompagnement social et professionnel",
        "Vos formations",
        "Vos droits",
        "Vos engagements",
        "Qui contacter ?",
    ):
        assert expected in text, expected
    assert "Inès" not in text
    pdf = html_to_pdf(html)
    keep("livret.pdf", pdf)
    assert pdf.startswith(b"%PDF") and 2 <= page_count(html) <= 4


def test_livret_texts_are_edited_per_structure_and_reset_to_the_default(etti):
    other = StructureFactory()
    livret_sections_update(
        actor=Actor(role="direction"), structure=etti, texts={"pratique": "Rendez-vous à 7 h 30."}
    )
    texts = {t.key: t for t in livret_texts(structure=etti)}
    assert texts["pratique"].text == "Rendez-vous à 7 h 30." and not texts["pratique"].is_default
    assert {t.key: t for t in livret_texts(structure=other)}["pratique"].is_default
    livret_sections_update(actor=Actor(role="direction"), structure=etti, texts={"pratique": ""})
    assert not LivretSection.objects.filter(structure=etti).exists()


def test_the_direction_edits_the_livret_and_others_cannot(client, etti, owner):
    client.force_login(owner)
    url = reverse("documents:livret_edit", args=[etti.pk])
    data = {t.key: t.text for t in livret_texts(structure=etti)}
    data["contacts"] = "Absence : appelez Julien au 03 21 00 00 03."
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("documents:livret", args=[etti.pk])).content.decode()
    assert "Absence : appelez Julien" in page
    cip = MembershipFactory(structure=etti, cip=True).user
    client.force_login(cip)
    assert client.post(url, data).status_code == 403


@pytest.mark.parametrize(
    ("name", "filename"),
    [("attestation", "attestation-competences-ines-lambert"), ("cv", "projet-de-cv-ines-lambert")],
)
def test_person_documents_download_as_pdf_with_a_french_name_and_are_audited(
    client, etti, owner, worker, name, filename, pdf_engine_ready
):
    client.force_login(owner)
    started = time.perf_counter()
    response = client.get(reverse(f"documents:{name}", args=[etti.pk, worker.pk]))
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{filename}-' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    print(f"\n{name} : {elapsed:.2f} s")  # for docs/performance.md (-s -n 0)
    entry = AuditEntry.objects.filter(structure=etti, user=owner).latest("at")
    assert entry.object_id == str(worker.pk) and "(PDF)" in entry.object_type


def test_the_livret_downloads_as_pdf_from_its_page(client, etti, owner, pdf_engine_ready):
    client.force_login(owner)
    page = client.get(reverse("documents:livret", args=[etti.pk])).content.decode()
    pdf_url = reverse("documents:livret_pdf", args=[etti.pk])
    assert pdf_url in page
    started = time.perf_counter()
    response = client.get(pdf_url)
    elapsed = time.perf_counter() - started
    print(f"\nlivret : {elapsed:.2f} s")
    assert response["Content-Type"] == "application/pdf" and elapsed < 3
    assert 'filename="livret-accueil-interim-solidaire-artois-' in response["Content-Disposition"]


def test_the_person_file_links_to_the_documents(client, etti, owner, worker):
    client.force_login(owner)
    page = client.get(reverse("parcours:person", args=[etti.pk, worker.pk])).content.decode()
    assert reverse("documents:attestation", args=[etti.pk, worker.pk]) in page
    assert reverse("documents:cv", args=[etti.pk, worker.pk]) in page


def test_documents_of_another_structure_are_refused(client, etti, worker):
    intruder = MembershipFactory().user
    client.force_login(intruder)
    for url in (
        reverse("documents:attestation", args=[etti.pk, worker.pk]),
        reverse("documents:cv", args=[etti.pk, worker.pk]),
        reverse("documents:livret_pdf", args=[etti.pk]),
    ):
        assert client.get(url).status_code == 404


def test_french_plural_takes_the_singular_for_zero_and_one():
    from jalons.documents.french import plural

    assert [plural(n, "sortie") for n in (0, 1, 2)] == ["0 sortie", "1 sortie", "2 sorties"]
    assert plural(1, "sortie dynamique", "sorties dynamiques") == "1 sortie dynamique"
    assert plural(1234, "sortie") == "1\u202f234 sorties"
    assert plural(1.5, "heure") == "1,5 heure"


@pytest.mark.parametrize(
    ("inclusive", "feminine", "masculine"),
    [
        ("Agent·e de tri", "Agente de tri", "Agent de tri"),
        ("Ouvrier·ère maraîcher·ère", "Ouvrière maraîchère", "Ouvrier maraîcher"),
        ("Préparateur·rice de commandes", "Préparatrice de commandes", "Préparateur de commandes"),
        ("Conducteur·trice d'engins", "Conductrice d'engins", "Conducteur d'engins"),
        ("Employé(e) de blanchisserie", "Employée de blanchisserie", "Employé de blanchisserie"),
        ("Technicien·ne", "Technicienne", "Technicien"),
        ("les salarié·es", "les salariées", "les salariés"),
        ("Manutentionnaire", "Manutentionnaire", "Manutentionnaire"),
    ],
)
def test_an_inclusive_job_title_takes_the_gender_given_and_stays_when_unknown(
    inclusive, feminine, masculine
):
    from jalons.documents.french import gendered

    assert gendered(inclusive, "f") == feminine
    assert gendered(inclusive, "m") == masculine
    assert gendered(inclusive, None) == inclusive


@pytest.fixture
def newcomer(etti):
    """Hired, one mission typed in the inclusive form, nothing evaluated, no training."""
    parcours = ParcoursFactory(
        person__structure=etti,
        person__first_name="Karim",
        person__last_name="Benali",
        hire_date=datetime.date(2025, 5, 5),
    )
    ContractFactory(
        parcours=parcours,
        kind="mission",
        post="Agent·e de tri",
        client=ClientFactory(structure=etti, name="Tri Nord", city="Lens"),
        start_date=datetime.date(2025, 5, 5),
        end_date=datetime.date(2025, 6, 27),
        weekly_hours=None,
    )
    return parcours.person


def test_an_attestation_with_nothing_acquired_is_refused_with_a_page_that_says_why(
    client, etti, owner, newcomer
):
    client.force_login(owner)
    response = client.get(reverse("documents:attestation", args=[etti.pk, newcomer.pk]))
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    page = text_of(response.content.decode())
    assert "Aucune compétence à attester" in page
    assert "il n'y a rien à attester" in page
    assert reverse("competences:person", args=[etti.pk, newcomer.pk]) in response.content.decode()
    assert not AuditEntry.objects.filter(changes__has_key="document généré").exists()


def test_an_attestation_rendered_with_nothing_acquired_has_no_signature_block(etti, newcomer):
    context = builders.attestation_context(structure=etti, person=newcomer, today=TODAY)
    assert context["attestable"] is False
    text = text_of(render_html("documents/attestation.html", context))
    assert "rien à attester" in text and "n'est pas une attestation" in text
    assert "signature et cachet" not in text and "atteste que" not in text


def test_the_cv_writes_nothing_rather_than_a_placeholder(etti, newcomer):
    text = text_of(
        render_html(
            "documents/cv.html", builders.cv_context(structure=etti, person=newcomer, today=TODAY)
        )
    )
    assert "Karim Benali" in text
    for placeholder in ("À compléter", "à compléter", "Centres d'intérêt", "à relire"):
        assert placeholder not in text, placeholder
    assert "Compétences" not in text and "Formation" not in text  # nothing to say


def test_the_cv_has_no_experience_heading_when_there_is_no_contract(etti):
    person = ParcoursFactory(person__structure=etti, person__first_name="Léa").person
    text = text_of(
        render_html(
            "documents/cv.html", builders.cv_context(structure=etti, person=person, today=TODAY)
        )
    )
    assert "Expérience professionnelle" not in text and "À compléter" not in text


def test_the_cv_agrees_the_job_title_with_the_gender_asked_and_else_stays_inclusive(
    client, etti, owner, newcomer
):
    def cv(gender):
        context = builders.cv_context(structure=etti, person=newcomer, today=TODAY, gender=gender)
        return text_of(render_html("documents/cv.html", context))

    assert "Agent de tri" in cv("m") and "Agent·e" not in cv("m")
    assert "Agente de tri" in cv("f")
    assert "Agent·e de tri" in cv(None)  # the file does not record the person's gender
    client.force_login(owner)
    url = reverse("documents:cv", args=[etti.pk, newcomer.pk])
    assert client.get(url, {"genre": "m"})["Content-Type"] == "application/pdf"
    assert client.get(url, {"genre": "x"}).status_code == 200  # unknown value: inclusive


def test_several_contracts_at_one_place_are_counted_with_the_right_word(etti, worker):
    text = text_of(
        render_html(
            "documents/cv.html", builders.cv_context(structure=etti, person=worker, today=TODAY)
        )
    )
    assert "· 2 missions" in text
