"""Likely duplicates among the people of ONE structure (never another's).

Two files are likely the same person when they have the same NIR (digits and the
Corsican letters only, spaces ignored), or the same first and last name once folded
(``jalons.parcours.search.fold``: « Traoré » = « TRAORE ») with the same birth date,
or the same folded names when either birth date is missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jalons.parcours.models import Person
from jalons.parcours.search import fold


def normalise_nir(value: str | None) -> str:
    """The NIR without spaces, dots or dashes, upper case (2A/2B kept)."""
    return "".join(c for c in (value or "").upper() if c.isalnum())


def _names_key(first_name: str | None, last_name: str | None) -> tuple[str, str]:
    return (" ".join(fold(first_name).split()), " ".join(fold(last_name).split()))


def _active_people(structure):
    return Person.objects.filter(structure=structure, merged_into__isnull=True)


def _same(
    *,
    names: tuple[str, str],
    birth_date: dt.date | None,
    nir: str,
    other: Person,
) -> str:
    """Why ``other`` looks like the same person (French), or ""."""
    if nir and normalise_nir(other.nir) == nir:
        return "même NIR"
    if names[1] and names == _names_key(other.first_name, other.last_name):
        if birth_date and other.birth_date:
            return (
                "même nom, même prénom, même date de naissance"
                if (birth_date == other.birth_date)
                else ""
            )
        return "même nom et même prénom (date de naissance manquante)"
    return ""


@dataclass(frozen=True)
class Match:
    person: Person
    reason: str


def likely_duplicates(
    *,
    structure,
    first_name: str = "",
    last_name: str = "",
    birth_date: dt.date | None = None,
    nir: str = "",
    exclude_pk: int | None = None,
) -> list[Match]:
    """The people of ``structure`` who are likely the person described."""
    names = _names_key(first_name, last_name)
    nir = normalise_nir(nir)
    if not names[1] and not nir:
        return []
    people = _active_people(structure)
    if exclude_pk:
        people = people.exclude(pk=exclude_pk)
    matches = []
    # Folding is done in Python on the structure's people: a structure has at most a
    # few thousand files, and ``fold`` must agree exactly with the form's input.
    for other in people.only(
        "pk", "structure_id", "external_id", "first_name", "last_name", "birth_date", "nir"
    ):
        reason = _same(names=names, birth_date=birth_date, nir=nir, other=other)
        if reason:
            matches.append(Match(person=other, reason=reason))
    return matches


@dataclass(frozen=True)
class Pair:
    first: Person
    second: Person
    reason: str


def duplicate_pairs(*, structure) -> list[Pair]:
    """Every pair of likely duplicates of the structure, oldest file first in each."""
    people = list(_active_people(structure).order_by("pk"))
    by_nir: dict[str, list[Person]] = {}
    by_names: dict[tuple[str, str], list[Person]] = {}
    for person in people:
        if normalise_nir(person.nir):
            by_nir.setdefault(normalise_nir(person.nir), []).append(person)
        names = _names_key(person.first_name, person.last_name)
        if names[1]:
            by_names.setdefault(names, []).append(person)
    seen: set[tuple[int, int]] = set()
    pairs = []
    for group in [*by_nir.values(), *by_names.values()]:
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                key = (first.pk, second.pk)
                if key in seen:
                    continue
                reason = _same(
                    names=_names_key(first.first_name, first.last_name),
                    birth_date=first.birth_date,
                    nir=normalise_nir(first.nir),
                    other=second,
                )
                if reason:
                    seen.add(key)
                    pairs.append(Pair(first=first, second=second, reason=reason))
    return pairs


def situation_label(person: Person) -> str:
    """Where the person stands, in a few French words (latest pathway)."""
    latest = person.parcours.order_by("-hire_date").first()
    if latest is None:
        return "Sans parcours"
    if latest.exit_date is None:
        return f"En parcours depuis le {latest.hire_date:%d/%m/%Y}"
    return f"Sortie le {latest.exit_date:%d/%m/%Y}"
