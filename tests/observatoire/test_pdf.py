"""The "état statistique" PDF: cover, contents, tables with their charts, secret cells
explained, definitions; and its download, with the XLSX and CSV, from the pages."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.urls import reverse

from jalons.documents.rendering import html_to_document
from jalons.observatoire import services
from jalons.observatoire.edition import Thresholds
from jalons.observatoire.pdf import TEMPLATE_VERSION, edition_html, edition_pdf
from jalons.observatoire.publishing import publish
from jalons.rules.definitions import DEFINITIONS
from tests.factories import DdetsFactory, DdetsMembershipFactory, NetworkMembershipFactory
from tests.observatoire.edition_fixture import make_edition
from tests.observatoire.factories import structure_with_people
from tests.observatoire.test_pages import tables_of


@pytest.fixture(scope="module")
def pdf_engine_ready():
    from jalons.documents.rendering import warm_up

    warm_up()


def test_the_cover_states_perimeter_period_rule_set_dates_and_thresholds():
    html = edition_html(make_edition(thresholds=Thresholds(structures=4, people=15)))
    assert "État statistique année 2025" in html
    assert "Réseau URIAE HdF" in html
    assert "jeu de règles DGEFP 2014 (officiel), version 2014.1" in html
    assert "5 janvier 2026" in html  # data computed
    assert "6 janvier 2026" in html  # edition
    assert "au moins 4 structures et 15 personnes par case" in html
    assert "moins de 4 structures ou de 15 personnes dans la case" in html
    # The template's version in the metadata only (test_print_layout: not on the cover).
    assert f'<meta name="generator" content="Jalons – {TEMPLATE_VERSION}">' in html


def test_the_contents_link_every_table_and_the_annexes():
    edition = make_edition()
    html = edition_html(edition)
    for table in edition.tables:
        assert f'<a href="#tableau-{table.key}">{table.title}</a>' in html
        assert f'id="tableau-{table.key}"' in html
    assert 'href="#titre-definitions"' in html and 'href="#titre-secret"' in html
    assert "target-counter(attr(href), page)" in html  # page numbers in the contents


def test_each_table_has_its_chart_and_hidden_cells_read_secret():
    edition = make_edition()
    html = edition_html(edition)
    assert html.count("<svg") == sum(1 for t in edition.tables if t.chart)
    tables = tables_of(html)
    for table in edition.tables:
        assert table.chart.title in html
        rows = tables[f"{table.title} – {edition.period_label}, {edition.perimeter.label}"][1:]
        for row, shown in zip(table.rows, rows, strict=True):
            for cell, (_tag, _attrs, text) in zip(row.cells, shown[1:], strict=False):
                assert text.startswith("secret") if cell.hidden else text == cell.display


def test_the_definitions_annex_joins_the_edition_and_the_indicator_definitions():
    html = edition_html(make_edition())
    assert "Personnes salariées au moins un jour de la période." in html
    label, text = DEFINITIONS["taux_sortie_dynamique"]
    assert label in html and text in html


def test_the_pdf_is_laid_out_on_several_numbered_pages(pdf_engine_ready):
    html = edition_html(make_edition())
    document = html_to_document(html)
    assert 4 <= len(document.pages) <= 10
    assert 'content: "Page " counter(page) " sur " counter(pages)' in html
    pdf = edition_pdf(make_edition())
    assert pdf.startswith(b"%PDF")


def test_a_quarterly_edition_names_its_quarter():
    html = edition_html(make_edition(period_label="2e trimestre 2025"))
    assert "État statistique 2e trimestre 2025" in html


@pytest.fixture
def network_user(db):
    structures = [structure_with_people(people=12, exits=3) for _ in range(3)]
    membership = NetworkMembershipFactory()
    for structure in structures:
        structure.networks.add(membership.network)
    services.refresh_snapshots(years=[2025], today=dt.date(2026, 6, 30))
    publish(year=2025, today=dt.date(2026, 6, 30))
    return membership


def test_the_network_downloads_the_yearly_and_quarterly_pdf(client, network_user, pdf_engine_ready):
    client.force_login(network_user.user)
    url = reverse("observatoire:network_pdf", args=[network_user.network_id])
    response = client.get(url, {"annee": "2025"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "annee-2025.pdf" in response["Content-Disposition"]
    response = client.get(url, {"annee": "2025", "trimestre": "2", "periode": "civile"})
    assert response.status_code == 200
    assert "2e-trimestre-2025.pdf" in response["Content-Disposition"]


def test_the_xlsx_and_csv_are_downloaded_with_their_types(client, network_user):
    client.force_login(network_user.user)
    network = network_user.network_id
    response = client.get(reverse("observatoire:network_xlsx", args=[network]), {"annee": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    response = client.get(reverse("observatoire:network_csv", args=[network]), {"annee": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8")


def test_the_ddets_downloads_its_edition(client, db, pdf_engine_ready):
    structure_with_people(people=12, exits=3)
    services.refresh_snapshots(years=[2025], today=dt.date(2026, 6, 30))
    ddets = DdetsFactory(departements=["59"])
    client.force_login(DdetsMembershipFactory(ddets=ddets).user)
    publish(year=2025, today=dt.date(2026, 6, 30))
    response = client.get(reverse("observatoire:ddets_pdf", args=[ddets.pk]), {"annee": "2025"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_each_chart_says_what_it_draws_above_it():
    html = edition_html(make_edition())
    shown = re.findall(r'<p class="chart-title" aria-hidden="true">([^<]+)</p>\s*<svg', html)
    assert shown and all(title.strip() for title in shown)
    # One visible title for each bar chart of a table (the position chart has its own).
    assert len(shown) == len(re.findall(r'<div class="figure-block">', html))
