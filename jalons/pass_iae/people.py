"""The end of the PASS IAE in the list of people: its column, the filter « PASS IAE
finissant dans 60 jours » and the search by PASS number."""

import datetime as dt

from django.db.models import BooleanField, Case, Exists, Max, OuterRef, Value, When

from jalons.parcours.extensions import PeopleColumn
from jalons.pass_iae.models import PassIae

PASS_ALERT_DAYS = 60


class PassEndColumn(PeopleColumn):
    key = "pass"
    position = 60
    header = "Fin du PASS IAE"
    cell_template = "pass_iae/people/pass_end_cell.html"
    filter_template = "pass_iae/people/pass_end_filter.html"
    alert_days = PASS_ALERT_DAYS

    def annotate(self, people, *, today):
        people = people.annotate(pass_end=Max("passes__end_date"))
        return people.annotate(
            pass_ending_soon=Case(
                When(
                    present=True,
                    pass_end__gte=today,
                    pass_end__lte=today + dt.timedelta(days=PASS_ALERT_DAYS),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def search(self, word: str):
        # A PASS IAE number is written with or without spaces (« 99999 21 12345 »).
        return Exists(PassIae.objects.filter(person=OuterRef("pk"), number__contains=word))

    def parse(self, query) -> bool:
        return query.get(self.key) == str(PASS_ALERT_DAYS)

    def filter(self, people, value, *, today):
        return people.filter(pass_ending_soon=True)
