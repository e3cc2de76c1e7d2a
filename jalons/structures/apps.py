from django.apps import AppConfig


class StructuresConfig(AppConfig):
    name = "jalons.structures"
    verbose_name = "Structures"

    def ready(self):
        from jalons.structures import lookups

        lookups.register()
