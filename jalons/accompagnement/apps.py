from django.apps import AppConfig


class AccompagnementConfig(AppConfig):
    name = "jalons.accompagnement"
    verbose_name = "Accompagnement"

    def ready(self):
        from jalons.accompagnement import person_section, todo
        from jalons.parcours import extensions as parcours

        parcours.register_event_kind("accompagnement", "Accompagnement", position=60)
        parcours.register_event_kind("bilan", "Bilan", position=80)
        parcours.register_event_kind("plan", "Plan d'accompagnement", position=80)
        parcours.register_person_section(person_section.accompaniment_section)
        parcours.register_todo(todo.accompaniment_todo)
