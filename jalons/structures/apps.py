from django.apps import AppConfig


class StructuresConfig(AppConfig):
    name = "jalons.structures"
    verbose_name = "Structures"
