from django.apps import AppConfig


class MissionsConfig(AppConfig):
    name = "jalons.missions"
    verbose_name = "Missions ETTI et AI"

    def ready(self):
        from jalons.missions import section
        from jalons.parcours import extensions as parcours

        for kind, label in section.EVENT_KINDS.items():
            parcours.register_event_kind(kind, label, position=100)
        parcours.register_person_section(section.missions_section)
