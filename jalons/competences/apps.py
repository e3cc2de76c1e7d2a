from django.apps import AppConfig


class CompetencesConfig(AppConfig):
    name = "jalons.competences"
    verbose_name = "Compétences"

    def ready(self):
        from jalons.competences.section import skills_section
        from jalons.parcours.extensions import register_person_section
        from jalons.parcours.selectors import register_event_kind

        register_event_kind("competences", "Compétences")
        register_person_section(skills_section)
