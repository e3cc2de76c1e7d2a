"""The structure's indicators page: four rule sets side by side, traceable to people.

Three exits in 2025 in an ACI (sources: contract sections 3-4, [R] §2-3):
- P1 hired 15/01/2025, left 30/09/2025 in a CDI: durable everywhere;
- P2 hired 01/03/2025, left 15/04/2025 unemployed: under 3 months, never counted;
- P3 hired 10/01/2025, died 01/08/2025: "autre situation connue" in the 2008 family
  (counted, not dynamic; removed by the URIAE proposal), "retrait" for the DGEFP 2014.
So circulaire-2008: 1 / 2 = 50,0 %; uriae-2009: 1 / 1 = 100,0 %; etti-450h (ACI: as
circulaire): 50,0 %; dgefp-2014: 1 / 1 = 100,0 %.
A fourth exit without motif is left out, with a warning.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse

from jalons.audit.actor import Actor
from tests.factories import AnnexeFactory, MembershipFactory
from tests.parcours.factories import ParcoursFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def structure_with_exits():
    direction = MembershipFactory()
    s = direction.structure
    ParcoursFactory(
        person__structure=s,
        person__last_name="Un",
        hire_date=D(2025, 1, 15),
        exit_date=D(2025, 9, 30),
        exit_motif="cdi_non_aide",
    )
    ParcoursFactory(
        person__structure=s,
        person__last_name="Deux",
        hire_date=D(2025, 3, 1),
        exit_date=D(2025, 4, 15),
        exit_motif="chomage",
    )
    ParcoursFactory(
        person__structure=s,
        person__last_name="Trois",
        hire_date=D(2025, 1, 10),
        exit_date=D(2025, 8, 1),
        exit_motif="deces",
    )
    ParcoursFactory(
        person__structure=s,
        person__last_name="Quatre",
        hire_date=D(2025, 1, 10),
        exit_date=D(2025, 6, 30),
        exit_motif="",
    )
    return direction


def cells(html: str, label: str) -> list[str]:
    """The cells of the table row whose header starts with ``label``."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        header = re.search(r"<th[^>]*>(.*?)</th>", row, re.S)
        if header and re.sub(r"<[^>]+>", "", header.group(1)).strip().startswith(label):
            return [
                re.sub(r"<[^>]+>", "", c).strip()
                for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            ]
    raise AssertionError(f"no row {label!r}")


def test_the_four_rule_sets_side_by_side(client, structure_with_exits):
    direction = structure_with_exits
    client.force_login(direction.user)
    html = client.get(
        reverse("indicateurs:structure", args=[direction.structure.pk]), {"periode": "annee-2025"}
    ).content.decode()
    assert "1 sortie sans motif" in html
    assert cells(html, "Sorties examinées") == ["2", "1", "2", "1"]
    assert cells(html, "Taux de sortie dynamique") == [
        "50,0\xa0%",
        "100,0\xa0%",
        "50,0\xa0%",
        "100,0\xa0%",
    ]
    assert cells(html, "Non comptées : motif retiré de la base") == ["0", "1", "0", "1"]
    assert (
        "(Emploi durable + emploi de transition + sorties positives) ÷ sorties examinées." in html
    )
    assert "<svg" in html and "Circulaire 2008 : 50,0 %" in html
    assert "etti-450h</th>" not in html and "ETTI 450\u00a0h" in html


def test_the_drill_down_names_the_people_and_the_reasons(client, structure_with_exits):
    direction = structure_with_exits
    client.force_login(direction.user)
    url = reverse("indicateurs:detail", args=[direction.structure.pk])
    html = client.get(url, {"periode": "annee-2025", "regles": "dgefp-2014"}).content.decode()
    assert "3 sorties." in html
    assert "Non : durée de parcours insuffisante" in html
    assert "Non : motif retiré de la base" in html
    assert "Retrait des sorties constatées" in html
    only_removed = client.get(
        url, {"periode": "annee-2025", "regles": "dgefp-2014", "filtre": "exclue_de_la_base"}
    ).content.decode()
    assert "1 sortie." in only_removed and "TROIS" not in only_removed and "Trois" in only_removed
    assert "Paramètres appliqués (trace du calcul)" in html and "05/02/2014" in html


def test_an_annexe_year_can_be_chosen(client, structure_with_exits):
    direction = structure_with_exits
    annexe = AnnexeFactory(
        structure=direction.structure,
        start_date=D(2025, 7, 1),
        end_date=D(2026, 6, 30),
        number="ANX-1",
    )
    client.force_login(direction.user)
    html = client.get(
        reverse("indicateurs:structure", args=[direction.structure.pk]),
        {"periode": f"annexe-{annexe.pk}"},
    ).content.decode()
    # Only P1 (30/09/2025) and P3 (01/08/2025) left between 01/07/2025 and 30/06/2026.
    assert "sorties du 01/07/2025 au 30/06/2026" in html
    assert cells(html, "Sorties\n")[:1] == ["2"]


def test_the_technical_supervisor_has_no_indicators_page(client):
    supervisor = MembershipFactory(encadrant=True)
    client.force_login(supervisor.user)
    url = reverse("indicateurs:structure", args=[supervisor.structure.pk])
    assert client.get(url).status_code == 403


def test_figures_follow_a_change_of_the_data_at_once(client, structure_with_exits, rf):
    from jalons.parcours.models import Parcours
    from jalons.parcours.services import parcours_record_exit

    direction = structure_with_exits
    client.force_login(direction.user)
    url = reverse("indicateurs:structure", args=[direction.structure.pk])
    html = client.get(url, {"periode": "annee-2025"}).content.decode()
    assert cells(html, "Emploi durable") == ["1", "1", "1", "1"]
    # P2's exit becomes a CDI: still under 3 months, so not counted; P3 too. Give the
    # exit without motif (P4, hired 10/01, left 30/06: 5 months) a CDI instead.
    request = rf.post("/")
    request.user = direction.user
    parcours_record_exit(
        actor=Actor.from_request(request, role="direction"),
        parcours=Parcours.objects.get(person__last_name="Quatre"),
        exit_date=D(2025, 6, 30),
        exit_motif="cdi_non_aide",
    )
    html = client.get(url, {"periode": "annee-2025"}).content.decode()
    assert cells(html, "Emploi durable") == ["2", "2", "2", "2"]
    assert "sans motif" not in html
