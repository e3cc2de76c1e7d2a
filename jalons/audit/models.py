from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    VIEW = "consultation", "Consultation"
    CREATE = "creation", "Création"
    UPDATE = "modification", "Modification"
    DELETE = "suppression", "Suppression"
    SIGN_IN = "connexion", "Connexion"
    SIGN_IN_FAILED = "echec_connexion", "Échec de connexion"
    LOCKED_OUT = "verrouillage", "Verrouillage du compte"
    SIGN_OUT = "deconnexion", "Déconnexion"
    INVITE = "invitation", "Invitation"
    PASSWORD = "mot_de_passe", "Mot de passe"
    BACKUP = "sauvegarde", "Sauvegarde"
    RESTORE = "restauration", "Restauration"


class AuditEntry(models.Model):
    """Append-only: who viewed or changed which record, when, in which role."""

    at = models.DateTimeField("date et heure", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="utilisateur",
    )
    user_email = models.CharField("adresse de l'utilisateur", max_length=254, blank=True)
    role = models.CharField("rôle", max_length=40, blank=True)
    structure = models.ForeignKey(
        "structures.Structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="structure",
    )
    action = models.CharField("action", max_length=20, choices=AuditAction.choices)
    object_type = models.CharField("type d'objet", max_length=100, blank=True)
    object_id = models.CharField("identifiant de l'objet", max_length=64, blank=True)
    object_repr = models.CharField("objet", max_length=250, blank=True)
    changes = models.JSONField("changements", default=dict, blank=True)
    ip = models.GenericIPAddressField("adresse IP", null=True, blank=True)
    # The author when no user acted: the command and the system account that ran it
    # (``jalons.audit.actor.Actor.from_command``).
    command = models.CharField("commande", max_length=200, blank=True)

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal d'audit"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["structure", "-at"], name="audit_structure_at"),
            # The writes of a structure by number: the observatory asks, for each
            # structure of a page, whether one is newer than its snapshots.
            models.Index(
                fields=["structure", "id"],
                condition=~models.Q(action="consultation"),
                name="audit_structure_writes",
            ),
        ]

    def __str__(self):
        at = timezone.localtime(self.at) if timezone.is_aware(self.at) else self.at
        return f"{at:%d/%m/%Y %H:%M} {self.author} {self.get_action_display()}"

    @property
    def author(self) -> str:
        """Who acted: the user's address, else the command that wrote the entry."""
        if self.user_email:
            return self.user_email
        if self.command:
            return f"Ligne de commande : {self.command}"
        return "Système"
