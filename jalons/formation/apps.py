from django.apps import AppConfig


class FormationConfig(AppConfig):
    name = "jalons.formation"
    verbose_name = "Formation"
