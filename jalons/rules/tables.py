"""The tables the computation reads, as polars DataFrames with a fixed schema.

The CSV reader (``reader.py``) builds them from an interchange folder; the web app
can build them from its database. ``Tables.build`` checks the columns and casts
their types, so both paths hand the engine exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

Str, Date, F64, Bool, I8 = pl.String, pl.Date, pl.Float64, pl.Boolean, pl.Int8

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "structures": {
        "structure_id": Str,
        "type_siae": Str,
        "nom": Str,
        "departement": Str,
        "region": Str,
    },
    "parcours": {
        "structure_id": Str,
        "personne_id": Str,
        "date_embauche": Date,
        "date_sortie": Date,
        "motif_sortie": Str,  # motif slug
        "heures_travaillees": F64,
        "sortie_temps_plein": Bool,
    },
    "heures": {"structure_id": Str, "personne_id": Str, "mois": Date, "heures": F64},
    "suivis": {
        "structure_id": Str,
        "personne_id": Str,
        "date_sortie": Date,
        "echeance_mois": I8,
        "situation": Str,  # motif slug or "inconnue"
        "date_suivi": Date,
    },
    "orientations": {
        "structure_id": Str,
        "date": Date,
        "prescripteur_type": Str,
        "issue": Str,
        "personne_id": Str,
    },
    "accompagnements": {
        "structure_id": Str,
        "personne_id": Str,
        "date": Date,
        "nature": Str,
        "duree_minutes": F64,
        "frein": Str,
        "modalite": Str,
        "intervenant": Str,
    },
    "formations": {
        "structure_id": Str,
        "personne_id": Str,
        "statut": Str,
        "date_debut": Date,
        "date_fin": Date,
        "intitule": Str,
        "heures": F64,
        "qualifiante": Bool,
    },
}
OPTIONAL_TABLES = ("heures", "suivis", "orientations", "accompagnements", "formations")


@dataclass(frozen=True)
class Tables:
    """Validated input of one computation. ``mois`` is the first day of the month."""

    structures: pl.DataFrame
    parcours: pl.DataFrame
    heures: pl.DataFrame | None = None
    suivis: pl.DataFrame | None = None
    orientations: pl.DataFrame | None = None
    accompagnements: pl.DataFrame | None = None
    formations: pl.DataFrame | None = None
    avertissements: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def build(cls, avertissements: tuple[str, ...] = (), **frames) -> Tables:
        """Select and cast each table's columns; missing optional columns become null."""
        out = {}
        for name, schema in SCHEMAS.items():
            frame = frames.get(name)
            if frame is None:
                if name not in OPTIONAL_TABLES:
                    raise ValueError(f"table {name} obligatoire")
                out[name] = None
                continue
            out[name] = frame.select(
                (pl.col(c) if c in frame.columns else pl.lit(None)).cast(t).alias(c)
                for c, t in schema.items()
            )
        return cls(avertissements=avertissements, **out)


def without_exits_lacking_motif(tables: Tables) -> tuple[Tables, list[dict]]:
    """Exits recorded without motif cannot be classified: leave them out, and say so."""
    parcours = tables.parcours
    lacking = parcours.filter(
        pl.col("date_sortie").is_not_null() & pl.col("motif_sortie").is_null()
    )
    if lacking.is_empty():
        return tables, []
    keep = parcours.filter(
        ~(pl.col("date_sortie").is_not_null() & pl.col("motif_sortie").is_null())
    )
    suivis = tables.suivis
    if suivis is not None:
        suivis = suivis.join(
            lacking.select("structure_id", "personne_id", "date_sortie"),
            on=["structure_id", "personne_id", "date_sortie"],
            how="anti",
        )
    rebuilt = Tables.build(
        structures=tables.structures,
        parcours=keep,
        heures=tables.heures,
        suivis=suivis,
        orientations=tables.orientations,
        accompagnements=tables.accompagnements,
        formations=tables.formations,
    )
    return rebuilt, lacking.to_dicts()
