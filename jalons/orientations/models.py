from django.db import models

from jalons.parcours.models import Person
from jalons.parcours.vocabulary import prescriber_choices
from jalons.structures.models import Structure


class OrientationOutcome(models.TextChoices):
    HIRED = "embauche", "Embauche"
    REFUSED = "refus", "Refus"
    NO_FOLLOW_UP = "sans_suite", "Sans suite"
    PENDING = "en_cours", "En cours"


class Orientation(models.Model):
    """A candidate positioned by a prescriber; kept whether hired or not."""

    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="orientations", verbose_name="structure"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orientations",
        verbose_name="personne",
    )
    candidate_first_name = models.CharField("prénom du candidat", max_length=150, blank=True)
    candidate_last_name = models.CharField("nom du candidat", max_length=150, blank=True)
    date = models.DateField("date de l'orientation")
    prescriber_type = models.CharField(
        "type de prescripteur", max_length=20, choices=prescriber_choices
    )
    prescriber_organisation = models.CharField("organisme prescripteur", max_length=200, blank=True)
    outcome = models.CharField(
        "issue",
        max_length=20,
        choices=OrientationOutcome.choices,
        default=OrientationOutcome.PENDING,
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "orientation"
        ordering = ["-date"]
        indexes = [models.Index(fields=["structure", "date"], name="orientation_date")]

    def __str__(self):
        who = self.person or f"{self.candidate_first_name} {self.candidate_last_name}".strip()
        return f"Orientation de {who or 'candidat'} le {self.date:%d/%m/%Y}"
