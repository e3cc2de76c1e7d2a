"""The rules of the data·inclusion schema for what a structure writes for the public.

One place for every check: the form of the public listing runs them as the team saves,
the export runs them again before writing the file (``data_inclusion.listing_problems``).
Each check returns ``None`` or a French message that does not repeat the field's name
(the caller says which field and where).

Source: the Python package ``data-inclusion-schema`` 1.0.10, models
``data_inclusion.schema.v1.Structure`` and ``Service``:

- ``Structure.description`` and ``Service.description``: 5 to 10 000 characters; the
  service's is "ideally between 200 and 2 000" and the schema's quality score
  (``score_qualite.description_bien_definie``) gives 0 to a description under 50
  characters. Jalons asks for 50 at least (under that, a reader learns nothing) and
  advises 200 to 2 000, without blocking.
- ``nom``: 3 to 150 characters, no final full stop (except "etc.").
- ``telephone``: one number, E.164 preferred (Jalons writes French numbers as +33…).
- ``courriel``: an address (RFC 5322); ``site_web``: an http(s) URL.
- ``horaires_accueil``: the OpenStreetMap ``opening_hours`` format; Jalons accepts its
  common subset (days, public holidays, time ranges, ``off``, ``24/7``) and shows it in
  French in the preview.

The tests check these rules against the package itself (``tests/offre/test_data_inclusion*``).
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

SCHEMA_PACKAGE = "data-inclusion-schema"
SCHEMA_VERSION = "1.0.10"


def number(n: int) -> str:
    """12 345 as a French reader writes it (non-breaking space)."""
    return f"{n:,}".replace(",", "\u00a0")


@dataclass(frozen=True)
class TextRule:
    minimum: int
    maximum: int
    ideal: tuple[int, int] | None = None


PRESENTATION = TextRule(minimum=50, maximum=10_000)
DESCRIPTION = TextRule(minimum=50, maximum=10_000, ideal=(200, 2_000))
NAME = TextRule(minimum=3, maximum=150)


def text_error(rule: TextRule, value: str, *, required: bool) -> str | None:
    length = len(value.strip())
    if length == 0:
        if required:
            return f"à rédiger avant la publication ({number(rule.minimum)} caractères au moins)."
        return None
    if length < rule.minimum:
        return (
            f"{number(length)} caractère{'s' if length > 1 else ''} : il en faut "
            f"{number(rule.minimum)} au moins pour data·inclusion."
        )
    if length > rule.maximum:
        return (
            f"{number(length)} caractères : data·inclusion en accepte "
            f"{number(rule.maximum)} au plus."
        )
    return None


def text_advice(rule: TextRule, value: str) -> str | None:
    """A non-blocking advice when a valid text is outside the schema's ideal length."""
    length = len(value.strip())
    if rule.ideal is None or not length or text_error(rule, value, required=False):
        return None
    low, high = rule.ideal
    if low <= length <= high:
        return None
    return (
        f"{number(length)} caractères : data·inclusion conseille {number(low)} à "
        f"{number(high)} caractères, en phrases courtes."
    )


def name_error(value: str) -> str | None:
    error = text_error(NAME, value, required=True)
    if error:
        return error
    if value.strip().endswith(".") and not value.strip().endswith("etc."):
        return "ne doit pas se terminer par un point."
    return None


# Telephone ----------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s.\-()]")


def phone_error(value: str) -> str | None:
    if not value.strip():
        return None
    if phone_e164(value) is None:
        return (
            f"« {value.strip()} » n'est pas un numéro de téléphone : indiquez un seul "
            "numéro, par exemple 03 27 00 00 01 ou +33 3 27 00 00 01."
        )
    return None


def phone_e164(value: str) -> str | None:
    """+33327000001 for « 03 27 00 00 01 »; None when it is not one phone number."""
    digits = _SEPARATORS.sub("", value.strip())
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        return "+33" + digits[1:]
    if re.fullmatch(r"\+33[1-9]\d{8}", digits):
        return digits
    if re.fullmatch(r"\+(?!33)[1-9]\d{7,14}", digits):
        return digits
    return None


def phone_display(value: str) -> str:
    """« 03 27 00 00 01 » for a French number, else the number as given."""
    e164 = phone_e164(value)
    if e164 is None or not e164.startswith("+33"):
        return value.strip()
    national = "0" + e164[3:]
    return " ".join(national[i : i + 2] for i in range(0, 10, 2))


# E-mail and website -------------------------------------------------------------------


def email_error(value: str) -> str | None:
    if not value.strip():
        return None
    try:
        EmailValidator()(value.strip())
    except ValidationError:
        return (
            f"« {value.strip()} » n'est pas une adresse de courriel : par exemple "
            "contact@structure.fr."
        )
    return None


def website_error(value: str) -> str | None:
    if not value.strip():
        return None
    try:
        URLValidator(schemes=["http", "https"])(value.strip())
    except ValidationError:
        return (
            f"« {value.strip()} » n'est pas l'adresse d'un site web : par exemple "
            "https://www.structure.fr."
        )
    if len(value.strip()) > 200:
        return "l'adresse dépasse 200 caractères."
    return None


# Opening hours (OpenStreetMap format) -------------------------------------------------

DAYS = {
    "Mo": "lundi",
    "Tu": "mardi",
    "We": "mercredi",
    "Th": "jeudi",
    "Fr": "vendredi",
    "Sa": "samedi",
    "Su": "dimanche",
}
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAY_ITEM = rf"(?:{_DAY}(?:-{_DAY})?|PH)"
_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_SPAN = rf"{_TIME}-{_TIME}"
_RULE = re.compile(
    rf"(?P<days>{_DAY_ITEM}(?:,{_DAY_ITEM})*)?\s*(?P<times>{_SPAN}(?:,{_SPAN})*|off|closed)?"
)
HOURS_EXAMPLE = "Mo-Fr 08:30-12:00,13:30-17:00; PH off"


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _rules(value: str) -> list[re.Match] | None:
    """The rules of an opening_hours value, or None when its syntax is not understood."""
    rules = []
    for part in value.split(";"):
        part = part.strip()
        match = _RULE.fullmatch(part)
        if not part or match is None or not (match["days"] or match["times"]):
            return None
        rules.append(match)
    return rules


def _reversed_span(rules: list[re.Match]) -> str | None:
    for rule in rules:
        for span in (rule["times"] or "").split(","):
            if "-" in span:
                start, end = span.split("-")
                if _minutes(start) >= _minutes(end) or _minutes(end) > 24 * 60:
                    return span
    return None


def opening_hours_error(value: str) -> str | None:
    value = value.strip()
    if not value or value == "24/7":
        return None
    if len(value) > 200:
        return "200 caractères au plus."
    rules = _rules(value)
    if rules is None:
        return (
            f"« {value} » n'est pas au format OpenStreetMap que demande data·inclusion : "
            f"jours en anglais abrégés (Mo Tu We Th Fr Sa Su, PH pour les jours fériés), "
            f"heures sur 24 h, règles séparées par « ; », par exemple « {HOURS_EXAMPLE} »."
        )
    span = _reversed_span(rules)
    if span:
        return f"« {span} » : l'heure de fin doit suivre l'heure de début (24:00 au plus tard)."
    return None


def _french_time(hhmm: str) -> str:
    hours, minutes = hhmm.split(":")
    return f"{int(hours)}\u00a0h" + (f"\u00a0{minutes}" if minutes != "00" else "")


def _french_days(days: str) -> str:
    items = []
    for item in days.split(","):
        if item == "PH":
            items.append("les jours fériés")
        elif "-" in item:
            start, end = item.split("-")
            items.append(f"du {DAYS[start]} au {DAYS[end]}")
        else:
            items.append(f"le {DAYS[item]}")
    return ", ".join(items)


def opening_hours_french(value: str) -> list[str]:
    """« Mo-Fr 08:30-12:00 » as « Du lundi au vendredi : de 8 h 30 à 12 h »; one line a rule."""
    value = value.strip()
    if value == "24/7":
        return ["Tous les jours, 24 h sur 24"]
    rules = _rules(value) if value else None
    if not rules or _reversed_span(rules):
        return [value] if value else []
    lines = []
    for rule in rules:
        days = _french_days(rule["days"]) if rule["days"] else "tous les jours"
        times = rule["times"]
        if times in ("off", "closed"):
            hours = "fermé"
        elif times:
            spans = [span.split("-") for span in times.split(",")]
            hours = " et ".join(f"de {_french_time(a)} à {_french_time(b)}" for a, b in spans)
        else:
            hours = "toute la journée"
        lines.append(f"{days[0].upper()}{days[1:]} : {hours}")
    return lines
