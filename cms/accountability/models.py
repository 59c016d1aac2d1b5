"""Reports residents and the Board are owed: "How we are doing" and the reports
under it, each a page holding a frozen copy of the performance figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage
from cms.core.selectors import public_pages
from portal.core.constraints import date_window, not_before
from portal.reports.snapshot import snapshot_made_at, snapshot_sections

from .panels import SnapshotPanel


class Audience(models.TextChoices):
    BOARD = "board", _("Board report")
    RESIDENTS = "residents", _("Residents' annual report")


class ReportIndexPage(BasePage):
    """`/how-we-are-doing/`: every published report, newest period first."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["accountability.PerformanceReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("how we are doing")

    def reports(self):
        """Published reports, newest period first: only the fields the list shows
        (never the snapshot)."""
        return (
            public_pages(PerformanceReportPage.objects.child_of(self).live())
            .only(
                "title",
                "url_path",
                "intro",
                "audience",
                "period_first",
                "period_last",
                "scope_label",
                "period_label",
            )
            .order_by("-period_last", "-period_first", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = self.reports()
        return context


class PerformanceReportPage(BasePage):
    """A Board report or the residents' annual report for one period and place.

    The figures are the snapshot taken when the report was made (or last
    refreshed, which only a never-published draft may be): the page shows only
    the snapshot and never reads the records, so a published report keeps its
    numbers whatever is corrected later. The period and place are copied out of
    the snapshot for the index; editors write the commentary."""

    audience = models.CharField(
        _("who it is for"), max_length=20, choices=Audience.choices
    )
    period_first = models.DateField(_("first day of the period"), editable=False)
    period_last = models.DateField(
        _("last day of the period"), editable=False, db_index=True
    )
    period_label = models.CharField(_("period"), max_length=200, editable=False)
    scope_label = models.CharField(_("place"), max_length=200, editable=False)
    commentary = StreamField(BodyBlock(), blank=True, verbose_name=_("commentary"))
    snapshot = models.JSONField(_("the figures"), default=dict, editable=False)

    parent_page_types = ["accountability.ReportIndexPage"]
    subpage_types = []
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("audience"),
        SnapshotPanel(heading=_("The figures")),
        FieldPanel("commentary"),
    ]

    class Meta:
        verbose_name = _("performance report")
        constraints = [
            not_before(
                "period_last",
                "period_first",
                name="performance_report_period_in_order",
                message=_("The period must end on or after it starts."),
            ),
            date_window("period_first"),
            date_window("period_last"),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = snapshot_sections(self.snapshot)
        context["made_at"] = snapshot_made_at(self.snapshot)
        return context
