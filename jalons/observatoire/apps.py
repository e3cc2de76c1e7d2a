from django.apps import AppConfig


class ObservatoireConfig(AppConfig):
    name = "jalons.observatoire"
    verbose_name = "Observatoire"
