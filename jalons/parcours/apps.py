from django.apps import AppConfig


class ParcoursConfig(AppConfig):
    name = "jalons.parcours"
    verbose_name = "Parcours des salariés"
