"""Invariants of the indicators, checked on random folders (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalons.rules import Tables, builtin_names, compute, load_referential, load_rule_set
from jalons.rules.render import to_json
from tests.rules.helpers import compute_folder, french_spelling

RULE_SETS = [load_rule_set(n) for n in builtin_names()]
MOTIFS = sorted(load_referential().motifs)
STRUCTURES = pl.DataFrame(
    {"structure_id": ["ACI1", "EI1", "ETTI1", "AI1", "EITI1"],
     "type_siae": ["ACI", "EI", "ETTI", "AI", "EITI"]}
)  # fmt: skip
DU, AU, REF = dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 6, 30)
RATES = ["taux_sortie_dynamique", "taux_emploi_durable", "taux_emploi_transition",
         "taux_sortie_positive"]  # fmt: skip

pathway = st.fixed_dictionaries(
    {
        "structure_id": st.sampled_from(STRUCTURES["structure_id"].to_list()),
        "date_embauche": st.dates(dt.date(2023, 6, 1), dt.date(2025, 12, 1)),
        "days": st.integers(0, 700),
        "motif_sortie": st.sampled_from(MOTIFS),
        "heures_travaillees": st.one_of(st.none(), st.integers(0, 2000).map(lambda x: x / 2)),
        "sortie_temps_plein": st.one_of(st.none(), st.booleans()),
        "monthly": st.one_of(st.none(), st.integers(0, 200)),
        "suivi": st.one_of(st.none(), st.sampled_from([*MOTIFS, "inconnue"])),
    }
)


def build(paths: list[dict]) -> Tables:
    parcours, heures, suivis = [], [], []
    for i, p in enumerate(paths):
        left = p["date_embauche"] + dt.timedelta(days=p["days"])
        pid = f"P{i}"
        parcours.append({"structure_id": p["structure_id"], "personne_id": pid,
                         "date_embauche": p["date_embauche"], "date_sortie": left,
                         "motif_sortie": p["motif_sortie"],
                         "heures_travaillees": p["heures_travaillees"],
                         "sortie_temps_plein": p["sortie_temps_plein"]})  # fmt: skip
        if p["monthly"] is not None:
            month = p["date_embauche"].replace(day=1)
            while month <= left:
                heures.append({"structure_id": p["structure_id"], "personne_id": pid,
                               "mois": month, "heures": float(p["monthly"])})  # fmt: skip
                month = (month + dt.timedelta(days=32)).replace(day=1)
        if p["suivi"] is not None:
            for m in (3, 6, 12):
                suivis.append({"structure_id": p["structure_id"], "personne_id": pid,
                               "date_sortie": left, "echeance_mois": m,
                               "situation": p["suivi"]})  # fmt: skip
    empty = pl.DataFrame(schema={"structure_id": pl.String})
    return Tables.build(
        structures=STRUCTURES,
        parcours=pl.DataFrame(parcours) if parcours else empty,
        heures=pl.DataFrame(heures) if heures else None,
        # Always present, so every block has its follow-up indicators.
        suivis=pl.DataFrame(suivis) if suivis else empty,
    )


def blocks(result):
    for calcul in result["calculs"]:
        yield from calcul["structures"]
        yield calcul["ensemble"]


@settings(max_examples=60, deadline=None)
@given(st.lists(pathway, max_size=25))
def test_counts_add_up_and_rates_lie_between_0_and_1(paths):
    result = compute(build(paths), RULE_SETS, DU, AU, REF)
    for block in blocks(result):
        assert block["sorties"] == block["sorties_examinees"] + sum(block["non_comptees"].values())
        assert block["sorties_examinees"] == (
            block["emploi_durable"] + block["emploi_transition"] + block["sortie_positive"]
            + block["autre_sortie"]
        )  # fmt: skip
        for key in RATES:
            assert block[key] is None or 0 <= block[key] <= 1
            assert (block[key] is None) == (block["sorties_examinees"] == 0)
        for follow in block.get("suivi", {}).values():
            assert follow["dynamiques"] <= follow["realises"] <= follow["attendus"]
            assert follow["attendus"] <= block["sorties_examinees"]
            assert follow["taux"] is None or 0 <= follow["taux"] <= 1
    for calcul in result["calculs"]:
        total = calcul["ensemble"]
        assert total["sorties"] == sum(s["sorties"] for s in calcul["structures"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(pathway, max_size=20),
    st.sampled_from(
        ["conge_longue_duree", "deces", "retraite", "faute_grave", "rupture_essai_salarie"]
    ),
)
def test_adding_an_exit_removed_from_the_base_never_changes_a_rate(paths, motif):
    removed = {"structure_id": "ACI1", "date_embauche": dt.date(2024, 1, 1), "days": 400,
               "motif_sortie": motif, "heures_travaillees": None, "sortie_temps_plein": None,
               "monthly": None, "suivi": "cdi_non_aide"}  # fmt: skip
    dgefp = [load_rule_set("dgefp-2014")]
    before = compute(build(paths), dgefp, DU, AU, REF)["calculs"][0]
    after = compute(build([*paths, removed]), dgefp, DU, AU, REF)["calculs"][0]
    for old, new in zip([*before["structures"], before["ensemble"]],
                        [*after["structures"], after["ensemble"]], strict=True):  # fmt: skip
        for key in RATES:
            assert old[key] == new[key]
        for m in ("3", "6", "12"):
            assert old["suivi"][m]["taux"] == new["suivi"][m]["taux"]
    assert after["ensemble"]["non_comptees"]["exclue_de_la_base"] == (
        before["ensemble"]["non_comptees"]["exclue_de_la_base"] + 1
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pathway, min_size=1, max_size=15))
def test_the_french_spreadsheet_spelling_of_a_folder_gives_the_same_result(paths):
    tables = build(paths)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "en"
        folder.mkdir()
        for name in ("structures", "parcours", "heures", "suivis"):
            frame = getattr(tables, name)
            if frame is not None:
                if name == "heures":
                    frame = frame.with_columns(pl.col("mois").dt.strftime("%Y-%m"))
                frame.write_csv(folder / f"{name}.csv")
        french = french_spelling(folder, Path(tmp) / "fr")
        rules = builtin_names()
        a = compute_folder(folder, rules, DU, AU, REF)
        b = compute_folder(french, rules, DU, AU, REF)
        assert to_json(a) == to_json(b)
        assert json.loads(to_json(a)) == compute(tables, RULE_SETS, DU, AU, REF, detail=True)
