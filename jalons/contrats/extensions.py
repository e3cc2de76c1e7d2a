"""What other apps say about contracts, without the contrats app knowing them.

pass_iae sits above contrats: it registers, from its ``AppConfig.ready()``, the
warning shown once a contract is saved beyond the end of the PASS IAE and the lead of
the contract form. Both are advice, never refusals.

- ``register_contract_warning(warning)``: ``warning(*, contract, today, saved)``
  returns a French warning about a contract just saved (``saved``) or shown, or None.
- ``register_contract_form_lead(lead)``: ``lead(*, person, today)`` returns a French
  sentence said above the contract form, or "".
"""

import datetime as dt
from collections.abc import Callable

_WARNINGS: list[Callable] = []
_LEADS: list[Callable] = []


def register_contract_warning(warning: Callable) -> Callable:
    if warning not in _WARNINGS:
        _WARNINGS.append(warning)
    return warning


def register_contract_form_lead(lead: Callable) -> Callable:
    if lead not in _LEADS:
        _LEADS.append(lead)
    return lead


def contract_warnings(*, contract, today: dt.date, saved: bool = True) -> list[str]:
    found = (w(contract=contract, today=today, saved=saved) for w in _WARNINGS)
    return [text for text in found if text]


def contract_form_lead(*, person, today: dt.date) -> str:
    return " ".join(text for text in (lead(person=person, today=today) for lead in _LEADS) if text)
