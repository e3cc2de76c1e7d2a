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
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jalons.rules.errors import InvalidRules, Problem
from jalons.rules.referential import (
    DATA_DIR,
    Checker,
    Reference,
    Referential,
    load_referential,
    parse_reference_block,
)
from jalons.rules.vocabulary import GROUPES, TYPES_SIAE
from jalons.rules.yamlstrict import YamlMap, load_yaml

RULESETS_DIR = DATA_DIR / "jeux"
SINCE_ALWAYS = dt.date.min
FILE_REFERENCE = "FICHIER"


def _non_negative_int(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _non_negative_number(value: Any) -> bool:
    return value is None or (
        isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    )


def _groups(value: Any) -> bool:
    return isinstance(value, list) and all(g in GROUPES for g in value)


def _boolean(value: Any) -> bool:
    return isinstance(value, bool)


@dataclass(frozen=True)
class ParameterSpec:
    per_type: bool
    valid: Any
    expected: str


PARAMETER_SPECS: dict[str, ParameterSpec] = {
    "duree_minimale_mois": ParameterSpec(True, _non_negative_int, "un entier ≥ 0 ou null"),
    "heures_minimales": ParameterSpec(True, _non_negative_number, "un nombre ≥ 0 ou null"),
    "heures_minimales_annee_sortie": ParameterSpec(
        True, _non_negative_number, "un nombre ≥ 0 ou null"
    ),
    "groupes_retires": ParameterSpec(
        False, _groups, "une liste de groupes parmi " + ", ".join(GROUPES)
    ),
    "durable_temps_plein_uniquement": ParameterSpec(False, _boolean, "true ou false"),
}

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


@dataclass(frozen=True)
class DatedValue:
    depuis: dt.date
    valeur: Any
    references: tuple[str, ...]
    verification: str
    documentation: str | None
    defini_dans: str


@dataclass(frozen=True)
class Parameter:
    nom: str
    description: str
    unite: str | None
    documentation: str | None
    last_value_still_valid_on: dt.date | None
    # Key: SIAE type, or None for a parameter common to all types.
    series: dict[str | None, tuple[DatedValue, ...]]


@dataclass(frozen=True)
class RuleSet:
    nom: str
    version: str
    titre: str
    description: str
    documentation: str
    famille: str
    parametres: dict[str, Parameter]
    references: dict[str, Reference]
    parent: RuleSet | None = None
    chemin: str | None = None
    referential: Referential = field(default=None, repr=False, compare=False)
    # A few words for a column header or a chart (« ETTI 450 h »); the title by default.
    titre_court: str = ""

    def series(self, nom: str, type_siae: str | None = None) -> tuple[DatedValue, ...]:
        return self.parametres[nom].series[type_siae]

    def value_at(self, nom: str, day: dt.date, type_siae: str | None = None) -> DatedValue:
        """The value in force on ``day`` (the first value before any date)."""
        series = self.series(nom, type_siae)
        chosen = series[0]
        for value in series:
            if value.depuis <= day:
                chosen = value
        return chosen

    def values_during(
        self, nom: str, du: dt.date, au: dt.date, type_siae: str | None = None
    ) -> list[tuple[DatedValue, dt.date | None]]:
        """Values in force at some day of [du, au], each with its last day (or None)."""
        series = self.series(nom, type_siae)
        out = []
        for i, value in enumerate(series):
            end = series[i + 1].depuis - dt.timedelta(days=1) if i + 1 < len(series) else None
            starts_before_end = i == 0 or value.depuis <= au
            ends_after_start = end is None or end >= du
            if starts_before_end and ends_after_start:
                out.append((value, end))
        return out

    @property
    def group_table(self):
        return self.referential.tables[self.famille]

    @property
    def lineage(self) -> list[dict]:
        chain, current = [], self
        while current is not None:
            chain.append(
                {"nom": current.nom, "version": current.version, "fichier": current.chemin}
            )
            current = current.parent
        return chain

    @property
    def empreinte(self) -> str:
        """A short fingerprint of every value and of the group table used."""
        payload = {
            "famille": self.famille,
            "groupes": self.group_table.mapping(),
            "parametres": {
                nom: {
                    str(key): [[v.depuis.isoformat(), v.valeur] for v in series]
                    for key, series in p.series.items()
                }
                for nom, p in sorted(self.parametres.items())
            },
        }
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:12]


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

    parent = None
    if "herite_de" in data:
        parent_name = data.get("herite_de")
        if not isinstance(parent_name, str) or not parent_name.strip():
            check.add(data, "herite_de", "herite_de : nom de jeu ou chemin attendu")
        else:
            try:
                parent = _load(parent_name.strip(), path.parent, (*stack, path))
            except InvalidRules as exc:
                check.problems.extend(exc.problems)
        check.raise_if_any()
    elif not shipped:
        check.add(data, None, "un jeu personnalisé doit indiquer herite_de: <jeu de règles>")
        check.raise_if_any()

    references = dict(parent.references if parent else referential.references)
    if "references" in data:
        references.update(parse_reference_block(check, data, data["references"]))
    nom = str(data.get("nom") or path.stem)
    if FILE_REFERENCE not in references or not shipped:
        references[FILE_REFERENCE] = Reference(
            FILE_REFERENCE, f"Fichier de règles « {label} »", None
        )
    famille = str(data.get("famille") or (parent.famille if parent else ""))
    if famille not in referential.tables:
        known = ", ".join(referential.tables)
        check.add(data, "famille", f"famille de motifs inconnue « {famille} » (connues : {known})")

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
