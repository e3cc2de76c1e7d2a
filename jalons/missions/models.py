"""ETTI and AI mission tools: evaluation grid, evaluations (CIP and client company),
integration follow-ups and incidents (early end of a mission by the client)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from jalons.contrats.models import Contract, ContractKind
from jalons.parcours.vocabulary import Channel
from jalons.structures.models import Structure

# Contracts that have a client company: missions (ETTI) and mises à disposition (AI).
MISSION_KINDS = (ContractKind.MISSION, ContractKind.MISE_A_DISPOSITION)

# Default criteria of a structure's grid, created the first time the grid is used.
DEFAULT_CRITERIA = (
    "Ponctualité et assiduité",
    "Respect des consignes de sécurité",
    "Qualité du travail",
    "Rythme de travail",
    "Travail en équipe",
    "Autonomie",
    "Relation avec l'encadrement",
    "Présentation et savoir-être",
)


class Score(models.TextChoices):
    VERY_GOOD = "4", "Très satisfaisant"
    GOOD = "3", "Satisfaisant"
    TO_IMPROVE = "2", "À améliorer"
    INSUFFICIENT = "1", "Insuffisant"
    NOT_OBSERVED = "non_observe", "Non observé"


class EvaluationCriterion(models.Model):
    """One line of a structure's evaluation grid."""

    structure = models.ForeignKey(
        Structure,
        on_delete=models.CASCADE,
        related_name="evaluation_criteria",
        verbose_name="structure",
    )
    label = models.CharField(
        "critère",
        max_length=200,
        error_messages={"blank": "Indiquez le libellé du critère."},
    )
    help_text = models.CharField("précision pour l'évaluateur", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "critère d'évaluation"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "label"],
                name="criterion_unique_label",
                violation_error_message="Un critère porte déjà ce libellé.",
            )
        ]

    def __str__(self):
        return self.label


class EvaluationSource(models.TextChoices):
    CIP = "cip", "CIP"
    CLIENT = "client", "Entreprise cliente"


class MissionEvaluation(models.Model):
    """An evaluation of a mission, by the CIP or by the client company (through a link)."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="evaluations", verbose_name="mission"
    )
    source = models.CharField("évaluée par", max_length=10, choices=EvaluationSource.choices)
    evaluated_on = models.DateField("date de l'évaluation", null=True, blank=True)
    evaluator_name = models.CharField("nom de l'évaluateur", max_length=200, blank=True)
    comment = models.TextField("appréciation générale", blank=True)
    # The client's link: only the hash of its token is kept.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    link_expires_at = models.DateTimeField("lien valable jusqu'au", null=True, blank=True)
    submitted_at = models.DateTimeField("transmise le", null=True, blank=True)
    presented_on = models.DateField("présentée au salarié le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créée par",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "évaluation de mission"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="client") | Q(token_hash__isnull=True),
                name="evaluation_token_only_for_client",
            )
        ]

    def __str__(self):
        return f"Évaluation {self.get_source_display().lower()} – {self.contract.post}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class EvaluationAnswer(models.Model):
    """The score of one criterion; its label is kept so that editing the grid
    never changes a past evaluation."""

    evaluation = models.ForeignKey(
        MissionEvaluation,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name="évaluation",
    )
    criterion = models.ForeignKey(
        EvaluationCriterion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name="critère",
    )
    criterion_label = models.CharField("critère", max_length=200)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    score = models.CharField("appréciation", max_length=12, choices=Score.choices)
    comment = models.CharField("commentaire", max_length=500, blank=True)

    class Meta:
        verbose_name = "réponse d'évaluation"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.criterion_label} : {self.get_score_display()}"


class CallParty(models.TextChoices):
    EMPLOYEE = "salarie", "Salarié·e"
    CLIENT = "client", "Entreprise cliente"


class CallMedium(models.TextChoices):
    PHONE = Channel.PHONE, "Téléphone"
    VISIT = "visite", "Visite sur le lieu de mission"
    VIDEO = Channel.VIDEO, "Visioconférence"
    EMAIL = Channel.EMAIL, "Courriel"
    SMS = "sms", "SMS"


class IntegrationCall(models.Model):
    """A follow-up during the integration period of a mission (mostly by phone)."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="integration_calls", verbose_name="mission"
    )
    date = models.DateField("date")
    party = models.CharField("avec qui", max_length=10, choices=CallParty.choices)
    contact_name = models.CharField("interlocuteur", max_length=200, blank=True)
    medium = models.CharField(
        "moyen", max_length=10, choices=CallMedium.choices, default=CallMedium.PHONE
    )
    notes = models.TextField(
        "ce qui a été dit", error_messages={"blank": "Résumez ce qui a été dit."}
    )
    next_step = models.CharField("suite prévue", max_length=300, blank=True)
    next_step_on = models.DateField("date de la suite", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="saisi par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "suivi d'intégration"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"Suivi d'intégration du {self.date:%d/%m/%Y} ({self.get_party_display()})"

    def clean(self):
        if self.date and self.contract_id and self.date < self.contract.start_date:
            raise ValidationError(
                {
                    "date": "Le suivi ne peut pas précéder le début de la mission "
                    f"({self.contract.start_date:%d/%m/%Y})."
                }
            )
        if self.next_step_on and self.date and self.next_step_on < self.date:
            raise ValidationError(
                {"next_step_on": "La suite ne peut pas être prévue avant le suivi lui-même."}
            )


class MissionIncident(models.Model):
    """An early end of a mission at the client's initiative, objectified."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="incidents", verbose_name="mission"
    )
    reported_on = models.DateField("date du signalement")
    ended_on = models.DateField("fin effective de la mission", null=True, blank=True)
    facts = models.TextField(
        "faits constatés, avec leurs dates",
        error_messages={"blank": "Décrivez les faits et leurs dates."},
    )
    client_account = models.TextField("version de l'entreprise cliente", blank=True)
    worker_account = models.TextField("version du salarié", blank=True)
    cip_analysis = models.TextField("analyse du CIP", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="saisi par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "incident de mission"
        ordering = ["reported_on", "pk"]

    def __str__(self):
        return f"Fin anticipée de mission signalée le {self.reported_on:%d/%m/%Y}"

    def clean(self):
        start = self.contract.start_date if self.contract_id else None
        errors = {}
        if start and self.ended_on and self.ended_on < start:
            errors["ended_on"] = (
                f"La fin ne peut pas précéder le début de la mission ({start:%d/%m/%Y})."
            )
        if start and self.reported_on and self.reported_on < start:
            errors["reported_on"] = (
                f"Le signalement ne peut pas précéder le début de la mission ({start:%d/%m/%Y})."
            )
        if errors:
            raise ValidationError(errors)


class IncidentAction(models.Model):
    """An action decided after an incident, with its owner and date."""

    incident = models.ForeignKey(
        MissionIncident, on_delete=models.CASCADE, related_name="actions", verbose_name="incident"
    )
    description = models.CharField(
        "action décidée",
        max_length=300,
        error_messages={"blank": "Décrivez l'action décidée."},
    )
    owner = models.CharField(
        "qui s'en charge",
        max_length=200,
        error_messages={"blank": "Indiquez qui s'en charge."},
    )
    due_on = models.DateField("pour le", null=True, blank=True)
    done = models.BooleanField("faite", default=False)

    class Meta:
        verbose_name = "action décidée"
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description
