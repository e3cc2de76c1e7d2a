from django.apps import AppConfig


class AccompagnementConfig(AppConfig):
    name = "jalons.accompagnement"
    verbose_name = "Accompagnement"
