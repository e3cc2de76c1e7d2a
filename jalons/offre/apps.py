from django.apps import AppConfig


class OffreConfig(AppConfig):
    name = "jalons.offre"
    verbose_name = "Offre de Services"
