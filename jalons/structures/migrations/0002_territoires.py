"""Load régions and départements (INSEE COG) from the data files."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    Region = apps.get_model("structures", "Region")
    Departement = apps.get_model("structures", "Departement")
    with open(DATA / "regions.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Region.objects.update_or_create(code=row["code"], defaults={"name": row["nom"]})
    with open(DATA / "departements.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Departement.objects.update_or_create(
                code=row["code"], defaults={"name": row["nom"], "region_id": row["region"]}
            )


class Migration(migrations.Migration):
    dependencies = [("structures", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
