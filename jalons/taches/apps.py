from django.apps import AppConfig


class TachesConfig(AppConfig):
    name = "jalons.taches"
    verbose_name = "Documents préparés en arrière-plan"
