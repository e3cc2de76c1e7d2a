from django.apps import AppConfig


class AccompagnementConfig(AppConfig):
    name = "jalons.accompagnement"
    verbose_name = "Accompagnement"

    def ready(self):
        from jalons.accompagnement.person_section import accompaniment_section
        from jalons.parcours.extensions import register_person_section

        register_person_section(accompaniment_section)
