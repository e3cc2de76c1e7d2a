from django.apps import AppConfig


class MissionsConfig(AppConfig):
    name = "jalons.missions"
    verbose_name = "Missions ETTI et AI"

    def ready(self):
        from jalons.missions.section import register

        register()
