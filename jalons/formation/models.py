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


class TrainingFunding(models.TextChoices):
    OPCO = "opco", "OPCO (plan de développement des compétences)"
    PRO_CONTRACT = "contrat_pro", "Contrat de professionnalisation"
    CIPI = "cipi", "CIPI (contrat d'insertion professionnelle intérimaire)"
    BASIC_SKILLS = "savoirs_de_base", "Savoirs de base"
    CPF = "cpf", "CPF (compte personnel de formation)"
    REGION = "region", "Région"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    OTHER = "autre", "Autre"


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
    funding = models.CharField(
        "financement", max_length=20, choices=TrainingFunding.choices, blank=True
    )
    organisation = models.CharField("organisme de formation", max_length=200, blank=True)
    certification = models.CharField("certification visée ou obtenue", max_length=200, blank=True)
    outcome = models.TextField("résultat et suites", blank=True)
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


class TrainingStep(models.Model):
    """A preparatory step before entry: information meeting, test, interview, file…"""

    training = models.ForeignKey(
        TrainingAction, on_delete=models.CASCADE, related_name="steps", verbose_name="formation"
    )
    date = models.DateField("date")
    description = models.CharField("étape", max_length=250)
    done = models.BooleanField("réalisée", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "étape préparatoire"
        verbose_name_plural = "étapes préparatoires"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.description} ({self.date:%d/%m/%Y})"
