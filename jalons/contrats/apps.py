from django.apps import AppConfig


class ContratsConfig(AppConfig):
    name = "jalons.contrats"
    verbose_name = "Contrats et clients"

    def ready(self):
        from jalons.contrats.section import register

        register()
