"""« Modèle » is ``Template`` everywhere (``ReviewTemplate``, ``NetworkTemplate``):
docs/glossaire.md. Only the class name changes; the table keeps its data."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("offre", "0003_public_listing"),
    ]

    operations = [
        migrations.RenameModel("NetworkModel", "NetworkTemplate"),
    ]
