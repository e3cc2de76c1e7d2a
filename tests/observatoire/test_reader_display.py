"""What the readers of an edition see, in every format (page, PDF, XLSX, CSV): rule sets
by their French title, never their identifier; the two kinds of secret explained in
full and told apart everywhere; each note said once; a definition never cut from its
heading; names of places and structures never cut at their hyphen; French dates."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jalons.observatoire import exports, views
from jalons.observatoire.edition import (
    PRIMARY,
    REVISED,
    SECONDARY,
    Cell,
    Perimeter,
    Row,
    Table,
)
from jalons.observatoire.pdf import edition_html, footer_text
from tests.factories import NetworkMembershipFactory
from tests.observatoire.edition_fixture import SECRET_PRIMARY, SECRET_SECONDARY, make_edition, n
from tests.observatoire.edition_fixture import pct as rate
from tests.observatoire.test_pages import tables_of
from tests.observatoire.test_print_layout import _visible

IDENTIFIERS = ("circulaire-2008", "dgefp-2014", "etti-450h", "uriae-2009")
TITLES = ("Circulaire 2008", "DGEFP 2014 (officiel)", "ETTI 450\u00a0h", "Proposition URIAE")
ACTIVITY = "Personnes en parcours, entrées, ETP, accompagnement et formation — par type de SIAE"
OLD_SECRET_DEFINITION = (
    "Case masquée : trop peu de structures ou de personnes (secret primaire), ou masquée "
    "pour qu'une case en secret ne puisse pas être retrouvée par différence (secret "
    "secondaire)."
)


def _rules_table(key="regles_par_type") -> Table:
    """A « taux par jeu de règles » table as the edition builds it: one column per rule
    set, headed by its identifier."""
    return Table(
        key=key,
        title="Taux de sortie dynamique selon le jeu de règles — par type de SIAE",
        dimension="Type de SIAE",
        columns=list(IDENTIFIERS),
        rows=[
            Row("ACI", [rate(0.41), rate(0.45), rate(0.39), rate(0.42)], structures=14),
            Row("EITI", [SECRET_PRIMARY] * 4, structures=None),
            Row("EI", [SECRET_SECONDARY] * 4, structures=None),
            Row(
                "Ensemble",
                [rate(0.47), rate(0.5), rate(0.45), rate(0.47)],
                structures=34,
                is_total=True,
            ),
        ],
    )


def _activity_table() -> Table:
    """The demo's first table, whose caption ended a line at « Hauts-de- »."""
    columns = ["Personnes en parcours", "Entrées (embauches)", "ETP réalisés"]
    return Table(
        key="activite_par_type",
        title=ACTIVITY,
        dimension="Type de SIAE",
        columns=columns,
        rows=[
            Row("ACI", [n(221), n(127), n(80)], structures=15),
            Row("EI", [SECRET_PRIMARY] * 3, structures=None),
            Row("Ensemble", [n(618), n(350), n(184)], structures=45, is_total=True),
        ],
    )


def _departements_table() -> Table:
    revised = Cell(value=187, display="187", reason=REVISED)
    return Table(
        key="activite_par_departement",
        title="Personnes en parcours — par département",
        dimension="Département",
        columns=["Personnes en parcours"],
        rows=[
            Row("Nord (59)", [n(301)], structures=17),
            Row("Pas-de-Calais (62)", [revised], structures=None, revised="n° 1 du 03/12/2026"),
            Row("Ensemble", [n(618)], structures=45, is_total=True),
        ],
    )


STRUCTURE_NAMES = [
    "Coup de Main Sambre-Avesnois (AI)",
    "Services de Proximité Roubaix-Tourcoing (AI)",
    "Les Jardins du Val (ACI)",
]


def _structures_table() -> Table:
    """The DDETS's table of named structures, whose first column ended a line at
    « Sambre- »: as many columns as the demo's."""
    columns = [
        "Personnes en parcours",
        "Entrées (embauches)",
        "ETP réalisés",
        "ETP conventionnés",
        "Heures d'accompagnement par personne accompagnée",
        "Personnes formées",
        "Heures de formation",
    ]
    return Table(
        key="structures_activite",
        title="Personnes en parcours, entrées, ETP, accompagnement et formation — structures "
        "qui partagent leurs chiffres",
        dimension="Structure",
        columns=columns,
        rows=[Row(name, [n(42)] * len(columns), structures=1) for name in STRUCTURE_NAMES],
    )


def reader_edition(**overrides):
    values = dict(
        perimeter=Perimeter(kind="region", ident="32", label="Hauts-de-France"),
        tables=[_activity_table(), _departements_table(), _rules_table()],
        structures=[_structures_table()],
        rule_set_versions={name: "1" for name in IDENTIFIERS},
        definitions=[
            ("Personnes en parcours", "Personnes salariées au moins un jour de la période."),
            ("secret", OLD_SECRET_DEFINITION),
        ],
    )
    values.update(overrides)
    return make_edition(**values)


@pytest.fixture(scope="module")
def edition():
    return reader_edition()


@pytest.fixture(scope="module")
def workbook(edition):
    return load_workbook(io.BytesIO(exports.edition_to_xlsx(edition)))


@pytest.fixture(scope="module")
def csv_rows(edition):
    text = exports.edition_to_csv(edition).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _sheet_rows(sheet) -> dict:
    return {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}


def _header(sheet) -> list:
    return next(r for r in sheet.iter_rows(values_only=True) if r and r[1] == "Structures")


# 1. Rule sets by their French title -----------------------------------------------


def test_the_pdf_names_the_rule_sets_by_their_french_title(edition):
    html = edition_html(edition)
    text = _visible(html)
    for identifier in IDENTIFIERS:
        assert identifier not in text, identifier
    assert "jeu de règles DGEFP 2014 (officiel), version 2014.1" in text  # the cover
    assert "Circulaire 2008, version 1 ; DGEFP 2014 (officiel), version 1" in text
    caption = f"{_rules_table().title} – Année 2025, Hauts-de-France"
    header = [cell[2] for cell in tables_of(html)[caption][0]]
    assert header == ["Type de SIAE", *(" ".join(t.split()) for t in TITLES), "Structures"]
    # The file's description too (shown by a PDF reader).
    assert 'Taux selon DGEFP 2014 (officiel), version 2014.1."' in html


def test_the_xlsx_names_the_rule_sets_by_their_french_title(workbook):
    sheet = workbook["Jeux de règles par type"]
    assert list(_header(sheet)[2:6]) == list(TITLES)
    cover = _sheet_rows(workbook["Présentation"])
    assert cover["Jeu de règles des taux"][1] == "DGEFP 2014 (officiel), version 2014.1"
    assert cover["Versions des jeux de règles"][1] == (
        "Circulaire 2008, version 1 ; DGEFP 2014 (officiel), version 1 ; ETTI 450\u00a0h, "
        "version 1 ; Proposition URIAE, version 1"
    )
    texts = " ".join(
        str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value
    )
    for identifier in IDENTIFIERS:
        assert identifier not in texts, identifier


def test_the_xlsx_chart_of_the_rule_sets_names_its_series_in_french():
    table = _rules_table()
    plot = exports._table_plot(table)
    assert [name for name, _ in plot.series] == list(TITLES)


def test_the_csv_keeps_the_identifier_as_a_code_and_labels_in_french(csv_rows):
    rules = [r for r in csv_rows if r["tableau"] == "regles_par_type"]
    assert {r["jeu_de_regles"] for r in csv_rows} == {"dgefp-2014"}  # the code column
    assert [r["colonne"] for r in rules[:4]] == list(TITLES)


def test_the_page_names_the_rule_sets_by_their_french_title(client, db, monkeypatch, edition):
    monkeypatch.setattr(views.selectors, "build_edition", lambda perimeter, **kw: edition)
    monkeypatch.setattr(views.selectors, "available_years", lambda perimeter: [2025])
    membership = NetworkMembershipFactory()
    client.force_login(membership.user)
    html = client.get(reverse("observatoire:network", args=[membership.network_id])).content
    html = html.decode()
    text = _visible(html)
    assert "Taux calculés selon DGEFP 2014 (officiel), version 2014.1" in text
    # The list of the filters: the identifiers stay the values, the reader reads titles.
    assert re.search(
        r'<option value="dgefp-2014"\s+selected>DGEFP 2014 \(officiel\)</option>', html
    )
    assert '<option value="etti-450h">ETTI 450\u00a0h</option>' in html
    for identifier in IDENTIFIERS:
        assert identifier not in text, identifier


def test_the_structure_page_names_the_rule_sets_by_their_french_title(client, db):
    from jalons.accounts.models import Role
    from jalons.observatoire import services
    from tests.factories import MembershipFactory
    from tests.observatoire.factories import TODAY, structure_with_people

    structure = structure_with_people(people=12, exits=4)
    services.refresh_snapshots(years=[2025], today=TODAY)
    client.force_login(MembershipFactory(structure=structure, role=Role.DIRECTION).user)
    url = reverse("observatoire:structure", args=[structure.pk])
    html = client.get(url, {"annee": "2025"}).content.decode()
    text = _visible(html)
    assert "taux selon DGEFP 2014 (officiel), version" in text
    for title in TITLES:  # the rates of every rule set, side by side
        assert f'<th scope="row">{title}</th>' in html
    for identifier in IDENTIFIERS:
        assert identifier not in text, identifier


# 2 and 5. The secret, explained once and in full ------------------------------------


def test_each_note_says_its_name_once(edition):
    text = _visible(edition_html(edition))
    assert "Chiffres révisés non publiés : la ligne montre la valeur" in text
    assert not re.search(r"non publiés\s*:\s*chiffres révisés non publiés", text, re.I)
    notes = exports.secret_explanations(edition)
    for reason in (PRIMARY, SECONDARY, "revise"):
        assert not notes[reason].lower().startswith(("secret", "chiffres révisés"))


def test_the_primary_secret_explains_the_structures_published_by_name(edition):
    notes = exports.secret_explanations(edition)
    assert "moins de 3 structures ou de 10 personnes dans la case" in notes[PRIMARY]
    assert "retirées les structures publiées sous leur nom" in notes[PRIMARY]
    # Secondary: no published combination gives back the figures of a structure.
    assert "masquée pour protéger une structure" in notes[SECONDARY]
    assert "en combinant des cases publiées" in notes[SECONDARY]
    assert "moins de 3 structures ou de 10 personnes" in notes[SECONDARY]


def test_every_explanation_of_the_secret_is_the_complete_one(edition, workbook):
    notes = exports.secret_explanations(edition)
    text = _visible(edition_html(edition))
    assert OLD_SECRET_DEFINITION not in text
    # The cover, the notes after the tables and the definition.
    assert text.count(notes[PRIMARY]) == 3 and text.count(notes[SECONDARY]) == 3
    definitions = _sheet_rows(workbook["Définitions"])
    assert notes[PRIMARY] in definitions["secret"][1]
    assert notes[SECONDARY] in definitions["secret"][1]


def test_the_page_lead_says_why_a_cell_is_secret(client, db, monkeypatch, edition):
    monkeypatch.setattr(views.selectors, "build_edition", lambda perimeter, **kw: edition)
    monkeypatch.setattr(views.selectors, "available_years", lambda perimeter: [2025])
    membership = NetworkMembershipFactory()
    client.force_login(membership.user)
    html = client.get(reverse("observatoire:network", args=[membership.network_id])).content
    text = _visible(html.decode())
    assert "une fois retirées les structures publiées sous leur nom" in text
    assert "qui permettrait d'en retrouver une par différence" in text


# 6. The XLSX tells the two kinds of secret apart, as the CSV and the PDF -----------


def test_the_xlsx_tells_primary_from_secondary_secret_like_the_csv(workbook, csv_rows):
    sheet = _sheet_rows(workbook["Jeux de règles par type"])
    assert sheet["EITI"][1:6] == ("secret (primaire)",) * 5  # the structures, then 4 rates
    assert sheet["EI"][1:6] == ("secret (secondaire)",) * 5
    for row in csv_rows:
        if row["tableau"] == "regles_par_type" and row["ligne"] in ("EITI", "EI"):
            assert row["secret"] == sheet[row["ligne"]][2]
    cover = _sheet_rows(workbook["Présentation"])
    notes = exports.secret_explanations(reader_edition())
    assert cover["secret (primaire)"][1].endswith(f"{notes[PRIMARY]}.")
    assert cover["secret (secondaire)"][1].endswith(f"{notes[SECONDARY]}.")
    assert cover["Chiffres révisés non publiés"][1] == f"La{notes['revise'][2:]}."


def test_secret_cells_of_the_xlsx_are_wrapped_whole(workbook):
    sheet = workbook["Jeux de règles par type"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "secret (secondaire)")
    assert cell.alignment.wrap_text
    assert sheet.column_dimensions[cell.column_letter].width >= 14  # « (secondaire) »
    assert sheet.row_dimensions[cell.row].height >= 30  # on two lines


def test_a_revised_figure_of_the_xlsx_says_so(workbook):
    sheet = workbook["Activité par département"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 187)
    assert cell.data_type == "n"  # still the number already published
    assert cell.comment is not None
    assert cell.comment.text.startswith("Chiffres révisés non publiés")
    assert "n° 1 du 03/12/2026" in cell.comment.text


def test_a_sheet_whose_total_alone_is_published_says_so():
    table = _rules_table()
    table.rows[0:1] = [Row("ACI", [SECRET_SECONDARY] * 4, structures=None)]
    workbook = load_workbook(io.BytesIO(exports.edition_to_xlsx(reader_edition(tables=[table]))))
    texts = [c.value for row in workbook["Jeux de règles par type"].iter_rows() for c in row]
    assert (
        "Graphique : aucune ligne à représenter (seule la ligne « Ensemble » est publiée, les "
        "autres sont en secret)." in texts
    )


# 8. French dates in the CSV -------------------------------------------------------


def test_the_csv_dates_are_french(edition, csv_rows):
    published = reader_edition(number=2, published_at=edition.generated_at)
    rows = list(
        csv.DictReader(
            io.StringIO(exports.edition_to_csv(published).lstrip("\ufeff")), delimiter=";"
        )
    )
    assert {r["calcule_le"] for r in rows} == {"05/01/2026 03:00"}  # 02:00 UTC
    assert {r["publiee_le"] for r in rows} == {"06/01/2026 10:30"}
    assert {r["publiee_le"] for r in csv_rows} == {""}  # not published


# 3 and 4. The PDF's layout ------------------------------------------------------


@pytest.fixture(scope="module")
def laid_out(edition):
    from jalons.documents.rendering import html_to_document, warm_up

    warm_up()
    return html_to_document(edition_html(edition))


def _text_boxes(document):
    from weasyprint.formatting_structure import boxes

    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TextBox):
                yield box.text


def test_no_name_is_cut_at_its_hyphen(laid_out):
    texts = list(_text_boxes(laid_out))
    cut = [t for t in texts if re.search(r"\w-$", t.rstrip())]
    assert cut == []
    pieces = {piece for t in texts for piece in t.split()}
    for name in ("Hauts-de-France", "Sambre-Avesnois", "Roubaix-Tourcoing"):
        assert name in pieces, name
    # The text is unchanged (only the footer, a CSS string, has non-breaking hyphens).
    assert [t for t in texts if "\u2011" in t and not t.startswith("Observatoire")] == []


def test_a_short_hyphenated_name_stays_on_one_line():
    from jalons.observatoire.templatetags.observatoire import unbreakable_names

    assert unbreakable_names("Pas-de-Calais (62)") == (
        '<span class="insecable">Pas-de-Calais (62)</span>'
    )
    assert unbreakable_names("Coup de Main Sambre-Avesnois (AI)") == (
        'Coup de Main <span class="insecable">Sambre-Avesnois</span> (AI)'
    )
    assert unbreakable_names("L'Atelier <b>") == "L&#x27;Atelier &lt;b&gt;"  # escaped


def test_the_footer_does_not_cut_the_perimeter_at_its_hyphen(edition):
    footer = footer_text(edition)
    assert "Hauts\u2011de\u2011France" in footer and "Hauts-de" not in footer


def test_a_definition_is_never_cut_from_its_heading():
    """Short definitions (one line each): without the rule, a page ends after a heading
    every other time; the edition's definitions shifted by 0 to 5 lines."""
    from jalons.documents.rendering import html_to_document, warm_up

    warm_up()
    for shift in range(6):
        definitions = [("Remplissage", " ".join(["Texte qui occupe une ligne."] * 3 * shift))]
        definitions += [(f"Indicateur {i}", f"Définition courte n° {i}.") for i in range(60)]
        document = html_to_document(edition_html(reader_edition(definitions=definitions)))
        for number, page in enumerate(document.pages):
            blocks = [
                box
                for box in page._page_box.descendants()
                if getattr(box, "element_tag", "") in ("dt", "dd")
            ]
            if blocks:
                assert blocks[-1].element_tag == "dd", (shift, number)


def test_a_rule_set_identifier_heading_any_table_is_shown_by_its_title():
    table = _rules_table(key="taux_par_regles")  # not a « regles » family of its own
    assert exports.column_labels(table) == list(TITLES)
    assert exports.column_labels(_activity_table()) == _activity_table().columns
