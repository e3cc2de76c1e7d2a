"""What other apps add to parcours, without the parcours app knowing them.

parcours owns people, pathways, hours, exits and follow-ups. Every other app adds its
part through the registries below, from its ``AppConfig.ready()``; parcours never
imports them. Each contribution carries a position number: the order on the pages
never depends on the order in which the apps are loaded.

The person's file
    ``register_person_section(provider)``. ``provider(*, request, structure, role,
    person, current_parcours, today)`` returns a ``Section`` or None: a template
    included at one ``place`` of the file, in ``order``, with ``section`` (its
    context); events added to the chronology; buttons of the bar « Ajouter au
    dossier » (``Action``). Providers read through selectors that take the structure,
    like every view.
The chronology
    ``register_event_kind(kind, label, position=…)``. Events are shown by date; those
    of one day in the position order of their kind (parcours's own: embauche 30,
    sortie and suivi 50).
« À faire »
    ``register_todo(provider)``. ``provider(*, structure, today)`` returns
    ``TodoSection`` objects, shown in position order among parcours's own (follow-ups
    10 and 20, exits without motif 60, incomplete files 70).
    ``register_file_requirement(label, position, met)``: one more thing a present
    person's file needs, listed by « Dossiers incomplets » when missing.
The list of people
    ``register_people_column(column)``: a ``PeopleColumn`` (a column, and if the app
    wants a filter and a search), placed by position among parcours's own columns.
Hours
    ``register_hours_warning(warning)``. ``warning(*, person, months, today)`` returns a
    French warning shown once hours are saved for ``months`` (not a refusal), or None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# The person's file ------------------------------------------------------------------

ALERTS = "alerts"  # messages at the top of the file, above the buttons
CARDS = "cards"  # cards beside the identity and the pathways
MAIN = "main"  # full-width sections, before the chronology
PLACES = (ALERTS, CARDS, MAIN)


@dataclass
class Action:
    """A button of the bar « Ajouter au dossier », shown to the roles that may edit.
    Positions of parcours's own: « Saisir les heures » 30, « Enregistrer la sortie »
    40, « Enregistrer une embauche » 45, « Modifier l'identité » 90."""

    label: str
    url: str
    position: int
    style: str = "secondary"  # "primary", "secondary" or "link"


@dataclass
class Section:
    template: str = ""  # nothing shown without one (events or buttons only)
    context: dict = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    order: int = 50
    place: str = MAIN


_SECTION_PROVIDERS: list[Callable] = []


def register_person_section(provider: Callable) -> Callable:
    if provider not in _SECTION_PROVIDERS:
        _SECTION_PROVIDERS.append(provider)
    return provider


def person_sections(*, request, structure, role, person, current_parcours, today) -> list[Section]:
    sections = []
    for provider in _SECTION_PROVIDERS:
        section = provider(
            request=request,
            structure=structure,
            role=role,
            person=person,
            current_parcours=current_parcours,
            today=today,
        )
        if section is not None:
            sections.append(section)
    return sorted(sections, key=lambda s: s.order)


# The chronology ---------------------------------------------------------------------

_EVENT_KINDS: dict[str, tuple[str, int]] = {}


def register_event_kind(kind: str, label: str, *, position: int) -> None:
    """Name a kind of event; ``position`` orders the events of one day."""
    _EVENT_KINDS.setdefault(kind, (label, position))


@dataclass
class Event:
    date: dt.date
    kind: str
    title: str
    details: list[str] = field(default_factory=list)
    upcoming: bool = False

    @property
    def kind_label(self) -> str:
        return _EVENT_KINDS[self.kind][0]

    @property
    def position(self) -> int:
        return _EVENT_KINDS[self.kind][1]


def chronology(events) -> list[Event]:
    """By date; on one day, by the position of the kind, then in the order given."""
    return sorted(events, key=lambda e: (e.date, e.position))


register_event_kind("embauche", "Embauche", position=30)
register_event_kind("sortie", "Sortie", position=50)
register_event_kind("suivi", "Suivi", position=50)


# « À faire » ------------------------------------------------------------------------


@dataclass
class TodoItem:
    person: Any  # jalons.parcours.models.Person
    text: str
    date: dt.date | None = None
    parcours_id: int | None = None
    months: int | None = None
    # A follow-up can be recorded from this day on (``jalons.rules.dates``).
    available_on: dt.date | None = None
    available: bool = True


@dataclass
class TodoSection:
    key: str  # the anchor on the page, and ``todo_for(...).<key>``
    title: str
    empty: str  # said when there is nothing to do
    position: int
    items: list[TodoItem] = field(default_factory=list)
    kind: str = ""  # "suivi" or "sortie": the link beside each item
    counted: bool = True  # in the total of the page (upcoming follow-ups are not)


_TODO_PROVIDERS: list[Callable] = []


def register_todo(provider: Callable) -> Callable:
    if provider not in _TODO_PROVIDERS:
        _TODO_PROVIDERS.append(provider)
    return provider


def todo_sections(*, structure, today: dt.date) -> list[TodoSection]:
    return [s for provider in _TODO_PROVIDERS for s in provider(structure=structure, today=today)]


@dataclass(frozen=True)
class FileRequirement:
    label: str  # « PASS IAE », in « À compléter : … »
    position: int  # parcours's own: names 10, birth date 20, referent 30
    met: Callable[[], Any]  # a boolean expression over a Person row (OuterRef("pk"))


_REQUIREMENTS: list[FileRequirement] = []


def register_file_requirement(label: str, position: int, met: Callable[[], Any]) -> None:
    if all(r.label != label for r in _REQUIREMENTS):
        _REQUIREMENTS.append(FileRequirement(label, position, met))


def file_requirements() -> list[FileRequirement]:
    return list(_REQUIREMENTS)


# The list of people -----------------------------------------------------------------


class PeopleColumn:
    """A column of the list of people, with, if wanted, a filter and a search.

    Subclass it and register an instance. Rows are people annotated with ``present``
    (a pathway in progress), ``last_hire`` and ``last_exit``. Positions of parcours's
    own columns: name 10, identifier 20, situation 30, referent 50.
    """

    key: str = ""  # also the name of the filter's parameter in the address
    position: int = 100
    header: str = ""
    cell_template: str = ""  # a <td>, included with ``p`` (the row)
    filter_template: str = ""  # a field of the filter form, included with ``value``

    def annotate(self, people, *, today: dt.date):
        return people

    def search(self, word: str):
        """A condition (Q or Exists) matching one folded word of the search, or None."""
        return None

    def parse(self, query) -> Any:
        """This filter's value read from the query string; falsy when not asked."""
        return None

    def filter(self, people, value, *, today: dt.date):
        return people


_PEOPLE_COLUMNS: list[PeopleColumn] = []


def register_people_column(column: PeopleColumn) -> PeopleColumn:
    if all(c.key != column.key for c in _PEOPLE_COLUMNS):
        _PEOPLE_COLUMNS.append(column)
    return column


def people_columns() -> list[PeopleColumn]:
    return list(_PEOPLE_COLUMNS)


# Hours ------------------------------------------------------------------------------

_HOURS_WARNINGS: list[Callable] = []


def register_hours_warning(warning: Callable) -> Callable:
    if warning not in _HOURS_WARNINGS:
        _HOURS_WARNINGS.append(warning)
    return warning


def hours_warnings(*, person, months: list[dt.date], today: dt.date) -> list[str]:
    found = (w(person=person, months=months, today=today) for w in _HOURS_WARNINGS)
    return [text for text in found if text]
