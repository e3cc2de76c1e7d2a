"""Search that ignores accents, case, hyphens and apostrophes, the same way on SQLite
and PostgreSQL: ``traore`` finds « Traoré », ``jean marie`` finds « Jean-Marie »,
``oeuvre`` finds « Œuvre ».

Python folds the words typed (``fold``); the database folds the column with ``Fold``:
PostgreSQL with ``translate`` (no extension to install: ``unaccent`` needs a
superuser), SQLite with a deterministic function registered on each connection.
Both use the one table below, so they cannot disagree.

It lives in the audit app, the lowest app that searches (the journal's search), so that
every app above can use it (``jalons.parcours.search`` imports it from here).
"""

from __future__ import annotations

import unicodedata

from django.db.models import CharField, Func, Value
from django.db.models.functions import Lower, Replace

# One character -> one character (what ``translate`` can do): the Latin letters met
# in names, upper and lower case (PostgreSQL's ``lower`` only knows ASCII in a
# database created with the C locale), and the hyphen and apostrophes as spaces.
_LETTERS = "àáâãäåāăąçćčďèéêëēĕėęěìíîïīĭįñńňòóôõöōŏőŕřśšşťùúûüũūŭůűųýÿźžż"
_LETTERS += _LETTERS.upper()
_FROM = _LETTERS + "ıđĐøØ" + "-'’‘"
_TO = "".join(unicodedata.normalize("NFKD", c)[0].lower() for c in _LETTERS) + "iddoo" + "    "
_TWO = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"}
_TABLE = str.maketrans(_FROM, _TO)


def fold(text: str | None) -> str:
    """The text as the database compares it: no accent, lower case, hyphens and
    apostrophes as spaces."""
    if not text:
        return ""
    for letter, plain in _TWO.items():
        text = text.replace(letter, plain)
    text = text.translate(_TABLE)
    # Anything the table does not know (a rarer accent): decomposed, marks removed.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.lower()


def search_words(query: str) -> list[str]:
    """The words of a query, folded; an empty query gives no word."""
    return fold(query).split()


class Fold(Func):
    """``fold`` as a database expression on a text column."""

    output_field = CharField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="jalons_fold", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        expression = self.source_expressions[0]
        for letter, plain in _TWO.items():
            expression = Replace(expression, Value(letter), Value(plain))
        translated = Func(expression, Value(_FROM), Value(_TO), function="translate")
        return Lower(translated, output_field=CharField()).as_sql(compiler, connection)

    def as_sql(self, compiler, connection, function=None, **extra):
        if connection.vendor not in ("sqlite", "postgresql"):  # others: case only
            return Lower(self.source_expressions[0]).as_sql(compiler, connection)
        return super().as_sql(compiler, connection, function=function, **extra)


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: gives SQLite the ``jalons_fold`` function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("jalons_fold", 1, fold, deterministic=True)
