"""The menu of involvement: opportunities on the ladder from informing to
decision-making, each with its time commitment, and residents' interest in them."""

from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage
from cms.core.selectors import public_pages
from portal.core.constraints import date_window


class Level(models.TextChoices):
    """The involvement ladder, lowest rung first."""

    INFORMING = "1_informing", _("Informing")
    CONSULTING = "2_consulting", _("Consulting")
    INVOLVING = "3_involving", _("Involving")
    ENGAGING = "4_engaging", _("Engaging")
    DECISION_MAKING = "5_decision_making", _("Decision-making")


#: Hook name: `fn(request, opportunity_page) -> HTML or ""`, shown on the page.
SECTIONS_HOOK = "involvement_opportunity_sections"

# Commitment filter bands: (key, label, lowest hours, highest hours or None).
COMMITMENT_BANDS = [
    ("light", _("Up to 2 hours a month"), Decimal("0"), Decimal("2")),
    ("medium", _("More than 2, up to 5 hours a month"), Decimal("2.01"), Decimal("5")),
    ("heavy", _("More than 5 hours a month"), Decimal("5.01"), None),
]


class InvolvementIndexPage(RoutablePageMixin, BasePage):
    """/get-involved/: every opportunity, filtered by level and commitment."""

    subpage_types = ["involvement.OpportunityPage"]
    max_count_per_parent = 1
    template = "involvement/involvement_index_page.html"

    class Meta:
        verbose_name = _("ways to get involved")

    @path("")
    def finder(self, request):
        level = request.GET.get("level", "")
        commitment = request.GET.get("commitment", "")
        pages = (
            public_pages(OpportunityPage.objects.live())
            .descendant_of(self)
            .filter(locale=self.locale)
            .select_related("group")
            .order_by("level", "hours_per_month", "title")
        )
        if level in Level.values:
            pages = pages.filter(level=level)
        for key, _label, low, high in COMMITMENT_BANDS:
            if commitment == key:
                pages = pages.filter(hours_per_month__gte=low)
                if high is not None:
                    pages = pages.filter(hours_per_month__lte=high)
        opportunities = Paginator(pages, 20).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "opportunities": opportunities,
                "page_obj": opportunities,
                "levels": Level.choices,
                "bands": [(key, label) for key, label, *_rest in COMMITMENT_BANDS],
                "chosen_level": level,
                "chosen_commitment": commitment,
            },
        )

    @path("my-level/")
    def my_level(self, request):
        from .views import my_level

        return my_level(request, self)


class OpportunityPage(RoutablePageMixin, BasePage):
    """One way to take part: a panel, a focus group, the Board…"""

    parent_page_types = ["involvement.InvolvementIndexPage"]
    subpage_types: list[str] = []
    template = "involvement/opportunity_page.html"

    level = models.CharField(
        _("level of involvement"), max_length=20, choices=Level.choices, db_index=True
    )
    hours_per_month = models.DecimalField(
        _("hours a month"), max_digits=4, decimal_places=1, db_index=True
    )
    frequency = models.CharField(
        _("how often"), max_length=120, help_text=_("For example: monthly meetings.")
    )
    eligibility = models.TextField(
        _("who can take part"), blank=True, help_text=_("Leave empty for anyone.")
    )
    seats = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("how it works"))
    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("linked group or body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body_name = models.CharField(
        _("or the name of the body"),
        max_length=120,
        blank=True,
        help_text=_("For example: the Board, the Residents’ Panel."),
    )
    topics = ParentalManyToManyField(
        "portal_core.Topic", verbose_name=_("topics"), blank=True
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("hours_per_month"),
                FieldPanel("frequency"),
                FieldPanel("seats"),
                FieldPanel("eligibility"),
            ],
            heading=_("Commitment"),
        ),
        FieldPanel("body"),
        FieldPanel("group"),
        FieldPanel("body_name"),
        FieldPanel("topics"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("body"),
        TranslatableField("frequency"),
        TranslatableField("eligibility"),
        TranslatableField("body_name"),
        SynchronizedField("level"),
        SynchronizedField("hours_per_month"),
        SynchronizedField("seats"),
    ]

    class Meta:
        verbose_name = _("way to get involved")

    @property
    def linked_body(self) -> str:
        return self.body_name or (self.group.name if self.group_id else "")

    @path("")
    def overview(self, request):
        interested = (
            request.user.is_authenticated
            and Interest.objects.filter(
                opportunity=self, user=request.user, withdrawn_at__isnull=True
            ).exists()
        )
        return self.render(
            request,
            context_overrides={
                "interested": interested,
                "sections": self.feature_sections(request),
            },
        )

    def feature_sections(self, request) -> list[str]:
        """HTML that feature apps add to this opportunity through the
        `SECTIONS_HOOK` (e.g. estate inspections: the schedule and
        how to sign up), so this app knows none of them."""
        sections = (fn(request, self) for fn in hooks.get_hooks(SECTIONS_HOOK))
        return [section for section in sections if section]

    @path("interest/")
    def interest(self, request):
        from .views import interest

        return interest(request, self)


class Interest(models.Model):
    """ "I'm interested": a resident's hand up for one opportunity. Withdrawing
    keeps the row (with the date), so staff see who stepped back."""

    opportunity = models.ForeignKey(
        OpportunityPage,
        verbose_name=_("opportunity"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="involvement_interests",
    )
    created_at = models.DateTimeField(_("interested since"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    invited_at = models.DateTimeField(_("last invited"), null=True, blank=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "user"], name="one_interest_per_opportunity"
            ),
            date_window("created_at", time=True),
            date_window("withdrawn_at", time=True),
            date_window("invited_at", time=True),
        ]
        permissions = [
            ("export_interest", "Can export and invite interested residents"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.opportunity}"


class InvolvementLevel(models.Model):
    """How involved a resident wants to be; they can change it at any time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="involvement_level",
    )
    level = models.CharField(
        _("how involved you want to be"), max_length=20, choices=Level.choices
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("involvement level")
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("updated_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_level_display()}"
