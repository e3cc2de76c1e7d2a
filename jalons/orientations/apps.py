from django.apps import AppConfig


class OrientationsConfig(AppConfig):
    name = "jalons.orientations"
    verbose_name = "Orientations"
