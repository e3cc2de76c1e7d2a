from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from jalons.parcours.models import Parcours, Person
from jalons.structures.models import Structure
from jalons.structures.validators import validate_siret


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


# Which contract kinds each SIAE type uses. An EITI employs nobody: it signs an
# accompaniment contract with a self-employed worker (AccompanimentContract, see
# docs/eiti.md), so it records none of these.
CONTRACT_KINDS_BY_SIAE = {
    "ACI": [ContractKind.CDDI],
    "EI": [ContractKind.CDDI],
    "EITI": [],
    "ETTI": [ContractKind.MISSION],
    "AI": [ContractKind.MISE_A_DISPOSITION],
}


class Contract(models.Model):
    """A CDDI (ACI, EI), a mission (ETTI) or a mise à disposition (AI)."""

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


class AccompanimentContract(models.Model):
    """The contract of an EITI with a self-employed worker (docs/eiti.md).

    Not an employment contract: the worker runs their own micro-enterprise; the EITI
    supports them and finds them clients, for at most 24 months.
    """

    parcours = models.ForeignKey(
        Parcours,
        on_delete=models.CASCADE,
        related_name="accompaniment_contracts",
        verbose_name="parcours",
    )
    activity = models.CharField("activité exercée", max_length=200)
    siret = models.CharField(
        "SIRET de la micro-entreprise", max_length=14, blank=True, validators=[validate_siret]
    )
    start_date = models.DateField("début")
    planned_end_date = models.DateField("fin prévue")
    end_date = models.DateField("fin", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "contrat d'accompagnement EITI"
        verbose_name_plural = "contrats d'accompagnement EITI"
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__gte=F("start_date")),
                name="accompaniment_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="accompaniment_end_after_start",
            ),
        ]

    def __str__(self):
        return f"Contrat d'accompagnement – {self.activity}"


class ActivityDeclaration(models.Model):
    """What a self-employed worker of an EITI declares for one month."""

    contract = models.ForeignKey(
        AccompanimentContract,
        on_delete=models.CASCADE,
        related_name="declarations",
        verbose_name="contrat d'accompagnement",
    )
    # Denormalised from the contract so that one month is declared once per person.
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="activity_declarations",
        verbose_name="personne",
    )
    month = models.DateField("mois", help_text="Premier jour du mois déclaré.")
    turnover = models.DecimalField(
        "chiffre d'affaires déclaré (euros)",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    hours = models.DecimalField(
        "heures d'activité déclarées",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("744"))],
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "déclaration mensuelle d'activité"
        verbose_name_plural = "déclarations mensuelles d'activité"
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month"], name="activity_declaration_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="activity_declaration_first_of_month"
            ),
            models.CheckConstraint(
                condition=Q(turnover__gte=0) & Q(hours__gte=0),
                name="activity_declaration_not_negative",
            ),
        ]

    def __str__(self):
        return f"Déclaration de {self.month:%m/%Y}"
