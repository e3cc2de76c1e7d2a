"""The motif referential, the motif->group tables and the reference list, read
strictly from ``data/``."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from jalons.rules.errors import InvalidRules, Problem
from jalons.rules.vocabulary import GROUPES, VERIFICATIONS
from jalons.rules.yamlstrict import YamlMap, load_yaml, where

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Reference:
    code: str
    titre: str
    lien: str | None = None

    def as_dict(self) -> dict:
        return {"code": self.code, "titre": self.titre, "lien": self.lien}


@dataclass(frozen=True)
class Motif:
    slug: str
    code_asp: int | None
    libelle: str
    references: tuple[str, ...]
    verification: str


@dataclass(frozen=True)
class GroupAssignment:
    groupe: str
    references: tuple[str, ...]
    verification: str
    documentation: str | None = None


@dataclass(frozen=True)
class GroupTable:
    famille: str
    titre: str
    documentation: str
    last_value_still_valid_on: dt.date | None
    groupes: dict[str, GroupAssignment]

    def mapping(self) -> dict[str, str]:
        return {slug: a.groupe for slug, a in self.groupes.items()}


@dataclass(frozen=True)
class Referential:
    references: dict[str, Reference]
    motifs: dict[str, Motif]
    tables: dict[str, GroupTable]

    @functools.cached_property
    def motif_by_code(self) -> dict[int, str]:
        return {m.code_asp: m.slug for m in self.motifs.values() if m.code_asp is not None}


class Checker:
    """Collects problems while validating one YAML document."""

    def __init__(self, label: str):
        self.label = label
        self.problems: list[Problem] = []

    def add(self, mapping, key, message: str) -> None:
        line, column = where(mapping, key)
        self.problems.append(Problem(self.label, line, column, message))

    def mapping(self, parent, key, value, what: str) -> bool:
        if not isinstance(value, dict):
            self.add(parent, key, f"{what} : un dictionnaire est attendu")
            return False
        return True

    def keys(
        self, mapping, allowed: set[str], required: set[str], what: str, optional_ok=()
    ) -> None:
        for key in mapping:
            if key not in allowed and key not in optional_ok:
                self.add(mapping, key, f"clé inconnue « {key} » dans {what}")
        for key in sorted(required - set(mapping)):
            self.add(mapping, None, f"clé obligatoire « {key} » manquante dans {what}")

    def text(self, mapping, key, what: str, required=True) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required and key in mapping:
                self.add(mapping, key, f"{what} : texte attendu")
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(mapping, key, f"{what} : texte non vide attendu")
            return None
        return value.strip()

    def date(self, mapping, key, value, what: str) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.add(mapping, key, f"{what} : date AAAA-MM-JJ attendue, lu « {value} »")
        return None

    def sources(self, mapping, known: dict[str, Reference], what: str) -> tuple[str, ...]:
        refs = mapping.get("references")
        if not refs:
            self.add(mapping, None, f"{what} : référence manquante (clé « references »)")
            return ()
        if isinstance(refs, str):
            refs = [refs]
        if not isinstance(refs, list):
            self.add(mapping, "references", f"{what} : liste de références attendue")
            return ()
        out = []
        for ref in refs:
            if str(ref) not in known:
                self.add(mapping, "references", f"{what} : référence inconnue « {ref} »")
            else:
                out.append(str(ref))
        return tuple(out)

    def verification(self, mapping, what: str) -> str:
        tag = mapping.get("verification")
        if tag not in VERIFICATIONS:
            self.add(
                mapping,
                "verification" if "verification" in mapping else None,
                f"{what} : étiquette de vérification V, S ou I attendue, lu « {tag} »",
            )
            return "I"
        return tag

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidRules(self.problems)


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(DATA_DIR.parent.parent.parent))
    except ValueError:
        return str(path)


def read_references(path: Path, known: dict[str, Reference] | None = None) -> dict:
    label = _label(path)
    data = load_yaml(path, label)
    check = Checker(label)
    result = dict(known or {})
    if check.mapping(None, None, data, "fichier de références"):
        check.keys(data, {"references"}, {"references"}, "le fichier")
        result.update(parse_reference_block(check, data, data.get("references") or YamlMap()))
    check.raise_if_any()
    return result


def parse_reference_block(check: Checker, parent, block) -> dict[str, Reference]:
    out: dict[str, Reference] = {}
    if not check.mapping(parent, "references", block, "références"):
        return out
    for code, entry in block.items():
        if not check.mapping(block, code, entry, f"référence {code}"):
            continue
        check.keys(entry, {"titre", "lien"}, {"titre"}, f"la référence {code}")
        titre = check.text(entry, "titre", f"référence {code}")
        lien = check.text(entry, "lien", f"référence {code}", required=False)
        if titre:
            out[str(code)] = Reference(str(code), titre, lien)
    return out


def read_motifs(path: Path, references: dict[str, Reference]) -> dict[str, Motif]:
    label = _label(path)
    data = load_yaml(path, label)
    check = Checker(label)
    motifs: dict[str, Motif] = {}
    if check.mapping(None, None, data, "référentiel des motifs"):
        check.keys(
            data,
            {"documentation", "last_value_still_valid_on", "motifs"},
            {"motifs", "documentation"},
            "le référentiel",
        )
        block = data.get("motifs") or YamlMap()
        codes: dict[int, str] = {}
        for slug, entry in block.items():
            what = f"motif {slug}"
            if not check.mapping(block, slug, entry, what):
                continue
            check.keys(
                entry,
                {"code_asp", "libelle", "references", "verification"},
                {"code_asp", "libelle", "references", "verification"},
                f"le motif {slug}",
            )
            code = entry.get("code_asp")
            if code is not None and (not isinstance(code, int) or isinstance(code, bool)):
                check.add(entry, "code_asp", f"{what} : code ASP entier attendu")
                code = None
            if code is not None and code in codes:
                check.add(
                    entry, "code_asp", f"{what} : code ASP {code} déjà pris par {codes[code]}"
                )
            if code is not None:
                codes[code] = slug
            motifs[slug] = Motif(
                slug=slug,
                code_asp=code,
                libelle=check.text(entry, "libelle", what) or slug,
                references=check.sources(entry, references, what),
                verification=check.verification(entry, what),
            )
    check.raise_if_any()
    return motifs


def read_group_table(path: Path, references, motifs) -> GroupTable:
    label = _label(path)
    data = load_yaml(path, label)
    check = Checker(label)
    groupes: dict[str, GroupAssignment] = {}
    famille = path.stem
    if check.mapping(None, None, data, "table des groupes"):
        check.keys(
            data,
            {"famille", "titre", "documentation", "last_value_still_valid_on", "groupes"},
            {"famille", "titre", "documentation", "groupes"},
            "la table",
        )
        famille = str(data.get("famille", famille))
        if famille != path.stem:
            check.add(data, "famille", f"famille « {famille} » différente du nom du fichier")
        block = data.get("groupes") or YamlMap()
        for slug, entry in block.items():
            what = f"motif {slug}"
            if slug not in motifs:
                check.add(block, slug, f"motif inconnu « {slug} » (absent de motifs.yaml)")
                continue
            if not check.mapping(block, slug, entry, what):
                continue
            check.keys(
                entry,
                {"groupe", "references", "verification", "documentation"},
                {"groupe", "references", "verification"},
                f"le motif {slug}",
            )
            groupe = entry.get("groupe")
            if groupe not in GROUPES:
                check.add(entry, "groupe", f"{what} : groupe inconnu « {groupe} »")
                continue
            groupes[slug] = GroupAssignment(
                groupe=groupe,
                references=check.sources(entry, references, what),
                verification=check.verification(entry, what),
                documentation=check.text(entry, "documentation", what, required=False),
            )
        for slug in motifs:
            if slug not in block:
                check.add(block, None, f"le motif « {slug} » n'a pas de groupe dans cette table")
        last = data.get("last_value_still_valid_on")
        last = check.date(data, "last_value_still_valid_on", last, "date") if last else None
    check.raise_if_any()
    return GroupTable(
        famille=famille,
        titre=str(data.get("titre", "")),
        documentation=str(data.get("documentation", "")).strip(),
        last_value_still_valid_on=last,
        groupes=groupes,
    )


@functools.cache
def load_referential(data_dir: Path = DATA_DIR) -> Referential:
    """The shipped referential (cached: the data files do not change at run time)."""
    references = read_references(data_dir / "references.yaml")
    motifs = read_motifs(data_dir / "motifs.yaml", references)
    tables = {}
    for path in sorted((data_dir / "groupes").glob("*.yaml")):
        table = read_group_table(path, references, motifs)
        tables[table.famille] = table
    return Referential(references=references, motifs=motifs, tables=tables)
