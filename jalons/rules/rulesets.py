"""Rule sets: dated parameters read strictly from YAML, with inheritance.

A rule set file names its family of motif groups (``famille``) and gives each
parameter as dated values, OpenFisca style::

    parametres:
      heures_minimales:
        description: ...
        documentation: ...            # interpretation choices
        last_value_still_valid_on: 2026-01-15
        par_type_siae:                # or ``valeurs:`` for a parameter common to all types
          ETTI:
            2014-02-05: {valeur: 150, references: [P1], verification: V}

A value applies from its date until the next one; ``null`` means "no condition".
Before its first date a rule set still applies its first value (retrospective
reading, so variants can be compared side by side on any year).

A custom file sets ``herite_de: <name or path>`` and overrides any parameter, either
in the full form above or in a short form, ``heures_minimales: {ETTI: 450}`` or
``durable_temps_plein_uniquement: true``, whose reference is the file itself.

What is read is plain data (``ruleset_model``: ``RuleSet``, ``Parameter``,
``DatedValue``).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from jalons.rules.errors import InvalidRules, Problem
from jalons.rules.referential import (
    DATA_DIR,
    Checker,
    Reference,
    load_referential,
    parse_reference_block,
)
from jalons.rules.ruleset_model import (
    PARAMETER_SPECS,
    SINCE_ALWAYS,
    DatedValue,
    Parameter,
    RuleSet,
)
from jalons.rules.vocabulary import TYPES_SIAE
from jalons.rules.yamlstrict import YamlMap, load_yaml

RULESETS_DIR = DATA_DIR / "jeux"
FILE_REFERENCE = "FICHIER"

RULESET_KEYS = {
    "nom",
    "version",
    "titre",
    "titre_court",
    "description",
    "documentation",
    "famille",
    "herite_de",
    "parametres",
    "references",
}
PARAMETER_KEYS = {
    "description",
    "unite",
    "documentation",
    "last_value_still_valid_on",
    "par_type_siae",
    "valeurs",
}
VALUE_KEYS = {"valeur", "references", "verification", "documentation"}


def builtin_names() -> list[str]:
    order = ["circulaire-2008", "uriae-2009", "etti-450h", "dgefp-2014"]
    names = [p.stem for p in RULESETS_DIR.glob("*.yaml")]
    return sorted(names, key=lambda n: (order.index(n) if n in order else len(order), n))


def short_title(name: str) -> str:
    """What a reader sees for a rule set in a column header or a chart (« ETTI 450 h »,
    never its file name); the name itself when it cannot be loaded."""
    if name in builtin_names():
        return _shipped_short_title(name)
    try:
        return load_rule_set(name).titre_court
    except InvalidRules:
        return name


@functools.lru_cache(maxsize=8)
def _shipped_short_title(name: str) -> str:
    return load_rule_set(name).titre_court


def load_rule_set(name_or_path: str | Path) -> RuleSet:
    """A shipped rule set by name, or a YAML file by path. Raises InvalidRules."""
    return _load(str(name_or_path), base_dir=Path.cwd(), stack=())


def _resolve(name: str, base_dir: Path) -> tuple[Path, bool]:
    if name in builtin_names():
        return RULESETS_DIR / f"{name}.yaml", True
    if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
        path = Path(name)
        return (path if path.is_absolute() else base_dir / path), False
    available = ", ".join(builtin_names())
    raise InvalidRules(
        [
            Problem(
                name,
                None,
                None,
                f"jeu de règles inconnu « {name} » (jeux livrés : {available} ; "
                "ou chemin d'un fichier .yaml)",
            )
        ]
    )


def _load(name: str, base_dir: Path, stack: tuple[Path, ...]) -> RuleSet:
    """The rule set ``name`` (a shipped name or a path from ``base_dir``), read strictly
    after the rule sets it inherits from (``stack``: those being read); every problem of
    the file in one ``InvalidRules``, in the order of the file's checks."""
    path, shipped = _resolve(name, base_dir)
    path = path.resolve()
    label = f"jalons/rules/data/jeux/{path.name}" if shipped else name
    if path in stack:
        cycle = " → ".join(p.name for p in (*stack, path))
        raise InvalidRules([Problem(label, None, None, f"héritage circulaire : {cycle}")])
    data = load_yaml(path, label)
    check = Checker(label)
    if not check.mapping(None, None, data, "jeu de règles"):
        check.raise_if_any()
    referential = load_referential()
    allowed = RULESET_KEYS | (set() if shipped else set(PARAMETER_SPECS))
    check.keys(
        data, allowed, {"nom", "version", "titre", "famille"} if shipped else set(), "le jeu"
    )
    parent = _parent(check, data, path, stack, shipped=shipped)
    references = _references(check, data, parent, referential, label, shipped=shipped)
    nom = str(data.get("nom") or path.stem)
    famille = str(data.get("famille") or (parent.famille if parent else ""))
    if famille not in referential.tables:
        known = ", ".join(referential.tables)
        check.add(data, "famille", f"famille de motifs inconnue « {famille} » (connues : {known})")
    parametres = _parameters(check, data, parent, references, nom, shipped=shipped)
    check.raise_if_any()
    version = data.get("version", "1")
    inherits = parent is not None and "nom" not in data  # the parent under another file
    titre = str(data.get("titre") or (parent.titre if inherits else nom))
    short = parent.titre_court if inherits and "titre" not in data else ""
    return RuleSet(
        nom=nom,
        version=str(version),
        titre=titre,
        titre_court=str(data.get("titre_court") or short or titre),
        description=str(data.get("description") or "").strip(),
        documentation=str(data.get("documentation") or "").strip(),
        famille=famille,
        parametres=parametres,
        references=references,
        parent=parent,
        chemin=None if shipped else str(path),
        referential=referential,
    )


def _parent(check, data, path: Path, stack, *, shipped: bool) -> RuleSet | None:
    """The rule set this file inherits from (``herite_de``, from the file's folder),
    read first; a custom file must name one. Raises on the problems found so far."""
    if "herite_de" not in data:
        if not shipped:
            check.add(data, None, "un jeu personnalisé doit indiquer herite_de: <jeu de règles>")
            check.raise_if_any()
        return None
    parent = None
    parent_name = data.get("herite_de")
    if not isinstance(parent_name, str) or not parent_name.strip():
        check.add(data, "herite_de", "herite_de : nom de jeu ou chemin attendu")
    else:
        try:
            parent = _load(parent_name.strip(), path.parent, (*stack, path))
        except InvalidRules as exc:
            check.problems.extend(exc.problems)
    check.raise_if_any()
    return parent


def _references(check, data, parent, referential, label: str, *, shipped: bool) -> dict:
    """The sources a value may cite: the parent's (or the referential's), the file's
    own, and the file itself (``FICHIER``, the reference of the short form)."""
    references = dict(parent.references if parent else referential.references)
    if "references" in data:
        references.update(parse_reference_block(check, data, data["references"]))
    if FILE_REFERENCE not in references or not shipped:
        references[FILE_REFERENCE] = Reference(
            FILE_REFERENCE, f"Fichier de règles « {label} »", None
        )
    return references


def _parameters(check, data, parent, references, nom: str, *, shipped: bool) -> dict:
    """The parameters: the parent's, overridden by the file's ``parametres`` block and
    (custom files) by the short form at the top level; each one present, with a value
    for every SIAE type when it depends on the type."""
    parametres = dict(parent.parametres) if parent else {}
    block = data.get("parametres", YamlMap())
    if check.mapping(data, "parametres", block, "parametres"):
        for pname, entry in block.items():
            if pname not in PARAMETER_SPECS:
                check.add(block, pname, f"paramètre inconnu « {pname} »")
                continue
            if pname in data:
                check.add(data, pname, f"paramètre « {pname} » défini deux fois")
            parametres[pname] = _parse_parameter(
                check, block, pname, entry, parametres.get(pname), references, nom
            )
    for pname in PARAMETER_SPECS:
        if pname in data and not shipped:
            parametres[pname] = _parse_short(check, data, pname, parametres.get(pname), nom)
    _check_complete(check, data, parametres)
    return parametres


def _check_complete(check, data, parametres: dict) -> None:
    """Every parameter is given, with a value for every SIAE type when it depends on
    the type."""
    for pname, spec in PARAMETER_SPECS.items():
        if pname not in parametres:
            check.add(data, None, f"paramètre « {pname} » manquant")
        elif spec.per_type:
            missing = [t for t in TYPES_SIAE if t not in parametres[pname].series]
            if missing:
                check.add(
                    data,
                    None,
                    f"paramètre « {pname} » : {'types' if len(missing) > 1 else 'type'} "
                    f"sans valeur : {', '.join(missing)}",
                )


def _parse_parameter(check, block, pname, entry, inherited, references, nom) -> Parameter:
    spec = PARAMETER_SPECS[pname]
    if not check.mapping(block, pname, entry, f"paramètre {pname}"):
        return inherited
    series_key = "par_type_siae" if spec.per_type else "valeurs"
    check.keys(
        entry,
        PARAMETER_KEYS - {"valeurs", "par_type_siae"} | {series_key},
        {series_key, "description"},
        f"le paramètre {pname}",
    )
    series = dict(inherited.series) if inherited else {}
    raw = entry.get(series_key)
    if check.mapping(entry, series_key, raw, f"paramètre {pname}"):
        if spec.per_type:
            for type_siae, dated in raw.items():
                if type_siae not in TYPES_SIAE:
                    check.add(raw, type_siae, f"type de SIAE inconnu « {type_siae} »")
                    continue
                series[type_siae] = _parse_series(
                    check, raw, type_siae, dated, spec, references, nom, f"{pname} ({type_siae})"
                )
        else:
            series[None] = _parse_series(
                check, entry, series_key, raw, spec, references, nom, pname
            )
    last = entry.get("last_value_still_valid_on")
    return Parameter(
        nom=pname,
        description=check.text(entry, "description", f"paramètre {pname}") or "",
        unite=entry.get("unite"),
        documentation=check.text(entry, "documentation", pname, required=False),
        last_value_still_valid_on=(
            check.date(entry, "last_value_still_valid_on", last, pname) if last else None
        ),
        series=series,
    )


def _parse_series(check, parent, key, dated, spec, references, nom, what):
    if not check.mapping(parent, key, dated, what) or not dated:
        if isinstance(dated, dict):
            check.add(parent, key, f"{what} : au moins une valeur datée est attendue")
        return ()
    values = []
    for day, entry in dated.items():
        depuis = check.date(dated, day, day, f"{what} : date d'effet")
        if not check.mapping(dated, day, entry, f"{what} au {day}"):
            continue
        check.keys(entry, VALUE_KEYS, {"valeur", "references", "verification"}, f"{what} au {day}")
        valeur = entry.get("valeur")
        if "valeur" in entry and not spec.valid(valeur):
            check.add(
                entry, "valeur", f"{what} au {day} : {spec.expected} attendu, lu « {valeur} »"
            )
        refs = check.sources(entry, references, f"{what} au {day}")
        tag = check.verification(entry, f"{what} au {day}")
        if depuis is not None:
            values.append(
                DatedValue(
                    depuis=depuis,
                    valeur=tuple(valeur) if isinstance(valeur, list) else valeur,
                    references=refs,
                    verification=tag,
                    documentation=check.text(entry, "documentation", what, required=False),
                    defini_dans=nom,
                )
            )
    return tuple(sorted(values, key=lambda v: v.depuis))


def _parse_short(check, data, pname, inherited, nom) -> Parameter:
    spec = PARAMETER_SPECS[pname]
    raw = data[pname]

    def dated(value):
        if not spec.valid(value):
            check.add(data, pname, f"{pname} : {spec.expected} attendu, lu « {value} »")
        return (
            DatedValue(
                depuis=SINCE_ALWAYS,
                valeur=tuple(value) if isinstance(value, list) else value,
                references=(FILE_REFERENCE,),
                verification="I",
                documentation=None,
                defini_dans=nom,
            ),
        )

    series = dict(inherited.series) if inherited else {}
    if spec.per_type and isinstance(raw, dict):
        for type_siae, value in raw.items():
            if type_siae not in TYPES_SIAE:
                check.add(raw, type_siae, f"type de SIAE inconnu « {type_siae} »")
                continue
            series[type_siae] = dated(value)
    elif spec.per_type:
        for type_siae in TYPES_SIAE:
            series[type_siae] = dated(raw)
    else:
        series[None] = dated(raw)
    base = inherited or Parameter(pname, pname, None, None, None, {})
    return replace(base, series=series)


__all__ = [
    "PARAMETER_SPECS",
    "SINCE_ALWAYS",
    "DatedValue",
    "Parameter",
    "RuleSet",
    "builtin_names",
    "load_rule_set",
    "short_title",
]
