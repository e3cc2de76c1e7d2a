from django.apps import AppConfig


class EchangesConfig(AppConfig):
    name = "jalons.echanges"
    verbose_name = "Import et export"
