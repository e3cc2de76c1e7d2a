"""Which dates can be entered, seen from today (issue 13). No Django.

One function per kind of date. The forms call them in their ``clean`` methods and the
import of an interchange folder calls them in ``jalons.echanges.checks.check_dates``,
so a date refused on a page is refused in a file, with the same words. ``today`` is
always a parameter. The reasons are written in ``docs/parcours.md`` (« Contrôles de
saisie des dates »):

- a date that records what happened (orientation, interview, follow-up call, incident,
  evaluation…) is never after today (``not_after_today``);
- a hire may be recorded up to ``HIRE_DAYS_AHEAD`` days ahead, not more;
- an exit is recorded once it has happened: a planned exit is announced by the end
  date of the contract and only counts once recorded, on or after its day;
- the follow-up at 3, 6 or 12 months is recorded no earlier than its due date minus
  ``FOLLOW_UP_TOLERANCE_DAYS``, and its date is never after today;
- the hours of a month are entered from the first day of that month;
- a birth date gives an age between ``MIN_AGE`` and ``MAX_AGE`` today.

Every function returns ``None`` when the date is possible, otherwise a French
sentence naming the date, what is wrong and what to do. ``fragment`` turns it into
the form of the import's messages (``fichier, ligne, colonne : …``).
"""

from __future__ import annotations

import datetime as dt

from jalons.rules.pass_iae import add_months

# A contract is often signed a few days or weeks before the first day of work.
HIRE_DAYS_AHEAD = 30
# A follow-up call a little before its due date still tells the situation at that date.
FOLLOW_UP_TOLERANCE_DAYS = 15
# Code du travail, art. L. 4153-1: no work before 16 (the exceptions do not concern
# insertion contracts). Above 80: almost certainly a typing error in the year.
MIN_AGE = 16
MAX_AGE = 80

MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def fr(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def month_label(month: dt.date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def fragment(message: str) -> str:
    """A sentence of this module as the end of an import message."""
    return message[:1].lower() + message[1:].rstrip(".")


# Facts ------------------------------------------------------------------------------


def latest_fact(today: dt.date) -> dt.date:
    """The latest date of something that has happened."""
    return today


def not_after_today(day: dt.date | None, *, today: dt.date, what: str) -> str | None:
    """``what``: the date named in the message, e.g. « la date de l'orientation »."""
    if day is None or day <= latest_fact(today):
        return None
    return (
        f"{_capitalised(what)} ({fr(day)}) est dans le futur (nous sommes le {fr(today)}) : "
        "on n'enregistre ici que ce qui a déjà eu lieu."
    )


# Hire and exit ----------------------------------------------------------------------


def latest_hire(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=HIRE_DAYS_AHEAD)


def hire_date_problem(day: dt.date | None, *, today: dt.date) -> str | None:
    if day is None or day <= latest_hire(today):
        return None
    return (
        f"La date d'embauche ({fr(day)}) est trop loin dans le futur : une embauche "
        f"s'enregistre au plus {HIRE_DAYS_AHEAD} jours à l'avance, soit jusqu'au "
        f"{fr(latest_hire(today))} (nous sommes le {fr(today)})."
    )


def latest_exit(today: dt.date) -> dt.date:
    return today


def exit_date_problem(day: dt.date | None, *, today: dt.date) -> str | None:
    if day is None or day <= latest_exit(today):
        return None
    return (
        f"La date de sortie ({fr(day)}) est dans le futur (nous sommes le {fr(today)}) : "
        "une sortie s'enregistre le jour où elle a lieu ou après. Une sortie prévue "
        "s'annonce par la date de fin du contrat et ne compte pas avant ce jour-là."
    )


# Follow-ups after the exit ----------------------------------------------------------


def follow_up_due(exit_date: dt.date, months: int) -> dt.date:
    return add_months(exit_date, months)


def follow_up_earliest(exit_date: dt.date, months: int) -> dt.date:
    """The first day the follow-up at ``months`` months can be recorded."""
    return follow_up_due(exit_date, months) - dt.timedelta(days=FOLLOW_UP_TOLERANCE_DAYS)


def follow_up_problem(
    *, exit_date: dt.date, months: int, obtained_on: dt.date | None, today: dt.date
) -> str | None:
    """``obtained_on``: the date of the follow-up; when it is empty, the follow-up is
    taken as obtained today."""
    future = not_after_today(obtained_on, today=today, what="la date du suivi")
    if future:
        return future
    when = obtained_on or today
    earliest = follow_up_earliest(exit_date, months)
    if when >= earliest:
        return None
    start = (
        f"Suivi à {months} mois trop tôt : il est prévu le "
        f"{fr(follow_up_due(exit_date, months))} ({months} mois après la sortie du "
        f"{fr(exit_date)}) et se saisit au plus tôt le {fr(earliest)} "
        f"({FOLLOW_UP_TOLERANCE_DAYS} jours avant)"
    )
    if obtained_on:
        return f"{start} ; la date du suivi indiquée est le {fr(obtained_on)}."
    return f"{start} ; nous sommes le {fr(today)}."


# Monthly hours -----------------------------------------------------------------------


def latest_month(today: dt.date) -> dt.date:
    """The first day of the latest month whose hours can be entered."""
    return today.replace(day=1)


def month_problem(month: dt.date | None, *, today: dt.date) -> str | None:
    if month is None or month.replace(day=1) <= latest_month(today):
        return None
    return (
        f"Les heures de {month_label(month)} ne se saisissent pas avant le début du mois "
        f"(nous sommes le {fr(today)}) : on déclare les heures travaillées."
    )


# Birth date --------------------------------------------------------------------------


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_date_problem(birth: dt.date | None, *, today: dt.date) -> str | None:
    if birth is None:
        return None
    future = not_after_today(birth, today=today, what="la date de naissance")
    if future:
        return future
    age = age_on(birth, today)
    if age < MIN_AGE:
        return (
            f"La date de naissance ({fr(birth)}) donne {age} ans : il faut avoir au moins "
            f"{MIN_AGE} ans pour travailler en insertion. Vérifiez l'année."
        )
    if age > MAX_AGE:
        return (
            f"La date de naissance ({fr(birth)}) donne {age} ans : au-delà de {MAX_AGE} ans, "
            "c'est sans doute une erreur de saisie. Vérifiez l'année."
        )
    return None
