"""Régions and départements (INSEE COG) from the data files, loaded by a migration
and, idempotently, by the demo (a transactional test may have emptied the tables)."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def load_territories(region_model, departement_model) -> None:
    with open(DATA / "regions.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            region_model.objects.update_or_create(code=row["code"], defaults={"name": row["nom"]})
    with open(DATA / "departements.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            departement_model.objects.update_or_create(
                code=row["code"], defaults={"name": row["nom"], "region_id": row["region"]}
            )
