"""What an accompaniment action may be, read from its model fields (see
``jalons.parcours.entry_rules``): the form of the page and the import of
``accompagnements.csv`` share these bounds."""

from jalons.accompagnement.models import AccompanimentAction
from jalons.parcours.entry_rules import lower_bound, upper_bound

_DURATION = AccompanimentAction._meta.get_field("duration_minutes")
# The duration of one action, in whole minutes (AccompanimentForm.duration_minutes).
DURATION_MINUTES_MIN = lower_bound(_DURATION)
DURATION_MINUTES_MAX = upper_bound(_DURATION)
