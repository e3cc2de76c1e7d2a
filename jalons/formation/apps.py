from django.apps import AppConfig


class FormationConfig(AppConfig):
    name = "jalons.formation"
    verbose_name = "Formation"

    def ready(self):
        from jalons.formation import section
        from jalons.parcours import extensions as parcours

        parcours.register_event_kind("formation", "Formation", position=70)
        parcours.register_person_section(section.trainings_section)
