"""The catalogue of professional titles shipped with Jalons (YAML files in ``data/``).

Each file is one title: its name, RNCP code when known, its source (label, link,
verification tag V/S/I and a note) and its blocks of skills. A structure copies a
title into its own referential, then edits it freely.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
VERIFICATION_TAGS = {"V", "S", "I"}


@dataclass(frozen=True)
class CatalogueBlock:
    code: str
    name: str
    skills: tuple[str, ...]


@dataclass(frozen=True)
class CatalogueTitle:
    key: str
    name: str
    rncp_code: str
    source_label: str
    source_url: str
    verification: str
    note: str
    blocks: tuple[CatalogueBlock, ...]

    @property
    def skill_count(self) -> int:
        return sum(len(b.skills) for b in self.blocks)


def _read(path: Path) -> CatalogueTitle:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = raw["source"]
    if source.get("verification") not in VERIFICATION_TAGS:
        raise ValueError(f"{path.name} : étiquette de vérification manquante ou inconnue.")
    blocks = tuple(
        CatalogueBlock(code=b.get("code", ""), name=b["name"], skills=tuple(b["skills"]))
        for b in raw["blocks"]
    )
    if not blocks or any(not b.skills for b in blocks):
        raise ValueError(f"{path.name} : chaque bloc doit avoir au moins une compétence.")
    return CatalogueTitle(
        key=path.stem,
        name=raw["name"],
        rncp_code=raw.get("rncp_code") or "",
        source_label=" ".join(source["label"].split()),
        source_url=source.get("url", ""),
        verification=source["verification"],
        note=" ".join(source.get("note", "").split()),
        blocks=blocks,
    )


@cache
def catalogue() -> dict[str, CatalogueTitle]:
    titles = [_read(path) for path in sorted(DATA.glob("*.yaml"))]
    return {t.key: t for t in sorted(titles, key=lambda t: t.name)}
