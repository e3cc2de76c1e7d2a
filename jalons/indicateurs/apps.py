from django.apps import AppConfig


class IndicateursConfig(AppConfig):
    name = "jalons.indicateurs"
    verbose_name = "Indicateurs"
