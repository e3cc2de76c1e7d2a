from django.apps import AppConfig


class PassIaeConfig(AppConfig):
    name = "jalons.pass_iae"
    verbose_name = "PASS IAE"

    def ready(self):
        from jalons.contrats import extensions as contrats
        from jalons.parcours import extensions as parcours
        from jalons.pass_iae import people, section, selectors, todo

        parcours.register_event_kind("pass", "PASS IAE", position=20)
        parcours.register_person_section(section.pass_alerts_section)
        parcours.register_person_section(section.pass_cards_section)
        parcours.register_todo(todo.pass_todo)
        parcours.register_file_requirement("PASS IAE", 40, todo.has_pass)
        parcours.register_people_column(people.PassEndColumn())
        parcours.register_hours_warning(selectors.hours_warning)
        contrats.register_contract_warning(selectors.contract_warning)
        contrats.register_contract_form_lead(selectors.pass_lead)
