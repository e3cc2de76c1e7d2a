"""Access walk plug-in for the exports of the Offre de Services.

Their URLs use only parameters already filled elsewhere: ``structure_id`` and
``ddets_id`` (the walk itself), ``year`` (literal 2025) and ``offre_id`` (the
victim's submitted OS 2025, created by ``walk_offre``). Nothing to add here; the
module states it so that a new parameter of the exports is added in this file.
"""

PARAMETERS: dict[str, str] = {}


def make(victim: dict) -> dict:
    return {}
