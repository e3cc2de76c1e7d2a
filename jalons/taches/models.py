import uuid

from django.conf import settings
from django.db import models


class TacheStatus(models.TextChoices):
    WAITING = "en_attente", "En attente"
    RUNNING = "en_cours", "En préparation"
    DONE = "prete", "Prête"
    FAILED = "echec", "Échec"
    CANCELLED = "annulee", "Annulée"


class Tache(models.Model):
    """A document prepared in the background for one user (« Mes documents »).

    It runs one of the application's own download pages as that user (``path``), so
    access rules and the audit log are exactly those of the direct download; the file
    is kept here until the user deletes it or it expires."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="taches",
        verbose_name="utilisateur",
    )
    label = models.CharField("document", max_length=250)
    path = models.CharField("adresse du téléchargement", max_length=500)
    status = models.CharField(
        "état", max_length=12, choices=TacheStatus.choices, default=TacheStatus.WAITING
    )
    progress = models.FloatField("avancement", default=0.0)
    step = models.CharField("étape", max_length=200, blank=True)
    cancel_requested = models.BooleanField("annulation demandée", default=False)
    error = models.TextField("erreur", blank=True)
    origin = models.JSONField(
        "origine de la demande", default=dict, blank=True, help_text="Adresse IP et navigateur"
    )
    file_name = models.CharField("nom du fichier", max_length=255, blank=True)
    content_type = models.CharField("type du fichier", max_length=120, blank=True)
    content = models.BinaryField("fichier", null=True, editable=False)
    size = models.PositiveIntegerField("taille (octets)", null=True, blank=True)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    started_at = models.DateTimeField("commencée le", null=True, blank=True)
    finished_at = models.DateTimeField("terminée le", null=True, blank=True)
    heartbeat_at = models.DateTimeField("dernier signe de vie", null=True, blank=True)

    class Meta:
        verbose_name = "document préparé"
        verbose_name_plural = "documents préparés"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="tache_user_created")]

    def __str__(self):
        return self.label
