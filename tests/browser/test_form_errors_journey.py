"""A refused form in Chromium (issue 13, point 8): the focus lands on the error
summary, its link moves the focus to the field, and the field's aria-describedby
resolves to its error message. /admin/ ends on a refusal, without a loop."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, MembershipFactory

pytestmark = [
    pytest.mark.navigateur,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = os.environ.get("JALONS_CAPTURES")

DESCRIBED_TEXTS = """(id) => {
  const field = document.getElementById(id);
  return (field.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean)
    .map((ref) => document.getElementById(ref))
    .map((e) => (e ? e.textContent.trim() : null));
}"""


def described_texts(page, field_id: str) -> list:
    return [" ".join(t.split()) if t else t for t in page.evaluate(DESCRIBED_TEXTS, field_id)]


def test_a_refused_form_sends_the_focus_to_the_summary_then_to_the_field(live_server, page):
    membership = MembershipFactory(cip=True)
    structure = membership.structure
    base = live_server.url

    # The sign-in page refused empty: the summary has the focus, not the e-mail field
    # (whose autofocus only serves a first visit).
    page.goto(f"{base}/connexion/")
    expect(page.get_by_label("Adresse e-mail")).to_be_focused()
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_title(re.compile(r"^Erreur : Connexion"))
    expect(page.locator("[data-error-summary]")).to_be_focused()
    page.get_by_label("Adresse e-mail").fill(membership.user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).not_to_have_title(re.compile("Erreur"))

    # A person without a name.
    page.goto(f"{base}/structures/{structure.pk}/personnes/nouvelle/")
    page.get_by_label("Prénom").fill("Aminata")
    page.get_by_role("button", name="Créer la fiche").click()
    expect(page).to_have_title(re.compile(r"^Erreur : Nouvelle personne"))
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(re.compile("Le formulaire contient"))
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "erreurs-formulaire.png"), full_page=True)

    # The field says it is invalid and is described by its error message.
    field = page.locator("#id_last_name")
    expect(field).to_have_attribute("aria-invalid", "true")
    texts = described_texts(page, "id_last_name")
    assert None not in texts, texts  # every id named exists
    assert "Erreur : Indiquez le nom." in texts, texts
    # The label is still the field's name (the error is its description).
    expect(page.get_by_role("textbox", name=re.compile(r"^Nom\b"))).to_have_attribute(
        "aria-describedby", "id_last_name_error"
    )

    # The summary's link moves the focus to the field, with the mouse...
    summary.get_by_role("link", name="Nom : Indiquez le nom.").click()
    expect(field).to_be_focused()
    # ... and with the keyboard, from the summary.
    summary.focus()
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name="Nom : Indiquez le nom.")).to_be_focused()
    page.keyboard.press("Enter")
    expect(field).to_be_focused()

    # Corrected, the form is accepted.
    field.fill("Testelin")
    page.get_by_role("button", name="Créer la fiche").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aminata Testelin")
    expect(page).not_to_have_title(re.compile("Erreur"))

    # The technical admin refuses, in French, at once.
    response = page.goto(f"{base}/admin/")
    assert response.status == 403
    expect(
        page.get_by_text("Cet espace est réservé aux administrateurs techniques")
    ).to_be_visible()


def test_a_refused_group_of_choices_is_described_and_its_link_focuses_the_first_choice(
    live_server, page
):
    membership = MembershipFactory()
    base = live_server.url
    page.goto(f"{base}/connexion/")
    page.get_by_label("Adresse e-mail").fill(membership.user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    # Creating an Offre de Services: the year is missing, and the starting point (a choice).
    page.goto(f"{base}/structures/{membership.structure.pk}/offre/nouvelle/")
    page.get_by_label(re.compile(r"^Année")).fill("")
    # The starting point is preselected: unselect it, as an old browser tab could send.
    page.evaluate("document.querySelectorAll('input[name=start]').forEach(e => e.checked = false)")
    page.get_by_role("button", name="Créer l'offre de services").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    targets = [links.nth(n).get_attribute("href") for n in range(links.count())]
    assert targets == ["#id_year", "#id_start_0"], targets
    for n in range(links.count()):
        link = links.nth(n)
        target = link.get_attribute("href")[1:]
        link.click()
        expect(page.locator(f"[id='{target}']")).to_be_focused()
        group_or_field = page.evaluate(
            "(id) => { const e = document.getElementById(id);"
            " const f = e.closest('fieldset.choices');"
            " return (f && !e.hasAttribute('aria-describedby')) ? f.id : e.id; }",
            target,
        )
        texts = described_texts(page, group_or_field)
        assert None not in texts and any(t.startswith("Erreur : ") for t in texts), texts
