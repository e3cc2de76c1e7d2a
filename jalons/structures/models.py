from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from jalons.structures.validators import validate_siret


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departements", verbose_name="région"
    )

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"


class StructureKind(models.TextChoices):
    ACI = "ACI", "Atelier et chantier d'insertion"
    EI = "EI", "Entreprise d'insertion"
    ETTI = "ETTI", "Entreprise de travail temporaire d'insertion"
    AI = "AI", "Association intermédiaire"
    EITI = "EITI", "Entreprise d'insertion par le travail indépendant"


class Organisation(models.Model):
    """A legal entity; an "ensemblier" carries several structures."""

    name = models.CharField("raison sociale", max_length=200)
    siret = models.CharField(
        "SIRET du siège", max_length=14, unique=True, validators=[validate_siret]
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_ensemblier(self) -> bool:
        return self.structures.count() >= 2


class Network(models.Model):
    name = models.CharField("nom", max_length=200, unique=True)
    acronym = models.CharField("sigle", max_length=40, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name="région (réseau régional)",
        help_text="Vide pour un réseau national.",
    )

    class Meta:
        verbose_name = "réseau"
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name


class Ddets(models.Model):
    """A State unit (DDETS) that conventions SIAE in one or more départements."""

    name = models.CharField("nom", max_length=200, unique=True)
    departements = models.ManyToManyField(
        Departement, related_name="ddets_units", verbose_name="départements"
    )

    class Meta:
        verbose_name = "DDETS"
        verbose_name_plural = "DDETS"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Structure(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name="organisation",
        help_text="Vide pour une structure créée par un import, à rattacher ensuite.",
    )
    kind = models.CharField("type de SIAE", max_length=4, choices=StructureKind.choices)
    name = models.CharField("nom", max_length=200)
    siret = models.CharField("SIRET", max_length=14, blank=True, validators=[validate_siret])
    identifier = models.CharField(
        "identifiant d'échange",
        max_length=40,
        unique=True,
        help_text="Identifiant stable dans les fichiers d'échange (SIRET ou numéro ASP).",
    )
    address = models.CharField("adresse", max_length=250, blank=True)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name="département",
    )
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("adresse e-mail", blank=True)
    networks = models.ManyToManyField(
        Network, blank=True, related_name="structures", verbose_name="réseaux"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret", "kind"],
                condition=~Q(siret=""),
                name="structure_unique_siret_kind",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.kind})"

    @property
    def region(self) -> Region | None:
        return self.departement.region if self.departement_id else None


class AnnexeFinanciere(models.Model):
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="annexes", verbose_name="structure"
    )
    number = models.CharField("numéro", max_length=40)
    start_date = models.DateField("date de début")
    end_date = models.DateField("date de fin")
    etp_conventionnes = models.DecimalField(
        "ETP conventionnés",
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    annual_reference_hours = models.DecimalField(
        "heures annuelles d'un temps plein",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
        help_text="Durée annuelle de référence retenue par l'annexe (par exemple 1 607 h).",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "annexe financière"
        verbose_name_plural = "annexes financières"
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "number"], name="annexe_unique_number_per_structure"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="annexe_dates_in_order"
            ),
        ]

    def __str__(self):
        return f"Annexe {self.number}"

    @property
    def year(self) -> int:
        return self.start_date.year


class FunderKind(models.TextChoices):
    ETAT = "etat", "État (aide au poste)"
    DEPARTEMENT = "departement", "Conseil départemental"
    REGION = "region", "Conseil régional"
    PLIE = "plie", "PLIE"
    FSE = "fse", "Fonds social européen (FSE+)"
    COMMUNE = "commune", "Commune ou intercommunalité"
    AUTRE = "autre", "Autre financeur"


class Funding(models.Model):
    annexe = models.ForeignKey(
        AnnexeFinanciere,
        on_delete=models.CASCADE,
        related_name="fundings",
        verbose_name="annexe financière",
    )
    kind = models.CharField("financeur", max_length=20, choices=FunderKind.choices)
    label = models.CharField("précision", max_length=200, blank=True)
    amount = models.DecimalField(
        "montant (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = "financement"
        ordering = ["kind", "label"]

    def __str__(self):
        return self.label or self.get_kind_display()
