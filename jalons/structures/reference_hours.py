"""Suggested annual full-time hours per SIAE type, read from a dated data file."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

TAG_LABELS = {"V": "vérifié", "S": "source tierce", "I": "déduction non vérifiée"}
DATA_FILE = Path(__file__).parent / "data" / "heures_reference.yaml"


@dataclass(frozen=True)
class ReferenceHours:
    hours: int
    since: object
    tag: str
    reference: str

    @property
    def tag_label(self) -> str:
        return TAG_LABELS.get(self.tag, self.tag)


@cache
def suggested_reference_hours() -> dict[str, ReferenceHours]:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return {
        kind: ReferenceHours(
            hours=int(v["heures"]), since=v["depuis"], tag=v["etiquette"], reference=v["reference"]
        )
        for kind, v in data["valeurs"].items()
    }
