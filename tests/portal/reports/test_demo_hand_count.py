"""The demo's own Q2 and year-to-date reports, as staff download them, checked
figure by figure against counts made here straight from the records.

The counts below read the models and place each record in the period by its
London date in plain Python: they share nothing with the measures' queries
(no `Period` bounds, no selectors, no scope filters), so a measure that counts
the wrong records disagrees with them. Deadlines come from the meeting rules'
own functions (`cms.meetings.notice`), which have their own tests.
"""

import csv
import datetime
import io
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
URL = "/admin/reports/involvement-performance/"


def day(moment):
    return moment.astimezone(LONDON).date() if moment else None


def share(count, of):
    return (Decimal(100) * count / of).quantize(Decimal("0.1")) if of else None


def mean(values, places="0.1"):
    values = list(values)
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal(places))


class HandCount:
    """Every figure of the report for [first, last], worked out from the rows."""

    def __init__(self, first, last):
        self.first, self.last = first, last
        self.now = timezone.now()
        self.today = day(self.now)
        self.until = min(last, self.today)
        self.bars = {}  # measure: {bar label: value}, for the measures whose
        # bars are counted here too

    def inside(self, moment_or_day):
        when = moment_or_day
        if isinstance(when, datetime.datetime):
            when = day(when)
        return when is not None and self.first <= when <= self.last

    # --- meetings -------------------------------------------------------------

    def meetings(self):
        from cms.meetings.models import MeetingPage

        return [
            m
            for m in MeetingPage.objects.select_related("publication", "locale")
            if m.live
            and m.locale.language_code == settings.LANGUAGE_CODE
            and self.inside(m.start)
        ]

    def held(self):
        return [
            m for m in self.meetings() if m.status == "scheduled" and m.end < self.now
        ]

    def meeting_figures(self):
        from cms.meetings import notice
        from cms.meetings.models import MeetingRules, PaperPublication

        rules = MeetingRules.load()
        meetings = self.meetings()
        past = [m for m in meetings if m.end < self.now]
        held = [m for m in past if m.status == "scheduled"]
        noticed = [
            m
            for m in held
            if m.notice_given_on
            and m.notice_given_on
            <= notice.latest_notice_date(start=m.start, rules=rules)
        ]
        ids = {m.pk for m in meetings}
        papers = [p for p in PaperPublication.objects.all() if p.meeting_id in ids]
        due = [
            m
            for m in held
            if notice.minutes_due_on(end=m.end, rules=rules) <= self.until
        ]

        def by_deadline(done_on):
            return sum(
                1
                for m in due
                if done_on(m)
                and done_on(m) <= notice.minutes_due_on(end=m.end, rules=rules)
            )

        def sent_on(meeting):
            publication = getattr(meeting, "publication", None)
            return day(publication.minutes_sent_at) if publication else None

        return {
            "meetings_held": (share(len(held), len(past)), len(held), len(past)),
            "meetings_notice": (
                share(len(noticed), len(held)),
                len(noticed),
                len(held),
            ),
            "papers_on_time": (
                share(sum(not p.late for p in papers), len(papers)),
                sum(not p.late for p in papers),
                len(papers),
            ),
            "minutes_on_time": self._ratio(
                by_deadline(lambda m: m.minutes_published_on), len(due)
            ),
            "minutes_sent_on_time": self._ratio(by_deadline(sent_on), len(due)),
        }

    def attendance_figures(self):
        from portal.participation.models import Attendance, Feedback

        held = {m.pk for m in self.held()}
        rows = [a for a in Attendance.objects.all() if a.meeting_id in held]
        with_attendance = {a.meeting_id for a in rows}
        attended = sum(a.status == "attended" for a in rows)
        in_period = {m.pk for m in self.meetings()}
        feedback = [f for f in Feedback.objects.all() if f.meeting_id in in_period]
        questions = ("expectations", "organisation", "listened", "confidence")
        if feedback:
            per_question = [
                Decimal(sum(getattr(f, q) for f in feedback)) / len(feedback)
                for q in questions
            ]
            score = (sum(per_question) / len(questions)).quantize(Decimal("0.01"))
        else:
            score = None
        average = (
            (Decimal(attended) / len(with_attendance)).quantize(Decimal("0.1"))
            if with_attendance
            else None
        )
        return {
            "attendance": (average, attended, len(with_attendance)),
            "feedback_score": (score, len(feedback), None),
        }

    # --- consultations and formats -------------------------------------------

    def consultation_figures(self):
        from cms.consultations.models import (
            ConsultationPage,
            ConsultationSettings,
            Response,
        )
        from portal.housing.models import Property

        pages = [
            c
            for c in ConsultationPage.objects.prefetch_related(
                "areas", "estates"
            ).select_related("locale")
            if c.live and c.locale.language_code == settings.LANGUAGE_CODE
        ]
        opened = [c for c in pages if self.inside(c.opens_at)]
        chosen = ConsultationSettings.objects.filter(site__is_default_site=True).first()
        minimum = (
            chosen.minimum_reply_days
            if chosen
            else ConsultationSettings._meta.get_field("minimum_reply_days").default
        )
        window = datetime.timedelta(days=minimum)
        closed = [
            c for c in pages if self.inside(c.closes_at) and c.closes_at < self.now
        ]
        homes = list(Property.objects.select_related("estate"))
        answers = defaultdict(int)
        for response in Response.objects.filter(submitted=True).select_related(
            "consultation"
        ):
            if response.channel != "anonymous":
                answers[response.consultation.translation_key] += 1
        answered = eligible = 0
        for page in closed:
            areas = {a.pk for a in page.areas.all()}
            estates = {e.pk for e in page.estates.all()}
            tenures = set(page.tenure_list)
            eligible += sum(
                1
                for home in homes
                if (
                    not (areas or estates)
                    or home.estate_id in estates
                    or (home.estate and home.estate.area_id in areas)
                )
                and (not tenures or home.tenure in tenures)
            )
            answered += answers[page.translation_key]
        outcomes = [c for c in pages if self.inside(c.outcome_published_at)]
        published = sum(1 for c in closed if c.outcome_published_at)
        met = sum(1 for c in opened if c.closes_at - c.opens_at >= window)
        return {
            "consultations_run": (len(opened), None, None),
            "reply_windows_met": self._ratio(met, len(opened)),
            "response_rate": self._ratio(answered, eligible),
            "days_to_outcome": (
                mean(
                    (day(c.outcome_published_at) - day(c.closes_at)).days
                    for c in outcomes
                ),
                len(outcomes),
                None,
            ),
            "you_said_published": self._ratio(published, len(closed)),
        }

    def format_figures(self):
        from cms.core.models import FormatRequest

        due = [
            r
            for r in FormatRequest.objects.all()
            if self.first <= r.due_on <= self.until
        ]
        on_time = sum(1 for r in due if r.sent_at and day(r.sent_at) <= r.due_on)
        return {"formats_on_time": self._ratio(on_time, len(due))}

    # --- groups and money -----------------------------------------------------

    def group_figures(self):
        from portal.groups.models import RecognitionApplication

        approved = [
            a
            for a in RecognitionApplication.objects.all()
            if a.status == "approved" and a.decided_at
        ]
        yesterday = self.today - datetime.timedelta(days=1)
        ending = [
            a
            for a in approved
            if a.recognised_until
            and self.first <= a.recognised_until <= min(self.last, yesterday)
        ]
        renewed = sum(
            1
            for a in ending
            if any(
                later.group_id == a.group_id
                and later.decided_at > a.decided_at
                and day(later.decided_at) <= a.recognised_until
                for later in approved
            )
        )
        self.bars["signup_coverage"] = self.coverage_bars(approved)
        enough = self.bars["signup_coverage"]["Enough support"]
        return {
            "signup_coverage": self._ratio(enough, self.recognised_on_count),
            "groups_recognised": (
                sum(1 for a in approved if self.inside(a.decided_at)),
                None,
                None,
            ),
            "renewals_on_time": self._ratio(renewed, len(ending)),
        }

    def coverage_bars(self, approved):
        """Each group recognised on the day counted (the period's last day, or
        today if sooner) judged on its sign-up evidence that day: households
        signed in the last `renewal_months`, one per home, in the group's area,
        online signers still living there, against the homes it covers."""
        import math

        from dateutil.relativedelta import relativedelta

        from portal.accounts.models import ResidentProfile
        from portal.evidence.models import Signature
        from portal.groups.models import Group, RecognitionRules
        from portal.housing.models import Property, Tenure

        rules = RecognitionRules.load()
        on = self.until
        since = on - relativedelta(months=rules.renewal_months)
        latest = {}  # group: the latest approval decided by that day
        for a in approved:
            if day(a.decided_at) <= on and (
                a.group_id not in latest or a.decided_at > latest[a.group_id].decided_at
            ):
                latest[a.group_id] = a
        groups = [
            g
            for g in Group.objects.prefetch_related("estates", "streets", "properties")
            if g.pk in latest
            and latest[g.pk].recognised_until
            and latest[g.pk].recognised_until >= on
            and not (g.derecognised_on and g.derecognised_on <= on)
        ]
        homes = list(Property.objects.all())
        lives = {
            (p.user_id, p.home_id)
            for p in ResidentProfile.objects.all()
            if p.status == ResidentProfile.Status.VERIFIED
        }
        customers = set(Tenure.landlord_customers())
        counts = {"Enough support": 0, "Too few households signed": 0}
        counts["Landlord customers' share too low"] = 0
        for group in groups:
            estates = {e.pk for e in group.estates.all()}
            streets = {s.pk for s in group.streets.all()}
            singles = {h.pk for h in group.properties.all()}
            area = {
                h.pk: h
                for h in homes
                if h.estate_id in estates or h.street_id in streets or h.pk in singles
            }
            signed = {
                s.home_id
                for s in Signature.objects.filter(group=group)
                if s.status == "accepted"
                and s.withdrawn_at is None
                and since < s.signed_on <= on
                and s.home_id in area
                and (s.source == "paper" or (s.signer_id, s.home_id) in lives)
            }
            landlord = sum(1 for h in signed if area[h].tenure in customers)
            needed = math.ceil(len(area) * rules.signup_share / 100)
            enough_homes = bool(area) and len(signed) >= needed
            share_met = bool(signed) and 100 * landlord >= (
                rules.landlord_share * len(signed)
            )
            if enough_homes and share_met:
                counts["Enough support"] += 1
            if not enough_homes:
                counts["Too few households signed"] += 1
            if enough_homes and not share_met:
                counts["Landlord customers' share too low"] += 1
        self.recognised_on_count = len(groups)
        return counts

    def paid(self, model):
        from portal.payments.models import Payment

        kind = ContentType.objects.get_for_model(model)
        return {
            int(p.source_id): p
            for p in Payment.objects.filter(source_type=kind)
            if p.status == "paid" and self.inside(p.paid_at)
        }

    def money_figures(self):
        from portal.expenses.models import ExpenseClaim
        from portal.grants.models import BudgetLedger, GrantApplication

        awarded = [
            g
            for g in GrantApplication.objects.all()
            if g.status in ("approved", "paid") and self.inside(g.decided_at)
        ]
        year = self.last.year if self.last.month >= 4 else self.last.year - 1
        budget = [b.budget for b in BudgetLedger.objects.all() if b.year == year]
        grant_payments = self.paid(GrantApplication)
        claim_payments = self.paid(ExpenseClaim)
        claims = {c.pk: c for c in ExpenseClaim.objects.filter(pk__in=claim_payments)}
        waits = [
            (day(p.paid_at) - day(claims[pk].submitted_at)).days
            for pk, p in claim_payments.items()
            if pk in claims and claims[pk].submitted_at
        ]
        return {
            "grants_awarded": (
                sum((g.amount_approved or Decimal(0) for g in awarded), Decimal(0)),
                None,
                sum(budget) if budget else None,
            ),
            "grants_paid": (
                sum((p.amount for p in grant_payments.values()), Decimal(0)),
                None,
                None,
            ),
            "expenses_paid": (
                sum(
                    (p.amount for pk, p in claim_payments.items() if pk in claims),
                    Decimal(0),
                ),
                sum(1 for pk in claim_payments if pk in claims),
                None,
            ),
            "expenses_days_to_pay": (mean(waits), len(waits), None),
        }

    # --- influence ------------------------------------------------------------

    def influence_figures(self):
        from portal.actions.models import Action
        from portal.inspections.models import InspectionScore
        from portal.scrutiny.models import Recommendation

        actions = [
            a for a in Action.objects.all() if self.first <= a.due_on <= self.until
        ]
        on_time = sum(
            1 for a in actions if a.status == "done" and a.done_on <= a.due_on
        )
        late = sum(1 for a in actions if a.status == "done" and a.done_on > a.due_on)
        overdue = sum(
            1
            for a in actions
            if a.status not in ("done", "not_going_ahead") and a.due_on < self.today
        )
        made = [
            r
            for r in Recommendation.objects.select_related("review", "action")
            if self.first <= r.made_on <= self.last
        ]
        accepted = [r for r in made if r.response in ("accepted", "partly")]
        rejected = [r for r in made if r.response == "rejected"]
        implemented = [r for r in accepted if r.action and r.action.status == "done"]
        due = [r for r in made if r.responded_on or r.response_due_on < self.today]
        in_time = [
            r for r in due if r.responded_on and r.responded_on <= r.response_due_on
        ]
        scores = [
            s
            for s in InspectionScore.objects.select_related("inspection")
            if s.inspection.status == "submitted"
            and self.first <= s.inspection.held_on <= self.last
        ]
        return {
            "actions_on_time": self._ratio(on_time, on_time + late + overdue),
            "recommendations_accepted": self._ratio(
                len(accepted), len(accepted) + len(rejected)
            ),
            "recommendations_implemented": self._ratio(len(implemented), len(accepted)),
            "scrutiny_responses_on_time": self._ratio(len(in_time), len(due)),
            "inspection_score": (
                mean((s.score for s in scores if s.score is not None), "0.01"),
                len({s.inspection_id for s in scores}),
                None,
            ),
        }

    # --- people ---------------------------------------------------------------

    def people_figures(self):
        from cms.consultations.models import Response
        from portal.participation.models import Attendance, Feedback

        records = []  # (person, moment, channel)
        for a in Attendance.objects.select_related("meeting"):
            if a.status == "attended" and a.person_id:
                records.append((a.person_id, a.meeting.start, "in_person"))
        for f in Feedback.objects.all():
            if f.person_id:
                records.append((f.person_id, f.created_at, "online"))
        for r in Response.objects.all():
            if r.submitted and r.respondent_id:
                records.append((r.respondent_id, r.updated_at, r.channel))
        start = datetime.datetime.combine(self.first, datetime.time(), tzinfo=LONDON)
        now = {p for p, moment, _c in records if self.inside(moment)}
        before = {p for p, moment, _c in records if moment < start}
        offline = {
            p
            for p, moment, channel in records
            if self.inside(moment) and channel != "online"
        }
        return {
            "people_taking_part": (len(now), None, None),
            "people_new": (len(now - before), len(now - before), len(now)),
            "people_by_channel": self._ratio(len(offline), len(now)),
        }

    @staticmethod
    def _ratio(count, of):
        return (share(count, of), count, of)

    def all(self):
        figures = {}
        for part in (
            self.meeting_figures,
            self.attendance_figures,
            self.consultation_figures,
            self.format_figures,
            self.group_figures,
            self.money_figures,
            self.influence_figures,
            self.people_figures,
        ):
            figures.update(part())
        return figures


def downloaded(client, query):
    """The report as staff download it: {measure label: (figure, count, of)}."""
    response = client.get(URL + query + "&format=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    figures = {row[3]: tuple(row[5:8]) for row in rows[1:] if row[4] == ""}
    bars = defaultdict(dict)
    for row in rows[1:]:
        if row[4]:
            bars[row[3]][row[4]] = row[5]
    return figures, bars


def as_text(value):
    if value is None:
        return ""
    return str(value)


def same(shown, counted):
    """Figures are equal as numbers: SQLite hands back 1000 where PostgreSQL
    keeps the column's 1000.00."""
    if len(shown) != len(counted):
        return False
    for a, b in zip(shown, counted, strict=True):
        try:
            if Decimal(a) != Decimal(b):
                return False
        except ArithmeticError:
            if a != b:
                return False
    return True


def check(client, query, first, last):
    from portal.reports.registry import measures

    report, report_bars = downloaded(client, query)
    hand = HandCount(first, last)
    counted = hand.all()
    labels = {m.key: str(m.label) for m in measures()}
    assert set(counted) == set(labels), "every measure is counted by hand"
    compared = {
        key: (report[labels[key]], tuple(map(as_text, want)))
        for key, want in counted.items()
    }
    wrong = {key: pair for key, pair in compared.items() if not same(*pair)}
    for key, want in hand.bars.items():
        shown = report_bars[labels[key]]
        if shown != {label: str(value) for label, value in want.items()}:
            wrong[f"{key} bars"] = (shown, want)
    assert not wrong, wrong
    return counted


@pytest.fixture
def officer(client):
    sign_in(client, "officer@example.org")
    return client


def test_the_demo_q2_report_matches_a_hand_count_from_the_records(officer):
    from portal.core.dates import london_today
    from portal.reports.periods import financial_year

    today = london_today()
    year = financial_year(today)
    if today < datetime.date(year, 10, 1):  # this year's Q2 is not over yet
        year -= 1
    first, last = datetime.date(year, 7, 1), datetime.date(year, 9, 30)
    counted = check(officer, f"?period=quarter&year={year}&quarter=2", first, last)
    # The demo has activity in Q2 to count, with rules both met and missed.
    assert counted["meetings_held"][2] and counted["people_taking_part"][0]
    shares = [v[0] for v in counted.values() if isinstance(v[0], Decimal)]
    assert any(s == 100 for s in shares) and any(s < 100 for s in shares)


def test_the_demo_year_to_date_report_matches_a_hand_count(officer):
    from portal.core.dates import london_today
    from portal.reports.periods import financial_year

    today = london_today()
    first = datetime.date(financial_year(today), 4, 1)
    counted = check(officer, "?period=ytd", first, today)
    assert counted["consultations_run"][0] and counted["expenses_paid"][1]


def test_the_demo_covers_this_financial_year_and_the_whole_of_the_last():
    """Last year's report and this year's both have meetings to count, from the
    first weeks of last year onwards."""
    from cms.meetings.models import MeetingPage
    from portal.core.dates import london_today
    from portal.reports.periods import financial_year

    this_year = financial_year(london_today())
    years = {
        financial_year(day(start))
        for start in MeetingPage.objects.live().values_list("start", flat=True)
    }
    assert {this_year - 1, this_year} <= years
    first = min(MeetingPage.objects.live().values_list("start", flat=True))
    assert day(first) <= datetime.date(this_year - 1, 4, 30)


def test_the_demo_covers_two_whole_years_of_activity():
    """Meetings, consultations, expense claims, grants and group recognitions
    all reach back at least two years (730 days) before the demo was built."""
    from cms.consultations.models import ConsultationPage
    from cms.meetings.models import MeetingPage
    from portal.core.dates import london_today
    from portal.expenses.models import ExpenseClaim
    from portal.grants.models import GrantApplication
    from portal.groups.models import RecognitionApplication

    two_years_ago = london_today() - datetime.timedelta(days=730)
    earliest = {
        "meetings": MeetingPage.objects.live().values_list("start", flat=True),
        "consultations": ConsultationPage.objects.live().values_list(
            "opens_at", flat=True
        ),
        "claims": ExpenseClaim.objects.exclude(submitted_at=None).values_list(
            "submitted_at", flat=True
        ),
        "grants": GrantApplication.objects.exclude(decided_at=None).values_list(
            "decided_at", flat=True
        ),
        "recognitions": RecognitionApplication.objects.filter(
            status="approved"
        ).values_list("decided_at", flat=True),
    }
    too_late = {
        kind: day(min(moments))
        for kind, moments in earliest.items()
        if day(min(moments)) > two_years_ago
    }
    assert not too_late, too_late


def test_the_demo_older_year_report_matches_a_hand_count(officer):
    """The year before last (counted back from today) has its own records, with
    rules both met and missed, and its report adds up as well."""
    from portal.core.dates import london_today

    today = london_today()
    first = today - datetime.timedelta(days=730)
    last = today - datetime.timedelta(days=366)
    counted = check(officer, f"?period=custom&first={first}&last={last}", first, last)
    for key in (
        "meetings_held",
        "consultations_run",
        "grants_awarded",
        "groups_recognised",
    ):
        assert counted[key][0], key
    assert counted["expenses_paid"][1]
    shares = [v[0] for v in counted.values() if isinstance(v[0], Decimal)]
    assert any(s == 100 for s in shares) and any(s < 100 for s in shares)
