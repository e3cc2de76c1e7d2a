"""French agreement for generated documents: plural of a counted noun, gender of a
job title or participle. No Django import: the Offre de Services exports use it too.

- ``plural``: 0 and 1 take the singular in French (« 0 sortie », « 1 sortie »,
  « 2 sorties »), unlike English and Django's ``pluralize``.
- ``gendered``: turns an inclusive form (« Agent·e de tri », « Préparateur·rice »,
  « salarié(e) ») into the masculine or the feminine when the person's gender is known,
  and leaves it inclusive when it is not.
"""

import re

from jalons.rules.arith import shown

FEMININE, MASCULINE = "f", "m"


def count_fr(count) -> str:
    """1234 -> '1 234' (narrow no-break space), 2.5 -> '2,5'."""
    if isinstance(count, float) and not count.is_integer():
        return f"{shown(count, 1):,.1f}".replace(",", "\u202f").replace(".", ",")
    return f"{int(count):,}".replace(",", "\u202f")


def plural_form(count, singular: str, many: str | None = None) -> str:
    """The noun (or phrase) agreed with ``count``; ``many`` defaults to singular + s
    (give it for a phrase: « sortie dynamique » / « sorties dynamiques »)."""
    if abs(count or 0) < 2:
        return singular
    if many:
        return many
    return singular if singular.endswith(("s", "x", "z")) else singular + "s"


def plural(count, singular: str, many: str | None = None) -> str:
    """« 0 sortie », « 1 sortie », « 2 sorties », « 1 234 sorties »."""
    return f"{count_fr(count or 0)} {plural_form(count, singular, many)}"


# Feminine ending written after the point médian -> (masculine ending it replaces,
# feminine ending). « Préparateur·rice »: drop « eur », add « rice ».
_ENDINGS = {
    "e": ("", "e"),
    "ne": ("", "ne"),
    "le": ("", "le"),
    "te": ("", "te"),
    "sse": ("", "sse"),
    "ère": ("er", "ère"),
    "ière": ("ier", "ière"),
    "rice": ("eur", "rice"),
    "ice": ("eur", "rice"),
    "trice": ("teur", "trice"),
    "euse": ("eur", "euse"),
    "se": ("r", "se"),
    "ve": ("f", "ve"),
}
_INCLUSIVE = re.compile(
    r"(?P<stem>\w+)(?:·(?P<end>\w+?)(?:·?(?P<plural>s))?|\((?P<paren>\w+?)\)(?P<plural2>s)?)(?!\w)"
)


def _agree(match: re.Match, gender: str) -> str:
    stem = match["stem"]
    end = match["end"] or match["paren"]
    many = "s" if (match["plural"] or match["plural2"]) else ""
    if end not in _ENDINGS:
        return match[0]  # an ending we do not know stays as written
    drop, add = _ENDINGS[end]
    if gender == MASCULINE:
        return stem + many
    if drop and not stem.endswith(drop):
        return match[0]
    return stem[: len(stem) - len(drop)] + add + many


def gendered(text: str, gender: str | None) -> str:
    """« Agent·e de tri » -> « Agente de tri » (f) or « Agent de tri » (m); unchanged
    when the gender is unknown (``None`` or "")."""
    if gender not in (FEMININE, MASCULINE) or not text:
        return text
    return _INCLUSIVE.sub(lambda m: _agree(m, gender), text)


def file_size(size) -> str:
    """A file's size as French software writes it: « 834 octets », « 12 Ko »,
    « 1,4 Mo » (1 Ko = 1 024 octets, as the file explorers count)."""
    size = int(size or 0)
    if size < 1024:
        return plural(size, "octet")
    for unit in ("Ko", "Mo", "Go"):
        size /= 1024
        if size < 1024 or unit == "Go":
            break
    text = f"{size:.0f}" if size >= 10 else f"{size:.1f}".replace(".", ",").replace(",0", "")
    return f"{text}\u00a0{unit}"


# Vowels that elide « que », « de », « le » before a first name (the h is left alone:
# « de Hugo » and « d'Hélène » both occur, and a name does not say which).
_ELIDING = set("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


def elided(word: str, following: str) -> str:
    """« que » before « Élodie » is « qu'Élodie », before « Farid » « que Farid »: the word
    with the space or apostrophe that joins it to what follows."""
    following = str(following or "").lstrip()
    if following[:1] in _ELIDING and word in ("que", "de", "le", "la", "ne", "je"):
        return f"{word[:-1]}’"
    return f"{word} "


# French typography of a text (Imprimerie nationale, as the administration writes):
# a no-break space before « : » and « » », after « « », between a number and its unit
# (€, %, h, mois, ans, ETP); a narrow no-break space before « ; ? ! ». The space must be
# there already: « 21,75 h; » is a text to correct where it is written, not here.
NBSP, NARROW_NBSP = "\u00a0", "\u202f"
_BEFORE_WIDE = re.compile(r"(?<=\S) (?=[:»])")
_BEFORE_NARROW = re.compile(r"(?<=\S) (?=[;?!])")
_AFTER_QUOTE = re.compile(r"« ")
_UNIT = re.compile(r"(?<=\d) (?=(?:€|%|h\b|k€|M€|mois\b|ans?\b|ETP\b))")
_ORDINAL = re.compile(r"\b(\d+(?:er|re|e)) (?=(?:trimestre|semestre)s?\b)")


def french_spacing(text: str, previous: str = "") -> str:
    """« Source : 12 % » with the no-break spaces of French typography. ``previous`` is
    the character written just before ``text`` (when a paragraph is cut into runs), so
    that a space starting ``text`` is joined like the others."""
    if not text or " " not in text:
        return text
    joined = (previous[-1:] or "\n") + text
    joined = _BEFORE_WIDE.sub(NBSP, joined)
    joined = _BEFORE_NARROW.sub(NARROW_NBSP, joined)
    joined = _AFTER_QUOTE.sub("«" + NBSP, joined)
    joined = _UNIT.sub(NBSP, joined)
    joined = _ORDINAL.sub("\\1" + NBSP, joined)  # « 1er trimestre » on one line
    return joined[1:]


_TAG = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"<(style|script)\b", re.IGNORECASE)


def french_spacing_html(html: str) -> str:
    """The text of an HTML document with French spacing; tags, attributes, style and
    script left as they are."""
    out, previous, raw = [], "", None
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            out.append(piece)
            if raw and piece.lower().startswith(f"</{raw}"):
                raw = None
            elif match := _RAW.match(piece):
                raw = match[1].lower()
            continue
        if raw or not piece:
            out.append(piece)
            continue
        fixed = french_spacing(piece, previous)
        out.append(fixed)
        previous = fixed[-1:]
    return "".join(out)
