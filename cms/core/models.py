"""Pieces every content page shares: the base page, standard pages, site settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from portal.core.constraints import date_window
from portal.core.transitions import Lifecycle, Move

from . import sitewide
from .blocks import BodyBlock
from .colours import contrast_with_white, parse_hex_colour


class BasePage(Page):
    """Abstract parent of every content page: a plain-English summary and the
    translatable fields declared once, so wagtail-localize treats all pages alike."""

    intro = models.TextField(
        _("summary"),
        blank=True,
        max_length=500,
        help_text=_("One or two plain-English sentences shown under the title."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """None to look up while no page anywhere is private (two queries a page
        saved); otherwise Wagtail's own check of the page and its ancestors."""
        if sitewide.no_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class StandardPage(BasePage):
    """A plain content page: about us, accessibility statement, privacy notice."""

    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("body")]
    subpage_types = ["cms_core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="home")
class LandlordSettings(BaseSiteSetting):
    """Who runs this site: name, logo, colours and how to contact them."""

    name = models.CharField(_("landlord name"), max_length=120, default="Involve")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#1d4f91",
        help_text=_(
            "A dark colour as #rrggbb. White text must stay readable on it "
            "(contrast at least 4.5 to 1)."
        ),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("logo"), FieldPanel("brand_colour")],
            heading=_("Branding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_page"), FieldPanel("privacy_page")],
            heading=_("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("landlord details")

    def clean(self):
        super().clean()
        colour = parse_hex_colour(self.brand_colour)
        if colour is None:
            raise ValidationError(
                {"brand_colour": _("Enter the colour as # and six hex digits.")}
            )
        if contrast_with_white(colour) < 4.5:
            raise ValidationError(
                {
                    "brand_colour": _(
                        "This colour is too light: white text on it would be hard "
                        "to read. Choose a darker colour."
                    )
                }
            )


class FormatRequest(models.Model):
    """Someone asking for a page in another format. Any page can be asked for; staff
    send it within INVOLVE_FORMAT_REQUEST_WORKING_DAYS working days."""

    class Format(models.TextChoices):
        LARGE_PRINT = "large_print", _("Large print")
        AUDIO = "audio", _("Audio")
        BRAILLE = "braille", _("Braille")
        EASY_READ = "easy_read", _("Easy read")
        TRANSLATION = "translation", _("Translated into another language")
        PAPER = "paper", _("A paper copy")

    # Formats that only exist on paper, so they can only be posted.
    POST_ONLY = {Format.BRAILLE, Format.PAPER}

    class Delivery(models.TextChoices):
        EMAIL = "email", _("By email")
        POST = "post", _("By post")

    class Status(models.TextChoices):
        OPEN = "open", _("To send")
        SENT = "sent", _("Sent")

    lifecycle = Lifecycle(
        field="status",
        moves={
            "send": Move(
                sources={Status.OPEN},
                target=Status.SENT,
                action="format_request.sent",
            ),
        },
        illegal_message=_("This request was already marked as sent."),
    )

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_title = models.CharField(_("what they asked for"), max_length=255)
    page_url = models.CharField(_("address"), max_length=500)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    language = models.CharField(_("language"), max_length=80, blank=True)
    name = models.CharField(_("name"), max_length=120)
    delivery = models.CharField(
        _("how to send it"), max_length=10, choices=Delivery.choices
    )
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("anything else"), blank=True, max_length=1000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="format_requests",
    )
    requested_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    due_on = models.DateField(_("due by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("format request")
        verbose_name_plural = _("format requests")
        ordering = ["status", "due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("requested_at", time=True),
            date_window("due_on"),
            date_window("sent_at", time=True),
        ]

    def __str__(self):
        return f"{self.get_format_display()}: {self.page_title}"
