"""The Offre de Services (OS) of a structure for a year, its versions and its models.

Texts are kept per section of the catalogue (``jalons.offre.catalogue``); the figures
are computed from the structure's data while the OS is a draft and frozen in an
``OffreVersion`` (content and trace) each time it is submitted.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from jalons.structures.models import Network, Structure


class OffreStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    SUBMITTED = "transmise", "Transmise à la DDETS"
    VALIDATED = "validee", "Validée"


YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class OffreDeServices(models.Model):
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="offres", verbose_name="structure"
    )
    year = models.PositiveSmallIntegerField("année", validators=YEAR_VALIDATORS)
    status = models.CharField(
        "état", max_length=12, choices=OffreStatus.choices, default=OffreStatus.DRAFT
    )
    started_from = models.CharField(
        "point de départ",
        max_length=200,
        blank=True,
        help_text="Offre de l'année précédente, modèle d'un réseau, ou vide.",
    )
    submitted_at = models.DateTimeField("transmise le", null=True, blank=True)
    validated_at = models.DateTimeField("validée le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "offre de services"
        verbose_name_plural = "offres de services"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "year"], name="offre_unique_per_year")
        ]

    def __str__(self):
        return f"Offre de services {self.year}"

    @property
    def is_draft(self) -> bool:
        return self.status == OffreStatus.DRAFT


class SectionText(models.Model):
    """The structure's text for one section; ``revision`` guards concurrent edits."""

    offre = models.ForeignKey(
        OffreDeServices, on_delete=models.CASCADE, related_name="texts", verbose_name="offre"
    )
    key = models.CharField("section", max_length=60)
    text = models.TextField("texte", blank=True)
    revision = models.PositiveIntegerField("révision", default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modifié par",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "texte d'une section"
        verbose_name_plural = "textes des sections"
        constraints = [
            models.UniqueConstraint(fields=["offre", "key"], name="offre_section_unique")
        ]

    def __str__(self):
        from jalons.offre.catalogue import section_title

        return section_title(self.key)


class OffreVersion(models.Model):
    """What was submitted: every text and figure as rendered, with the trace."""

    offre = models.ForeignKey(
        OffreDeServices, on_delete=models.CASCADE, related_name="versions", verbose_name="offre"
    )
    number = models.PositiveIntegerField("numéro")
    content = models.JSONField("contenu figé", encoder=DjangoJSONEncoder)
    trace = models.JSONField("trace du calcul", default=list, encoder=DjangoJSONEncoder)
    figures_date = models.DateField("date des chiffres")
    # The year's results under every rule set for the dossier du dialogue de gestion,
    # as computed at submission (``dialogue.frozen_results``); empty for versions
    # submitted before they were kept (the dossier then computes them again).
    results = models.JSONField(
        "résultats figés du dialogue", null=True, blank=True, encoder=DjangoJSONEncoder
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="transmise par",
    )
    created_at = models.DateTimeField("transmise le", auto_now_add=True)

    class Meta:
        verbose_name = "version d'une offre de services"
        verbose_name_plural = "versions des offres de services"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["offre", "number"], name="offre_version_unique")
        ]

    def __str__(self):
        return f"Version {self.number}"


class OffreComment(models.Model):
    """A comment of the DDETS (or of the structure in reply) on the dossier or a section."""

    offre = models.ForeignKey(
        OffreDeServices, on_delete=models.CASCADE, related_name="comments", verbose_name="offre"
    )
    version = models.ForeignKey(
        OffreVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="version commentée",
    )
    section_key = models.CharField("section", max_length=60, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="auteur",
    )
    author_label = models.CharField("auteur (affiché)", max_length=250)
    text = models.TextField("commentaire")
    asks_completion = models.BooleanField("demande de compléments", default=False)
    created_at = models.DateTimeField("écrit le", auto_now_add=True)

    class Meta:
        verbose_name = "commentaire sur une offre de services"
        verbose_name_plural = "commentaires sur les offres de services"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Commentaire de {self.author_label}"


class ObjectiveKind(models.TextChoices):
    TSD = "taux_sortie_dynamique", "Taux de sortie dynamique"
    EMPLOI_DURABLE = "taux_emploi_durable", "Taux d'emploi durable"
    ETP = "etp", "ETP d'insertion"
    ENTREES = "entrees", "Entrées en parcours (embauches)"
    CUSTOM = "autre", "Autre objectif"


class Objective(models.Model):
    """One objective of the structure for one year, negotiated in the dialogue de gestion."""

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="offre_objectives"
    )
    year = models.PositiveSmallIntegerField("année", validators=YEAR_VALIDATORS)
    kind = models.CharField("objectif", max_length=30, choices=ObjectiveKind.choices)
    label = models.CharField(
        "intitulé", max_length=200, blank=True, help_text="Pour un autre objectif seulement."
    )
    unit = models.CharField("unité", max_length=40, blank=True)
    target = models.DecimalField(
        "cible",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text="Un taux se saisit en pourcentage (60 pour 60 %).",
    )
    comment = models.CharField("commentaire", max_length=300, blank=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "objectif"
        ordering = ["year", "kind", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "year", "kind", "label"], name="objective_unique"
            )
        ]

    def __str__(self):
        name = self.label if self.kind == ObjectiveKind.CUSTOM else self.get_kind_display()
        return f"{name} {self.year}"


class TemplateKind(models.TextChoices):
    SECTION = "section", "Modèle de section"
    TOOL = "outil", "Outil"


class TemplateStatus(models.TextChoices):
    PROPOSED = "proposee", "Proposé par une structure"
    PUBLISHED = "publie", "Publié"
    UNPUBLISHED = "retire", "Non publié"


class NetworkTemplate(models.Model):
    """A model section or a tool shared by a network with its member structures."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="offre_models", verbose_name="réseau"
    )
    kind = models.CharField("nature", max_length=10, choices=TemplateKind.choices)
    title = models.CharField("titre", max_length=200)
    section_key = models.CharField("section concernée", max_length=60, blank=True)
    text = models.TextField("texte", blank=True)
    status = models.CharField(
        "état", max_length=10, choices=TemplateStatus.choices, default=TemplateStatus.UNPUBLISHED
    )
    proposed_by = models.ForeignKey(
        Structure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="proposé par",
    )
    file_name = models.CharField("nom du fichier joint", max_length=200, blank=True)
    file_size = models.PositiveIntegerField("taille du fichier (octets)", default=0)
    stored_name = models.CharField("fichier enregistré", max_length=80, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "modèle d'un réseau"
        verbose_name_plural = "modèles des réseaux"
        ordering = ["section_key", "title"]

    def __str__(self):
        return self.title


class PublicListing(models.Model):
    """What the structure writes for the public, to publish on data·inclusion (DORA…).

    Never filled from the Offre de Services: those texts are written for the DDETS
    (financing, dialogue de gestion) and must not become public by accident.
    """

    structure = models.OneToOneField(
        Structure,
        on_delete=models.CASCADE,
        related_name="public_listing",
        verbose_name="structure",
    )
    presentation = models.TextField("présentation de la structure", blank=True)
    phone = models.CharField("téléphone public", max_length=30, blank=True)
    email = models.CharField("courriel public", max_length=254, blank=True)
    website = models.CharField("site web", max_length=200, blank=True)
    opening_hours = models.CharField("horaires d'accueil", max_length=200, blank=True)
    # Values of the schema's ``Public`` enumeration (``data_inclusion.AUDIENCES``).
    audiences = models.JSONField("publics", default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modifiée par",
    )
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "fiche publique"
        verbose_name_plural = "fiches publiques"

    def __str__(self):
        return f"Fiche publique de {self.structure.name}"


class PublicServiceKind(models.TextChoices):
    PARCOURS = "parcours-insertion", "Parcours d'insertion"
    ACCOMPAGNEMENT = "accompagnement", "Accompagnement social et professionnel"
    FORMATION = "formation", "Formation"


class PublicService(models.Model):
    """One service of the public listing, with the description the structure wrote."""

    listing = models.ForeignKey(
        PublicListing,
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name="fiche publique",
    )
    kind = models.CharField("service", max_length=30, choices=PublicServiceKind.choices)
    published = models.BooleanField("publié", default=True)
    description = models.TextField("description publique", blank=True)
    # Values of the schema's ``Thematique`` enumeration (``data_inclusion.THEMES``).
    themes = models.JSONField("thématiques", default=list, blank=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "service de la fiche publique"
        verbose_name_plural = "services des fiches publiques"
        constraints = [
            models.UniqueConstraint(fields=["listing", "kind"], name="public_service_unique")
        ]

    def __str__(self):
        return self.get_kind_display()
