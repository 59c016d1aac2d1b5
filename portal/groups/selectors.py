"""Reads about groups: status (derived from dates), the recognition checklist,
activity against the yearly targets and the document locker.

Grants reuse these: `group_status`, `recognition_checklist`, `locker_document_current`,
`activity_progress` and the evidence summary (`portal.groups.hooks`, given by
`portal.evidence`).
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.core.selectors import public_pages
from portal.core.dates import london_today
from portal.housing.models import Property, Tenure

from .hooks import evidence_summary
from .models import (
    Activity,
    Document,
    Group,
    Officer,
    RecognitionApplication,
    RecognitionRules,
)

LONDON = ZoneInfo("Europe/London")


class Status:
    """A group's recognition status on a given day (never stored)."""

    FORMING = "forming"
    APPLIED = "applied"
    RECOGNISED = "recognised"
    RENEWAL_DUE = "renewal_due"
    LAPSED = "lapsed"
    DERECOGNISED = "derecognised"

    LABELS = {
        FORMING: gettext_lazy("Forming"),
        APPLIED: gettext_lazy("Applied for recognition"),
        RECOGNISED: gettext_lazy("Recognised"),
        RENEWAL_DUE: gettext_lazy("Recognised: renewal due"),
        LAPSED: gettext_lazy("Recognition lapsed"),
        DERECOGNISED: gettext_lazy("De-recognised"),
    }
    RECOGNISED_NOW = (RECOGNISED, RENEWAL_DUE)


def groups_with_status_fields(
    queryset: QuerySet | None = None, *, decided_by: datetime.date | None = None
) -> QuerySet:
    """Groups annotated with what their status is derived from, in one query.
    With `decided_by`, only the decisions made by the end of that (London) day
    count, so a past day's status is not read from a later renewal."""
    approved = RecognitionApplication.objects.filter(
        group=OuterRef("pk"), status=RecognitionApplication.Status.APPROVED
    ).order_by("-decided_at", "-pk")
    if decided_by is not None:
        approved = approved.filter(
            Q(decided_at__isnull=True)  # an old row with no date: as before
            | Q(
                decided_at__lt=datetime.datetime.combine(
                    decided_by + datetime.timedelta(days=1),
                    datetime.time(),
                    tzinfo=LONDON,
                )
            )
        )
    pending = RecognitionApplication.objects.filter(
        group=OuterRef("pk"), status=RecognitionApplication.Status.PENDING
    )
    queryset = Group.objects.all() if queryset is None else queryset
    return queryset.annotate(
        recognised_until=Subquery(
            approved.values("recognised_until")[:1], output_field=DateField()
        ),
        has_pending_application=Exists(pending, output_field=BooleanField()),
    )


def status_from(
    *,
    recognised_until: datetime.date | None,
    has_pending_application: bool,
    derecognised_on: datetime.date | None,
    on: datetime.date,
    renewal_window_days: int,
) -> str:
    """The rule, in one place: de-recognition wins; then the recognised period;
    an open application otherwise; else the group is still forming."""
    if derecognised_on and derecognised_on <= on:
        return Status.DERECOGNISED
    if recognised_until and on <= recognised_until:
        if (recognised_until - on).days <= renewal_window_days:
            return Status.RENEWAL_DUE
        return Status.RECOGNISED
    if has_pending_application:
        return Status.APPLIED
    if recognised_until:
        return Status.LAPSED
    return Status.FORMING


def group_status(group: Group, *, on: datetime.date | None = None, rules=None) -> str:
    """A group's status on a day (today by default). Uses the annotations from
    `groups_with_status_fields` when present, otherwise asks the database."""
    if not hasattr(group, "recognised_until"):
        group = groups_with_status_fields(Group.objects.filter(pk=group.pk)).get()
    rules = rules or RecognitionRules.load()
    return status_from(
        recognised_until=group.recognised_until,
        has_pending_application=group.has_pending_application,
        derecognised_on=group.derecognised_on,
        on=on or london_today(),
        renewal_window_days=max(rules.reminder_days, default=90),
    )


def recognised_groups(*, on: datetime.date | None = None) -> QuerySet:
    """Groups recognised on a day (by the decisions made by then), for the
    public directory and the reports."""
    on = on or london_today()
    return (
        groups_with_status_fields(decided_by=on)
        .filter(recognised_until__gte=on)
        .filter(Q(derecognised_on__isnull=True) | Q(derecognised_on__gt=on))
    )


def group_households(group: Group) -> QuerySet:
    """The homes a group covers (estates, blocks/streets and single homes), as one
    query with subqueries, so counting it stays a single query at any size."""
    estates = Group.estates.through.objects.filter(group=group).values("estate_id")
    streets = Group.streets.through.objects.filter(group=group).values("street_id")
    homes = Group.properties.through.objects.filter(group=group).values("property_id")
    return Property.objects.filter(
        Q(estate_id__in=estates) | Q(street_id__in=streets) | Q(pk__in=homes)
    )


def groups_covering(home: Property) -> QuerySet:
    """Groups whose area includes a home (for "I support this group"): a test on
    each group (`covers_home`), so no join repeats a group, and a home with no
    street matches no group through streets."""
    return Group.objects.filter(
        covers_home(
            group=OuterRef("pk"),
            estate=home.estate_id,
            street=home.street_id,
            home=home.pk,
        )
    )


def covers_home(*, group, estate, street, home) -> Exists:
    """True when the group at the lookup `group` covers the home whose estate,
    street and id are at the other lookups (`OuterRef`s or values)."""
    return (
        Exists(Group.estates.through.objects.filter(group=group, estate=estate))
        | Exists(Group.streets.through.objects.filter(group=group, street=street))
        | Exists(Group.properties.through.objects.filter(group=group, property=home))
    )


def with_household_counts(queryset: QuerySet) -> QuerySet:
    """Groups annotated with the households in their area and how many of them
    are the landlord's customers (`household_count`, `landlord_household_count`),
    counted in the same query as the groups."""
    homes = Property.objects.filter(
        covers_home(
            group=OuterRef(OuterRef("pk")),
            estate=OuterRef("estate"),
            street=OuterRef("street"),
            home=OuterRef("pk"),
        )
    ).order_by()

    def count(homes):
        counted = homes.annotate(n=Func("pk", function="COUNT")).values("n")
        return Subquery(counted, output_field=IntegerField())

    landlord = homes.filter(tenure__in=Tenure.landlord_customers())
    return queryset.annotate(
        household_count=count(homes), landlord_household_count=count(landlord)
    )


def officer_groups(user) -> QuerySet:
    """The groups a person is an officer of (the only ones they may manage)."""
    if not user.is_authenticated:
        return Group.objects.none()
    return Group.objects.filter(officers__user=user)


def is_officer(user, group: Group) -> bool:
    return (
        user.is_authenticated
        and Officer.objects.filter(group=group, user=user).exists()
    )


@dataclass
class Progress:
    label: str
    done: int
    target: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.target)) if self.target else 100

    @property
    def met(self) -> bool:
        return self.done >= self.target


def activity_progress(
    group: Group, *, on: datetime.date | None = None, rules=None
) -> dict[str, Progress]:
    """Public meetings (an AGM counts) and newsletters in the 12 months to `on`,
    against the yearly targets for groups or representatives. One query."""
    on = on or london_today()
    rules = rules or RecognitionRules.load()
    since = on - relativedelta(years=1)
    counts = Activity.objects.filter(
        group=group, date__gt=since, date__lte=on
    ).aggregate(
        meetings=Count(
            "pk", filter=Q(kind__in=[Activity.Kind.PUBLIC_MEETING, Activity.Kind.AGM])
        ),
        newsletters=Count("pk", filter=Q(kind=Activity.Kind.NEWSLETTER)),
        last_agm=Max("date", filter=Q(kind=Activity.Kind.AGM)),
    )
    rep = group.is_representative
    return {
        "meetings": Progress(
            _("Public meetings in the last 12 months"),
            counts["meetings"],
            rules.rep_meetings_target if rep else rules.group_meetings_target,
        ),
        "newsletters": Progress(
            _("Newsletters in the last 12 months"),
            counts["newsletters"],
            rules.rep_newsletters_target if rep else rules.group_newsletters_target,
        ),
    }


def with_grant_facts(queryset: QuerySet) -> QuerySet:
    """Groups annotated with what grant eligibility asks of them besides their
    status: the newest recorded AGM and AGM minutes, and the newest insurance
    certificate (whether there is one, and until when it is valid). Read with
    the groups, `last_agm_date` and `insurance_current` then ask nothing more."""
    agms = Activity.objects.filter(group=OuterRef("pk"), kind=Activity.Kind.AGM)
    minutes = Document.objects.filter(
        group=OuterRef("pk"), kind=Document.Kind.AGM_MINUTES
    )
    insurance = Document.objects.filter(
        group=OuterRef("pk"), kind=Document.Kind.INSURANCE
    ).order_by("-dated", "-pk")
    return queryset.annotate(
        agm_recorded_on=Subquery(agms.order_by("-date").values("date")[:1]),
        agm_minutes_on=Subquery(minutes.order_by("-dated").values("dated")[:1]),
        has_insurance=Exists(insurance),
        insurance_valid_until=Subquery(insurance.values("valid_until")[:1]),
    )


def _grant_facts(group: Group) -> Group:
    if hasattr(group, "has_insurance"):
        return group
    return with_grant_facts(Group.objects.filter(pk=group.pk)).get()


def last_agm_date(group: Group) -> datetime.date | None:
    """The latest AGM, from recorded activity or uploaded AGM minutes (the
    annotations of `with_grant_facts` when present, otherwise one query)."""
    group = _grant_facts(group)
    dates = [d for d in (group.agm_recorded_on, group.agm_minutes_on) if d]
    return max(dates) if dates else None


def insurance_current(group: Group, *, on: datetime.date | None = None) -> bool:
    """Whether the newest insurance certificate is still valid on `on` (as
    `locker_document_current` judges it; from `with_grant_facts`' annotations
    when present, otherwise one query)."""
    group = _grant_facts(group)
    valid_until = group.insurance_valid_until
    return group.has_insurance and (
        valid_until is None or valid_until >= (on or london_today())
    )


def current_documents(group: Group) -> dict[str, Document]:
    """The newest document of each kind (one query)."""
    newest: dict[str, Document] = {}
    for document in Document.objects.filter(group=group).select_related("file"):
        newest.setdefault(document.kind, document)
    return newest


def locker_document_current(
    group: Group, kind: str, *, on: datetime.date | None = None, rules=None
) -> Document | None:
    """The newest document of a kind if it still counts on `on`, else None."""
    on = on or london_today()
    rules = rules or RecognitionRules.load()
    document = (
        Document.objects.filter(group=group, kind=kind)
        .order_by("-dated", "-pk")
        .first()
    )
    if document is None:
        return None
    expires = document.expires_on(rules)
    if expires is not None and expires < on:
        return None
    return document


@dataclass
class Criterion:
    key: str
    label: str
    met: bool
    reason: str

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "label": str(self.label),
            "met": self.met,
            "reason": str(self.reason),
        }


def recognition_checklist(
    group: Group,
    *,
    on: datetime.date | None = None,
    rules=None,
    evidence=None,
    progress: dict | None = None,
) -> list[Criterion]:
    """Each recognition criterion, met or not, with the reason in plain English.
    A page that also shows the evidence summary or activity progress passes them
    in, so each is counted once."""
    on = on or london_today()
    rules = rules or RecognitionRules.load()
    criteria: list[Criterion] = []
    roles = set(Officer.objects.filter(group=group).values_list("role", flat=True))
    if group.is_representative:
        has_rep = Officer.Role.REPRESENTATIVE in roles
        criteria.append(
            Criterion(
                "officers",
                _("A representative is named"),
                has_rep,
                _("The representative is named.")
                if has_rep
                else _("Add the representative as an officer of this record."),
            )
        )
    else:
        needed = {Officer.Role.CHAIR, Officer.Role.SECRETARY, Officer.Role.TREASURER}
        missing = needed - roles
        criteria.append(
            Criterion(
                "officers",
                _("A chair, secretary and treasurer are elected"),
                not missing,
                _("All three roles are filled.")
                if not missing
                else _("Still needed: %(roles)s.")
                % {
                    "roles": ", ".join(
                        str(Officer.Role(role).label) for role in sorted(missing)
                    )
                },
            )
        )
        constitution = locker_document_current(
            group, Document.Kind.CONSTITUTION, on=on, rules=rules
        )
        if constitution is None:
            met, reason = False, _("Upload your constitution.")
        else:
            gaps = [
                label for label, ok in constitution.constitution_checklist if not ok
            ]
            met = not gaps
            reason = (
                _("Version %(version)s, adopted %(date)s.")
                % {"version": constitution.version or "1", "date": constitution.dated}
                if met
                else _("The constitution needs: %(gaps)s.")
                % {"gaps": ", ".join(str(g) for g in gaps)}
            )
        criteria.append(
            Criterion("constitution", _("A written constitution"), met, reason)
        )
        agm = last_agm_date(group)
        agm_due = agm + relativedelta(months=rules.agm_months) if agm else None
        agm_met = agm_due is not None and agm_due >= on
        criteria.append(
            Criterion(
                "agm",
                _("An AGM in the last %(months)s months")
                % {"months": rules.agm_months},
                agm_met,
                (_("Last AGM: %(date)s.") % {"date": agm})
                if agm_met
                else (
                    _("Your last AGM was on %(date)s: hold one and record it.")
                    % {"date": agm}
                    if agm
                    else _("Record your AGM and upload its minutes.")
                ),
            )
        )
        accounts = locker_document_current(
            group, Document.Kind.ACCOUNTS, on=on, rules=rules
        )
        accounts_met = bool(accounts and accounts.independent_checker)
        criteria.append(
            Criterion(
                "accounts",
                _("Accounts checked by an independent person"),
                accounts_met,
                _("Checked by %(name)s.") % {"name": accounts.independent_checker}
                if accounts_met
                else _(
                    "Upload this year’s accounts with the name of the independent "
                    "person who checked them."
                ),
            )
        )
    if RecognitionApplication.objects.filter(
        group=group, status=RecognitionApplication.Status.APPROVED
    ).exists():
        # Renewal: the yearly record of meetings and newsletters must be kept up.
        if progress is None:
            progress = activity_progress(group, on=on, rules=rules)
        for key, item in progress.items():
            criteria.append(
                Criterion(
                    key,
                    item.label,
                    item.met,
                    _("%(done)s of %(target)s.")
                    % {"done": item.done, "target": item.target},
                )
            )
    summary = evidence or evidence_summary(group, on=on, rules=rules)
    criteria.append(
        Criterion(
            "evidence",
            _("Sign-up evidence from residents of the area"),
            summary.meets_rule,
            summary.sentence,
        )
    )
    return criteria


# What the directory shows of a named officer's account: their name (never their
# email address), and "a former resident" once it is closed.
DIRECTORY_USER_FIELDS = frozenset({"first_name", "last_name", "is_active"})


def directory_shows_change(user, update_fields: frozenset | None) -> bool:
    """Might this save (or deletion) of `user` show in the public directory?
    Only if it touched what the directory shows (a sign-in saves `last_login`
    alone) and the person is an officer the directory names."""
    if update_fields is not None and DIRECTORY_USER_FIELDS.isdisjoint(update_fields):
        return False
    return Officer.objects.filter(user=user, may_be_named=True).exists()


def directory_groups(*, on: datetime.date | None = None) -> QuerySet:
    """Recognised groups with what the directory shows, in a fixed few queries:
    their next public meetings come from the calendar (through the bodies that
    link to them) and from the meetings their officers recorded."""
    from cms.meetings.models import MeetingPage

    on = on or london_today()
    calendar = (
        public_pages(MeetingPage.objects.live())
        .filter(start__date__gte=on, status=MeetingPage.Status.SCHEDULED)
        .select_related("venue")
        .order_by("start")
    )
    return (
        recognised_groups(on=on)
        .prefetch_related(
            "estates__area",
            "streets__estate__area",
            Prefetch(
                "officers",
                queryset=Officer.objects.select_related("user").order_by("role"),
            ),
            Prefetch(
                "activities",
                queryset=Activity.objects.filter(
                    date__gte=on,
                    kind__in=[Activity.Kind.PUBLIC_MEETING, Activity.Kind.AGM],
                ).order_by("date"),
                to_attr="upcoming_meetings",
            ),
            Prefetch(
                "bodies__meetings", queryset=calendar, to_attr="calendar_meetings"
            ),
        )
        .order_by("name")
    )


def supported_by(user) -> Exists:
    """Whether `user` supports the group at `OuterRef("pk")` (a signature of
    theirs not withdrawn), to annotate groups with."""
    return Exists(
        Group.objects.filter(
            pk=OuterRef("pk"),
            signatures__signer=user,
            signatures__withdrawn_at__isnull=True,
        )
    )


def groups_of(user, *, request=None) -> tuple[list[Group], list[Group]]:
    """Groups a person runs, with their status label, for the dashboard, and
    what grant eligibility asks of them: their latest AGM and insurance
    certificate (`with_grant_facts`) and their households
    (`with_household_counts`); and the groups they support (a signature not
    withdrawn), from the same query. The rules are read only for someone who
    runs a group (once per `request`)."""
    queryset = Group.objects.annotate(
        runs=Exists(Officer.objects.filter(group=OuterRef("pk"), user=user)),
        supports=supported_by(user),
    ).filter(Q(runs=True) | Q(supports=True))
    groups = list(
        with_household_counts(
            with_grant_facts(groups_with_status_fields(queryset))
        ).order_by("name")
    )
    run = [group for group in groups if group.runs]
    if run:
        rules = RecognitionRules.load(request_or_site=request)
    for group in run:
        group.status_code = group_status(group, rules=rules)
        group.status_label = Status.LABELS[group.status_code]
    return run, [group for group in groups if group.supports]


def groups_run_by(user) -> QuerySet:
    """The groups a person runs, by name, with what their status is derived
    from: all "My groups" shows of them (the dashboard's `groups_of` also counts
    their households for grant eligibility, which costs far more)."""
    return groups_with_status_fields(officer_groups(user)).order_by("name")


def groups_for_request(request) -> tuple[list[Group], list[Group]]:
    """The groups the signed-in person runs and supports (`groups_of`), read
    once per request: the groups and grants cards on the dashboard both need
    them."""
    from portal.core.dashboard import request_cache

    return request_cache(
        request,
        "groups_of",
        lambda: groups_of(request.user, request=request),
    )


def recognition_rules_for(request) -> RecognitionRules:
    """The recognition rules, read once per request (Wagtail keeps them on it)."""
    return RecognitionRules.load(request_or_site=request)


def public_group(slug: str) -> Group | None:
    """A recognised group by the slug of its name (its public page's address),
    with what the directory shows: the same few queries as the directory."""
    from django.utils.text import slugify

    for group in directory_groups():
        if slugify(group.name) == slug:
            return group
    return None


def next_public_meetings(group: Group, *, limit: int = 3) -> list[dict]:
    """The group's next public meetings from the calendar and from what its
    officers recorded, each date once (a recorded meeting on the same day as a
    calendar one is the same meeting)."""
    from django.utils import timezone

    meetings = []
    seen = set()
    for body in group.bodies.all():
        for meeting in getattr(body, "calendar_meetings", []):
            day = timezone.localdate(meeting.start)
            if day in seen:
                continue
            seen.add(day)
            meetings.append(
                {
                    "day": day,
                    "start": meeting.start,
                    "title": meeting.title,
                    "venue": meeting.venue.name if meeting.venue else "",
                    "page": meeting,
                }
            )
    for activity in getattr(group, "upcoming_meetings", []):
        if activity.date in seen:
            continue
        seen.add(activity.date)
        meetings.append(
            {
                "day": activity.date,
                "start": None,
                "title": activity.get_kind_display(),
                "venue": activity.venue,
                "page": None,
            }
        )
    meetings.sort(key=lambda m: m["day"])
    return meetings[:limit]
