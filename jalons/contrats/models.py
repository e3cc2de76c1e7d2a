from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from jalons.parcours.models import Parcours
from jalons.structures.models import Structure


class ClientKind(models.TextChoices):
    COMPANY = "entreprise", "Entreprise"
    PRIVATE = "particulier", "Particulier"
    PUBLIC = "collectivite", "Collectivité ou établissement public"
    ASSOCIATION = "association", "Association"


class Client(models.Model):
    """A client company of an ETTI, or a user (private person, company...) of an AI."""

    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="clients", verbose_name="structure"
    )
    kind = models.CharField("type", max_length=20, choices=ClientKind.choices)
    name = models.CharField("nom", max_length=200)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    contact_name = models.CharField("contact", max_length=200, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("adresse e-mail", blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "client"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "name"], name="client_unique_name")
        ]

    def __str__(self):
        return self.name


class ContractKind(models.TextChoices):
    CDDI = "cddi", "CDDI"
    MISSION = "mission", "Mission d'intérim"
    MISE_A_DISPOSITION = "mise_a_disposition", "Mise à disposition"


# Which contract kinds each SIAE type uses.
CONTRACT_KINDS_BY_SIAE = {
    "ACI": [ContractKind.CDDI],
    "EI": [ContractKind.CDDI],
    "EITI": [ContractKind.CDDI],
    "ETTI": [ContractKind.MISSION],
    "AI": [ContractKind.MISE_A_DISPOSITION],
}


class Contract(models.Model):
    """A CDDI (ACI, EI, EITI), a mission (ETTI) or a mise à disposition (AI)."""

    parcours = models.ForeignKey(
        Parcours, on_delete=models.CASCADE, related_name="contracts", verbose_name="parcours"
    )
    kind = models.CharField("type", max_length=20, choices=ContractKind.choices)
    post = models.CharField("poste", max_length=200)
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)
    weekly_hours = models.DecimalField(
        "durée hebdomadaire (heures)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("48"))],
    )
    hours = models.DecimalField(
        "heures réalisées",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name="client ou utilisateur",
    )
    early_end_by_client = models.BooleanField(
        "fin anticipée à l'initiative du client", default=False
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "contrat"
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="contract_dates_in_order",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.post}"
