from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

# The organisations (structures, networks, DDETS) are named by label, never imported:
# accounts sits below structures in the layers of docs/architecture.md.


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField(
        "administrateur de la plateforme",
        default=False,
        help_text="Donne accès à l'administration de la plateforme.",
    )
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


class Role(models.TextChoices):
    DIRECTION = "direction", "Direction"
    CIP = "cip", "Conseiller·ère en insertion (CIP)"
    ENCADRANT = "encadrant", "Encadrant·e technique"
    LECTURE = "lecture", "Lecture seule"


# A role as a function, next to a person's name in a document (« Sacha Martin
# (direction) »): a noun, so that it reads right whatever the person's gender (an
# account records none).
ROLE_FUNCTIONS = {
    Role.DIRECTION: "direction",
    Role.CIP: "conseil en insertion professionnelle",
    Role.ENCADRANT: "encadrement technique",
}


class StructureMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="structure_memberships")
    structure = models.ForeignKey(
        "structures.Structure", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "rattachement à une structure"
        verbose_name_plural = "rattachements à une structure"
        constraints = [
            models.UniqueConstraint(fields=["user", "structure"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.structure} ({self.get_role_display()})"


class NetworkMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="network_memberships")
    network = models.ForeignKey(
        "structures.Network", on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "rattachement à un réseau"
        verbose_name_plural = "rattachements à un réseau"
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="network_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.network}"


class DdetsMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="ddets_memberships")
    ddets = models.ForeignKey(
        "structures.Ddets", on_delete=models.CASCADE, related_name="memberships"
    )
    departements = models.ManyToManyField(
        "structures.Departement",
        related_name="ddets_memberships",
        verbose_name="départements suivis",
        help_text="Départements de la DDETS dont l'agent suit les structures.",
    )
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "rattachement à une DDETS"
        verbose_name_plural = "rattachements à une DDETS"
        constraints = [
            models.UniqueConstraint(fields=["user", "ddets"], name="ddets_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.ddets}"


class Invitation(models.Model):
    structure = models.ForeignKey(
        "structures.Structure", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("adresse e-mail")
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    expires_at = models.DateTimeField("expire le")
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation de {self.email} ({self.structure})"

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.cancelled_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def status_label(self) -> str:
        if self.accepted_at:
            return "Acceptée"
        if self.cancelled_at:
            return "Annulée"
        if self.expires_at <= timezone.now():
            return "Expirée"
        return "En attente"


class SignInAttempt(models.Model):
    """One sign-in attempt, kept to lock an account after repeated failures."""

    email = models.CharField(max_length=254, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "tentative de connexion"
        verbose_name_plural = "tentatives de connexion"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.email} ({'réussie' if self.succeeded else 'échouée'})"
