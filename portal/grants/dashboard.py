"""Dashboard cards: my grant applications (status and what to do next), "Apply
for a grant" when a scheme is open to me, and panel work waiting."""

from django.db.models import Case, F, Q, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.accounts.selectors import profile_for_request
from portal.core.dashboard import Action, Card, register_card
from portal.core.dates import london_today
from portal.groups.selectors import groups_for_request, recognition_rules_for

from .eligibility import FUNDED, ONCE_COLUMNS, PENDING, applicant_side, verdicts
from .models import GrantApplication
from .selectors import SCORE_PERMISSION, panel_rows

Status = GrantApplication.Status
FINISHED = [Status.REJECTED, Status.WITHDRAWN]


def next_step(application, today) -> str:
    if application.status == Status.DRAFT:
        return _("Next: finish your application and submit it.")
    if application.status == Status.MORE_INFO:
        return _("Next: we need more information. Answer our question.")
    if application.status in (Status.SUBMITTED, Status.AWAITING_SECOND):
        return _("Next: nothing for now. We are deciding.")
    if application.status == Status.APPROVED:
        return _("Next: nothing for now. We will pay the grant.")
    if application.status == Status.PAID and application.report_due_on:
        if application.report_received_on:
            return _("We have your end-of-grant report. Thank you.")
        if application.report_due_on < today:
            return _("Next: your end-of-grant report is overdue. Send it now.")
        return _("Next: send your end-of-grant report by %(date)s.") % {
            "date": date_format(application.report_due_on, "j F Y")
        }
    return ""


@register_card(order=50)
def grants_card(request) -> Card:
    """The person's five newest applications in progress (their own and their
    group's) and whether a scheme is open to them, with one read of the
    applications: the newest five and those counting against the schemes'
    "once" rules come back together."""
    user = request.user
    groups, _supported = groups_for_request(request)  # shared with the groups card
    group = groups[0] if groups else None
    counts_once = Q(applicant_side(group=group, user=user), status__in=FUNDED + PENDING)
    rows = list(
        GrantApplication.objects.filter(
            Q(applicant=user) | Q(group__in=[g.pk for g in groups])
        )
        .exclude(status__in=FINISHED)
        .annotate(
            rank=Window(RowNumber(), order_by=F("created_at").desc()),
            counts_once=Case(When(counts_once, then=True), default=False),
        )
        .filter(Q(rank__lte=5) | Q(counts_once=True))
        .select_related("scheme", "group")
        .order_by("-created_at")
    )
    applications = [application for application in rows if application.rank <= 5]
    today = london_today()
    for application in applications:
        application.next_step = next_step(application, today)
    can_apply = any(
        verdict.can_apply
        for verdict in verdicts(
            user=user,
            group=group,
            rules=recognition_rules_for(request) if groups else None,
            profile=profile_for_request(request),
            once_rows=[
                tuple(getattr(row, column) for column in ONCE_COLUMNS)
                for row in rows
                if row.counts_once
            ],
        )
    )
    actions = []
    if can_apply:
        actions.append(Action(_("Apply for a grant"), reverse("grants:schemes"), True))
    return Card(
        key="my-applications",
        title=_("My grant applications"),
        template="grants/cards/applications.html",
        context={"applications": applications, "can_apply": can_apply},
        actions=actions,
        order=50,
    )


def _waiting(review) -> bool:
    return review is None or not (review.conflict or review.scored_at)


@register_card(order=70)
def panel_card(request) -> Card | None:
    if not request.user.has_perm(SCORE_PERMISSION):
        return None
    rows = panel_rows(request.user)
    waiting = [row for row in rows if not row.own and _waiting(row.review)]
    return Card(
        key="panel-work",
        title=_("Grant panel"),
        template="grants/cards/panel.html",
        context={"waiting": waiting, "total": len(rows)},
        order=70,
    )
