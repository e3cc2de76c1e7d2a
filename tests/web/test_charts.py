from decimal import Decimal

from jalons.web.charts import Bar, chart_value, french_number, horizontal_bar_chart
from jalons.web.templatetags.jalons import heures


def test_numbers_are_written_the_french_way():
    assert french_number(1234.5) == "1\u202f234,50"
    assert french_number(Decimal("26.5"), 1) == "26,5"


def test_a_bar_chart_is_accessible_svg_with_its_values():
    svg = str(
        horizontal_bar_chart(
            title="ETP <conventionnés>",
            bars=[Bar("2025", Decimal("24")), Bar("2026", 26.5)],
            unit="ETP",
        )
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '-titre">ETP &lt;conventionnés&gt;</title>' in svg
    assert "2025 : 24,00 ETP ; 2026 : 26,50 ETP" in svg
    # The longest bar fills the plot; the other is proportional (24 / 26.5 of 320 px).
    assert 'width="320.0"' in svg and f'width="{320 * 24 / 26.5:.1f}"' in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_no_bars_draw_nothing():
    assert horizontal_bar_chart(title="vide", bars=[]) == ""


def test_a_bar_in_hours_is_written_as_the_table_beside_it():
    for value in (4.5, 0.75, 12.0, 1234.25):
        assert chart_value(value, "h", 2) == heures(value).replace("\u00a0", " ")
    assert chart_value(62.5, "%", 1) == "62,5 %"
    svg = horizontal_bar_chart(title="Temps", bars=[Bar("Interne", 4.5)], unit="h", decimals=2)
    assert "Interne : 4,5 h" in svg and "4,50" not in svg


def test_a_figure_is_rounded_half_up_everywhere_as_a_spreadsheet_does():
    """9 exits of 16 are 56,25 %: a page, a PDF and an XLSX (Excel and LibreOffice round
    half up) must all say 56,3 %; 5,35 ETP 5,4; 2,25 h 2,3 h at one decimal."""
    from jalons.documents.french import count_fr
    from jalons.rules.render import fr_percent
    from jalons.web.templatetags.jalons import pourcent

    assert pourcent(9 / 16) == "56,3\u00a0%" and fr_percent(9 / 16) == "56,3 %"
    assert french_number(5.35, 1) == "5,4" and french_number(2.25, 1) == "2,3"
    assert count_fr(2.25) == "2,3"
    assert heures(0.125) == "0,13\u00a0h"
    assert chart_value(56.25, "%", 1) == "56,3 %"
