from django.db import models
from django.db.models import F, Q

from jalons.parcours.models import Person


class PassIae(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="passes", verbose_name="personne"
    )
    number = models.CharField("numéro", max_length=12)
    start_date = models.DateField("date de début")
    initial_end_date = models.DateField(
        "date de fin initiale", help_text="Début + durée du PASS IAE selon les règles datées."
    )
    end_date = models.DateField(
        "date de fin prévue",
        help_text="Fin initiale + suspensions + prolongations, recalculée à chaque changement.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "PASS IAE"
        verbose_name_plural = "PASS IAE"
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="pass_unique_number"),
            models.CheckConstraint(
                condition=Q(initial_end_date__gt=F("start_date")), name="pass_dates_in_order"
            ),
        ]

    def __str__(self):
        return f"PASS IAE {self.number}"


class SuspensionMotif(models.TextChoices):
    SICKNESS = "maladie", "Arrêt pour cause de maladie"
    MATERNITY = "maternite", "Congé de maternité"
    INCARCERATION = "incarceration", "Incarcération"
    TRIAL_OUTSIDE_IAE = "essai_hors_iae", "Période d'essai auprès d'un employeur hors IAE"
    DETOXIFICATION = "cure", "Cure pour le traitement d'une dépendance"
    FORCE_MAJEURE = "force_majeure", "Cas de force majeure"
    CONTRACT_SUSPENDED = "contrat_suspendu", "Contrat de travail suspendu depuis plus de 15 jours"
    CONTRACT_BROKEN = "contrat_rompu", "Contrat de travail rompu"


class PassSuspension(models.Model):
    pass_iae = models.ForeignKey(
        PassIae, on_delete=models.CASCADE, related_name="suspensions", verbose_name="PASS IAE"
    )
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    motif = models.CharField("motif", max_length=30, choices=SuspensionMotif.choices)

    class Meta:
        verbose_name = "suspension du PASS IAE"
        verbose_name_plural = "suspensions du PASS IAE"
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="suspension_dates_in_order"
            )
        ]

    def __str__(self):
        return f"Suspension du {self.start_date:%d/%m/%Y} au {self.end_date:%d/%m/%Y}"


class PassProlongation(models.Model):
    pass_iae = models.ForeignKey(
        PassIae, on_delete=models.CASCADE, related_name="prolongations", verbose_name="PASS IAE"
    )
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    motif = models.CharField("motif", max_length=40)
    prescriber = models.CharField(
        "prescripteur ayant donné son avis",
        max_length=200,
        blank=True,
        help_text="Obligatoire sauf pour la fin de formation et le CDI Inclusion.",
    )

    class Meta:
        verbose_name = "prolongation du PASS IAE"
        verbose_name_plural = "prolongations du PASS IAE"
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="prolongation_dates_in_order"
            )
        ]

    def __str__(self):
        return f"Prolongation jusqu'au {self.end_date:%d/%m/%Y}"
