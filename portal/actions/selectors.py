"""Reads of the actions register: the public list and its progress summary, the
actions shown on a meeting or consultation, and the figures the accountability
reports use (a query each, whatever the number of actions)."""

import datetime

from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from portal.core.dates import london_today

from .models import Action, ActionFollow, ActionUpdate

OPEN = ~Q(status__in=Action.CLOSED)
DONE = Q(status=Action.Status.DONE)


def _with_latest_update(queryset: QuerySet) -> QuerySet:
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by(
        "-written_on", "-pk"
    )
    return queryset.annotate(
        latest_update=Subquery(latest.values("text")[:1]),
        latest_update_on=Subquery(latest.values("written_on")[:1]),
    )


def public_actions(*, filters: dict | None = None) -> QuerySet:
    """Every action, filtered by area, estate, topic, status, source or progress,
    with what a row needs joined in (the query count does not grow with rows)."""
    filters = filters or {}
    queryset = Action.objects.select_related("area", "estate", "topic", "owner")
    for name in ("area", "estate", "topic"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    for name in ("status", "source"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    progress = filters.get("progress")
    today = london_today()
    if progress == "on_time":
        queryset = queryset.filter(DONE, done_on__lte=F("due_on"))
    elif progress == "late":
        queryset = queryset.filter(
            (DONE & Q(done_on__gt=F("due_on"))) | (OPEN & Q(due_on__lt=today))
        )
    elif progress == "open":
        queryset = queryset.filter(OPEN)
    return _with_latest_update(queryset).order_by("due_on", "pk")


def progress_summary(
    queryset: QuerySet | None = None, *, today: datetime.date | None = None
) -> dict[str, int]:
    """Done on time, done late, overdue, open (on track) and not going ahead, in
    one query."""
    today = today or london_today()
    queryset = (Action.objects.all() if queryset is None else queryset).order_by()
    return queryset.aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=DONE & Q(done_on__lte=F("due_on"))),
        done_late=Count("pk", filter=DONE & Q(done_on__gt=F("due_on"))),
        overdue=Count("pk", filter=OPEN & Q(due_on__lt=today)),
        open=Count("pk", filter=OPEN & Q(due_on__gte=today)),
        dropped=Count("pk", filter=Q(status=Action.Status.NOT_GOING_AHEAD)),
    )


def actions_for_page(page) -> list[Action]:
    """The actions linked to a meeting or consultation page (any translation)."""
    ids = [link.action_id for link in page.action_links.all()]
    if not ids:
        return []
    return list(
        _with_latest_update(
            Action.objects.filter(pk__in=ids).select_related("owner")
        ).order_by("due_on", "pk")
    )


def is_following(person, *, action: Action | None = None, estate=None) -> bool:
    if not person.is_authenticated:
        return False
    if action is not None:
        return ActionFollow.objects.filter(person=person, action=action).exists()
    return ActionFollow.objects.filter(person=person, estate=estate).exists()


# For the accountability reports: figures over a period, never copies.


def actions_done_on_time(
    *,
    start: datetime.date,
    end: datetime.date,
    area=None,
    estate=None,
    today: datetime.date | None = None,
) -> dict:
    """Of the actions due in [start, end]: how many were done by their date, done
    late, are still open or were dropped (one query)."""
    due = actions_due(start=start, end=end, area=area, estate=estate)
    return progress_summary(due, today=today or end)


def actions_due(*, start: datetime.date, end: datetime.date, area=None, estate=None):
    """The actions due in [start, end]. With `estate`, only actions for that
    estate; with `area`, those for the area or one of its estates."""
    due = Action.objects.filter(due_on__gte=start, due_on__lte=end)
    if estate is not None:
        due = due.filter(estate=estate)
    elif area is not None:
        due = due.filter(Q(area=area) | Q(estate__area=area))
    return due


def judged_actions(due, *, today: datetime.date):
    """Of `due`, the actions a "done on time" figure judges (done, or still open
    after their date), each with `outcome`: "on_time", "done_late" or
    "overdue" (the same rules as `progress_summary`)."""
    on_time = DONE & Q(done_on__lte=F("due_on"))
    done_late = DONE & Q(done_on__gt=F("due_on"))
    overdue = OPEN & Q(due_on__lt=today)
    return (
        due.filter(on_time | done_late | overdue)
        .annotate(
            outcome=Case(
                When(on_time, then=Value("on_time")),
                When(done_late, then=Value("done_late")),
                default=Value("overdue"),
            )
        )
        .order_by("due_on", "pk")
    )
