"""Passwords nobody would guess first: not a common French password with digits or signs
around it (« Motdepasse12 », « Azertyuiop12! », « M@rseille2024 »), and not the person's
own name or address (« Dupont2026!! » for Mme Dupont).

Django's ``CommonPasswordValidator`` compares the whole password with an English list;
a French user adds a year or a « ! » to « motdepasse » and passes it. Here the word at
the heart of the password is compared, once the digits and signs at both ends, the
accents, the separators inside and the usual substitutions (``@`` for ``a``, ``0`` for
``o``…) are taken away, with the 20 000 most common French passwords (list and source
in ``data/SOURCES.md``) and Django's list. The rule is the same wherever a password is
chosen (invitation, forgotten password, change, administration): Django calls the
validators of ``AUTH_PASSWORD_VALIDATORS`` in each of these forms.
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

FRENCH_LIST = Path(__file__).resolve().parent / "data" / "mots-de-passe-courants-fr.txt.gz"
SUBSTITUTIONS = str.maketrans(
    {"@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "€": "e", "$": "s", "5": "s"}
)
_ENDS = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_SEPARATORS = re.compile(r"[\s\-_.]+")
MIN_OWN_PART = 4  # shorter parts of a name (« Li », « cip ») are too common to refuse


def plain(text: str) -> str:
    """Lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def cores(password: str) -> set[str]:
    """The words a guesser would try for this password: itself, then the word left once
    the digits and signs at both ends are taken away, joined, and decoded."""
    text = plain(password)
    core = _ENDS.sub("", text)
    joined = _SEPARATORS.sub("", core)
    found = {text, core, joined, core.translate(SUBSTITUTIONS), joined.translate(SUBSTITUTIONS)}
    return {word for word in found if len(word) >= 3}


@functools.cache
def common_passwords() -> frozenset[str]:
    with gzip.open(FRENCH_LIST, "rt", encoding="utf-8") as file:
        french = {plain(line.strip()) for line in file if line.strip()}
    return frozenset(french | set(CommonPasswordValidator().passwords))


class FrenchCommonPasswordValidator:
    def validate(self, password, user=None):
        if cores(password) & common_passwords():
            raise ValidationError(
                "Ce mot de passe est trop courant : il fait partie des premiers essayés "
                "(même avec des chiffres ou des signes autour). Choisissez une phrase ou "
                "des mots sans lien entre eux.",
                code="password_too_common",
            )
        own = own_words(user)
        if any(part in word for part in own for word in cores(password)):
            raise ValidationError(
                "Le mot de passe ne doit pas reprendre votre nom, votre prénom ni votre "
                "adresse e-mail.",
                code="password_too_similar",
            )

    def get_help_text(self):
        return (
            "Votre mot de passe ne doit être ni un mot de passe courant, même avec des "
            "chiffres autour, ni votre nom, votre prénom ou votre adresse e-mail."
        )


def own_words(user) -> set[str]:
    """Name, first name and the parts of the e-mail address of ``user``."""
    if user is None:
        return set()
    words = set()
    email = getattr(user, "email", "") or ""
    local = email.partition("@")[0]  # the domain is the employer's, not the person's
    texts = [getattr(user, "first_name", ""), getattr(user, "last_name", ""), local]
    for text in texts:
        for part in re.split(r"[\W\d_]+", plain(text or "")):
            if len(part) >= MIN_OWN_PART:
                words.add(part)
    return words
