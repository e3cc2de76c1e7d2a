"""The dossier du dialogue de gestion: the OS, then the year's results under the four
rule sets side by side, equal to the indicators page, with the reasons for the
differences.

The structure has three exits in 2025 (as in tests/indicateurs/test_indicators_page):
P1 CDI after 8,5 months (durable everywhere), P2 unemployed after 1,5 month (under 3
months: never counted), P3 deceased after 7 months (counted but not dynamic in the
2008 family; removed from the base by uriae-2009 and dgefp-2014). So sorties 3 and
sorties examinées 2 / 1 / 2 / 1, taux 50,0 % / 100,0 % / 50,0 % / 100,0 %.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse

from jalons.audit.actor import Actor
from jalons.indicateurs.services import structure_indicators
from jalons.offre.builder import build_document
from jalons.offre.dialogue import dialogue_html
from jalons.rules import builtin_names, short_title
from tests.factories import MembershipFactory
from tests.indicateurs.test_indicators_page import cells
from tests.offre.factories import OffreFactory, fill_required
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def direction():
    membership = MembershipFactory()
    s = membership.structure
    for hire, exit_, motif in (
        (D(2025, 1, 15), D(2025, 9, 30), "cdi_non_aide"),
        (D(2025, 3, 1), D(2025, 4, 15), "chomage"),
        (D(2025, 1, 10), D(2025, 8, 1), "deces"),
    ):
        ParcoursFactory(person__structure=s, hire_date=hire, exit_date=exit_, exit_motif=motif)
    return membership


@pytest.fixture
def offre(direction):
    offre = OffreFactory(structure=direction.structure, year=2025)
    fill_required(offre)
    return offre


@pytest.fixture
def html(offre):
    return dialogue_html(offre=offre, document=build_document(offre), today=dt.date.today())


def test_the_dossier_holds_the_os_then_the_results_then_the_annexes(html, offre):
    order = [
        "Présentation de la structure</h1>",
        "Résultats de l'année 2025 selon les quatre jeux de règles</h1>",
        "Pourquoi les résultats diffèrent d'un jeu de règles à l'autre</h1>",
        "Suivi après la sortie : 3, 6 et 12 mois</h1>",
        "Indicateurs complémentaires de l'année 2025</h1>",
        "Objectifs proposés pour 2026</h1>",
        "Annexe A – Définitions des indicateurs</h1>",
        "Annexe B – Les jeux de règles</h1>",
        "Annexe C – Traçabilité</h1>",
    ]
    positions = [html.replace("&#x27;", "'").index(text) for text in order]
    assert positions == sorted(positions)


def test_the_four_rule_sets_are_side_by_side_with_the_engine_figures(html, offre):
    html = html[html.index("selon les quatre jeux de règles</h1>") :]
    result = structure_indicators(
        structure=offre.structure,
        start=D(2025, 1, 1),
        end=D(2025, 12, 31),
        reference=dt.date.today(),
    ).result
    entries = [c["structures"][0] for c in result["calculs"]]
    assert [c["jeu_de_regles"] for c in result["calculs"]] == builtin_names()
    assert cells(html, "Sorties examinées") == [str(e["sorties_examinees"]) for e in entries]
    assert cells(html, "Sorties examinées") == ["2", "1", "2", "1"]
    assert [c.split()[0] for c in cells(html, "Taux de sortie dynamique")] == [
        "50,0",
        "100,0",
        "50,0",
        "100,0",
    ]


def test_the_figures_equal_those_of_the_indicators_page(client, direction, html):
    client.force_login(direction.user)
    page = client.get(
        reverse("indicateurs:structure", args=[direction.structure.pk]), {"periode": "annee-2025"}
    ).content.decode()
    results = html[html.index("selon les quatre jeux de règles</h1>") :]
    for label in (
        "Sorties examinées",
        "Non comptées : durée insuffisante",
        "Non comptées : motif retiré de la base",
        "Emploi durable",
        "Taux de sortie dynamique",
        "Taux de sorties positives",
    ):
        # Same numbers; the dossier writes a count of exits left out as « 1 », where the
        # indicators page (jalons/indicateurs, not changed here) still prefixes « − ».
        assert cells(results, label) == cells(page, label), label


def test_exits_left_out_are_counted_without_a_minus_sign_as_in_the_sentences(html):
    results = html[html.index("selon les quatre jeux de règles</h1>") :]
    # P2 (1,5 month) is under every rule set's minimum; P3 (décès) is removed by
    # uriae-2009 and dgefp-2014 only.
    assert cells(results, "Non comptées : durée insuffisante") == ["1", "1", "1", "1"]
    assert cells(results, "Non comptées : motif retiré de la base") == ["0", "1", "0", "1"]
    assert "− 1" not in results


def test_every_page_footer_names_the_dossier_not_the_offre(html):
    footer = re.search(r'@bottom-left \{ content: "([^"]+)"', html).group(1)
    assert footer.startswith("Dossier du dialogue de gestion 2025 – ")
    assert "Offre de Services" not in footer


def test_no_exit_removed_is_said_in_words():
    from jalons.offre.dialogue import _exits_that

    assert _exits_that(0, "retirée") == "aucune n'est retirée"
    assert _exits_that(1, "retirée") == "1 est retirée"
    assert _exits_that(1200, "examinée") == "1\u202f200 sont examinées"


def test_the_reasons_say_how_many_exits_each_rule_removes(html):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")
    assert "Sur 3 sorties de l'année, 2 sont examinées et 1 est retirée de la base du taux." in text
    assert "Non comptées : durée insuffisante : 1 sortie (parcours plus court" in text
    assert "Non comptées : motif retiré de la base : 1 sortie (motif de sortie retiré" in text
    # uriae-2009: 1 examined (1 fewer than circulaire-2008), 100,0 % against 50,0 %
    assert (
        "Par rapport à « Circulaire 2008 » : 1 sortie examinée de moins, "
        "soit + 50,0 points de taux de sortie dynamique." in text
    )
    assert (
        "Par rapport à « Circulaire 2008 » : autant de sorties examinées, et le même taux de "
        "sortie dynamique." in text
    )
    assert "± 0,0" not in text
    # 1 dynamic exit (P1) out of 2 examined, then out of 1: French singular for 0 and 1.
    assert "Taux de sortie dynamique : 50,0 % (1 sortie dynamique sur 2 examinées)." in text
    assert "Taux de sortie dynamique : 100,0 % (1 sortie dynamique sur 1 examinée)." in text
    assert "1 sorties" not in text and "1 examinées" not in text


def test_the_trace_names_the_rule_set_versions_the_reference_date_and_template(html):
    assert "dialogue-de-gestion-pdf v3" in html
    assert f"Date de référence des suivis : {dt.date.today():%d/%m/%Y}" in html
    assert "Résultats 2025 : sorties du" not in html  # said once, by the OS's own trace
    for name in builtin_names():
        # Named once, by the OS's trace or as the results' own.
        assert html.count(f"de règles {name} version") == 1


def test_charts_compare_the_rates_and_the_exits_by_group_under_each_rule_set(html):
    assert '<p class="chart-title" aria-hidden="true">Taux de sortie dynamique selon' in html
    for name in builtin_names():
        assert f"Sorties examinées par groupe selon « {short_title(name)} »</p>" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') >= 5


def test_the_objectives_table_proposes_next_year(html):
    assert "Proposé pour 2026" in html
    assert "Objectif 2025" in html and "Résultat 2025" in html


def test_the_dialogue_pdf_is_downloaded_by_the_structure(client, direction, offre):
    client.force_login(direction.user)
    response = client.get(reverse("offre_exports:dialogue", args=[direction.structure.pk, 2025]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "dialogue-de-gestion-" in response["Content-Disposition"]


def without_times(html: str) -> str:
    """The dossier without the moment it was produced (cover, footer, metadata)."""
    html = re.sub(r"\d{4}-\d\d-\d\dT[\d:.+-]+", "", html)
    return re.sub(r"\d\d/\d\d/\d{4} à \d\d:\d\d", "", html)


def test_a_submitted_dossier_keeps_the_results_of_the_day_it_was_submitted(direction, offre):
    from jalons.offre.services import offre_submit

    version = offre_submit(actor=Actor(user=direction.user, role="direction"), offre=offre)
    assert version.results["reference"] == dt.date.today().isoformat()
    offre.refresh_from_db()
    submitted = dialogue_html(offre=offre)
    # Later, a fourth exit of 2025 is entered: the indicators page counts it, the
    # dossier transmitted to the DDETS does not change.
    ParcoursFactory(
        person__structure=direction.structure,
        hire_date=D(2025, 1, 6),
        exit_date=D(2025, 11, 28),
        exit_motif="cdi_non_aide",
    )
    offre.refresh_from_db()
    later = dialogue_html(offre=offre, today=dt.date.today() + dt.timedelta(days=40))
    assert without_times(later) == without_times(submitted)
    assert "et figés à la transmission." in later
    live = structure_indicators(
        structure=direction.structure, start=D(2025, 1, 1), end=D(2025, 12, 31), reference=D.today()
    ).result["calculs"][0]["structures"][0]["sorties"]
    assert live == 4 and version.results["result"]["calculs"][0]["structures"][0]["sorties"] == 3


def test_a_version_submitted_before_results_were_kept_computes_them_again(direction, offre):
    from jalons.offre.services import offre_submit

    version = offre_submit(actor=Actor(user=direction.user, role="direction"), offre=offre)
    type(version).objects.filter(pk=version.pk).update(results=None)
    offre.refresh_from_db()
    html = dialogue_html(offre=offre)
    assert html.count("Date de référence des suivis") == 1
    assert 'id="dialogue-resultats"' in html
