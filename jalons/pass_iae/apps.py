from django.apps import AppConfig


class PassIaeConfig(AppConfig):
    name = "jalons.pass_iae"
    verbose_name = "PASS IAE"
