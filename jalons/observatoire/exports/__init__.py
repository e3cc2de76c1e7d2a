"""An edition as an XLSX workbook or a CSV file, from the same data as the pages.

Hidden cells carry no value in the edition (``Cell.value is None``); here they become
the text "secret" (XLSX) or an empty value with a "secret" marker (CSV), never a
number. Every text goes through ``jalons.rules.tabular``: no spreadsheet can run a
label as a formula (string cells in the XLSX, an apostrophe in front in the CSV).

Readers see French everywhere: a rule set by its short title (« DGEFP 2014 (officiel) »,
``column_labels``, ``rule_set_label``), a hidden cell as « secret (primaire) » or
« secret (secondaire) » (``secret_label``, the same words in the XLSX and the CSV, the
PDF's calls 1 and 2), dates as JJ/MM/AAAA.

- ``common``: those words, shared by the page, the PDF, the XLSX and the CSV;
- ``csv``: the CSV file (French locale: ``;``, decimal comma, BOM);
- ``xlsx``: the workbook (cover, one sheet per table, definitions, printing), with
  ``xlsx_table`` (a table's sheet), ``xlsx_chart`` (its bar chart) and ``xlsx_layout``
  (fonts, widths, heights, number formats).
"""

from jalons.observatoire.exports.common import (
    REVISED_NOTE,
    SECRET,
    column_labels,
    reader_definitions,
    rule_set_label,
    safe_text,
    secret_explanations,
    secret_label,
)
from jalons.observatoire.exports.csv import CSV_DATE, CSV_HEADER, edition_to_csv
from jalons.observatoire.exports.xlsx import edition_label, edition_to_xlsx, sheet_title
from jalons.observatoire.exports.xlsx_chart import _table_plot as _table_plot  # tests
from jalons.observatoire.exports.xlsx_layout import COUNT_FORMAT, number_format

__all__ = [
    "COUNT_FORMAT",
    "CSV_DATE",
    "CSV_HEADER",
    "REVISED_NOTE",
    "SECRET",
    "column_labels",
    "edition_label",
    "edition_to_csv",
    "edition_to_xlsx",
    "number_format",
    "reader_definitions",
    "rule_set_label",
    "safe_text",
    "secret_explanations",
    "secret_label",
    "sheet_title",
]
