"""What readers see in every format: the words of « secret », of a rule set, of the
headers. The page and the PDF (``jalons.observatoire.pdf``) use them as the XLSX and
the CSV do, so that a reader finds the same words everywhere."""

from jalons.observatoire.edition import PRIMARY, SECONDARY, Edition, Row, Table
from jalons.rules import builtin_names, short_title
from jalons.rules.tabular import escape

SECRET = "secret"


def safe_text(text) -> str:
    """A label as a CSV cell that spreadsheets show as text, never evaluate."""
    return escape(str(text))


def secret_explanations(edition: Edition) -> dict[str, str]:
    """Why a cell is « secret » (primary, secondary) or shows revised figures: the notes
    of the page and the PDF, the legend of the XLSX (``docs/observatoire.md``)."""
    t = edition.thresholds
    return {
        PRIMARY: (
            f"moins de {t.structures} structures ou de {t.people} personnes dans la case, "
            "ou dans ce qu'il en reste une fois retirées les structures publiées sous leur "
            "nom : le chiffre permettrait de reconnaître une structure"
        ),
        SECONDARY: (
            "masquée pour protéger une structure : sans elle, une case secrète, ou les "
            f"chiffres de moins de {t.structures} structures ou de {t.people} personnes, se "
            "retrouveraient en combinant des cases publiées (total moins les autres lignes, "
            "autres tableaux, trimestres, autres périmètres, éditions précédentes)"
        ),
        "revise": REVISED_NOTE,
    }


REVISED_NOTE = (
    "la ligne montre la valeur de l'édition précédente, car la différence entre "
    "l'ancienne et la nouvelle valeur ferait apparaître les chiffres d'une ou deux "
    "structures (correction, adhésion, départ)"
)


def reader_definitions(edition: Edition) -> list[tuple[str, str]]:
    """The edition's definitions, « secret » explained as in the notes (both kinds, the
    structures published by name included). An edition keeps the definitions of its
    publication; the explanation is the reader's, given at display time."""
    notes = secret_explanations(edition)
    complete = (
        f"Case masquée, sans aucune valeur. Secret primaire : {notes[PRIMARY]}. "
        f"Secret secondaire : {notes[SECONDARY]}."
    )
    return [(label, complete if label == SECRET else text) for label, text in edition.definitions]


def secret_label(reason: str) -> str:
    """« secret (primaire) », « secret (secondaire) »: a hidden cell in the XLSX and the
    CSV (the PDF and the page: « secret » and the call 1 or 2 of its note)."""
    return f"{SECRET} ({reason})" if reason in (PRIMARY, SECONDARY) else SECRET


def row_reason(row: Row) -> str:
    """Why a row is hidden (the reason of its first hidden cell), "" when it is not."""
    return next((c.reason for c in row.cells if c.hidden), "")


def rule_set_label(name: str, version: str = "") -> str:
    """« DGEFP 2014 (officiel), version 1 »: a rule set as a reader sees it."""
    return f"{short_title(name)}, version {version}" if version else short_title(name)


def column_labels(table: Table) -> list[str]:
    """The headers of a table as readers see them: the rule sets of the « taux par jeu de
    règles » tables by their short title (« ETTI 450 h », not « etti-450h »); the
    edition keeps the identifiers."""
    if table_family(table.key)[0] == "regles":
        return [short_title(name) for name in table.columns]
    shipped = builtin_names()  # a header that is a rule set's identifier, in any table
    return [short_title(name) if name in shipped else name for name in table.columns]


def table_family(key: str) -> tuple[str, str]:
    """("sorties", "departement") for "sorties_par_departement", ("activite", "") for
    "structures_activite"."""
    if key.startswith("structures_"):
        return key.removeprefix("structures_"), ""
    family, _, dimension = key.rpartition("_par_")
    return (family, dimension) if family else (key, "")
