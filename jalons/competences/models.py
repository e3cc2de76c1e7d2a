from django.conf import settings
from django.db import models

from jalons.contrats.models import Client
from jalons.parcours.models import Person
from jalons.structures.models import Structure


class ProfessionalTitle(models.Model):
    """A professional title (or a structure's own trade) in a structure's referential."""

    structure = models.ForeignKey(
        Structure,
        on_delete=models.CASCADE,
        related_name="professional_titles",
        verbose_name="structure",
    )
    name = models.CharField("intitulé", max_length=200)
    rncp_code = models.CharField(
        "code RNCP", max_length=20, blank=True, help_text="Par exemple RNCP37845, si connu."
    )
    source_label = models.CharField("source", max_length=300, blank=True)
    source_url = models.URLField("lien vers la source", blank=True)
    verification = models.CharField(
        "vérification",
        max_length=1,
        blank=True,
        choices=[
            ("V", "Vérifié dans la source"),
            ("S", "Source tierce seulement"),
            ("I", "Non vérifié (à contrôler)"),
        ],
    )
    catalogue_key = models.CharField(
        "titre du catalogue",
        max_length=60,
        blank=True,
        help_text="Titre importé du catalogue ; vide pour un titre propre à la structure.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "titre du référentiel de compétences"
        verbose_name_plural = "titres du référentiel de compétences"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "name"], name="title_unique_name")
        ]

    def __str__(self):
        return self.name


class SkillBlock(models.Model):
    """A block of skills, for a Titre professionnel one CCP."""

    title = models.ForeignKey(
        ProfessionalTitle, on_delete=models.CASCADE, related_name="blocks", verbose_name="titre"
    )
    code = models.CharField("code", max_length=40, blank=True, help_text="Par exemple « CCP 1 ».")
    name = models.CharField("intitulé", max_length=300)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "bloc de compétences"
        verbose_name_plural = "blocs de compétences"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.code} – {self.name}" if self.code else self.name


class Skill(models.Model):
    block = models.ForeignKey(
        SkillBlock, on_delete=models.CASCADE, related_name="skills", verbose_name="bloc"
    )
    name = models.CharField("intitulé", max_length=300)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "compétence"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class Level(models.IntegerChoices):
    NOT_ACQUIRED = 0, "Non acquis"
    IN_PROGRESS = 1, "En cours d'acquisition"
    ACQUIRED = 2, "Acquis"
    MASTERED = 3, "Maîtrisé"


class EvaluatorKind(models.TextChoices):
    ENCADRANT = "encadrant", "Encadrement technique"  # a function, next to a name
    CIP = "cip", "CIP"
    DIRECTION = "direction", "Direction"
    CLIENT = "client", "Entreprise cliente ou utilisateur"


class SkillEvaluation(models.Model):
    """The level of one skill of a person, observed on a date by an evaluator."""

    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="+", verbose_name="structure"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="skill_evaluations", verbose_name="personne"
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="evaluations", verbose_name="compétence"
    )
    level = models.PositiveSmallIntegerField("niveau", choices=Level.choices)
    evaluated_on = models.DateField("date de l'évaluation")
    evaluator_kind = models.CharField("évaluée par", max_length=20, choices=EvaluatorKind.choices)
    evaluator_name = models.CharField("nom de l'évaluateur", max_length=200, blank=True)
    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="entreprise cliente",
    )
    comment = models.CharField("observation", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="saisie par",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "évaluation de compétence"
        verbose_name_plural = "évaluations de compétences"
        ordering = ["evaluated_on", "pk"]
        indexes = [models.Index(fields=["person", "evaluated_on"], name="evaluation_person_date")]

    def __str__(self):
        return f"{self.skill} : {self.get_level_display()} le {self.evaluated_on:%d/%m/%Y}"

    @property
    def evaluator_label(self) -> str:
        """Who evaluated; a private person using an AI is never named."""
        label = self.get_evaluator_kind_display()
        if self.client_id and self.client.kind == "particulier":
            return f"{label} (particulier employeur)"
        name = self.evaluator_name.strip()
        if not name or name.casefold() == label.casefold():  # « CIP (CIP) » says nothing
            return label
        return f"{label} ({name})"
