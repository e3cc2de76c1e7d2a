"""An edition as a CSV file: a French-locale file, what French Excel opens correctly by
double-click: semicolon separator, UTF-8 with BOM, decimal comma in ``valeur`` (a number
a spreadsheet can add up, full precision, no thousands separator, no unit) and the
page's formatting in ``valeur_affichee``. A hidden cell has an empty value and a
« secret (primaire) » or « secret (secondaire) » marker, never a number; every text
goes through ``jalons.rules.tabular`` (an apostrophe in front of what a spreadsheet
would run as a formula). The CSV keeps the rule set's identifier in its code column
``jeu_de_regles``."""

import io

from django.utils.timezone import localtime

from jalons.observatoire.edition import Edition
from jalons.observatoire.exports.common import column_labels, secret_label
from jalons.rules.tabular import CsvWriter

CSV_HEADER = [
    "perimetre",
    "periode",
    "jeu_de_regles",
    "version",
    "calcule_le",
    "edition",
    "publiee_le",
    "tableau",
    "titre",
    "dimension",
    "ligne",
    "total",
    "structures",
    "colonne",
    "valeur",
    "valeur_affichee",
    "secret",
]


# What a French spreadsheet reads as a date and time (« 04/12/2026 19:48 »).
CSV_DATE = "%d/%m/%Y %H:%M"


def edition_to_csv(edition: Edition) -> str:
    """One line per table × row × column, each carrying the perimeter, the period and
    the rule set with its version; French locale (``;``, decimal comma, BOM, dates
    JJ/MM/AAAA HH:MM). ``jeu_de_regles`` is the rule set's identifier (a code); the
    ``colonne`` of the « taux par jeu de règles » tables, a label, is its short title."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = CsvWriter(buffer, decimal=",", delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    stamp = [
        edition.perimeter.label,
        edition.period_label,
        edition.rule_set,
        edition.rule_set_version,
        localtime(edition.computed_at).strftime(CSV_DATE),
        edition.number or None,
        localtime(edition.published_at).strftime(CSV_DATE) if edition.published_at else "",
    ]
    for table in [*edition.tables, *edition.structures]:
        for row in table.rows:
            for column, cell in zip(column_labels(table), row.cells, strict=True):
                if cell.hidden:
                    value, shown, marker = None, "", secret_label(cell.reason)
                else:
                    value, shown, marker = cell.value, cell.display, ""
                writer.writerow(
                    [
                        *stamp,
                        table.key,
                        table.title,
                        table.dimension,
                        row.label,
                        "oui" if row.is_total else "non",
                        row.structures,
                        column,
                        value,
                        shown,
                        marker,
                    ]
                )
    return buffer.getvalue()
