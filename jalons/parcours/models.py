from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from jalons.parcours.vocabulary import (
    Channel,
    education_level_choices,
    motif_choices,
    situation_choices,
)
from jalons.structures.models import Structure


class Person(models.Model):
    """A person in insertion, as known by one structure."""

    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="people", verbose_name="structure"
    )
    external_id = models.CharField(
        "identifiant",
        max_length=64,
        help_text="Identifiant de la personne dans la structure (personne_id des fichiers).",
    )
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    email = models.EmailField("adresse e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    address = models.CharField("adresse", max_length=250, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    nir = models.CharField(
        "NIR (numéro de sécurité sociale)",
        max_length=15,
        blank=True,
        help_text="Facultatif. Visible seulement par la direction et les CIP.",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_people",
        verbose_name="CIP référent",
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="fusionnée dans",
        help_text="Fiche absorbée par une fusion en attente : cachée des listes.",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "personne"
        ordering = ["last_name", "first_name", "external_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "external_id"], name="person_unique_external_id"
            )
        ]
        indexes = [models.Index(fields=["structure", "last_name"], name="person_name")]

    def __str__(self):
        name = f"{self.first_name} {self.last_name}".strip()
        return name or f"Personne {self.external_id}"


class Parcours(models.Model):
    """One continuous pathway ("recrutement") of a person in a structure."""

    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="parcours", verbose_name="structure"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="parcours", verbose_name="personne"
    )
    hire_date = models.DateField("date d'embauche")
    # Situation at entry (public criteria of the eligibility diagnosis).
    rsa = models.BooleanField("bénéficiaire du RSA", default=False)
    ass = models.BooleanField("bénéficiaire de l'ASS", default=False)
    aah = models.BooleanField("bénéficiaire de l'AAH", default=False)
    deld = models.BooleanField(
        "demandeur d'emploi de longue durée (12 mois et plus)", default=False
    )
    detld = models.BooleanField(
        "demandeur d'emploi de très longue durée (24 mois et plus)", default=False
    )
    qpv = models.BooleanField("résident d'un quartier prioritaire (QPV)", default=False)
    zrr = models.BooleanField("résident d'une zone de revitalisation rurale (ZRR)", default=False)
    rqth = models.BooleanField(
        "reconnaissance de la qualité de travailleur handicapé (RQTH)",
        default=False,
        help_text="Donnée sensible : visible seulement par la direction et les CIP.",
    )
    education_level = models.CharField(
        "niveau de formation", max_length=10, choices=education_level_choices, blank=True
    )
    # Exit.
    exit_date = models.DateField("date de sortie", null=True, blank=True)
    exit_motif = models.CharField(
        "motif de sortie", max_length=64, choices=motif_choices, blank=True
    )
    exit_employer = models.CharField("employeur à la sortie", max_length=200, blank=True)
    exit_full_time = models.BooleanField("emploi à temps plein", null=True, blank=True)
    hours_worked = models.DecimalField(
        "heures travaillées (total déclaré)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Laisser vide pour compter les heures mensuelles saisies.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "parcours"
        verbose_name_plural = "parcours"
        ordering = ["-hire_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "person", "hire_date"], name="parcours_unique_key"
            ),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gte=F("hire_date")),
                name="parcours_exit_after_hire",
            ),
        ]
        indexes = [models.Index(fields=["structure", "exit_date"], name="parcours_exit")]

    def __str__(self):
        return f"Parcours de {self.person} depuis le {self.hire_date:%d/%m/%Y}"

    @property
    def is_present(self) -> bool:
        return self.exit_date is None


class MonthlyHours(models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="monthly_hours", verbose_name="personne"
    )
    month = models.DateField("mois", help_text="Premier jour du mois.")
    hours = models.DecimalField(
        "heures",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("744"))],
    )

    class Meta:
        verbose_name = "heures du mois"
        verbose_name_plural = "heures mensuelles"
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="hours_unique_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="hours_first_day_of_month"),
        ]

    def __str__(self):
        return f"{self.hours} h en {self.month:%m/%Y}"


class FollowUpMethod(models.TextChoices):
    PHONE = Channel.PHONE, "Appel téléphonique"
    MEETING = "rencontre", "Rencontre"
    EMAIL = Channel.EMAIL, "Courriel ou SMS"
    EMPLOYER = "employeur", "Auprès de l'employeur"
    PARTNER = "partenaire", "Auprès d'un partenaire (France Travail…)"
    OTHER = "autre", "Autre"


class FollowUp(models.Model):
    """The situation of a person 3, 6 or 12 months after an exit."""

    parcours = models.ForeignKey(
        Parcours, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="parcours"
    )
    months = models.PositiveSmallIntegerField(
        "échéance", choices=[(3, "3 mois"), (6, "6 mois"), (12, "12 mois")]
    )
    situation = models.CharField("situation", max_length=64, choices=situation_choices)
    obtained_on = models.DateField("date du suivi", null=True, blank=True)
    method = models.CharField("comment", max_length=20, choices=FollowUpMethod.choices, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "suivi après la sortie"
        verbose_name_plural = "suivis après la sortie"
        ordering = ["months"]
        constraints = [
            models.UniqueConstraint(fields=["parcours", "months"], name="follow_up_unique")
        ]

    def __str__(self):
        return f"Suivi à {self.months} mois"


class MergeState(models.TextChoices):
    PENDING = "en_attente", "En attente"
    CONFIRMED = "confirmee", "Confirmée"
    CANCELLED = "annulee", "Annulée"


class PersonMerge(models.Model):
    """A merge of two files of the same person (« Fusion de fiches »).

    While pending, the absorbed file is only marked (``Person.merged_into``) and its
    rows are moved to the kept file, the list of moved rows being kept in ``moved``
    and the kept file's values before the merge in ``kept_before``: cancelling puts
    everything back. Confirming deletes the absorbed file (see docs/parcours.md)."""

    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="+", verbose_name="structure"
    )
    kept = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name="fiche gardée"
    )
    absorbed = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="fiche absorbée",
    )
    absorbed_label = models.CharField("fiche absorbée (nom, identifiant)", max_length=250)
    state = models.CharField(
        "état", max_length=20, choices=MergeState.choices, default=MergeState.PENDING
    )
    chosen_values = models.JSONField("valeurs choisies", default=dict, blank=True)
    kept_before = models.JSONField("fiche gardée avant la fusion", default=dict, blank=True)
    moved = models.JSONField("lignes déplacées", default=list, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="préparée par",
    )
    prepared_at = models.DateTimeField("préparée le", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="confirmée ou annulée par",
    )
    decided_at = models.DateTimeField("confirmée ou annulée le", null=True, blank=True)

    class Meta:
        verbose_name = "fusion de fiches"
        verbose_name_plural = "fusions de fiches"
        ordering = ["-prepared_at"]

    def __str__(self):
        return f"Fusion de {self.absorbed_label} dans {self.kept}"
