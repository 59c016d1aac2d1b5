"""The resident magazine: an archive of issues, each with articles, letters and a
competition, offered in other formats, and reviewed by the Readers Panel."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import AbstractGroupApprovalTask, Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.models import BasePage
from cms.core.selectors import public_pages
from portal.core.constraints import date_window
from portal.core.params import parse_int

from .blocks import ArticleBodyBlock, LettersBlock
from .panels import ReadabilityPanel

ISSUES_PER_PAGE = 12


class ReadersPanelReviewTask(AbstractGroupApprovalTask):
    """The Readers Panel's step in the magazine workflow. Its own type, so a page
    whose live revision passed it can show the "Resident Approved" mark."""

    class Meta:
        verbose_name = _("Readers Panel review")
        verbose_name_plural = _("Readers Panel reviews")


class MagazineIndexPage(RoutablePageMixin, BasePage):
    """`/magazine/`: every issue, newest first, grouped by year, with feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["magazines.MagazineIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("magazine archive")

    def issues(self):
        return (
            public_pages(MagazineIssuePage.objects.child_of(self).live())
            .select_related("cover")
            .order_by("-publication_date", "-issue_number")
        )

    @path("")
    def archive(self, request):
        issues = self.issues()
        years = [d.year for d in issues.dates("publication_date", "year", order="DESC")]
        year = request.GET.get("year", "")
        if parse_int(year, minimum=1900, maximum=2100) in years:
            issues = issues.filter(publication_date__year=int(year))
        else:
            year = ""
        page = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list.prefetch_related("cover__renditions"))
        return render(
            request,
            "magazines/magazine_index_page.html",
            {"page": self, "issues": page, "years": years, "chosen_year": year},
        )

    @path("feed/")
    def rss(self, request):
        from .feeds import IssuesRssFeed

        return IssuesRssFeed(self)(request)

    @path("feed/atom/")
    def atom(self, request):
        from .feeds import IssuesAtomFeed

        return IssuesAtomFeed(self)(request)


class Season(models.TextChoices):
    SPRING = "spring", _("Spring")
    SUMMER = "summer", _("Summer")
    AUTUMN = "autumn", _("Autumn")
    WINTER = "winter", _("Winter")


class MagazineIssuePage(BasePage):
    """One issue: its cover and summary, its articles (child pages) and the
    formats it comes in."""

    issue_number = models.PositiveIntegerField(_("issue number"))
    season = models.CharField(_("season"), max_length=10, choices=Season.choices)
    publication_date = models.DateField(_("published on"), db_index=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("cover description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the cover for people who cannot see it."),
    )

    parent_page_types = ["magazines.MagazineIndexPage"]
    subpage_types = [
        "magazines.ArticlePage",
        "magazines.LettersPage",
        "magazines.CompetitionPage",
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("issue_number"),
                FieldPanel("season"),
                FieldPanel("publication_date"),
                FieldPanel("cover"),
                FieldPanel("cover_alt"),
            ],
            heading=_("Issue"),
        ),
        InlinePanel("formats", heading=_("Other formats"), label=_("Format")),
    ]
    search_fields = [*BasePage.search_fields, index.FilterField("publication_date")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("cover_alt"),
    ]
    override_translatable_fields = [
        SynchronizedField("issue_number"),
        SynchronizedField("season"),
        SynchronizedField("publication_date"),
        SynchronizedField("cover"),
    ]

    class Meta:
        verbose_name = _("magazine issue")
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("publication_date"),
        ]

    def clean(self):
        super().clean()
        if self.cover_id and not self.cover_alt.strip():
            raise ValidationError(
                {"cover_alt": _("Describe the cover for people who cannot see it.")}
            )

    def get_context(self, request, *args, **kwargs):
        from .selectors import resident_approved_ids

        context = super().get_context(request, *args, **kwargs)
        contents = list(self.contents())
        context["contents"] = contents
        context["approved_ids"] = resident_approved_ids(contents)
        context["formats"] = self.formats.select_related("document")
        return context

    def contents(self):
        """The issue's live, public pages in tree order, each with its `intro`, in
        one query: the summary is joined in from each page type's own table (all
        are `BasePage`s), where `.specific()` would read every type's table in a
        query of its own, plus one to find the types."""
        summaries = [
            models.F(f"{model._meta.model_name}__intro")
            for model in self.specific_class.allowed_subpage_models()
        ]
        return public_pages(self.get_children().live()).annotate(
            intro=Coalesce(
                *summaries, models.Value(""), output_field=models.TextField()
            )
        )


class IssueFormat(Orderable):
    """The issue as a file in another format (PDF, large print, audio, easy read)."""

    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF")
        LARGE_PRINT = "large_print", _("Large print PDF")
        AUDIO = "audio", _("Audio")
        EASY_READ = "easy_read", _("Easy read")

    page = ParentalKey(
        MagazineIssuePage, on_delete=models.CASCADE, related_name="formats"
    )
    kind = models.CharField(_("format"), max_length=20, choices=Kind.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("kind"), FieldPanel("document")]

    def __str__(self):
        return self.get_kind_display()


class ArticlePage(BasePage):
    """An article in an issue. Editors see a plain-English score while writing."""

    author = models.CharField(_("written by"), max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True)

    parent_page_types = ["magazines.MagazineIssuePage"]
    subpage_types = []
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("author"),
        ReadabilityPanel(heading=_("Plain English check")),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("author"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("article")

    def get_context(self, request, *args, **kwargs):
        from .selectors import resident_approved_ids

        context = super().get_context(request, *args, **kwargs)
        context["resident_approved"] = self.pk in resident_approved_ids([self])
        return context


class LettersPage(BasePage):
    """Residents' letters and the landlord's replies."""

    letters = StreamField(LettersBlock(), blank=True)

    parent_page_types = ["magazines.MagazineIssuePage"]
    subpage_types = []
    content_panels = [*BasePage.content_panels, FieldPanel("letters")]
    search_fields = [*BasePage.search_fields, index.SearchField("letters")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("letters")]

    class Meta:
        verbose_name = _("letters page")


class CompetitionPage(RoutablePageMixin, BasePage):
    """A question residents answer once each through their account; after the
    closing time staff draw a winner at random."""

    question = models.CharField(_("question"), max_length=300)
    choices = models.TextField(
        _("answers to choose from"),
        blank=True,
        help_text=_("One answer a line. Leave empty to let people type their answer."),
    )
    prize = models.CharField(_("prize"), max_length=200)
    closes_at = models.DateTimeField(_("closes at"))

    parent_page_types = ["magazines.MagazineIssuePage"]
    subpage_types = []
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("question"),
        FieldPanel("choices"),
        FieldPanel("prize"),
        FieldPanel("closes_at"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("question"),
        TranslatableField("choices"),
        TranslatableField("prize"),
    ]
    override_translatable_fields = [SynchronizedField("closes_at")]

    class Meta:
        verbose_name = _("competition")
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("closes_at", time=True),
        ]

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.closes_at

    def cache_expires_at(self):
        """Cached copies last no later than the close (the page stops asking
        people to enter)."""
        return self.closes_at if self.is_open else None

    @path("")
    def competition(self, request):
        from .views import competition

        return competition(request, self)


class CompetitionEntry(models.Model):
    """One resident's answer. Entries belong to the competition in the site's main
    language, so each resident enters once whichever language they read it in."""

    competition = models.ForeignKey(
        CompetitionPage,
        verbose_name=_("competition"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    entrant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entrant"),
        on_delete=models.CASCADE,
        related_name="competition_entries",
    )
    answer = models.CharField(_("answer"), max_length=300)
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("competition entry")
        verbose_name_plural = _("competition entries")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "entrant"], name="one_entry_per_person"
            ),
            date_window("entered_at", time=True),
        ]
        permissions = [("draw_competition", _("Can draw a competition's winner"))]

    def __str__(self):
        return f"{self.entrant} – {self.competition}"


class CompetitionDraw(models.Model):
    """The one draw of a competition: who won, out of how many, drawn by whom,
    and the seed and entries it was drawn from, so anyone can re-run it
    (`portal.core.draws`). Draws made before the seed was kept have none."""

    competition = models.OneToOneField(
        CompetitionPage,
        verbose_name=_("competition"),
        on_delete=models.CASCADE,
        related_name="draw",
    )
    winner = models.ForeignKey(
        CompetitionEntry,
        verbose_name=_("winning entry"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entries_count = models.PositiveIntegerField(_("entries in the draw"))
    seed = models.CharField(_("seed"), max_length=64, blank=True)
    eligible = models.JSONField(_("eligible entries"), default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        verbose_name = _("competition draw")
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("drawn_at", time=True),
        ]

    def __str__(self):
        return str(self.competition)
