from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from jalons.parcours.models import Person


class TrainingStatus(models.TextChoices):
    PREPARATION = "preparation", "En préparation"
    ENTERED = "entree", "Entrée en formation"
    ABANDONED = "abandon", "Abandon"
    COMPLETED = "terminee", "Terminée"
    CERTIFIED = "certifiee", "Certifiée"


class TrainingAction(models.Model):
    """A training action, including the preparatory work before entry."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="training_actions", verbose_name="personne"
    )
    title = models.CharField("intitulé", max_length=200, blank=True)
    status = models.CharField("statut", max_length=20, choices=TrainingStatus.choices)
    start_date = models.DateField("début", null=True, blank=True)
    end_date = models.DateField("fin", null=True, blank=True)
    hours = models.DecimalField(
        "heures",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    qualifying = models.BooleanField("qualifiante", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "action de formation"
        verbose_name_plural = "actions de formation"
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="training_dates_in_order",
            )
        ]

    def __str__(self):
        return self.title or self.get_status_display()
