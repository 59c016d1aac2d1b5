"""Consultations: targeted questions to residents, one response each, published
results and a "You said, we did" outcome with its own date."""

import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Site
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage
from portal.core.constraints import date_window, not_before
from portal.housing.models import Tenure

from .blocks import QuestionsBlock

CLOSING_SOON_DAYS = 7
# Answers without an account: households share a connection, so a few a day.
ANONYMOUS_PER_CONNECTION_PER_DAY = 5


@register_setting(icon="list-ul")
class ConsultationSettings(BaseSiteSetting):
    minimum_reply_days = models.PositiveSmallIntegerField(
        _("minimum reply window (days)"),
        default=21,
        help_text=_(
            "Consultations open for less than this must give a reason, "
            "shown on the page."
        ),
    )

    class Meta:
        verbose_name = _("consultation rules")


class Status(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSING_SOON = "closing_soon", _("Closing soon")
    AWAITING_OUTCOME = "awaiting_outcome", _("Closed, outcome to follow")
    OUTCOME_PUBLISHED = "outcome_published", _("Outcome published")


class Kind(models.TextChoices):
    CONSULTATION = "", _("Consultation (your own questions)")
    TSM = "tsm", _("Tenant satisfaction survey (TSM TP01–TP12, fixed questions)")


class ConsultationIndexPage(RoutablePageMixin, BasePage):
    """/consultations/: the finder."""

    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1
    template = "consultations/consultation_index_page.html"

    def cache_expires_at(self):
        """Cached copies last no later than the next consultation status change."""
        from .selectors import next_status_change_at

        return next_status_change_at()

    class Meta:
        verbose_name = _("consultation finder")

    @path("")
    def finder(self, request):
        from portal.core.models import Topic
        from portal.core.params import parse_id
        from portal.housing.models import Area

        from .selectors import finder_sections

        topic = parse_id(request.GET.get("topic"))
        area = parse_id(request.GET.get("area"))
        sections = finder_sections(self, topic=topic, area=area)
        outcomes = Paginator(sections.pop(Status.OUTCOME_PUBLISHED), 20).get_page(
            request.GET.get("page")
        )
        return self.render(
            request,
            context_overrides={
                "sections": sections,
                "outcomes": outcomes,
                "page_obj": outcomes,
                "topics": Topic.objects.all(),
                "areas": Area.objects.all(),
                "chosen_topic": topic,
                "chosen_area": area,
            },
        )


class ConsultationPageForm(WagtailAdminPageForm):
    """Tenures are chosen with tick boxes and stored as a short list of codes."""

    tenure_choices = forms.MultipleChoiceField(
        label=_("Tenures"),
        choices=Tenure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every tenure."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tenure_choices"].initial = self.instance.tenure_list

    def clean(self):
        data = super().clean()
        self.check_anonymous_audience(data)
        return data

    def check_anonymous_audience(self, data):
        """Answers without an account cannot be limited to some homes."""
        targeted = any(data.get(f) for f in ("areas", "estates", "tenure_choices"))
        if data.get("anonymous_allowed") and targeted:
            self.add_error(
                "anonymous_allowed",
                _(
                    "Answers without an account cannot be checked against where "
                    "people live. Ask everyone, or turn this off."
                ),
            )

    def save(self, commit=True):
        self.instance.tenures = ",".join(self.cleaned_data.get("tenure_choices", []))
        return super().save(commit=commit)


class ConsultationPage(RoutablePageMixin, BasePage):
    """One consultation: what we are asking, of whom, until when, and what happened."""

    base_form_class = ConsultationPageForm
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []
    template = "consultations/consultation_page.html"

    def cache_expires_at(self):
        """Cached copies last no later than this consultation's next status change."""
        now = timezone.now()
        soon = self.closes_at - timedelta(days=CLOSING_SOON_DAYS)
        times = [t for t in (self.opens_at, soon, self.closes_at) if t and t > now]
        return min(times, default=None)

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("background"))
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        blank=True,
        verbose_name=_("background documents"),
    )
    topics = ParentalManyToManyField(
        "portal_core.Topic", verbose_name=_("topics"), blank=True
    )
    opens_at = models.DateTimeField(_("opens"), db_index=True)
    closes_at = models.DateTimeField(_("closes"), db_index=True)
    short_window_reason = models.TextField(
        _("why the reply window is short"),
        blank=True,
        help_text=_("Needed when the consultation is open for less than the minimum."),
    )
    areas = ParentalManyToManyField(
        "housing.Area",
        verbose_name=_("areas"),
        blank=True,
        help_text=_("Leave areas and estates empty to ask everyone."),
    )
    estates = ParentalManyToManyField(
        "housing.Estate", verbose_name=_("estates"), blank=True
    )
    tenures = models.CharField(_("tenures"), max_length=200, blank=True)
    anonymous_allowed = models.BooleanField(
        _("people can answer without an account"),
        default=False,
        help_text=_(
            "Only for consultations asking everyone. We count one answer from each "
            "device and at most %(per_day)s a day from one internet connection."
        )
        % {"per_day": ANONYMOUS_PER_CONNECTION_PER_DAY},
    )
    kind = models.CharField(
        _("type"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.CONSULTATION,
        blank=True,
        db_index=True,
        help_text=_(
            "A tenant satisfaction survey asks the regulator's questions in the "
            "regulator's words: any questions below are replaced when you save. "
            "Each household answers once."
        ),
    )
    questions = StreamField(QuestionsBlock(), blank=True, verbose_name=_("questions"))
    prize_draw = models.BooleanField(
        _("Enter respondents into a prize draw"),
        default=False,
        help_text=_(
            "Everyone who answers with an account is entered once; people without "
            "an account only if they give an email address. Staff draw the "
            "winner after the consultation closes."
        ),
    )
    prize = models.CharField(
        _("prize"),
        max_length=200,
        blank=True,
        help_text=_("For example: a £50 shopping voucher."),
    )
    results_published_at = models.DateTimeField(
        _("results published"), null=True, blank=True, editable=False
    )
    you_said = models.TextField(_("what we heard"), blank=True)
    we_did = models.TextField(_("what we decided"), blank=True)
    what_changes = models.TextField(_("what changes and when"), blank=True)
    changes_by = models.DateField(_("changes made by"), null=True, blank=True)
    outcome_published_at = models.DateTimeField(
        _("outcome published"), null=True, blank=True, editable=False, db_index=True
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("documents"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldPanel("opens_at"),
                FieldPanel("closes_at"),
                FieldPanel("short_window_reason"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("areas"),
                FieldPanel("estates"),
                FieldPanel("tenure_choices"),
                FieldPanel("anonymous_allowed"),
            ],
            heading=_("Who is asked"),
        ),
        FieldPanel("kind"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("prize_draw"), FieldPanel("prize")],
            heading=_("Prize draw"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("you_said"),
                FieldPanel("we_did"),
                FieldPanel("what_changes"),
                FieldPanel("changes_by"),
                # The actions register (portal.actions): each promised change.
                InlinePanel("action_links", label=_("Promised changes")),
            ],
            heading=_("You said, we did"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("body"),
        TranslatableField("questions"),
        TranslatableField("short_window_reason"),
        TranslatableField("you_said"),
        TranslatableField("we_did"),
        TranslatableField("what_changes"),
        TranslatableField("prize"),
        SynchronizedField("prize_draw"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
        SynchronizedField("kind"),
    ]

    class Meta:
        verbose_name = _("consultation")
        permissions = [
            (
                "conclude_consultationpage",
                "Can publish consultation results and outcomes",
            )
        ]
        constraints = [
            not_before(
                "closes_at",
                "opens_at",
                strictly=True,
                name="consultation_closes_after_it_opens",
                message=_("The closing time must be after the opening time."),
            ),
            date_window("opens_at", time=True),
            date_window("closes_at", time=True),
            date_window("results_published_at", time=True),
            date_window("changes_by"),
            date_window("outcome_published_at", time=True),
        ]

    @property
    def tenure_list(self) -> list[str]:
        return [t for t in self.tenures.split(",") if t]

    def tenure_labels(self) -> list[str]:
        labels = dict(Tenure.choices)
        return [str(labels[t]) for t in self.tenure_list if t in labels]

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if self.outcome_published_at:
            return Status.OUTCOME_PUBLISHED
        if now < self.opens_at:
            return Status.UPCOMING
        if now >= self.closes_at:
            return Status.AWAITING_OUTCOME
        if self.closes_at - now <= timedelta(days=CLOSING_SOON_DAYS):
            return Status.CLOSING_SOON
        return Status.OPEN

    def status_label(self) -> str:
        return Status(self.status()).label

    @property
    def is_open(self) -> bool:
        return self.status() in (Status.OPEN, Status.CLOSING_SOON)

    @property
    def days_to_outcome(self) -> int | None:
        if not self.outcome_published_at:
            return None
        return (self.outcome_published_at.date() - self.closes_at.date()).days

    def minimum_reply_days(self) -> int:
        try:
            site = self.get_site()
        except Site.DoesNotExist:  # root paths cached before the site was rebuilt
            site = None
        if site is None:
            return ConsultationSettings._meta.get_field("minimum_reply_days").default
        return ConsultationSettings.for_site(site).minimum_reply_days

    def short_window(self) -> bool:
        if not (self.opens_at and self.closes_at):
            return False
        return self.closes_at - self.opens_at < timedelta(
            days=self.minimum_reply_days()
        )

    @property
    def is_tsm(self) -> bool:
        return self.kind == Kind.TSM

    def apply_tsm_questions(self) -> None:
        """A TSM survey always asks the fixed question set (cms.consultations.tsm),
        with the landlord's name where the regulator's wording has [landlord]."""
        from cms.core.models import LandlordSettings

        from . import tsm

        site = self.get_site()
        name = LandlordSettings.for_site(site).name if site else ""
        self.questions = tsm.question_blocks(name or "your landlord")
        if not self.tenures:
            self.tenures = ",".join(tsm.SURVEY_TENURES)

    def clean(self):
        super().clean()
        if self.is_tsm:
            self.apply_tsm_questions()
        if self.prize_draw and not self.prize.strip():
            raise ValidationError(
                {"prize": _("Say what the prize is, so respondents know.")}
            )
        if self.opens_at and self.closes_at:
            if self.closes_at <= self.opens_at:
                raise ValidationError(
                    {"closes_at": _("The closing date must be after the opening date.")}
                )
            if self.short_window() and not self.short_window_reason.strip():
                raise ValidationError(
                    {
                        "short_window_reason": _(
                            "This is open for less than %(days)s days. Say why, "
                            "so residents can see it on the page."
                        )
                        % {"days": self.minimum_reply_days()}
                    }
                )

    # Resident-facing routes -------------------------------------------------

    @path("")
    def overview(self, request):
        from .selectors import eligibility

        response = None
        if request.user.is_authenticated:
            response = Response.objects.filter(
                consultation=self, respondent=request.user
            ).first()
        return self.render(
            request,
            context_overrides={
                "eligibility": eligibility(self, request.user),
                "my_response": response,
            },
        )

    @path("respond/")
    def respond(self, request):
        from .views import respond

        return respond(request, self)

    @path("receipt/")
    def receipt(self, request):
        from .views import receipt

        return receipt(request, self)

    @path("results/")
    def results(self, request):
        from .views import results

        return results(request, self)


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    ANONYMOUS = "anonymous", _("Online without an account")
    PAPER = "paper", _("Paper form")
    PHONE = "phone", _("Phone call")


class Response(models.Model):
    """One resident's answers to one consultation (one each, editable until close)."""

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_responses",
    )
    reference = models.UUIDField(_("receipt number"), default=uuid.uuid4, unique=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by staff"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where the respondent lived when they answered: response rates by area and tenure.
    estate = models.ForeignKey(
        "housing.Estate",
        verbose_name=_("estate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tenure = models.CharField(
        _("tenure"), max_length=20, choices=Tenure.choices, blank=True
    )
    # The household that answered (a tenant satisfaction survey: one each).
    home = models.ForeignKey(
        "housing.Property",
        verbose_name=_("home"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    questions_snapshot = models.JSONField(_("questions as answered"), default=list)
    # Answering without an account: contact details given to enter the prize
    # draw, and the language to tell the winner in (cleared after the draw).
    draw_name = models.CharField(
        _("name for the prize draw"), max_length=100, blank=True
    )
    draw_email = models.EmailField(_("email for the prize draw"), blank=True)
    draw_language = models.CharField(max_length=10, blank=True)
    submitted = models.BooleanField(_("sent"), default=False, db_index=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("consultation response")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="one_response_per_resident",
            ),
            date_window("created_at", time=True),
            date_window("updated_at", time=True),
        ]
        indexes = [models.Index(fields=["consultation", "submitted"])]
        permissions = [
            ("export_response", "Can export consultation responses"),
            ("enter_response", "Can enter paper and phone responses"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation} – {str(self.reference)[:8]}"


class Answer(models.Model):
    """One answer (one chosen option, one rank, one scale value or one text)."""

    class Moderation(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved for publication")
        REJECTED = "rejected", _("Not published")

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=64)
    value = models.CharField(max_length=200, blank=True)
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("answer")
        indexes = [models.Index(fields=["question_id", "value"])]
        permissions = [("moderate_answer", "Can moderate free-text answers")]

    def __str__(self) -> str:
        return self.value or self.text[:40]


class PrizeDraw(models.Model):
    """The one prize draw of a consultation, kept so anyone can re-run it: the
    seed, the responses that were eligible (in the order drawn from) and the
    winner (portal.core.draws)."""

    consultation = models.OneToOneField(
        ConsultationPage,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="drawn_prize",
    )
    seed = models.CharField(_("seed"), max_length=64)
    eligible = models.JSONField(_("eligible responses"), default=list)
    winner = models.ForeignKey(
        Response, verbose_name=_("winning response"), on_delete=models.CASCADE
    )
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation prize draw")
        permissions = [("draw_prizedraw", "Can draw a consultation's prize winner")]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("drawn_at", time=True),
        ]

    def __str__(self) -> str:
        return str(self.consultation)
