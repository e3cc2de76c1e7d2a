"""Protected editions: no displayed or exported cell covers fewer than the thresholds,
for every scope (network, DDETS, region, command-line export), and no hidden row can
be recomputed from the visible ones."""

import csv
import io

import pytest
from openpyxl import load_workbook

from jalons.observatoire import exports, selectors
from jalons.observatoire.edition import Thresholds
from jalons.observatoire.services import refresh_snapshots
from jalons.structures.models import Departement
from tests.factories import DdetsFactory, NetworkFactory
from tests.observatoire.factories import TODAY, consent, structure_with_people

pytestmark = pytest.mark.django_db

# Column holding each family's population (the one the thresholds apply to).
POPULATION_COLUMN = {
    "activite": 0,
    "publics": 0,
    "durees": 0,
    "sorties": 0,
    "suivi_3": 1,
    "suivi_6": 1,
    "suivi_12": 1,
}
PARTITIONS = ("_par_type", "_par_departement")


@pytest.fixture
def region():
    """A region where some rows are too small: 2 EI, one tiny ETTI, a lone AI."""
    network = NetworkFactory(name="URIAE test", acronym="URIAE")
    other = NetworkFactory(name="Chantier école test", acronym="CE")
    plan = [
        # kind, département, people, exits, networks, consent to networks
        ("ACI", "59", 14, 11, [network], True),
        ("ACI", "59", 12, 10, [network], False),
        ("ACI", "62", 13, 12, [network, other], False),
        ("ACI", "62", 11, 10, [other], False),
        ("EI", "59", 6, 3, [network], False),
        ("EI", "62", 5, 2, [], False),
        ("ETTI", "59", 15, 12, [network], True),
        ("ETTI", "62", 14, 11, [network], False),
        ("ETTI", "80", 3, 1, [other], False),
        ("AI", "80", 12, 10, [other], False),
    ]
    structures = []
    for kind, dep, people, exits, networks, shares in plan:
        s = structure_with_people(people=people, kind=kind, departement=dep, exits=exits)
        s.networks.set(networks)
        consent(s, share_with_networks=shares, share_with_ddets=shares)
        structures.append(s)
    refresh_snapshots(years=[2025], today=TODAY)
    ddets = DdetsFactory(name="DDETS du Nord")
    ddets.departements.set(Departement.objects.filter(code__in=["59", "62"]))
    return {"network": network, "other": other, "ddets": ddets, "structures": structures}


def perimeters(region):
    return [
        selectors.perimeter_for_network(region["network"]),
        selectors.perimeter_for_network(region["other"]),
        selectors.perimeter_for_ddets(region["ddets"], region["ddets"].departements.all()),
        selectors.perimeter_for_region("32"),
    ]


def editions(region, **options):
    for perimeter in perimeters(region):
        for quarter in (None, 1, 3):
            yield selectors.edition_protected_alone(
                perimeter, year=2025, quarter=quarter, **options
            )


DEFAULT = Thresholds()


def assert_protected(edition, thresholds=DEFAULT):
    assert edition.tables
    for table in edition.tables:
        family = table.key.split("_par_")[0]
        hidden_rows = 0
        for row in table.rows:
            if any(c.hidden for c in row.cells):
                assert all(
                    c.hidden and c.value is None and c.display == "secret" for c in row.cells
                )
                assert row.structures is None
                hidden_rows += 1
                continue
            assert row.structures >= thresholds.structures, (table.key, row.label)
            if family in POPULATION_COLUMN:
                assert row.cells[POPULATION_COLUMN[family]].value >= thresholds.people
        if table.key.endswith(PARTITIONS):
            assert hidden_rows != 1, (edition.perimeter.label, table.key)


def test_every_visible_cell_of_every_scope_covers_the_thresholds(region):
    for edition in editions(region):
        assert_protected(edition)


def test_thresholds_can_be_raised(region):
    strict = Thresholds(structures=4, people=30)
    for edition in editions(region, thresholds=strict):
        assert_protected(edition, strict)


def test_a_network_and_a_ddets_seen_by_one_person_are_protected_together(region):
    network, _other, ddets, _ = perimeters(region)
    for edition in (
        selectors.edition_protected_alone(network, year=2025, companions=[ddets]),
        selectors.edition_protected_alone(ddets, year=2025, companions=[network]),
    ):
        assert_protected(edition)


def test_small_rows_are_secret_and_their_partner_too(region):
    edition = selectors.edition_protected_alone(selectors.perimeter_for_region("32"), year=2025)
    by_type = next(t for t in edition.tables if t.key == "activite_par_type")
    rows = {r.label: r for r in by_type.rows}
    assert rows["EI"].cells[0].reason == "primaire"  # 2 structures, 11 people
    assert rows["AI"].cells[0].hidden  # a lone AI
    assert not rows["Ensemble"].cells[0].hidden
    assert rows["Ensemble"].cells[0].value == 105


def test_only_consenting_structures_are_named(region):
    network = selectors.perimeter_for_network(region["network"])
    edition = selectors.edition_protected_alone(network, year=2025)
    named = {r.label for t in edition.structures for r in t.rows}
    consenting = {
        f"{s.name} ({s.kind})"
        for s in region["structures"]
        if s.observatory_consent.share_with_networks
    }
    assert named == consenting
    secret_names = [
        s.name for s in region["structures"] if not s.observatory_consent.share_with_networks
    ]
    text = exports.edition_to_csv(edition)
    workbook = load_workbook(io.BytesIO(exports.edition_to_xlsx(edition)))
    cells = " ".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row)
    for name in secret_names:
        assert name not in text and name not in cells


def test_exports_write_secret_never_a_number(region):
    edition = selectors.edition_protected_alone(selectors.perimeter_for_region("32"), year=2025)
    workbook = load_workbook(io.BytesIO(exports.edition_to_xlsx(edition)))
    assert workbook.sheetnames[0] == "Présentation"
    sheet = workbook["Activité par type"]
    values = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["EI"][1:9] == ("secret (primaire)",) * 8
    charted = [t for t in edition.tables if t.chart and t.chart.bars]
    assert charted
    rows = list(
        csv.DictReader(io.StringIO(exports.edition_to_csv(edition).lstrip("\ufeff")), delimiter=";")
    )
    secret = [r for r in rows if r["secret"]]
    assert secret and all(r["valeur"] == "" and r["valeur_affichee"] == "" for r in secret)
    assert all(r["structures"] == "" for r in secret)


def test_a_label_cannot_inject_a_formula():
    assert exports.safe_text('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert exports.safe_text("-1") == "'-1"
    assert exports.safe_text("ACI") == "ACI"


def test_a_bad_period_is_refused_in_french(region):
    perimeter = selectors.perimeter_for_region("32")
    with pytest.raises(ValueError, match="Un trimestre se choisit avec la période civile"):
        selectors.edition_protected_alone(perimeter, year=2025, quarter=2, period="annexe")
    with pytest.raises(ValueError, match="Jeu de règles inconnu"):
        selectors.edition_protected_alone(perimeter, year=2025, rule_set="inconnu")
    with pytest.raises(ValueError, match="Région inconnue"):
        selectors.perimeter_for_region("99")


def test_rates_are_recomputed_from_summed_counts_not_averaged(region):
    edition = selectors.edition_protected_alone(selectors.perimeter_for_region("32"), year=2025)
    table = next(t for t in edition.tables if t.key == "sorties_par_type")
    total = table.rows[-1]
    examined, durable, transition, positive = (c.value for c in total.cells[:4])
    assert total.cells[6].value == round((durable + transition + positive) / examined, 4)


def test_a_ddets_sees_by_name_the_structures_that_submitted_their_offre(region):
    from jalons.offre.models import OffreDeServices, OffreStatus

    submitted = region["structures"][1]  # ACI of the Nord, no consent
    draft = region["structures"][2]
    OffreDeServices.objects.create(structure=submitted, year=2025, status=OffreStatus.SUBMITTED)
    OffreDeServices.objects.create(structure=draft, year=2025, status=OffreStatus.DRAFT)
    ddets = selectors.perimeter_for_ddets(region["ddets"], region["ddets"].departements.all())
    edition = selectors.edition_protected_alone(ddets, year=2025)
    named = {r.label for t in edition.structures for r in t.rows}
    assert f"{submitted.name} (ACI)" in named
    assert f"{draft.name} (ACI)" not in named
    assert_protected(edition)
    # A network does not see it: the Offre de Services goes to the DDETS only.
    network = selectors.edition_protected_alone(
        selectors.perimeter_for_network(region["network"]), year=2025
    )
    assert f"{submitted.name} (ACI)" not in {r.label for t in network.structures for r in t.rows}


def test_the_perimeters_of_a_user_are_its_networks_and_ddets(region):
    from tests.factories import DdetsMembershipFactory, NetworkMembershipFactory, UserFactory

    user = UserFactory()
    NetworkMembershipFactory(user=user, network=region["network"])
    DdetsMembershipFactory(user=user, ddets=region["ddets"])
    kinds = sorted((p.kind, p.ident) for p in selectors.perimeters_for_user(user))
    assert kinds == sorted(
        [("reseau", str(region["network"].pk)), ("ddets", str(region["ddets"].pk))]
    )


def test_exports_give_the_times_in_french_local_time_like_the_page():
    from tests.observatoire.edition_fixture import make_edition

    edition = make_edition()  # computed on 5 January 2026 at 02:00 UTC: 03:00 in Paris
    sheet = load_workbook(io.BytesIO(exports.edition_to_xlsx(edition))).worksheets[0]
    stamps = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert stamps["Chiffres calculés le"] == "05/01/2026 à 03:00"
    rows = list(
        csv.reader(io.StringIO(exports.edition_to_csv(edition).lstrip("\ufeff")), delimiter=";")
    )
    assert rows[1][4] == "05/01/2026 03:00"  # JJ/MM/AAAA, what a French spreadsheet reads


def test_xlsx_sheets_have_french_names_and_every_table_its_chart(region):
    edition = selectors.edition_protected_alone(selectors.perimeter_for_region("32"), year=2025)
    workbook = load_workbook(io.BytesIO(exports.edition_to_xlsx(edition)))
    names = workbook.sheetnames
    assert names[0] == "Présentation" and names[-1] == "Définitions"
    assert "Activité par type" in names and "Sorties par département" in names
    tables = [*edition.tables, *edition.structures]
    assert len(names) == len(tables) + 2 == len({n.casefold() for n in names})
    for name in names:
        assert "_" not in name and len(name) <= 31, name
    # Every table sheet carries a chart, or says why it has none (all cells secret).
    without = []
    for name, table in zip(names[1:-1], tables, strict=True):
        sheet = workbook[name]
        if sheet._charts:
            continue
        notes = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        assert any(n.startswith("Graphique : aucune ligne") for n in notes), name
        assert all(c.hidden for r in table.rows if not r.is_total for c in r.cells), name
        without.append(name)
    assert len(without) < len(tables) / 2
    # The cover links to each sheet.
    cover = workbook["Présentation"]
    links = {c.hyperlink.location for row in cover.iter_rows() for c in row if c.hyperlink}
    assert f"'{names[1]}'!A1" in links


def test_the_csv_is_french_locale_with_numbers_a_spreadsheet_can_add(region):
    edition = selectors.edition_protected_alone(selectors.perimeter_for_region("32"), year=2025)
    text = exports.edition_to_csv(edition)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    rates = [r for r in rows if r["valeur_affichee"].endswith("%") and r["valeur"]]
    assert rates
    for row in rates:
        assert "." not in row["valeur"] and "e" not in row["valeur"].lower()
        assert float(row["valeur"].replace(",", ".")) <= 1
    assert any("," in r["valeur"] for r in rates)
    counts = [r for r in rows if r["valeur"] and r["valeur_affichee"].isdigit()]
    assert counts and all(r["valeur"] == r["valeur_affichee"] for r in counts)
