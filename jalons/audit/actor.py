"""Who acts: the one small, immutable value the services receive and the journal
records as the author of each entry.

A page builds it from the request (``Actor.from_request``: the signed-in user, the
role the access table gave them in the structure, the address), the command line
from the command and the system account that ran it (``Actor.from_command``). Every
entry of the journal thus has an author: a person, or « ligne de commande : jalons
importer (compte système jalons) »; never nobody.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any


def system_account() -> str:
    """The system account that runs the command (« inconnu » if it cannot be told)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name and no entry in the password file
        return "inconnu"


@dataclass(frozen=True)
class Actor:
    user: Any = None  # the signed-in user, or None for a command
    role: str = ""  # « direction », « cip »… as the access table names it
    structure: Any = None  # the structure the action is done in, when there is one
    ip: str | None = None
    command: str = ""  # « jalons importer (compte système jalons) »

    @classmethod
    def from_request(cls, request, *, role: str = "", structure=None) -> Actor:
        # Imported here: importing Actor (the command line does) needs no Django setup.
        from jalons.audit.services import client_ip

        user = getattr(request, "user", None)
        if user is not None and not user.is_authenticated:
            user = None
        return cls(user=user, role=role, structure=structure, ip=client_ip(request))

    @classmethod
    def from_command(cls, command: str, *, role: str = "ligne de commande") -> Actor:
        return cls(role=role, command=f"{command} (compte système {system_account()})")

    @property
    def user_email(self) -> str:
        return self.user.email if self.user is not None else ""

    @property
    def author(self) -> str:
        """The author as the journal shows it."""
        if self.user is not None:
            return self.user.email
        if self.command:
            return f"Ligne de commande : {self.command}"
        return "Jalons"
