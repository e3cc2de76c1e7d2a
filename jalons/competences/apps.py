from django.apps import AppConfig


class CompetencesConfig(AppConfig):
    name = "jalons.competences"
    verbose_name = "Compétences"

    def ready(self):
        from jalons.competences.section import skills_section
        from jalons.parcours import extensions as parcours

        parcours.register_event_kind("competences", "Compétences", position=110)
        parcours.register_person_section(skills_section)
