"""The readable output of ``jalons indicateurs calculer`` agrees its nouns with their
count: « 1 abandon, 1 terminée dont 0 certifiée », never « 1 abandons »."""

from jalons.rules.render import counted


def test_zero_and_one_take_the_singular():
    assert counted(0, "abandon") == "0 abandon"
    assert counted(1, "terminée") == "1 terminée"
    assert counted(2, "entrée") == "2 entrées"
    assert counted(1234, "orientation") == "1\u202f234 orientations"
    assert counted(1, "personne en préparation", "personnes en préparation") == (
        "1 personne en préparation"
    )
