"""Consent of a structure to share its figures, and precomputed figures (snapshots).

Snapshots hold counts only: no name, no free text, no person identifier. The
observatory's editions are built from them (``selectors.build_edition``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Consent(models.Model):
    """What a structure's direction chose to share; everything is off by default."""

    structure = models.OneToOneField(
        "structures.Structure",
        on_delete=models.CASCADE,
        related_name="observatory_consent",
        verbose_name="structure",
    )
    share_with_networks = models.BooleanField(
        "partager mes chiffres avec mes réseaux",
        default=False,
        help_text="Les réseaux dont la structure est adhérente voient ses chiffres, avec son nom.",
    )
    share_with_ddets = models.BooleanField(
        "partager mes chiffres avec la DDETS",
        default=False,
        help_text="La DDETS du département voit les chiffres de la structure, avec son nom.",
    )
    compare_position = models.BooleanField(
        "me situer parmi les structures du même type",
        default=False,
        help_text="La structure voit sa position (médiane, quartiles) parmi les structures "
        "du même type, sans aucun nom.",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modifié par",
    )

    class Meta:
        verbose_name = "consentement à l'observatoire"
        verbose_name_plural = "consentements à l'observatoire"

    def __str__(self):
        return f"Consentement de {self.structure}"


class PeriodKind(models.TextChoices):
    CIVILE = "civile", "Année civile"
    ANNEXE = "annexe", "Année d'annexe financière"


class Snapshot(models.Model):
    """Figures of one structure for one period under one rule set (counts only)."""

    structure = models.ForeignKey(
        "structures.Structure",
        on_delete=models.CASCADE,
        related_name="observatory_snapshots",
        verbose_name="structure",
    )
    year = models.PositiveSmallIntegerField("année")
    quarter = models.PositiveSmallIntegerField(
        "trimestre", default=0, help_text="0 pour l'année entière, 1 à 4 pour un trimestre."
    )
    period_kind = models.CharField(
        "type de période", max_length=10, choices=PeriodKind.choices, default=PeriodKind.CIVILE
    )
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    rule_set = models.CharField("jeu de règles", max_length=60)
    rule_set_version = models.CharField("version du jeu de règles", max_length=40)
    computed_at = models.DateTimeField("calculé le")
    reference_date = models.DateField("date de référence des suivis")
    data_stamp = models.BigIntegerField(
        "empreinte des données",
        default=0,
        help_text="Numéro de la dernière entrée du journal de la structure prise en compte.",
    )
    figures = models.JSONField("chiffres", default=dict)

    class Meta:
        verbose_name = "instantané de l'observatoire"
        verbose_name_plural = "instantanés de l'observatoire"
        # No default ordering: the observatory reads thousands of rows at once.
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "year", "quarter", "period_kind", "rule_set"],
                name="snapshot_unique_period",
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="snapshot_quarter_0_to_4"),
        ]
        indexes = [
            models.Index(
                fields=["year", "period_kind", "quarter", "rule_set"], name="snapshot_period"
            )
        ]

    def __str__(self):
        quarter = f" T{self.quarter}" if self.quarter else ""
        return f"{self.structure_id} {self.year}{quarter} {self.period_kind} {self.rule_set}"


class SnapshotRevision(models.Model):
    """Changes whenever the snapshots of one structure for one year are rewritten.

    The observatory keeps the figures it read in memory; comparing these small rows
    (one per structure and year) tells which structures to read again, without
    touching the snapshots themselves. They also carry the stamps of the last write
    (date, date of reference of the follow-ups, versions of the rule sets, and the
    journal entry up to which the data was read: a newer write of the structure makes
    its snapshots stale)."""

    structure = models.ForeignKey(
        "structures.Structure",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="structure",
    )
    year = models.PositiveSmallIntegerField("année")
    revision = models.BigIntegerField("révision")
    computed_at = models.DateTimeField("calculé le", null=True)
    reference_date = models.DateField("date de référence des suivis", null=True)
    versions = models.JSONField(
        "versions des jeux de règles", default=dict, help_text="Jeu de règles → version."
    )
    data_stamp = models.BigIntegerField(
        "empreinte des données",
        default=0,
        help_text="Numéro de la dernière entrée du journal de la structure prise en compte.",
    )
    # A write numbered before the stamp may be committed after the data was read: the
    # writes numbered after ``data_settled`` (the last minutes before the reading) are
    # counted, and a different count later means one came in (``stale_structures``).
    data_settled = models.BigIntegerField("entrées du journal sûrement vues", default=0)
    data_recent = models.IntegerField("écritures récentes prises en compte", default=0)
    # Every snapshot of the structure for the year, condensed (``compute.packing``) by
    # the refresh; valid only while ``packed_revision`` equals ``revision``.
    packed = models.BinaryField("instantanés condensés", null=True, editable=False)
    packed_revision = models.BigIntegerField("révision condensée", null=True, editable=False)

    class Meta:
        verbose_name = "révision des instantanés"
        verbose_name_plural = "révisions des instantanés"
        constraints = [
            models.UniqueConstraint(fields=["structure", "year"], name="snapshot_revision_unique")
        ]

    def __str__(self):
        return f"{self.structure_id} {self.year} : révision {self.revision}"


class Publication(models.Model):
    """One publication of the observatory for a year: every perimeter's editions
    protected together (``services.publish``), numbered in order."""

    year = models.PositiveSmallIntegerField("année")
    number = models.PositiveIntegerField("numéro")
    published_at = models.DateTimeField("publiée le")
    published_by = models.CharField("publiée par", max_length=200, blank=True)
    summary = models.JSONField(
        "résumé", default=dict, help_text="Cases publiées, en secret, révisées, par famille."
    )

    class Meta:
        verbose_name = "publication de l'observatoire"
        verbose_name_plural = "publications de l'observatoire"
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="publication_unique_number")
        ]

    def __str__(self):
        return f"Publication n° {self.number} de {self.year}"


class PublishedEdition(models.Model):
    """An edition as published: frozen, numbered per perimeter, period and rule set,
    downloadable as it was (its content is the whole ``Edition``)."""

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="editions", verbose_name="publication"
    )
    perimeter_kind = models.CharField("type de périmètre", max_length=10)
    perimeter_ident = models.CharField("périmètre", max_length=20)
    year = models.PositiveSmallIntegerField("année")
    period_kind = models.CharField("type de période", max_length=10, choices=PeriodKind.choices)
    quarter = models.PositiveSmallIntegerField("trimestre", default=0)
    rule_set = models.CharField("jeu de règles", max_length=60)
    number = models.PositiveIntegerField("numéro de l'édition")
    published_at = models.DateTimeField("publiée le")
    digest = models.CharField("empreinte du contenu", max_length=64)
    content = models.JSONField("contenu")

    class Meta:
        verbose_name = "édition publiée"
        verbose_name_plural = "éditions publiées"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "perimeter_kind",
                    "perimeter_ident",
                    "year",
                    "period_kind",
                    "quarter",
                    "rule_set",
                    "number",
                ],
                name="published_edition_unique_number",
            )
        ]
        indexes = [
            models.Index(
                fields=["perimeter_kind", "perimeter_ident", "year", "period_kind", "quarter"],
                name="published_edition_lookup",
            )
        ]

    def __str__(self):
        return f"Édition n° {self.number} {self.perimeter_kind}:{self.perimeter_ident} {self.year}"


class LedgerEntry(models.Model):
    """A row ever released (or a structure's own figures published by name): the
    versioned atoms it adds up, its cells. New publications are protected against
    every entry of their year."""

    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="ledger", verbose_name="publication"
    )
    year = models.PositiveSmallIntegerField("année")
    family_class = models.CharField("famille de tableaux", max_length=20)
    key = models.JSONField("ligne")
    atoms = models.JSONField("briques")
    cells = models.JSONField("cases", default=dict)
    edition = models.CharField("publiée dans", max_length=60, blank=True)
    fingerprint = models.CharField("empreinte", max_length=64)

    class Meta:
        verbose_name = "ligne publiée"
        verbose_name_plural = "lignes publiées (registre)"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "family_class", "fingerprint"], name="ledger_unique_row"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.family_class} {self.key}"
