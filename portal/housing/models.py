"""The landlord's property register: where residents live.

Areas contain estates; estates contain blocks or streets; each property is one
household. Household counts here are the denominators for sign-up evidence and
consultation response rates.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window


class Tenure(models.TextChoices):
    TENANT = "tenant", _("Tenant")
    LEASEHOLDER = "leaseholder", _("Leaseholder")
    SHARED_OWNER = "shared_owner", _("Shared owner")
    SHELTERED = "sheltered", _("Sheltered housing resident")
    NON_LANDLORD = "non_landlord", _("Private resident (not a landlord customer)")

    @classmethod
    def landlord_customers(cls) -> list[str]:
        """Tenures that count toward the landlord-customer share (the 60 % rule)."""
        return [cls.TENANT, cls.LEASEHOLDER, cls.SHARED_OWNER, cls.SHELTERED]


class Area(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("area")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Estate(models.Model):
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="estates"
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("estate")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"], name="unique_estate_in_area"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Street(models.Model):
    """A block of flats or a street of houses within an estate."""

    class Kind(models.TextChoices):
        BLOCK = "block", _("Block")
        STREET = "street", _("Street")

    estate = models.ForeignKey(
        Estate,
        verbose_name=_("estate"),
        on_delete=models.PROTECT,
        related_name="streets",
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.STREET
    )

    class Meta:
        verbose_name = _("block or street")
        verbose_name_plural = _("blocks and streets")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "name"], name="unique_street_in_estate"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Property(models.Model):
    """One home, identified by its Unique Property Reference Number."""

    uprn = models.CharField(_("UPRN"), max_length=12, unique=True)
    address_line_1 = models.CharField(_("address line 1"), max_length=200)
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, db_index=True)
    tenure = models.CharField(
        _("tenure"), max_length=20, choices=Tenure.choices, db_index=True
    )
    estate = models.ForeignKey(
        Estate,
        verbose_name=_("estate"),
        on_delete=models.PROTECT,
        related_name="properties",
    )
    street = models.ForeignKey(
        Street,
        verbose_name=_("block or street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="properties",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("property")
        verbose_name_plural = _("properties")
        ordering = ["postcode", "address_line_1"]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("updated_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.address_line_1}, {self.postcode}"

    @property
    def is_landlord_customer(self) -> bool:
        return self.tenure in Tenure.landlord_customers()


class PropertyImport(models.Model):
    """A record of each register upload: who loaded which file and what changed."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    imported_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("rows"))
    created = models.PositiveIntegerField(_("new properties"))
    updated = models.PositiveIntegerField(_("updated properties"))

    class Meta:
        verbose_name = _("property register import")
        ordering = ["-created_at"]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.filename or 'import'} ({self.created_at:%Y-%m-%d %H:%M})"
