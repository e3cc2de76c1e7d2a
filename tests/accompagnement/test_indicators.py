"""Interviews logged in the plan feed the complementary indicators unchanged (item 7)."""

import datetime as dt

import pytest

from jalons.accompagnement.services import accompaniment_save
from jalons.audit.actor import Actor
from jalons.echanges.selectors import tables_from_database
from jalons.formation.services import training_save
from jalons.rules.complementary import complementaires

pytestmark = pytest.mark.django_db


def test_interviews_and_trainings_reach_the_complementary_indicators(cip, person, partner):
    for minutes, modality in ((45, "interne"), (30, "externe")):
        accompaniment_save(
            actor=Actor(role="cip"),
            person=person,
            date=dt.date(2025, 3, 1),
            nature="professionnel",
            duration_minutes=minutes,
            modality=modality,
            medium="telephone",
            barrier="mobilite",
            partner=partner if modality == "externe" else None,
            confidential_note="Ne sort jamais",
        )
    training_save(
        actor=Actor(role="cip"),
        person=person,
        title="CACES",
        status="certifiee",
        start_date=dt.date(2025, 4, 1),
        hours=35,
        funding="opco",
    )
    tables = tables_from_database([cip.structure])
    frame = tables.accompagnements
    assert sorted(frame["duree_minutes"].to_list()) == [30, 45]
    assert str(partner) in frame["intervenant"].to_list()
    assert "Ne sort jamais" not in str(frame.to_dicts())
    result = complementaires(tables, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    block = result["structures"][cip.structure.identifier]
    accompaniment = block["accompagnement"]
    assert accompaniment["par_modalite"]["interne"]["heures"] == 0.75
    assert accompaniment["par_modalite"]["externe"]["heures"] == 0.5
    assert accompaniment["par_frein"]["mobilite"]["actions"] == 2
    assert accompaniment["par_nature"]["professionnel"]["heures"] == 1.25
    assert block["formation"]["certifiees"]["actions"] == 1
    assert block["formation"]["heures"] == 35.0
