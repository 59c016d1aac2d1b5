"""'How we are doing' with two published reports built from the demo's records:
the residents' annual report for the last whole financial year and the Board
report for the last whole quarter."""

import datetime

from cms.accountability.models import Audience, PerformanceReportPage, ReportIndexPage
from cms.accountability.services import apply_snapshot
from portal.accounts.models import User
from portal.core.dates import london_today
from portal.reports import periods
from portal.reports.scopes import Scope
from portal.reports.snapshot import take_snapshot

LANDLORD = Scope(label="The whole landlord")


def last_whole_quarter(today: datetime.date) -> periods.Period:
    year = periods.financial_year(today)
    number = (today.month - 4) % 12 // 3 + 1  # the quarter today is in
    if number == 1:
        return periods.quarter(year - 1, 4)
    return periods.quarter(year, number - 1)


def build_accountability(home) -> None:
    index = ReportIndexPage.objects.child_of(home).first()
    if index is None:
        index = ReportIndexPage(
            title="How we are doing",
            slug="how-we-are-doing",
            intro="Our reports to residents and to our Board: what we promised, "
            "what we did, and where we fell short.",
            locale=home.locale,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    officer = User.objects.get(email="officer@example.org")
    today = london_today()
    year = periods.whole_year(periods.financial_year(today) - 1)
    _report(
        index,
        officer,
        slug="residents-annual-report",
        title=f"Residents' annual report {periods.year_label(year.first.year)}",
        audience=Audience.RESIDENTS,
        period=year,
        commentary="Thank you to everyone who came to a meeting, answered a "
        "consultation or ran a group this year. These are the figures we promised "
        "to share with you, including the ones where we fell short.",
    )
    _report(
        index,
        officer,
        slug="board-report-last-quarter",
        title="Board report: resident involvement last quarter",
        audience=Audience.BOARD,
        period=last_whole_quarter(today),
        commentary="Notice and minutes are mostly on time. Response rates are "
        "below target on two estates: officers will try door-knocking next quarter.",
    )


def _report(index, officer, *, slug, title, audience, period, commentary):
    if PerformanceReportPage.objects.child_of(index).filter(slug=slug).exists():
        return
    page = PerformanceReportPage(
        title=title,
        slug=slug,
        audience=audience,
        owner=officer,
        locale=index.locale,
        commentary=[("paragraph", f"<p>{commentary}</p>")],
    )
    apply_snapshot(page, take_snapshot(period, LANDLORD, made_by=officer))
    index.add_child(instance=page)
    # The demo publishes as the moderators would once the workflow approves it.
    page.save_revision(user=officer).publish()
