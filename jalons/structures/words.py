"""The words that depend on the kind of structure, for what users read.

An EITI employs nobody (docs/eiti.md): the people it accompanies are self-employed,
they « enter » an accompaniment rather than being hired, and have no ETP. Every page
and document that speaks of hires asks here, so the words stay the same everywhere.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class EntryWords:
    hires: str  # column header, chart label: « Embauches »
    hire_rate: str  # « Taux d'embauche »
    hires_phrase: str  # inside a sentence: « embauches »
    hire_singular: str  # « embauche »
    entries_title: str  # « Embauches et situation à l'entrée »
    entries_row: str  # « Embauches (entrées en parcours) »
    people: str  # « salariés en parcours »
    has_etp: bool  # ETP réalisés computed from the hours of employees


SALARIED = EntryWords(
    hires="Embauches",
    hire_rate="Taux d'embauche",
    hires_phrase="embauches",
    hire_singular="embauche",
    entries_title="Embauches et situation à l'entrée",
    entries_row="Embauches (entrées en parcours)",
    people="salariés en parcours",
    has_etp=True,
)
SELF_EMPLOYED = EntryWords(
    hires="Entrées en accompagnement",
    hire_rate="Taux d'entrée",
    hires_phrase="entrées en accompagnement",
    hire_singular="entrée en accompagnement",
    entries_title="Entrées en accompagnement et situation à l'entrée",
    entries_row="Entrées en accompagnement (travailleurs indépendants)",
    people="travailleurs indépendants accompagnés",
    has_etp=False,
)


def entry_words(kind: str) -> EntryWords:
    """The words for a structure of this kind (« EITI », « ACI »...)."""
    return SELF_EMPLOYED if kind == "EITI" else SALARIED
