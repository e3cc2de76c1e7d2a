"""Load régions and départements (INSEE COG) from the data files."""

from django.db import migrations

from jalons.structures.territories import load_territories


def load(apps, schema_editor):
    load_territories(apps.get_model("structures", "Region"), apps.get_model("structures", "Departement"))


class Migration(migrations.Migration):
    dependencies = [("structures", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
