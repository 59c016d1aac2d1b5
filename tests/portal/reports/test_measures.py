"""Every measure against a hand count on a small fixture of our own, in a
financial year the demo never reaches (2031/32), with the clock at 20 July 2031.

The fixture, quarter 1 of 2031/32 (1 April to 30 June 2031):
- meetings: M1 at 00:30 on 1 April (BST, so 23:30 UTC on 31 March: inside Q1),
  M0 at 23:30 on 31 March (outside), M3 on 20 May in the "north" area with short
  notice, late minutes and one late paper of two, M4 cancelled, M5 on 30 June
  (minutes not due until 14 July, after the quarter);
- attendance 3 + 2 at M1 and M3, two feedback forms on M1;
- two consultations closing in the quarter, one opened in it, with one outcome
  10 days after closing; three format requests; a group recognised; a grant
  approved and paid; two expense claims paid.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from cms.consultations.models import ConsultationIndexPage, ConsultationPage, Response
from cms.core.models import FormatRequest
from cms.meetings.models import MeetingPage, MeetingPublication, PaperPublication
from portal.accounts.models import User
from portal.expenses.models import ExpenseClaim
from portal.grants.models import BudgetLedger, GrantApplication, GrantScheme
from portal.groups.models import Group, RecognitionApplication
from portal.housing.models import Area, Estate, Property
from portal.participation.models import Attendance, Feedback
from portal.payments.models import Payment
from portal.reports import periods
from portal.reports.registry import _measures
from portal.reports.scopes import Scope
from tests.cms.meetings.conftest import make_meeting
from tests.cms.meetings.test_stamps import document

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Q1 = periods.quarter(2031, 1)


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def figure(key, period=Q1, scope=None):
    return _measures[key].figure(period, scope or Scope())


def people(n, prefix):
    return [
        User.objects.create_user(email=f"{prefix}{i}@example.test", password="x")
        for i in range(n)
    ]


@pytest.fixture
def fixture(time_machine):
    time_machine.move_to(at("2031-07-20T12:00"), tick=False)
    north, south = Area.objects.order_by("name")[:2]
    meetings = {}
    for key, start, extra in [
        ("M0", "2031-03-31T23:30", {}),
        ("M1", "2031-04-01T00:30", {}),
        ("M3", "2031-05-20T18:00", {"area": north}),
        ("M4", "2031-06-10T18:00", {}),
        ("M5", "2031-06-30T18:00", {}),
    ]:
        meetings[key] = make_meeting(start=at(start), title=f"Fixture {key}", **extra)
    MeetingPage.objects.filter(pk=meetings["M4"].pk).update(status="cancelled")
    given = {"M0": "2031-03-01", "M1": "2031-03-01", "M3": "2031-05-15"}
    given["M5"] = "2031-06-01"
    minutes = {"M1": "2031-04-08T10:00", "M3": "2031-06-30T10:00"}
    for key, meeting in meetings.items():
        MeetingPublication.objects.filter(meeting=meeting).update(
            notice_given_on=datetime.date.fromisoformat(given.get(key, "2031-03-01")),
            minutes_published_at=at(minutes[key]) if key in minutes else None,
        )
    PaperPublication.objects.create(
        meeting=meetings["M3"],
        document=document("P1"),
        first_published_at=at("2031-05-01T09:00"),
        late=False,
    )
    PaperPublication.objects.create(
        meeting=meetings["M3"],
        document=document("P2"),
        first_published_at=at("2031-05-18T09:00"),
        late=True,
    )
    regular = User.objects.get(email="resident@example.org")  # took part before
    attendees = [regular, *people(4, "attendee")]
    for person, status in zip(
        attendees, ["attended", "attended", "attended", "absent", "absent"], strict=True
    ):
        Attendance.objects.create(meeting=meetings["M1"], person=person, status=status)
    for person in attendees[3:]:
        Attendance.objects.create(
            meeting=meetings["M3"], person=person, status="attended"
        )
    for person, scores in [(attendees[0], (5, 4, 3, 2)), (attendees[1], (3, 3, 3, 3))]:
        Feedback.objects.create(
            meeting=meetings["M1"],
            person=person,
            expectations=scores[0],
            organisation=scores[1],
            listened=scores[2],
            confidence=scores[3],
        )
    FeedbackAt = Feedback.objects.filter(meeting=meetings["M1"])
    FeedbackAt.update(created_at=at("2031-04-02T10:00"))

    index = ConsultationIndexPage.objects.get(locale__language_code="en-gb")
    c1 = index.add_child(
        instance=ConsultationPage(
            title="Fixture C1",
            opens_at=at("2031-04-10T09:00"),
            closes_at=at("2031-05-10T17:00"),
            outcome_published_at=at("2031-05-20T09:00"),
            you_said="x",
            we_did="y",
        )
    )
    c1.areas.set([north])
    c1.save()  # a parental many-to-many is written when the page is saved
    c2 = index.add_child(
        instance=ConsultationPage(
            title="Fixture C2",
            opens_at=at("2031-03-01T09:00"),
            closes_at=at("2031-06-01T17:00"),
        )
    )
    north_estate = Estate.objects.filter(area=north).order_by("name").first()
    south_estate = Estate.objects.filter(area=south).order_by("name").first()
    answer = people(3, "answer")
    for person, page, estate, channel in [
        (answer[0], c1, north_estate, "online"),
        (answer[1], c1, north_estate, "paper"),
        (answer[2], c2, south_estate, "online"),
        (None, c2, None, "anonymous"),
    ]:
        Response.objects.create(
            consultation=page,
            respondent=person,
            estate=estate,
            channel=channel,
            submitted=True,
        )
    Response.objects.filter(consultation__in=[c1, c2]).update(
        updated_at=at("2031-05-05T10:00")
    )
    for due, sent in [
        ("2031-04-15", "2031-04-14T16:00"),
        ("2031-05-01", "2031-05-03T10:00"),
        ("2031-06-20", None),
    ]:
        FormatRequest.objects.create(
            page_title="Fixture",
            page_url="/",
            format="large_print",
            name="A resident",
            due_on=datetime.date.fromisoformat(due),
            sent_at=at(sent) if sent else None,
            status="sent" if sent else "open",
        )
    group = Group.objects.get(name__startswith="Anchor House")
    RecognitionApplication.objects.create(
        group=group,
        applied_at=at("2031-04-20T10:00"),
        status="approved",
        decided_at=at("2031-05-05T10:00"),
        recognised_until=datetime.date(2032, 5, 5),
    )
    scheme = GrantScheme.objects.get(name="Annual running costs grant")
    BudgetLedger.objects.create(scheme=scheme, year=2031, budget=Decimal("5000"))
    grant = GrantApplication.objects.create(
        scheme=scheme,
        group=group,
        applicant=User.objects.get(email="chair@example.org"),
        amount_requested=Decimal("400"),
        amount_approved=Decimal("400"),
        status="paid",
        year=2031,
        purpose="x",
        decided_at=at("2031-05-10T10:00"),
    )
    pay(grant, "400.00", "2031-05-20T10:00")
    for days, amount in [(7, "12.50"), (12, "30.00")]:
        claim = ExpenseClaim.objects.create(
            claimant=regular,
            activity="meeting",
            description="Fixture",
            activity_date=datetime.date(2031, 5, 1),
            status="paid",
            submitted_at=at("2031-05-02T10:00"),
        )
        pay(claim, amount, (at("2031-05-02T10:00") + datetime.timedelta(days=days)))
    return {"meetings": meetings, "north": north, "north_estate": north_estate}


def pay(source, amount, paid_at):
    if isinstance(paid_at, str):
        paid_at = at(paid_at)
    Payment.objects.create(
        source_type=ContentType.objects.get_for_model(source),
        source_id=str(source.pk),
        payee_name="Fixture",
        amount=Decimal(amount),
        reference=f"FIX-{source.pk}",
        status="paid",
        paid_at=paid_at,
    )


def test_meetings_measures_match_a_hand_count(fixture):
    held = figure("meetings_held")  # M1, M3, M5 of M1, M3, M4, M5 (M0 is March)
    assert (held.count, held.of, held.value) == (3, 4, Decimal("75.0"))
    fixture_rows = {bar.label: bar.value for bar in held.bars}
    assert fixture_rows == {"Residents Panel": 3}
    notice = figure("meetings_notice")  # M3 was short notice
    assert (notice.count, notice.of, notice.value) == (2, 3, Decimal("66.7"))
    papers = figure("papers_on_time")
    assert (papers.count, papers.of, papers.value) == (1, 2, Decimal("50.0"))
    # M1 due 17 April (Easter skipped) and on time; M3 due 4 June (the late May
    # bank holiday skipped), published 30 June; M5 not due within the quarter.
    minutes = figure("minutes_on_time")
    assert (minutes.count, minutes.of) == (1, 2)
    attendance = figure("attendance")  # 3 at M1 + 2 at M3, over 2 meetings
    assert (attendance.count, attendance.of, attendance.value) == (5, 2, Decimal("2.5"))
    feedback = figure("feedback_score")  # (4 + 3.5 + 3 + 2.5) / 4
    assert (feedback.count, feedback.value) == (2, Decimal("3.25"))
    assert [bar.value for bar in feedback.bars] == [
        Decimal("4.00"),
        Decimal("3.50"),
        Decimal("3.00"),
        Decimal("2.50"),
    ]


def test_consultation_and_format_measures_match_a_hand_count(fixture):
    assert figure("consultations_run").value == 1  # C2 opened in March
    north_homes = Property.objects.filter(estate__area=fixture["north"]).count()
    all_homes = Property.objects.count()
    rate = figure("response_rate")  # the anonymous answer is not counted
    assert (rate.count, rate.of) == (3, north_homes + all_homes)
    assert [bar.label for bar in rate.bars] == ["Fixture C1", "Fixture C2"]
    days = figure("days_to_outcome")
    assert (days.count, days.value) == (1, Decimal("10.0"))
    you_said = figure("you_said_published")
    assert (you_said.count, you_said.of) == (1, 2)
    formats = figure("formats_on_time")
    assert (formats.count, formats.of, formats.value) == (1, 3, Decimal("33.3"))


def test_groups_money_and_people_match_a_hand_count(fixture):
    assert figure("groups_recognised").value == 1
    awarded = figure("grants_awarded")
    assert (awarded.value, awarded.of) == (Decimal("400.00"), Decimal("5000.00"))
    assert figure("grants_paid").value == Decimal("400.00")
    paid = figure("expenses_paid")
    assert (paid.value, paid.count) == (Decimal("42.50"), 2)
    assert figure("expenses_days_to_pay").value == Decimal("9.5")
    # Attended: regular + attendee0..3 (attendee2 and 3 at M3); feedback from
    # regular and attendee0; three answered with accounts.
    taking_part = figure("people_taking_part")
    assert taking_part.value == 5 + 3
    new = figure("people_new")
    assert (new.value, new.of) == (7, 8)  # the demo resident took part before


def test_the_year_boundary_and_the_clocks(fixture):
    """M0 (23:30 on 31 March) is in 2030/31's last quarter, M1 (00:30 on 1 April,
    after the clocks went forward on 30 March) in 2031/32's first."""
    q4 = periods.quarter(2030, 4)
    assert (q4.first, q4.last) == (
        datetime.date(2031, 1, 1),
        datetime.date(2031, 3, 31),
    )
    last_year = figure("meetings_held", period=periods.custom(q4.last, q4.last))
    first_day = figure("meetings_held", period=periods.custom(Q1.first, Q1.first))
    assert (last_year.of, first_day.of) == (1, 1)
    assert periods.financial_year(datetime.date(2031, 3, 31)) == 2030
    assert periods.financial_year(datetime.date(2031, 4, 1)) == 2031


def test_scope_filters_by_area_and_says_when_records_cannot_be_placed(fixture):
    north = Scope(area_id=fixture["north"].pk, label="North")
    held = figure("meetings_held", scope=north)  # only M3 is in the north
    assert (held.count, held.of) == (1, 1)
    estate = Scope(
        area_id=fixture["north"].pk, estate_id=fixture["north_estate"].pk, label="E"
    )
    meetings = figure("meetings_held", scope=estate)
    assert meetings.value is None
    assert "do not say which estate" in meetings.note
    # C1 asked the north; C2 asked everyone: both count, with the north's homes.
    rate = figure("response_rate", scope=north)
    north_homes = Property.objects.filter(estate__area=fixture["north"]).count()
    assert (rate.count, rate.of) == (2, 2 * north_homes)
    assert figure("formats_on_time", scope=north).value is None


def test_minutes_sent_out_are_counted_against_the_deadline(fixture):
    """M1's minutes were due on 17 April (published on the 8th) and sent on the
    16th: in time. M3's were due on 4 June and sent on 1 July: late, as was their
    publication. Sending on the deadline day itself counts as in time."""
    from cms.meetings.models import MeetingPublication

    meetings = fixture["meetings"]
    MeetingPublication.objects.filter(meeting=meetings["M1"]).update(
        minutes_sent_at=at("2031-04-16T18:00")
    )
    MeetingPublication.objects.filter(meeting=meetings["M3"]).update(
        minutes_sent_at=at("2031-07-01T09:00")
    )
    sent = figure("minutes_sent_on_time")
    assert (sent.count, sent.of, sent.value) == (1, 2, Decimal("50.0"))
    assert [(bar.label, bar.value) for bar in sent.bars] == [
        ("Residents Panel", Decimal("50.0"))
    ]
    # Published on time is not sent on time: M1 sent after its deadline.
    MeetingPublication.objects.filter(meeting=meetings["M1"]).update(
        minutes_sent_at=at("2031-04-18T09:00")
    )
    assert figure("minutes_sent_on_time").count == 0
    assert figure("minutes_on_time").count == 1
    MeetingPublication.objects.filter(meeting=meetings["M1"]).update(
        minutes_sent_at=at("2031-04-17T23:30")  # still the 17th in London
    )
    assert figure("minutes_sent_on_time").count == 1
    # Never sent counts against it; only M3 is in the north.
    MeetingPublication.objects.filter(meeting=meetings["M1"]).update(
        minutes_sent_at=None
    )
    assert figure("minutes_sent_on_time").count == 0
    north = Scope(area_id=fixture["north"].pk, label="North")
    in_north = figure("minutes_sent_on_time", scope=north)
    assert (in_north.count, in_north.of) == (0, 1)


def test_reply_windows_renewals_and_channels_match_a_hand_count(fixture):
    """C1 was open 30 days; a C3 opened in June for 9 days (with its reason) is
    short. Anchor House's earlier recognition ran out on 1 May and was renewed on
    5 May: late; Beacon's ran out on 15 June and was renewed on 10 June: on time;
    one running out in August is not due yet. Channels: five attended in person,
    one answered on paper, four took part online (two of them also in person)."""
    index = ConsultationIndexPage.objects.get(locale__language_code="en-gb")
    index.add_child(
        instance=ConsultationPage(
            title="Fixture C3",
            opens_at=at("2031-06-01T09:00"),
            closes_at=at("2031-06-10T17:00"),
            short_window_reason="A repair that cannot wait.",
        )
    )
    windows = figure("reply_windows_met")
    assert (windows.count, windows.of, windows.value) == (1, 2, Decimal("50.0"))
    assert [(bar.label, bar.value) for bar in windows.bars] == [
        ("Fixture C1", 30),
        ("Fixture C3", 9),
    ]

    anchor = Group.objects.get(name__startswith="Anchor House")
    beacon = Group.objects.exclude(pk=anchor.pk).order_by("pk").first()
    for group, decided, until in [
        (anchor, "2029-05-01T10:00", datetime.date(2031, 5, 1)),
        (beacon, "2029-06-15T10:00", datetime.date(2031, 6, 15)),
        (beacon, "2031-06-10T10:00", datetime.date(2031, 8, 1)),
    ]:
        RecognitionApplication.objects.create(
            group=group,
            applied_at=at(decided),
            status="approved",
            decided_at=at(decided),
            recognised_until=until,
        )
    renewals = figure("renewals_on_time")
    assert (renewals.count, renewals.of, renewals.value) == (1, 2, Decimal("50.0"))
    assert [bar.value for bar in renewals.bars] == [0, 1, 1]  # April, May, June
    # Over the whole year, Beacon's renewal running out in August is not due
    # yet (the clock is at 20 July), so the year counts the same two.
    year = figure("renewals_on_time", period=periods.whole_year(2031))
    assert (year.count, year.of) == (1, 2)

    channels = figure("people_by_channel")
    assert (channels.count, channels.of, channels.value) == (6, 8, Decimal("75.0"))
    assert [(bar.label, bar.value) for bar in channels.bars] == [
        ("Online", 4),
        ("On paper", 1),
        ("By phone", 0),
        ("In person", 5),
    ]
    # In the north: the two answers from its estate (one online, one on paper)
    # and the demo resident if their checked home is there; the fixture's
    # attendees have no checked home, so no area.
    north = Scope(area_id=fixture["north"].pk, label="North")
    regular = User.objects.get(email="resident@example.org")
    home = regular.resident_profile.home
    regular_here = int(home is not None and home.estate.area_id == fixture["north"].pk)
    in_north = figure("people_by_channel", scope=north)
    assert (in_north.count, in_north.of) == (1 + regular_here, 2 + regular_here)
    assert [bar.value for bar in in_north.bars] == [
        1 + regular_here,
        1,
        0,
        regular_here,
    ]


def test_a_body_scope_counts_that_bodys_meetings_and_names_what_it_cannot(
    fixture, client
):
    """M3 was the Board's; the rest the Panel's. The meeting measures count one
    body's meetings; the others show no figure and say a body does not apply."""
    from cms.meetings.models import Body

    panel = MeetingPage.objects.get(pk=fixture["meetings"]["M1"].pk).body
    board = Body.objects.create(name="Fixture Board", kind="board", locale=panel.locale)
    MeetingPage.objects.filter(pk=fixture["meetings"]["M3"].pk).update(body=board)
    on_board = Scope(body_id=board.pk, label="Board")
    on_panel = Scope(body_id=panel.pk, label="Panel")
    assert (
        figure("meetings_held", scope=on_panel).of,
        figure("meetings_held", scope=on_panel).count,
    ) == (3, 2)  # M1, M4, M5
    held = figure("meetings_held", scope=on_board)
    assert (held.count, held.of) == (1, 1)
    notice = figure("meetings_notice", scope=on_board)  # M3's short notice
    assert (notice.count, notice.of) == (0, 1)
    assert figure("papers_on_time", scope=on_board).of == 2
    assert figure("papers_on_time", scope=on_panel).of == 0
    attendance = figure("attendance", scope=on_board)
    assert (attendance.count, attendance.of) == (2, 1)
    assert figure("attendance", scope=on_panel).count == 3
    assert figure("feedback_score", scope=on_board).value is None
    assert figure("feedback_score", scope=on_panel).count == 2
    for key in ("consultations_run", "grants_paid", "people_taking_part"):
        found = figure(key, scope=on_board)
        assert found.value is None and not found.url, key
        assert "A body does not apply to this measure" in found.note

    from tests.conftest import sign_in

    sign_in(client, "officer@example.org")
    query = f"?period=quarter&year=2031&quarter=1&body={board.pk}"
    page = client.get("/admin/reports/involvement-performance/" + query)
    text = page.content.decode()
    assert page.status_code == 200, text[:2000]
    assert "Fixture Board" in text
    assert "A body applies only to the meeting measures" in text
    assert "<li>Consultations run</li>" in text
    assert "<li>Meetings held as planned</li>" not in text
    records = client.get(held.url).content.decode()
    assert held.url.endswith(f"&body={board.pk}")
    assert records.count('class="measure-record"') == 1 and "Fixture M3" in records
    wrong = client.get("/admin/reports/involvement-performance/?period=ytd&body=x")
    assert wrong.status_code == 200 and "There is a problem" in wrong.content.decode()
