"""A value refused on a page is refused in an imported file: the forms read their
bounds from the model fields, as the import does (``*.entry_rules``)."""

from jalons.accompagnement.entry_rules import DURATION_MINUTES_MAX, DURATION_MINUTES_MIN
from jalons.accompagnement.forms import AccompanimentForm
from jalons.accompagnement.models import AccompanimentAction
from jalons.contrats.forms import ActivityDeclarationForm
from jalons.contrats.models import ActivityDeclaration
from jalons.parcours.entry_rules import MONTH_HOURS_MAX, upper_bound
from jalons.parcours.forms import MonthlyHoursForm
from jalons.parcours.models import MonthlyHours


def test_the_forms_take_their_bounds_from_the_model_fields():
    hours = MonthlyHoursForm(year=2025).fields["m01"]
    assert hours.max_value == MONTH_HOURS_MAX == upper_bound(MonthlyHours._meta.get_field("hours"))
    assert str(MONTH_HOURS_MAX) in hours.error_messages["max_value"]
    duration = AccompanimentForm.base_fields["duration_minutes"]
    field = AccompanimentAction._meta.get_field("duration_minutes")
    assert (duration.min_value, duration.max_value) == (DURATION_MINUTES_MIN, DURATION_MINUTES_MAX)
    assert upper_bound(field) == DURATION_MINUTES_MAX
    declared = ActivityDeclarationForm.base_fields["hours"]
    assert declared.max_value == upper_bound(ActivityDeclaration._meta.get_field("hours"))
