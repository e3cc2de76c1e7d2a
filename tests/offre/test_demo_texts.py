"""The demo's Offre texts read as French whatever the structure has filled in."""

import pytest

from jalons.offre.demo import text_for
from tests.factories import StructureFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("03 21 00 00 00", "la direction, joignable au 03 21 00 00 00."),
        # Before: « joignable au le standard ».
        ("", "la direction, joignable par le standard de la structure."),
    ],
)
def test_the_ddets_contact_sentence_is_french_with_or_without_a_phone(phone, expected):
    structure = StructureFactory(kind="ETTI", phone=phone)
    text = text_for(structure, "presentation.identite")
    assert expected in text
    assert "au le" not in text
