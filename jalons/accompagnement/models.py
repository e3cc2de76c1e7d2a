from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from jalons.accounts.models import ROLE_FUNCTIONS, Role
from jalons.parcours.models import Person
from jalons.parcours.vocabulary import Channel, barrier_choices
from jalons.structures.models import Structure

# Health and justice barriers: only roles with ``donnees_sensibles.voir`` see them.
SENSITIVE_BARRIERS = frozenset({"sante", "justice"})
# Referents whose mere name reveals a health or justice matter.
SENSITIVE_PARTNER_KINDS = frozenset({"spip", "sante"})


class AccompanimentNature(models.TextChoices):
    SOCIAL = "social", "Social"
    PROFESSIONAL = "professionnel", "Professionnel"


class AccompanimentModality(models.TextChoices):
    INTERNAL = "interne", "Interne"
    EXTERNAL = "externe", "Externe"


class AccompanimentMedium(models.TextChoices):
    IN_PERSON = "presentiel", "En présentiel"
    PHONE = Channel.PHONE, "Par téléphone"
    VIDEO = Channel.VIDEO, "En visioconférence"
    EMAIL = Channel.EMAIL, "Par courriel"
    THIRD_PARTY = "tiers", "Avec un tiers"


class PartnerKind(models.TextChoices):
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    RSA = "referent_rsa", "Référent RSA"
    PLIE = "plie", "PLIE"
    SOCIAL_WORKER = "assistante_sociale", "Assistante sociale"
    CPAM = "cpam", "CPAM"
    MISSION_LOCALE = "mission_locale", "Mission locale"
    CAP_EMPLOI = "cap_emploi", "Cap emploi"
    SPIP = "spip", "SPIP"
    HOUSING = "logement", "Logement, hébergement"
    HEALTH = "sante", "Santé"
    TRAINING = "formation", "Organisme de formation"
    OTHER = "autre", "Autre"


class Partner(models.Model):
    """An external referent or organisation of the structure's directory."""

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="partners", verbose_name="structure"
    )
    kind = models.CharField("type de partenaire", max_length=30, choices=PartnerKind.choices)
    organisation = models.CharField("organisme", max_length=200)
    contact_name = models.CharField("nom du référent", max_length=200, blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("adresse e-mail", blank=True)
    notes = models.TextField("remarques", blank=True)
    active = models.BooleanField("actif", default=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "partenaire"
        verbose_name_plural = "partenaires"
        ordering = ["kind", "organisation", "contact_name"]

    def __str__(self):
        name = (
            f"{self.contact_name} ({self.organisation})" if self.contact_name else self.organisation
        )
        return f"{self.get_kind_display()} : {name}"


class Intensity(models.TextChoices):
    LOW = "faible", "Faible"
    MEDIUM = "moyen", "Moyen"
    HIGH = "fort", "Fort"


class PlanBarrier(models.Model):
    """A barrier of the person's plan d'accompagnement (ASP nomenclature)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="plan_barriers", verbose_name="personne"
    )
    barrier = models.CharField("frein", max_length=40, choices=barrier_choices)
    intensity = models.CharField("intensité", max_length=10, choices=Intensity.choices)
    identified_on = models.DateField("repéré le")
    resolved_on = models.DateField("levé le", null=True, blank=True)
    comment = models.TextField("commentaire", blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "frein du plan"
        verbose_name_plural = "freins du plan"
        ordering = ["identified_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "barrier"], name="plan_barrier_once"),
        ]

    def __str__(self):
        return f"{self.get_barrier_display()} ({self.get_intensity_display().lower()})"

    @property
    def sensitive(self) -> bool:
        return self.barrier in SENSITIVE_BARRIERS


class PlanObjective(models.Model):
    plan_barrier = models.ForeignKey(
        PlanBarrier, on_delete=models.CASCADE, related_name="objectives", verbose_name="frein"
    )
    title = models.CharField("objectif", max_length=250)
    target_date = models.DateField("échéance", null=True, blank=True)
    achieved_on = models.DateField("atteint le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "objectif du plan"
        verbose_name_plural = "objectifs du plan"
        ordering = ["pk"]

    def __str__(self):
        return self.title


class PlanActionStatus(models.TextChoices):
    PLANNED = "prevue", "Prévue"
    IN_PROGRESS = "en_cours", "En cours"
    DONE = "realisee", "Réalisée"
    ABANDONED = "abandonnee", "Abandonnée"
    STANDBY = "en_attente", "En attente"


class PlanAction(models.Model):
    objective = models.ForeignKey(
        PlanObjective, on_delete=models.CASCADE, related_name="actions", verbose_name="objectif"
    )
    title = models.CharField("action", max_length=250)
    status = models.CharField(
        "statut", max_length=20, choices=PlanActionStatus.choices, default=PlanActionStatus.PLANNED
    )
    due_date = models.DateField("échéance", null=True, blank=True)
    done_on = models.DateField("réalisée le", null=True, blank=True)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="partenaire mobilisé",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "action du plan"
        verbose_name_plural = "actions du plan"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.title} ({self.get_status_display().lower()})"


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
    medium = models.CharField(
        "forme", max_length=20, choices=AccompanimentMedium.choices, blank=True
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="référent extérieur",
    )
    plan_objective = models.ForeignKey(
        PlanObjective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name="objectif du plan",
    )
    plan_action = models.ForeignKey(
        PlanAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name="action du plan",
    )
    note = models.TextField("note partagée", blank=True)
    confidential_note = models.TextField("note confidentielle", blank=True)
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

    @property
    def is_sensitive(self) -> bool:
        """Health or justice: through its barrier, its objective's barrier or its referent."""
        if self.barrier in SENSITIVE_BARRIERS:
            return True
        objective = self.plan_objective if self.plan_objective_id else None
        if objective and objective.plan_barrier.barrier in SENSITIVE_BARRIERS:
            return True
        return bool(self.partner_id and self.partner.kind in SENSITIVE_PARTNER_KINDS)


class ReviewKind(models.TextChoices):
    ENTRY = "entree", "Bilan d'entrée"
    PERIODIC = "periodique", "Bilan intermédiaire"
    EXIT = "sortie", "Bilan de sortie"


class ReviewTemplate(models.Model):
    """An editable template of bilan: one question a line, ``# `` starts a section."""

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="review_templates"
    )
    kind = models.CharField("type de bilan", max_length=20, choices=ReviewKind.choices)
    name = models.CharField("nom du modèle", max_length=200)
    questions = models.TextField(
        "questions",
        help_text="Une question par ligne ; une ligne qui commence par « # » ouvre une rubrique.",
    )
    active = models.BooleanField("proposé pour les nouveaux bilans", default=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "modèle de bilan"
        verbose_name_plural = "modèles de bilan"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Review(models.Model):
    """A bilan filled by the CIP: questions copied from the template, answers, sign-off."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="reviews", verbose_name="personne"
    )
    kind = models.CharField("type de bilan", max_length=20, choices=ReviewKind.choices)
    template = models.ForeignKey(
        ReviewTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modèle",
    )
    date = models.DateField("date du bilan")
    answers = models.JSONField("réponses", default=list, blank=True)
    conclusion = models.TextField("conclusion et suites", blank=True)
    confidential_note = models.TextField("note confidentielle", blank=True)
    signed_on = models.DateField("validé le", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="validé par",
    )
    signed_role = models.CharField(
        "rôle de qui a validé", max_length=20, choices=Role.choices, blank=True
    )
    presented_on = models.DateField("présenté à la personne le", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="rédigé par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "bilan"
        verbose_name_plural = "bilans"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"

    @property
    def signer_function(self) -> str:
        return ROLE_FUNCTIONS.get(self.signed_role, "")
