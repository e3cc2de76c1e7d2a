from django.apps import AppConfig


class ContratsConfig(AppConfig):
    name = "jalons.contrats"
    verbose_name = "Contrats et clients"

    def ready(self):
        from jalons.contrats import people, section
        from jalons.parcours import extensions as parcours

        parcours.register_event_kind("contrat", "Contrat", position=40)
        parcours.register_event_kind(section.EVENT_KIND, "Contrat d'accompagnement", position=90)
        parcours.register_person_section(section.contracts_section)
        parcours.register_person_section(section.eiti_section)
        parcours.register_people_column(people.ContractColumn())
        parcours.register_file_requirement("contrat en cours", 50, people.has_current_contract)
