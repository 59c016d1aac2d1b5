"""What happens when a meeting is published: notice is dated, a change that
matters to residents bumps the iCalendar sequence and tells the people coming, the
first publication with minutes stamps when they went live and sends them out
(once), and each paper's first publication is stamped, late or not by the notice
rules. These stamps are the system's record: no editor types or changes them."""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import notice
from .models import MeetingPage, MeetingPublication, MeetingRules, PaperPublication
from .signals import meeting_announced, meeting_changed, minutes_published


def _fingerprint(meeting: MeetingPage) -> str:
    facts = "|".join(
        str(value)
        for value in [
            meeting.title,
            meeting.start.isoformat(),
            meeting.end.isoformat(),
            meeting.venue_id,
            meeting.online_link,
            meeting.status,
        ]
    )
    return hashlib.sha256(facts.encode()).hexdigest()


def change_is_urgent(*, planned_start, now=None) -> bool:
    """A change announced close to the time people planned for (a cancellation
    on the day) must reach them at once: its texts pass quiet hours and the
    yearly cap ("essential", agreement 003)."""
    now = now or timezone.now()
    window = datetime.timedelta(hours=settings.INVOLVE_URGENT_CHANGE_HOURS)
    return planned_start - window <= now <= planned_start


@transaction.atomic
def meeting_published(*, meeting: MeetingPage, actor=None) -> MeetingPublication:
    """`actor` is whoever published (the revision's author), named in the audit
    log when a change goes out as essential."""
    fingerprint = _fingerprint(meeting)
    publication = (
        MeetingPublication.objects.select_for_update().filter(meeting=meeting).first()
    )
    if publication is None:
        publication = MeetingPublication.objects.create(
            meeting=meeting,
            notice_given_on=notice.today(),
            fingerprint=fingerprint,
            announced_start=meeting.start,
        )
        meeting_announced.send(sender=MeetingPage, meeting=meeting)
    elif publication.fingerprint != fingerprint:
        planned_start = publication.announced_start or meeting.start
        publication.sequence += 1
        publication.fingerprint = fingerprint
        publication.announced_start = meeting.start
        publication.save(update_fields=["sequence", "fingerprint", "announced_start"])
        meeting_changed.send(
            sender=MeetingPage,
            meeting=meeting,
            change_number=publication.sequence,
            essential=change_is_urgent(planned_start=planned_start),
            actor=actor,
        )
    if meeting.minutes and publication.minutes_published_at is None:
        publication.minutes_published_at = timezone.now()
        publication.save(update_fields=["minutes_published_at"])
    if meeting.minutes and publication.minutes_sent_at is None:
        publication.minutes_sent_at = timezone.now()
        publication.save(update_fields=["minutes_sent_at"])
        minutes_published.send(sender=MeetingPage, meeting=meeting)
    papers_stamp(meeting=meeting)
    return publication


def papers_stamp(*, meeting: MeetingPage, now=None) -> None:
    """Stamp each paper the first time it goes live (a paper already stamped keeps
    its moment), and judge every stamp against the meeting's notice deadline as it
    is now (a meeting moved later can make a paper on time)."""
    now = now or timezone.now()
    deadline = notice.latest_notice_date(start=meeting.start, rules=MeetingRules.load())
    stamped = set(
        PaperPublication.objects.filter(meeting=meeting).values_list(
            "document_id", flat=True
        )
    )
    PaperPublication.objects.bulk_create(
        [
            PaperPublication(
                meeting=meeting,
                document_id=document_id,
                first_published_at=now,
                late=notice.local_date(now) > deadline,
            )
            for document_id in {paper.document_id for paper in meeting.papers.all()}
            if document_id not in stamped
        ],
        ignore_conflicts=True,
    )
    for late in (True, False):
        stamps = PaperPublication.objects.filter(meeting=meeting, late=not late)
        stamps = (
            stamps.filter(first_published_at__date__gt=deadline)
            if late
            else stamps.filter(first_published_at__date__lte=deadline)
        )
        stamps.update(late=late)
    meeting.__dict__.pop("_paper_stamps", None)


def _chase_recipients(meeting) -> list:
    """The page's owner and whoever last published it, if their accounts are open;
    else every active Involvement officer."""
    from portal.accounts.models import User
    from portal.accounts.roles import INVOLVEMENT_OFFICERS

    ids = {meeting.owner_id}
    if meeting.live_revision_id:
        ids.add(meeting.live_revision.user_id)
    responsible = list(
        User.objects.filter(pk__in=ids - {None}, is_active=True)
        .order_by("pk")
        .select_related("contact_preferences")
    ) or list(
        User.objects.filter(groups__name=INVOLVEMENT_OFFICERS, is_active=True)
        .distinct()
        .order_by("pk")
        .select_related("contact_preferences")
    )
    return responsible


def late_minutes_chase(*, today: datetime.date | None = None) -> int:
    """Remind the people responsible for each meeting whose minutes are past
    their deadline and not published: once per meeting at each lateness
    threshold reached (days late, `INVOLVE_LATE_MINUTES_CHASE_DAYS`; a missed
    day sends only the latest threshold). Recorded
    (`MinutesChase`) and audited in the transaction that sends it, so running
    twice, or twice at once, sends once. Run daily: `manage.py chase_late_minutes`.
    """
    from django.db import IntegrityError
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from portal.core.services import audit_record, notify

    from .models import MinutesChase

    today = today or notice.today()
    thresholds = settings.INVOLVE_LATE_MINUTES_CHASE_DAYS
    rules = MeetingRules.load()
    meetings = (
        MeetingPage.objects.live()
        .filter(
            locale__language_code=settings.LANGUAGE_CODE,
            status=MeetingPage.Status.SCHEDULED,
            end__lt=timezone.now(),
            publication__minutes_published_at__isnull=True,
        )
        .select_related("owner", "live_revision")
        .order_by("end", "pk")
    )
    sent = 0
    for meeting in meetings:
        due_on = notice.minutes_due_on(end=meeting.end, rules=rules)
        days_late = (today - due_on).days
        reached = [days for days in thresholds if days <= days_late]
        if not reached:
            continue
        threshold = max(reached)
        if MinutesChase.objects.filter(
            meeting=meeting, days_late__gte=threshold
        ).exists():
            continue
        values = {
            "meeting": meeting.title,
            "date": due_on.strftime("%-d %B %Y"),
            "days": days_late,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("wagtailadmin_pages:edit", args=[meeting.pk]),
        }
        try:
            with transaction.atomic():
                people = _chase_recipients(meeting)
                chase = MinutesChase.objects.create(
                    meeting=meeting,
                    days_late=threshold,
                    due_on=due_on,
                    recipients=len(people),
                )
                for person in people:
                    notify(
                        recipient=person,
                        key=f"minuteschase:{meeting.pk}:{threshold}",
                        subject=lambda v=values: _("Minutes late: %(meeting)s") % v,
                        body=lambda v=values: (
                            _(
                                "The minutes of %(meeting)s were due on %(date)s "
                                "and are not published (%(days)s days late). "
                                "Publish them, or give the reason they are late, "
                                "on the meeting page: %(url)s"
                            )
                            % v
                        ),
                    )
                audit_record(
                    actor=None,
                    action="meeting.minutes_chased",
                    target=meeting,
                    details={
                        "due_on": due_on.isoformat(),
                        "days_late": days_late,
                        "recipients": chase.recipients,
                    },
                )
        except IntegrityError:
            continue  # another run recorded this reminder first
        sent += 1
    return sent
