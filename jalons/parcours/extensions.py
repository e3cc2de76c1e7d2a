"""What other apps add to a person's file, without the parcours app knowing them.

An app registers a provider in its ``AppConfig.ready()``::

    from jalons.parcours.extensions import register_person_section

    register_person_section(my_provider)

``my_provider(*, request, structure, role, person, today)`` returns a ``Section``
(or None): a template included in the file with ``section`` (its context) and, if
any, events added to the chronology (``jalons.parcours.selectors.Event``). Providers
read through selectors that take the structure, like every view.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)
    events: list = field(default_factory=list)
    order: int = 50


_PROVIDERS: list[Callable] = []


def register_person_section(provider: Callable) -> Callable:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def person_sections(*, request, structure, role, person, today) -> list[Section]:
    sections = []
    for provider in _PROVIDERS:
        section = provider(
            request=request, structure=structure, role=role, person=person, today=today
        )
        if section is not None:
            sections.append(section)
    return sorted(sections, key=lambda s: s.order)
