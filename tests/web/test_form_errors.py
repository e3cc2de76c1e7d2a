"""One mechanism ties every form error to its field (issue 13, point 8): the field says
``aria-invalid`` and names its help text and its error message in
``aria-describedby``; the summary at the top links each error to its field; the page
title starts with « Erreur : »."""

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.web import form_rendering
from tests.factories import MembershipFactory
from tests.parcours.factories import ParcoursFactory
from tests.web.html_checks import read_page


class SampleForm(forms.Form):
    name = forms.CharField(label="Nom", help_text="Tel qu'il figure sur la pièce d'identité.")
    kind = forms.ChoiceField(
        label="Type", choices=[("a", "Premier"), ("b", "Second")], widget=forms.RadioSelect
    )
    token = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label="Commentaire", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("comment"):
            raise forms.ValidationError("Le dossier est incomplet.")
        return data


def render(source: str, **context) -> str:
    return Template("{% load jalons_forms %}" + source).render(Context(context))


def submitted() -> SampleForm:
    form = SampleForm({"name": "", "kind": "", "token": ""})
    assert not form.is_valid()
    return form


def test_an_invalid_field_names_its_help_text_then_its_error_message():
    form = submitted()
    page = read_page(
        render('{% include "web/includes/field.html" with field=form.name %}', form=form)
    )
    (field,) = page.invalid_fields()
    assert field.attrs["id"] == "id_name"
    assert field.attrs["aria-describedby"] == "id_name_helptext id_name_error"
    assert page.text_of("id_name_helptext") == "Tel qu'il figure sur la pièce d'identité."
    assert page.text_of("id_name_error") == "Erreur : Ce champ est obligatoire."
    assert page.problems() == []


def test_a_valid_field_names_only_its_help_text_and_is_not_marked_invalid():
    form = SampleForm({"name": "Durand", "comment": "ok", "kind": "a", "token": "x"})
    assert form.is_valid()
    page = read_page(
        render('{% include "web/includes/field.html" with field=form.name %}', form=form)
    )
    assert page.invalid_fields() == []
    assert page.by_id["id_name"].attrs["aria-describedby"] == "id_name_helptext"


def test_a_group_of_choices_is_described_by_its_error_and_its_first_choice_takes_the_focus():
    form = submitted()
    page = read_page(
        render('{% include "web/includes/field.html" with field=form.kind %}', form=form)
    )
    fieldset = page.by_id["id_kind"]
    assert fieldset.tag == "fieldset"
    assert fieldset.attrs["aria-describedby"] == "id_kind_error"
    assert [e.attrs["id"] for e in page.invalid_fields()] == ["id_kind_0", "id_kind_1"]
    assert form_rendering.field_ids(form["kind"]).target == "id_kind_0"
    assert page.problems() == []


def test_the_summary_lists_form_errors_then_each_field_error_as_a_link_to_the_field():
    form = submitted()
    page = read_page(render('{% include "web/includes/error_summary.html" %}', form=form))
    summary = page.by_id["erreurs"]
    assert summary.attrs["role"] == "alert" and summary.attrs["tabindex"] == "-1"
    assert "data-error-summary" in summary.attrs
    assert page.text_of("erreurs-titre") == "Le formulaire contient des erreurs"
    links = [(a.attrs["href"], " ".join(a.text.split())) for a in page.summary_links()]
    assert links == [
        # The whole form's error, then the hidden field's, lead to the first field.
        ("#id_name", "Le dossier est incomplet."),
        ("#id_name", "Ce champ est obligatoire."),
        ("#id_name", "Nom : Ce champ est obligatoire."),
        ("#id_kind_0", "Type : Ce champ est obligatoire."),
    ]


def test_a_form_not_yet_submitted_has_no_summary_and_no_title_prefix():
    html = render(
        '{% error_title_prefix %}{% include "web/includes/error_summary.html" %}',
        form=SampleForm(),
    )
    assert "error-summary" not in html and "Erreur" not in html


def test_a_formset_and_its_rows_are_summarised_with_the_form_beside_it():
    Rows = forms.formset_factory(SampleForm, extra=0)
    data = {
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-0-name": "",
        "rows-0-comment": "x",
        "rows-0-kind": "a",
        "rows-0-token": "t",
    }
    formset = Rows(data, prefix="rows")
    assert not formset.is_valid()
    items = form_rendering.error_summary_items(None, formset)
    assert [(i.href, i.label) for i in items] == [("#id_rows-0-name", "Nom")]
    html = render("{% error_title_prefix %}", formset=formset)
    assert html == "Erreur : "


def test_a_second_form_with_the_same_field_names_gets_its_own_ids_but_keeps_its_names():
    first, second = submitted(), submitted()
    html = render(
        '{% include "web/includes/error_summary.html" %}'
        '{% include "web/includes/form_fields.html" %}'
        '{% with form=other|with_id_prefix:"decision" %}'
        '{% include "web/includes/error_summary.html" %}'
        '{% include "web/includes/form_fields.html" %}{% endwith %}',
        form=first,
        other=second,
    )
    page = read_page(html)
    assert page.problems() == []
    assert page.by_id["id_decision_name"].attrs["name"] == "name"
    assert "erreurs-id_decision" in page.ids
    assert {a.attrs["href"] for a in page.summary_links()} >= {"#id_name", "#id_decision_name"}


# The forms of the application, submitted with mistakes.


@pytest.fixture
def direction(db, client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


def refused(client, url, data) -> tuple:
    response = client.post(url, data)
    assert response.status_code == 200, (url, response.status_code)
    page = read_page(response.content.decode())
    return response, page


def assert_tied(page, expected_fields: set[str]):
    """Each invalid field names existing elements, its error among them, and the
    summary links to it; the page title says « Erreur : »."""
    assert page.problems() == []
    assert page.title.strip().startswith("Erreur : "), page.title
    invalid = {e.attrs["id"] for e in page.invalid_fields()}
    assert expected_fields <= invalid, invalid
    targets = {a.attrs["href"][1:] for a in page.summary_links()}
    for field_id in invalid:
        described, target = page.by_id[field_id], field_id
        if "aria-describedby" not in described.attrs:
            # A choice of a group: its fieldset is described, its first choice is the target.
            group = field_id.rsplit("_", 1)[0]
            described, target = page.by_id[group], f"{group}_0"
            assert described.tag == "fieldset", field_id
            field_id = group
        refs = described.attrs["aria-describedby"].split()
        assert all(r in page.ids for r in refs)
        error = f"{field_id}_error"
        assert error in refs and page.text_of(error).startswith("Erreur : ")
        assert target in targets, (target, targets)


def test_the_person_form_ties_the_missing_name_to_its_field(direction, client):
    url = reverse("parcours:person_create", args=[direction.structure.pk])
    _, page = refused(client, url, {"first_name": "Aminata", "last_name": ""})
    assert_tied(page, {"id_last_name"})
    assert "nom" in page.text_of("id_last_name_error").lower()


def test_the_contract_form_ties_each_missing_field(direction, client):
    parcours = ParcoursFactory(person__structure=direction.structure)
    url = reverse(
        "parcours:contract_create",
        args=[direction.structure.pk, parcours.person.pk, parcours.pk],
    )
    _, page = refused(client, url, {})
    assert_tied(page, {"id_post", "id_start_date"})


def test_the_exit_form_ties_the_missing_date(direction, client):
    parcours = ParcoursFactory(person__structure=direction.structure)
    url = reverse("parcours:exit", args=[direction.structure.pk, parcours.person.pk, parcours.pk])
    _, page = refused(client, url, {})
    assert_tied(page, {"id_exit_date"})


def test_the_follow_up_form_ties_the_missing_situation(direction, client):
    parcours = ParcoursFactory(person__structure=direction.structure, sorti=True)
    url = reverse(
        "parcours:follow_up", args=[direction.structure.pk, parcours.person.pk, parcours.pk, 3]
    )
    _, page = refused(client, url, {})
    assert_tied(page, {"id_situation"})


def test_the_offre_form_ties_the_missing_year(direction, client):
    url = reverse("offre:create", args=[direction.structure.pk])
    _, page = refused(client, url, {})
    assert_tied(page, {"id_year"})


def test_the_objectives_table_ties_a_wrong_number_to_its_cell(direction, client):
    from jalons.offre.services import offre_create

    year = 2025
    offre_create(
        actor=Actor(user=direction.user, role="direction"),
        structure=direction.structure,
        year=year,
    )
    url = reverse("offre:objectives", args=[direction.structure.pk, year])
    page = read_page(client.get(url).content.decode())
    cell = next(
        e
        for e in page.elements
        if e.tag == "input"
        and "|" in e.attrs.get("name", "")
        and "|commentaire" not in e.attrs["name"]
    )
    _, page = refused(client, url, {cell.attrs["name"]: "beaucoup"})
    assert_tied(page, {cell.attrs["id"]})
    # The label stays for screen readers only: the table's headers say it visually.
    (label,) = [
        e for e in page.elements if e.tag == "label" and e.attrs.get("for") == cell.attrs["id"]
    ]
    assert label.attrs["class"] == "visually-hidden"


def test_the_sign_in_form_ties_each_missing_field_and_drops_its_autofocus(db, client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "autofocus" in read_page(html).by_id["id_email"].attrs
    _, page = refused(client, reverse("accounts:login"), {"email": "", "password": ""})
    assert_tied(page, {"id_email", "id_password"})
    assert "autofocus" not in page.by_id["id_email"].attrs


def test_a_wrong_password_is_summarised_with_a_link_to_the_first_field(db, client):
    membership = MembershipFactory()
    _, page = refused(
        client,
        reverse("accounts:login"),
        {"email": membership.user.email, "password": "pas le bon"},
    )
    assert page.problems() == []
    assert page.title.strip().startswith("Erreur : ")
    (link,) = page.summary_links()
    assert link.attrs["href"] == "#id_email"


def test_a_page_shown_without_a_refused_form_has_no_title_prefix(direction, client):
    html = client.get(reverse("parcours:person_create", args=[direction.structure.pk]))
    page = read_page(html.content.decode())
    assert not page.title.strip().startswith("Erreur")
    assert not any("data-error-summary" in e.attrs for e in page.elements)


def test_the_error_summary_script_is_local_and_loaded_by_every_page(db, client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<script src="/static/jalons/formulaires.js" defer></script>' in html
    response = client.get("/static/jalons/formulaires.js")
    assert response.status_code == 200
    script = b"".join(response.streaming_content).decode()
    response.close()
    assert "[data-error-summary]" in script and "Erreur : " in script
    assert "autofocus" not in script and "http" not in script


def test_the_observatory_consent_checkboxes_name_their_rendered_help(direction, client):
    from jalons.observatoire.forms import ConsentForm

    form = ConsentForm()
    html = render(
        '{% for field in form %}{% include "web/includes/field.html" %}{% endfor %}', form=form
    )
    page = read_page(html)
    assert page.problems() == []
    for field in form:
        assert page.by_id[field.auto_id].attrs["aria-describedby"] == f"{field.auto_id}_helptext"
