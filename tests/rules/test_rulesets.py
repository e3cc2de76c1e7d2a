"""The strict loader of rule data and the shipped rule sets (issue 3, scope 2)."""

from __future__ import annotations

import datetime as dt

import pytest

from jalons.rules import InvalidRules, builtin_names, load_referential, load_rule_set
from jalons.rules.rulesets import PARAMETER_SPECS
from jalons.rules.vocabulary import TYPES_SIAE

JUNE_2025 = dt.date(2025, 6, 1)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def problems(path):
    with pytest.raises(InvalidRules) as info:
        load_rule_set(path)
    return [str(p) for p in info.value.problems]


def test_the_four_rule_sets_of_the_contract_are_shipped():
    assert builtin_names() == ["circulaire-2008", "uriae-2009", "etti-450h", "dgefp-2014"]


@pytest.mark.parametrize(
    ("name", "type_siae", "months", "hours", "year_hours"),
    [
        ("circulaire-2008", "ACI", 3, None, None),
        ("circulaire-2008", "ETTI", 3, None, None),
        ("circulaire-2008", "EITI", 3, None, None),
        ("uriae-2009", "AI", 3, None, None),
        ("etti-450h", "ETTI", None, 450, None),
        ("etti-450h", "EI", 3, None, None),
        ("etti-450h", "AI", 3, None, None),
        ("dgefp-2014", "ACI", 3, None, 1),
        ("dgefp-2014", "EI", 3, None, 1),
        ("dgefp-2014", "ETTI", None, 150, None),
        ("dgefp-2014", "AI", None, 150, None),
        ("dgefp-2014", "EITI", None, None, None),
    ],
)
def test_thresholds_in_force_in_2025_are_those_of_the_contract_table(
    name, type_siae, months, hours, year_hours
):
    rule_set = load_rule_set(name)
    assert rule_set.value_at("duree_minimale_mois", JUNE_2025, type_siae).valeur == months
    assert rule_set.value_at("heures_minimales", JUNE_2025, type_siae).valeur == hours
    assert rule_set.value_at("heures_minimales_annee_sortie", JUNE_2025, type_siae).valeur == (
        year_hours
    )


@pytest.mark.parametrize(
    ("name", "removed"),
    [
        ("circulaire-2008", ()),
        ("uriae-2009", ("autre_situation_connue", "inactif", "sans_nouvelle")),
        ("etti-450h", ()),
        ("dgefp-2014", ("retrait",)),
    ],
)
def test_groups_removed_from_the_base_are_those_of_the_contract_table(name, removed):
    assert load_rule_set(name).value_at("groupes_retires", JUNE_2025).valeur == removed


def test_every_shipped_value_has_a_known_reference_and_a_verification_tag():
    for name in builtin_names():
        rule_set = load_rule_set(name)
        for pname, spec in PARAMETER_SPECS.items():
            for key in list(TYPES_SIAE) if spec.per_type else [None]:
                for value in rule_set.series(pname, key):
                    assert value.references, (name, pname, key)
                    assert all(code in rule_set.references for code in value.references)
                    assert value.verification in {"V", "S", "I"}


def test_the_2008_family_puts_every_retrait_motif_in_other_known_situation():
    tables = load_referential().tables
    old, new = tables["circulaire-2008"].mapping(), tables["dgefp-2014"].mapping()
    assert set(old) == set(new) == set(load_referential().motifs)
    for slug, group in new.items():
        expected = "autre_situation_connue" if group == "retrait" else group
        assert old[slug] == expected, slug
    assert sum(g == "retrait" for g in new.values()) == 8


def test_asp_codes_2_and_96_are_those_verified_in_p1():
    by_code = load_referential().motif_by_code
    assert by_code[2] == "cdd_autre_siae"
    assert by_code[96] == "cdi_inclusion"


def test_a_duplicate_key_is_an_error_with_its_line(tmp_path):
    path = write(tmp_path, "r.yaml", "herite_de: dgefp-2014\nnom: a\nnom: b\n")
    assert any("ligne 3" in p and "« nom » en double" in p for p in problems(path))


def test_an_unknown_key_is_an_error(tmp_path):
    path = write(tmp_path, "r.yaml", "herite_de: dgefp-2014\nseuil_magique: 3\n")
    assert any("clé inconnue « seuil_magique »" in p for p in problems(path))


def test_a_dated_value_without_reference_is_an_error(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        """herite_de: dgefp-2014
parametres:
  heures_minimales:
    description: test
    par_type_siae:
      ETTI:
        2025-01-01: {valeur: 200, verification: I}
""",
    )
    found = problems(path)
    assert any("référence manquante" in p and "ligne 7" in p for p in found), found


def test_an_unknown_reference_code_is_an_error(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        """herite_de: dgefp-2014
parametres:
  groupes_retires:
    description: test
    valeurs:
      2025-01-01: {valeur: [], references: [P99], verification: I}
""",
    )
    assert any("référence inconnue « P99 »" in p for p in problems(path))


def test_a_local_reference_block_makes_a_new_reference_known(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        """herite_de: dgefp-2014
references:
  DDETS59: {titre: "Courrier de la DDETS du Nord", lien: "https://example.org/courrier"}
parametres:
  durable_temps_plein_uniquement:
    description: Critère de la DDETS
    valeurs:
      2025-01-01: {valeur: true, references: [DDETS59], verification: V}
""",
    )
    rule_set = load_rule_set(path)
    value = rule_set.value_at("durable_temps_plein_uniquement", JUNE_2025)
    assert value.valeur is True and value.references == ("DDETS59",)
    assert rule_set.references["DDETS59"].lien == "https://example.org/courrier"


def test_a_wrong_value_type_is_an_error(tmp_path):
    path = write(tmp_path, "r.yaml", "herite_de: dgefp-2014\nheures_minimales: {ETTI: beaucoup}\n")
    assert any("nombre ≥ 0 ou null attendu" in p for p in problems(path))


def test_a_custom_file_must_name_its_parent(tmp_path):
    path = write(tmp_path, "r.yaml", "durable_temps_plein_uniquement: true\n")
    assert any("herite_de" in p for p in problems(path))


def test_an_unknown_rule_set_name_lists_the_shipped_ones():
    found = problems("dgefp-2015")
    assert any("jeu de règles inconnu « dgefp-2015 »" in p and "dgefp-2014" in p for p in found)


def test_circular_inheritance_is_an_error(tmp_path):
    write(tmp_path, "a.yaml", "herite_de: b.yaml\n")
    path = write(tmp_path, "b.yaml", "herite_de: a.yaml\n")
    assert any("héritage circulaire" in p for p in problems(path))


def test_unreadable_yaml_gives_its_line(tmp_path):
    path = write(tmp_path, "r.yaml", "herite_de: dgefp-2014\nnom: [a\n")
    assert any("YAML illisible" in p for p in problems(path))


def test_short_form_overrides_only_the_given_types_and_keeps_the_parent_for_others(tmp_path):
    path = write(tmp_path, "r.yaml", "herite_de: dgefp-2014\nheures_minimales: {AI: 200}\n")
    rule_set = load_rule_set(path)
    assert rule_set.nom == "r"
    assert rule_set.value_at("heures_minimales", JUNE_2025, "AI").valeur == 200
    assert rule_set.value_at("heures_minimales", JUNE_2025, "ETTI").valeur == 150
    assert [x["nom"] for x in rule_set.lineage] == ["r", "dgefp-2014"]
    assert rule_set.empreinte != load_rule_set("dgefp-2014").empreinte


def test_before_its_first_effective_date_a_rule_set_applies_its_first_value():
    rule_set = load_rule_set("dgefp-2014")
    assert rule_set.value_at("heures_minimales", dt.date(2010, 1, 1), "AI").valeur == 150
