"""French typography in every generated document: no-break spaces before « : » and
inside « », narrow ones before « ; ? ! », a number held to its unit."""

from jalons.documents.french import NARROW_NBSP, NBSP, french_spacing, french_spacing_html


def test_the_spaces_of_french_typography():
    text = french_spacing(
        "Source : « Circulaire 2008 » ; qui sommes-nous ? Oui ! 185 000 € et 12 %"
    )
    assert text == (
        f"Source{NBSP}: «{NBSP}Circulaire 2008{NBSP}»{NARROW_NBSP}; qui sommes-nous"
        f"{NARROW_NBSP}? Oui{NARROW_NBSP}! 185 000{NBSP}€ et 12{NBSP}%"
    )
    assert french_spacing("21,75 h d'accompagnement") == f"21,75{NBSP}h d'accompagnement"
    assert french_spacing("À 12 mois, 2 ans, 6 ETP") == f"À 12{NBSP}mois, 2{NBSP}ans, 6{NBSP}ETP"
    assert french_spacing("État statistique 1er trimestre 2025") == (
        f"État statistique 1er{NBSP}trimestre 2025"
    )
    assert french_spacing("1er et 3e trimestres") == f"1er et 3e{NBSP}trimestres"


def test_what_is_not_typography_is_left_alone():
    for text in ("22:48", "https://exemple.fr/?a=1", "a; b", "", "mot", "3 heures", " : en tête"):
        assert french_spacing(text) == text
    assert french_spacing(" : suite", previous="e") == f"{NBSP}: suite"


def test_html_only_its_text_is_touched_even_across_tags():
    html = (
        '<style>p::after { content: "a : b" }</style>'
        '<p title="x : y">Interlocuteur <strong>DDETS</strong> : Mme X</p>'
    )
    assert french_spacing_html(html) == (
        '<style>p::after { content: "a : b" }</style>'
        f'<p title="x : y">Interlocuteur <strong>DDETS</strong>{NBSP}: Mme X</p>'
    )
