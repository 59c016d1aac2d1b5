"""The person behind every login: residents, TRA officers and staff alike.

Email is the only identifier (no usernames), matching allauth's email login.
"""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoUserManager):
    """Create users by email address instead of username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class ResidentProfile(models.Model):
    """Where a resident lives, as they claim it and as staff have checked it.

    Until staff verify the claim against the tenancy records, a resident can read
    and follow things but not take part where eligibility depends on their home.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for us to check")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="resident_profile"
    )
    home = models.ForeignKey(
        "housing.Property",
        verbose_name=_("home"),
        on_delete=models.PROTECT,
        related_name="residents",
    )
    tenancy_reference = models.CharField(_("tenancy reference"), max_length=40)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("resident profile")
        ordering = ["submitted_at"]
        permissions = [("verify_residentprofile", "Can verify residents' homes")]

    def __str__(self) -> str:
        return f"{self.user} – {self.home}"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED
