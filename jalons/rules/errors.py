"""Problems found in input files, reported all at once with file, line and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place of one file. Messages are in French (users read them)."""

    fichier: str
    ligne: int | None
    colonne: str | None
    message: str

    def __str__(self) -> str:
        where = [self.fichier]
        if self.ligne is not None:
            where.append(f"ligne {self.ligne}")
        if self.colonne is not None:
            where.append(f"colonne {self.colonne}")
        return f"{', '.join(where)} : {self.message}"


class InvalidInput(Exception):
    """Raised with every problem found; nothing is computed from invalid input."""

    def __init__(self, problems: list[Problem], warnings: tuple[str, ...] = ()):
        self.problems = sorted(problems, key=_sort_key)
        self.warnings = tuple(warnings)
        super().__init__("\n".join(str(p) for p in self.problems))


def _sort_key(p: Problem) -> tuple:
    return (p.fichier, p.ligne or 0, p.colonne or "", p.message)


class InvalidFolder(InvalidInput):
    """A CSV interchange folder that breaks the contract (section 2)."""


class InvalidRules(InvalidInput):
    """A rule-data file (YAML) that the strict loader rejects."""
