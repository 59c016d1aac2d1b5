"""Reads for grants: who may see an application (and so its files), what a panel
member has still to do, the panel's scores for staff, and a grant's conditions
measured against what the group recorded. Each costs a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.groups.models import Activity
from portal.groups.selectors import is_officer, officer_groups

from .models import GrantApplication, GrantFile, PanelReview, financial_year

Status = GrantApplication.Status
# A panel sees an application once it is sent, and scores it until it is decided.
PANEL_STATES = [
    Status.SUBMITTED,
    Status.MORE_INFO,
    Status.AWAITING_SECOND,
    Status.APPROVED,
    Status.REJECTED,
    Status.PAID,
]
SCORING_STATES = GrantApplication.lifecycle.allowed_in("score")
SCORE_PERMISSION = "grants.score_grantapplication"


def may_act_for(user, application) -> bool:
    """The applicant, or for a group's application any of its officers."""
    if application.group_id:
        return is_officer(user, application.group)
    return application.applicant_id == user.pk


def is_own(user, application) -> bool:
    """Nobody judges their own application or one from a group they run."""
    return application.applicant_id == user.pk or (
        application.group_id is not None and is_officer(user, application.group)
    )


def is_panel_member(user, scheme) -> bool:
    return (
        user.is_authenticated
        and scheme.panel_scoring
        and user.has_perm(SCORE_PERMISSION)
        and scheme.panel_members.filter(pk=user.pk).exists()
    )


def panel_may_see(user, application) -> bool:
    """A panel member sees the whole application (and its files) only after
    declaring no conflict of interest, and never their own or their group's."""
    return (
        application.status in PANEL_STATES
        and is_panel_member(user, application.scheme)
        and not is_own(user, application)
        and PanelReview.objects.filter(
            application=application, member=user, conflict=False
        ).exists()
    )


def can_see_application(user, application) -> bool:
    if not user.is_authenticated:
        return False
    return (
        user.has_perm("grants.view_grantapplication")
        or may_act_for(user, application)
        or panel_may_see(user, application)
    )


def grant_file_visible(user, private) -> bool:
    """Registered with portal.core.files (grants/files.py): the documents sent with an
    application are seen by whoever may see the application; the receipts and
    photos of its report by the applicant's side and staff, not the panel."""
    grant_file = (
        GrantFile.objects.filter(file=private)
        .select_related("application__scheme", "application__group")
        .first()
    )
    if grant_file is None or not user.is_authenticated:
        return False
    application = grant_file.application
    if grant_file.kind != GrantFile.Kind.SUPPORTING:
        return user.has_perm("grants.view_grantapplication") or may_act_for(
            user, application
        )
    return can_see_application(user, application)


@dataclass
class PanelRow:
    application: GrantApplication
    review: PanelReview | None
    own: bool

    @property
    def status(self) -> str:
        if self.own:
            return _("You cannot score this: it is from you or your group.")
        if self.review is None:
            return _("Declare any conflict of interest")
        if self.review.conflict:
            return _("You declared a conflict of interest")
        if self.review.scored_at:
            return _("Scored: %(total)s") % {"total": self.review.total}
        return _("Ready to score")


def panel_rows(member) -> list[PanelRow]:
    """The applications on the panels a member sits on, with what they have done."""
    applications = list(
        GrantApplication.objects.filter(
            scheme__panel_scoring=True,
            scheme__panel_members=member,
            status__in=PANEL_STATES,
        )
        .select_related("scheme", "group")
        .order_by("-submitted_at", "-pk")
    )
    reviews = {
        review.application_id: review
        for review in PanelReview.objects.filter(
            member=member, application__in=[a.pk for a in applications]
        )
    }
    own_groups = set(officer_groups(member).values_list("pk", flat=True))
    return [
        PanelRow(
            application=a,
            review=reviews.get(a.pk),
            own=a.applicant_id == member.pk or a.group_id in own_groups,
        )
        for a in applications
    ]


@dataclass
class PanelSummary:
    reviews: list[PanelReview] = field(default_factory=list)

    @property
    def scored(self) -> list[PanelReview]:
        return [r for r in self.reviews if r.scored_at and not r.conflict]

    @property
    def conflicts(self) -> list[PanelReview]:
        return [r for r in self.reviews if r.conflict]

    @property
    def average(self) -> Decimal | None:
        totals = [r.total for r in self.scored]
        if not totals:
            return None
        return (Decimal(sum(totals)) / len(totals)).quantize(Decimal("0.1"))


def panel_summaries(applications) -> dict[int, PanelSummary]:
    """Every declaration and score for these applications, in one query."""
    summaries = {a.pk: PanelSummary() for a in applications}
    for review in (
        PanelReview.objects.filter(application__in=list(summaries))
        .select_related("member")
        .order_by("member__last_name", "member__first_name", "pk")
    ):
        summaries[review.application_id].reviews.append(review)
    return summaries


@dataclass
class Condition:
    label: str
    met: bool


def grant_year_bounds(application) -> tuple[datetime.date, datetime.date]:
    year = application.year or financial_year(london_today())
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def conditions_progress(application, *, today=None) -> list[Condition]:
    """A scheme's conditions against the meetings and newsletters the group
    recorded in the grant year (April to March), so far. One query."""
    scheme = application.scheme
    if not application.group_id or not (
        scheme.min_public_meetings or scheme.min_newsletters
    ):
        return []
    start, end = grant_year_bounds(application)
    today = today or london_today()
    held = Activity.objects.filter(
        group_id=application.group_id, date__range=(start, min(end, today))
    ).aggregate(
        meetings=Count(
            "pk",
            filter=Q(kind__in=[Activity.Kind.PUBLIC_MEETING, Activity.Kind.AGM]),
        ),
        newsletters=Count("pk", filter=Q(kind=Activity.Kind.NEWSLETTER)),
    )
    conditions = []
    if scheme.min_public_meetings:
        conditions.append(
            Condition(
                _("%(held)s of %(needed)s public meetings held")
                % {"held": held["meetings"], "needed": scheme.min_public_meetings},
                held["meetings"] >= scheme.min_public_meetings,
            )
        )
    if scheme.min_newsletters:
        conditions.append(
            Condition(
                _("%(held)s of %(needed)s newsletters published")
                % {"held": held["newsletters"], "needed": scheme.min_newsletters},
                held["newsletters"] >= scheme.min_newsletters,
            )
        )
    return conditions
