"""« Fusion de fiches » for the access walk: a pending merge of two files of the victim
structure, which no other structure may see, confirm or cancel."""

from jalons.parcours.models import PersonMerge
from tests.parcours.factories import PersonFactory

PARAMETERS = {"merge_id": "merge"}
POST_ONLY = {"parcours:merge_confirm", "parcours:merge_cancel"}


def make(victim) -> dict:
    structure = victim["structure"]
    kept = PersonFactory(structure=structure, first_name="Awa", last_name="Traoré")
    absorbed = PersonFactory(structure=structure, first_name="AWA", last_name="TRAORE")
    absorbed.merged_into = kept
    absorbed.save()
    merge = PersonMerge.objects.create(
        structure=structure, kept=kept, absorbed=absorbed, absorbed_label=str(absorbed)
    )
    return {"merge": merge}
