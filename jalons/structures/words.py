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
    state_aid: str  # « aide au poste »: the State's aid in the annexe financière


SALARIED = EntryWords(
    hires="Embauches",
    hire_rate="Taux d'embauche",
    hires_phrase="embauches",
    hire_singular="embauche",
    entries_title="Embauches et situation à l'entrée",
    entries_row="Embauches (entrées en parcours)",
    people="salariés en parcours",
    has_etp=True,
    state_aid="aide au poste",
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
    # Décret n° 2024-1239: an aid per self-employed worker, not per post (docs/eiti.md).
    state_aid="aide financière aux EITI",
)


def entry_words(kind: str) -> EntryWords:
    """The words for a structure of this kind (« EITI », « ACI »...)."""
    return SELF_EMPLOYED if kind == "EITI" else SALARIED


@dataclass(frozen=True)
class PersonWords:
    """The person a document is handed to, agreed with the gender when it is known."""

    to: str  # « au salarié », « à la travailleuse indépendante », « à la personne »
    of: str  # « du salarié », « de la travailleuse indépendante », « de la personne »


_PERSON = {
    ("EITI", "f"): PersonWords("à la travailleuse indépendante", "de la travailleuse indépendante"),
    ("EITI", "m"): PersonWords("au travailleur indépendant", "du travailleur indépendant"),
    ("", "f"): PersonWords("à la salariée", "de la salariée"),
    ("", "m"): PersonWords("au salarié", "du salarié"),
}
NOBODY_IN_PARTICULAR = PersonWords("à la personne", "de la personne")


def person_words(kind: str, gender: str | None) -> PersonWords:
    """« au travailleur indépendant » in an EITI, « au salarié » elsewhere; « à la
    personne » when the gender is not known (« f » or « m »), whatever the kind."""
    return _PERSON.get(("EITI" if kind == "EITI" else "", gender or ""), NOBODY_IN_PARTICULAR)
