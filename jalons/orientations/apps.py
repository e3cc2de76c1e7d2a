from django.apps import AppConfig


class OrientationsConfig(AppConfig):
    name = "jalons.orientations"
    verbose_name = "Orientations"

    def ready(self):
        from jalons.orientations import section
        from jalons.parcours import extensions as parcours

        parcours.register_event_kind("orientation", "Orientation", position=10)
        parcours.register_person_section(section.orientations_section)
