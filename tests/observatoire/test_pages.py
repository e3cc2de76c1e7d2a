"""The network's and the DDETS's observatory pages, rendered from a hand-built edition:
who opens them, and what a hidden cell shows (never a number)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from jalons.observatoire import views
from jalons.observatoire.edition import PRIMARY
from jalons.observatoire.exports import column_labels
from jalons.observatoire.pdf import secret_explanations
from tests.factories import (
    DdetsFactory,
    DdetsMembershipFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    UserFactory,
)
from tests.observatoire.edition_fixture import make_edition


class Tables(HTMLParser):
    """Every table of a page: {caption: [[(tag, attrs, text), ...] per row]}."""

    def __init__(self):
        super().__init__()
        self.tables, self.caption, self.rows, self.cell, self.in_caption = {}, "", None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows, self.caption = [], ""
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = [tag, dict(attrs), ""]

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.cell is not None:
            self.cell[2] = " ".join(self.cell[2].split())
            self.rows[-1].append(tuple(self.cell))
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self.tables[" ".join(self.caption.split())] = self.rows
            self.rows = None

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data
        elif self.cell is not None:
            self.cell[2] += data


def tables_of(html: str) -> dict:
    parser = Tables()
    parser.feed(html)
    return parser.tables


@pytest.fixture
def fixture_edition(db, monkeypatch):
    edition = make_edition()
    monkeypatch.setattr(views.selectors, "build_edition", lambda perimeter, **kw: edition)
    monkeypatch.setattr(views.selectors, "available_years", lambda perimeter: [2025, 2024])
    return edition


def _network_page(client, fixture_edition):
    membership = NetworkMembershipFactory()
    client.force_login(membership.user)
    response = client.get(reverse("observatoire:network", args=[membership.network_id]))
    assert response.status_code == 200
    return response.content.decode()


def test_every_cell_the_edition_hides_shows_secret_and_no_number(client, fixture_edition):
    html = _network_page(client, fixture_edition)
    tables = tables_of(html)
    explanations = secret_explanations(fixture_edition)
    checked = 0
    named = fixture_edition.structures
    for table in [*fixture_edition.tables, *named]:
        caption = (
            f"{table.title} – {fixture_edition.period_label}, {fixture_edition.perimeter.label}"
        )
        rows = tables[caption]
        assert len(rows) == len(table.rows) + 1  # the header row
        for row, shown in zip(table.rows, rows[1:], strict=True):
            assert shown[0][0] == "th" and shown[0][1].get("scope") == "row"
            assert shown[0][2] == row.label
            for cell, (_tag, attrs, text) in zip(row.cells, shown[1:], strict=False):
                if cell.hidden:
                    # "secret", the note call (1 or 2) and the note read by screen readers.
                    note = "1" if cell.reason == PRIMARY else "2"
                    assert text == f"secret{note} : {explanations[cell.reason]}", text
                    assert attrs.get("data-secret") == cell.reason
                    assert not re.search(r"\d", text.replace(explanations[cell.reason], "")[7:])
                    checked += 1
                else:
                    assert text == cell.display
            if table in named:  # one structure per row: no "Structures" column
                assert len(shown) == len(row.cells) + 1
            else:
                expected = "secret" if row.structures is None else str(row.structures)
                assert shown[-1][2] == expected
    assert checked == 12


def test_hidden_cells_point_to_the_explanation_of_both_kinds_of_secret(client, fixture_edition):
    html = _network_page(client, fixture_edition)
    assert 'href="#secret-primaire"' in html and 'id="secret-primaire"' in html
    assert 'href="#secret-secondaire"' in html and 'id="secret-secondaire"' in html
    assert "moins de 3 structures ou de 10 personnes" in html
    assert "masquée pour protéger une structure" in html


def test_the_page_draws_each_table_chart_with_the_same_bars_as_the_edition(client, fixture_edition):
    html = _network_page(client, fixture_edition)
    for table in fixture_edition.tables:
        assert table.chart.title in html
    # Bars carry visible rows only: the hidden EITI row is no bar.
    assert "EITI : " not in html
    assert "ACI : 412" in html


def test_the_page_shows_stamps_filters_and_download_links(client, fixture_edition):
    html = _network_page(client, fixture_edition)
    assert "DGEFP 2014 (officiel), version 2014.1" in html
    assert "5 janvier 2026" in html
    for label in ("Année", "Type d&#x27;année", "Trimestre", "Jeu de règles des taux"):
        assert f">{label}</label>" in html
    assert "etat-statistique.pdf?annee=2025" in html
    assert "etat-statistique.xlsx?annee=2025" in html
    assert "etat-statistique.csv?annee=2025" in html
    assert "trimestre=3" in html  # quarterly editions
    for table in fixture_edition.tables:
        for column in column_labels(table):  # a rule set by its title, not its identifier
            assert f'<th scope="col" class="num">{column}</th>' in html


def test_the_page_says_when_figures_lag_behind_the_latest_entries(client, fixture_edition):
    from jalons.observatoire.selectors import stale_note

    fixture_edition.notes.append(stale_note(1200))
    html = _network_page(client, fixture_edition)
    assert (
        '<p class="message message-warning" role="status">Les chiffres de 1\u202f200 '
        "structures de ce périmètre ne comptent pas encore leurs dernières saisies"
    ) in html


def test_a_quarter_of_an_annexe_year_is_refused_with_a_french_message(client, fixture_edition):
    membership = NetworkMembershipFactory()
    client.force_login(membership.user)
    url = reverse("observatoire:network", args=[membership.network_id])
    response = client.get(url, {"annee": "2025", "periode": "annexe", "trimestre": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Les trimestres se lisent en année civile" in html
    assert "l'édition affichée est celle de l'année 2025" in html


def test_an_unknown_year_falls_back_to_the_latest_one(client, monkeypatch, fixture_edition):
    asked = []
    monkeypatch.setattr(
        views.selectors, "build_edition", lambda p, **kw: asked.append(kw) or fixture_edition
    )
    membership = NetworkMembershipFactory()
    client.force_login(membership.user)
    url = reverse("observatoire:network", args=[membership.network_id])
    assert client.get(url, {"annee": "1999"}).status_code == 200
    assert asked[-1]["year"] == 2025
    client.get(url, {"annee": "2024", "periode": "annexe", "regles": "uriae-2009"})
    assert asked[-1] == {
        "year": 2024,
        "quarter": None,
        "period": "annexe",
        "rule_set": "uriae-2009",
        "number": None,
    }


def test_the_ddets_agent_opens_the_ddets_page(client, fixture_edition):
    membership = DdetsMembershipFactory(ddets=DdetsFactory(departements=["59", "62"]))
    client.force_login(membership.user)
    response = client.get(reverse("observatoire:ddets", args=[membership.ddets_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nord (59)" in html and "secret" in html


@pytest.mark.parametrize("page", ["network", "network_pdf", "network_csv", "network_xlsx"])
def test_network_pages_are_not_found_for_people_outside_the_network(client, fixture_edition, page):
    network = NetworkFactory()
    for user in (
        NetworkMembershipFactory().user,
        MembershipFactory().user,
        DdetsMembershipFactory().user,
        UserFactory(),
    ):
        client.force_login(user)
        assert client.get(reverse(f"observatoire:{page}", args=[network.pk])).status_code == 404


@pytest.mark.parametrize("page", ["ddets", "ddets_pdf"])
def test_ddets_pages_are_not_found_for_other_agents_and_networks(client, fixture_edition, page):
    ddets = DdetsFactory()
    for user in (DdetsMembershipFactory().user, NetworkMembershipFactory().user):
        client.force_login(user)
        assert client.get(reverse(f"observatoire:{page}", args=[ddets.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, fixture_edition):
    network = NetworkFactory()
    response = client.get(reverse("observatoire:network", args=[network.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_pdf_download_is_a_pdf_named_after_the_perimeter_and_period(client, fixture_edition):
    membership = NetworkMembershipFactory()
    client.force_login(membership.user)
    response = client.get(
        reverse("observatoire:network_pdf", args=[membership.network_id]), {"annee": "2025"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        'filename="etat-statistique-reseau-uriae-hdf-annee-2025.pdf"'
        in response["Content-Disposition"]
    )


def test_the_position_chart_is_described_for_screen_readers():
    from jalons.observatoire.charts import PositionItem, position_chart

    svg = position_chart(
        title="Votre position parmi les ACI, 2025",
        items=[
            PositionItem("Taux de sortie dynamique", 55.6, 40.0, 50.0, 66.7, "%", 1, 100.0),
            PositionItem("Heures d'accompagnement par personne", None, 2.2, 2.5, 2.9, "h", 1),
        ],
    )
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Taux de sortie dynamique : vous 55,6 % ; premier quartile 40,0 %" in svg
    assert "médiane 50,0 %, troisième quartile 66,7 %" in svg
    assert "Heures d&#x27;accompagnement par personne : vous non calculé" in svg
    assert svg.count("<path") == 2  # one diamond (the second value is unknown) + legend
    assert position_chart(title="vide", items=[]) == ""


@pytest.mark.parametrize(
    ("page", "fmt"), [("network", "page"), ("network_csv", "csv"), ("network_xlsx", "xlsx")]
)
def test_each_reading_of_an_edition_is_journaled_with_the_structures_it_names(
    client, fixture_edition, page, fmt
):
    from jalons.audit.models import AuditAction, AuditEntry

    membership = NetworkMembershipFactory()
    client.force_login(membership.user)
    assert (
        client.get(reverse(f"observatoire:{page}", args=[membership.network_id])).status_code == 200
    )
    entry = AuditEntry.objects.get(object_type="état statistique de l'observatoire")
    assert entry.action == AuditAction.VIEW
    assert entry.user == membership.user and entry.role == "membre du réseau"
    assert entry.structure is None  # a reading changes no structure's snapshots
    assert entry.changes["format"] == fmt
    assert entry.changes["structures nommées"] == sorted(
        {row.label for table in fixture_edition.structures for row in table.rows}
    )
    assert fixture_edition.period_label in entry.object_repr


def test_filters_left_out_of_the_address_show_the_edition_actually_displayed(
    client, fixture_edition
):
    """``?annee=2025`` alone: the rule-set list must say dgefp-2014, the rule set of the
    rates shown, not the first name of the list."""
    membership = NetworkMembershipFactory()
    client.force_login(membership.user)
    url = reverse("observatoire:network", args=[membership.network_id])
    html = client.get(url, {"annee": "2025"}).content.decode()
    assert re.search(r'<option value="dgefp-2014"\s+selected>', html)
    assert re.search(r'<option value="civile"\s+selected>', html)
    html = client.get(url, {"regles": "uriae-2009"}).content.decode()
    assert re.search(r'<option value="2025"\s+selected>', html)
    assert re.search(r'<option value="uriae-2009"\s+selected>', html)
