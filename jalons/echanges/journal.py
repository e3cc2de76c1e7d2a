"""The journal of an import: one entry per structure of the folder, with the counts of
every table, and one per person touched, with what was created or modified for them.

The entries are written through ``jalons.audit.services.audit_records`` (the fields of
``audit_record``, in one ``bulk_create``): the author, role and address are those of
the request, none for the command line.
"""

from __future__ import annotations

import polars as pl

from jalons.audit.models import AuditAction
from jalons.audit.services import AuditItem, audit_records
from jalons.documents.french import plural
from jalons.echanges.plan import PPK, SPK


def counts_phrase(created: int, updated: int, unchanged: int) -> str:
    """« 80 créations, 1 modification, 0 ligne inchangée »: nouns, so that the words
    agree with the count whatever the table's gender (the journal and the command)."""
    return ", ".join(
        (
            plural(created, "création"),
            plural(updated, "modification"),
            plural(unchanged, "ligne inchangée", "lignes inchangées"),
        )
    )


def counts_text(counts: dict[str, dict[str, int]], labels: dict[str, str]) -> dict:
    """{French label: ["12 créations, 0 modification, 3 lignes inchangées"]} of every table."""
    return {
        labels[t]: [counts_phrase(c["crees"], c["modifies"], c["inchanges"])]
        for t, c in counts.items()
    }


def import_items(
    *,
    source: str,
    counts: dict[str, dict[str, int]],
    labels: dict[str, str],
    structure_changes: dict[str, tuple[bool, dict]],
    structures: dict[str, object],
    touched: list[pl.DataFrame],
    created_people: set[int],
    person_map: pl.DataFrame,
) -> list[AuditItem]:
    """The entries of an import. ``structure_changes``: {identifier: (created, changes)};
    ``structures``: {identifier: Structure}; ``touched``: (_ppk, table, kind) of every
    row written; ``person_map``: the people of these structures (_ppk, _spk,
    personne_id, first_name, last_name)."""
    label = f"Import du dossier « {source} »"
    table_counts = counts_text(counts, labels)
    items = [
        AuditItem(
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            structure=structures[sid],
            object_type="Import",
            object_repr=label,
            changes={**changes, **table_counts},
        )
        for sid, (created, changes) in structure_changes.items()
    ]
    people: dict[int, dict] = {ppk: {} for ppk in created_people}
    if touched:
        per_person = (
            pl.concat(touched)
            .group_by(PPK, "table", "kind")
            .agg(pl.len().alias("n"))
            .join(person_map, on=PPK)
            .sort(PPK, "table", "kind")
        )
        for ppk, table, kind, n in per_person.select(PPK, "table", "kind", "n").iter_rows():
            word = "création" if kind == "crees" else "modification"
            people.setdefault(ppk, {}).setdefault(labels[table], []).append(plural(n, word))
    info = {
        row[0]: row[1:]
        for row in person_map.select(PPK, SPK, "personne_id", "first_name", "last_name").iter_rows()
    }
    by_number = {s.pk: s for s in structures.values()}
    for ppk, changes in people.items():
        spk, pid, first, last = info[ppk]
        name = f"{first or ''} {last or ''}".strip() or f"Personne {pid}"
        items.append(
            AuditItem(
                action=AuditAction.CREATE if ppk in created_people else AuditAction.UPDATE,
                structure=by_number[spk],
                object_type="personne",
                object_id=str(ppk),
                object_repr=f"{name} ({label})",
                changes={k: [", ".join(v)] for k, v in changes.items()},
            )
        )
    return items


def write(items: list[AuditItem], *, actor) -> None:
    audit_records(items, actor=actor)
