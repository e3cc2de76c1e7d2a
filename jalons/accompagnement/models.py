from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from jalons.parcours.models import Person
from jalons.parcours.vocabulary import barrier_choices


class AccompanimentNature(models.TextChoices):
    SOCIAL = "social", "Social"
    PROFESSIONAL = "professionnel", "Professionnel"


class AccompanimentModality(models.TextChoices):
    INTERNAL = "interne", "Interne"
    EXTERNAL = "externe", "Externe"


class AccompanimentAction(models.Model):
    """One accompaniment action or interview, with the time spent."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="accompaniment_actions",
        verbose_name="personne",
    )
    date = models.DateField("date")
    nature = models.CharField("nature", max_length=20, choices=AccompanimentNature.choices)
    duration_minutes = models.PositiveIntegerField(
        "durée (minutes)", validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    barrier = models.CharField("frein", max_length=40, choices=barrier_choices, blank=True)
    modality = models.CharField(
        "modalité", max_length=20, choices=AccompanimentModality.choices, blank=True
    )
    speaker = models.CharField(
        "intervenant", max_length=200, blank=True, help_text="Référent extérieur ou intervenant."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="saisi par",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "action d'accompagnement"
        verbose_name_plural = "actions d'accompagnement"
        ordering = ["-date"]
        indexes = [models.Index(fields=["person", "date"], name="accompaniment_date")]

    def __str__(self):
        return f"{self.get_nature_display()} du {self.date:%d/%m/%Y} ({self.duration_minutes} min)"
