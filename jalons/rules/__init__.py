"""Jalons rules engine: exit indicators of SIAE under dated rule sets.

Pure Python plus polars and PyYAML; never imports Django (a test enforces it), so it
runs on CSV files without any database and the web app can call it with plain data.

Public API
----------
``load_rule_set(name_or_path) -> RuleSet``
    A shipped rule set (``circulaire-2008``, ``uriae-2009``, ``etti-450h``,
    ``dgefp-2014``) or a custom YAML file with ``herite_de``. Raises ``InvalidRules``.
``builtin_names() -> list[str]``
    Names of the shipped rule sets.
``read_folder(path) -> Tables``
    Reads and checks an interchange folder (contract sections 1 and 2). Raises
    ``InvalidFolder`` whose ``problems`` lists every ``Problem(fichier, ligne,
    colonne, message)``. ``Tables.avertissements`` holds warnings (ignored files).
``Tables.build(structures=..., parcours=..., heures=None, suivis=None,
orientations=None, accompagnements=None, formations=None) -> Tables``
    Builds the input from polars DataFrames (e.g. from the database). Columns are
    those of the CSV files, already parsed: dates as ``pl.Date``, ``mois`` as the
    first day of the month, numbers as ``Float64`` (hours, minutes), booleans as
    ``Boolean``, ``motif_sortie`` and ``situation`` as motif slugs (or
    ``"inconnue"``). The engine trusts its input: check it as ``read_folder`` does.
``compute(tables, rule_sets, du, au, date_reference, detail=False) -> dict``
    The result document of the contract (section 5): ``periode``,
    ``date_reference``, ``calculs`` (one per rule set, in order, each with
    ``structures``, ``ensemble``, optional ``sorties_detail`` and a ``trace``).
    The same tables give the same document, whatever path built them.
``load_referential() -> Referential``
    Motif referential, motif->group tables and references.

Rule data lives in ``jalons/rules/data/`` (see ``docs/regles.md``); the indicators
and their trace are described in ``docs/indicateurs.md``.
"""

from jalons.rules.engine import compute
from jalons.rules.errors import InvalidFolder, InvalidInput, InvalidRules, Problem
from jalons.rules.reader import read_folder
from jalons.rules.referential import load_referential
from jalons.rules.rulesets import RuleSet, builtin_names, load_rule_set, short_title
from jalons.rules.tables import Tables

__all__ = [
    "InvalidFolder",
    "InvalidInput",
    "InvalidRules",
    "Problem",
    "RuleSet",
    "Tables",
    "builtin_names",
    "compute",
    "load_referential",
    "load_rule_set",
    "read_folder",
    "short_title",
]
