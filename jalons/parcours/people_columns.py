"""The columns of the list of people: parcours's own, and those other apps register
(``jalons.parcours.extensions.register_people_column``), in position order."""

from jalons.parcours.extensions import PeopleColumn, people_columns


class NameColumn(PeopleColumn):
    key = "nom"
    position = 10
    header = "Nom"
    cell_template = "parcours/people/name_cell.html"


class IdentifierColumn(PeopleColumn):
    key = "identifiant"
    position = 20
    header = "Identifiant"
    cell_template = "parcours/people/identifier_cell.html"


class SituationColumn(PeopleColumn):
    key = "statut"
    position = 30
    header = "Situation"
    cell_template = "parcours/people/situation_cell.html"
    filter_template = "parcours/people/situation_filter.html"
    CHOICES = ("present", "sorti", "sans_parcours")

    def parse(self, query) -> str:
        value = query.get(self.key, "")
        return value if value in self.CHOICES else ""

    def filter(self, people, value, *, today):
        if value == "present":
            return people.filter(present=True)
        if value == "sorti":
            return people.filter(present=False, last_hire__isnull=False)
        return people.filter(last_hire__isnull=True)


class ReferentColumn(PeopleColumn):
    key = "referent"
    position = 50
    header = "CIP référent"
    cell_template = "parcours/people/referent_cell.html"
    filter_template = "parcours/people/referent_filter.html"

    def parse(self, query) -> int | None:
        try:
            return int(query.get(self.key, "") or 0) or None
        except ValueError:
            return None

    def filter(self, people, value, *, today):
        return people.filter(referent_id=value)


OWN_COLUMNS = (NameColumn(), IdentifierColumn(), SituationColumn(), ReferentColumn())


def all_columns() -> list[PeopleColumn]:
    return sorted([*OWN_COLUMNS, *people_columns()], key=lambda c: c.position)
