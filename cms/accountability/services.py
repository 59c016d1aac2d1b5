"""Making and refreshing report drafts from the performance figures."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, WorkflowPage

from cms.magazines.workflows import readers_panel_workflow
from portal.core.services import audit_record
from portal.reports.snapshot import (
    ReportRefused,
    snapshot_period,
    snapshot_scope,
    take_snapshot,
)

from .models import Audience, PerformanceReportPage, ReportIndexPage


def apply_snapshot(page: PerformanceReportPage, snapshot: dict) -> None:
    page.snapshot = snapshot
    page.period_first = datetime.date.fromisoformat(snapshot["period"]["first"])
    page.period_last = datetime.date.fromisoformat(snapshot["period"]["last"])
    page.period_label = snapshot["period"]["label"]
    page.scope_label = snapshot["scope"]["label"]


def report_index() -> ReportIndexPage | None:
    """The "How we are doing" page of the site's own language."""
    return ReportIndexPage.objects.filter(locale=Locale.get_default()).first()


@transaction.atomic
def report_draft_create(*, snapshot: dict, audience: str, title: str, user) -> str:
    """A draft report under "How we are doing" holding these figures; returns the
    page editor's address. Refused (with a reason) when there is no index page or
    the person may not add pages there."""
    index = report_index()
    if index is None:
        raise ReportRefused(
            _(
                "There is no “How we are doing” page to put the report under. "
                "Ask an editor to add one under the home page."
            )
        )
    if not index.permissions_for_user(user).can_add_subpage():
        raise ReportRefused(
            _("You may not add pages under “%(index)s”. Ask an editor for access.")
            % {"index": index.title}
        )
    period_label = snapshot["period"]["label"]
    title = title.strip() or f"{Audience(audience).label}: {period_label}"
    page = PerformanceReportPage(
        title=title,
        slug=_unique_slug(index, title),
        audience=audience,
        live=False,
        owner=user,
        locale=index.locale,
    )
    apply_snapshot(page, snapshot)
    index.add_child(instance=page)
    if audience == Audience.RESIDENTS:
        _readers_panel_reviews(page)
    page.save_revision(user=user, log_action=True)
    audit_record(
        actor=user,
        action="accountability.report_drafted",
        target=page,
        details={"period": period_label, "scope": snapshot["scope"]["label"]},
    )
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _readers_panel_reviews(page: PerformanceReportPage) -> None:
    """The residents' version goes to the Readers Panel before a moderator
    publishes it, as the magazine does (a workflow on the page itself outranks
    the one its index inherits); without that workflow the usual one applies."""
    workflow = readers_panel_workflow()
    if workflow is not None:
        WorkflowPage.objects.create(page=page, workflow=workflow)


def _unique_slug(index, title: str) -> str:
    base = slugify(title)[:200] or "report"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def refresh_refusal(page: PerformanceReportPage) -> str | None:
    """Why this report's figures may not be taken again, or None when they may:
    only a draft that has never been published (a published report keeps the
    figures people read), and not while it is being reviewed."""
    if page.first_published_at is not None or page.live:
        return _(
            "This report has been published, so its figures stay as they were. "
            "Make a new report to show newer figures."
        )
    if page.workflow_in_progress:
        return _(
            "This report is being reviewed. Cancel the review to refresh its figures."
        )
    return None


@transaction.atomic
def report_refresh(*, page: PerformanceReportPage, user) -> PerformanceReportPage:
    """Take the figures again, for the same period and place, into a new draft
    revision (the commentary and title stay as last saved)."""
    page = PerformanceReportPage.objects.select_for_update().get(pk=page.pk)
    refusal = refresh_refusal(page)
    if refusal:
        raise ReportRefused(refusal)
    draft = page.get_latest_revision_as_object()
    snapshot = take_snapshot(
        snapshot_period(draft.snapshot), snapshot_scope(draft.snapshot), made_by=user
    )
    apply_snapshot(draft, snapshot)
    draft.save_revision(user=user, log_action=True)
    # Never published, so the page row is the draft too (the admin lists it).
    PerformanceReportPage.objects.filter(pk=page.pk).update(
        snapshot=draft.snapshot,
        period_first=draft.period_first,
        period_last=draft.period_last,
        period_label=draft.period_label,
        scope_label=draft.scope_label,
    )
    audit_record(
        actor=user,
        action="accountability.report_refreshed",
        target=page,
        details={"period": snapshot["period"]["label"]},
    )
    return draft


def report_maker():
    """What `portal.reports` calls to turn its figures into a report."""
    from portal.reports.snapshot import ReportMaker

    return ReportMaker(
        audiences=lambda: list(Audience.choices), make=report_draft_create
    )
