"""My involvement: a person's record read from each app's own rows (never
copies), by financial year with totals, downloadable, on the dashboard and in
the personal-data download; its query count does not grow with the record."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cms.consultations.models import ConsultationPage, Response
from portal.accounts.factories import UserFactory
from portal.accounts.models import User
from portal.core.involvement import (
    by_year,
    duration_hours,
    financial_year,
    involvement_for,
    summary_for,
)
from portal.groups.models import Group, Officer
from portal.participation.models import Attendance
from tests.cms.meetings.conftest import make_meeting
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "Involve-demo-2026"


def make_person():
    person = UserFactory(password=PASSWORD)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    return person


def attend(person, *, when: datetime.datetime, hours=2, title=None, status="attended"):
    meeting = make_meeting(
        start=when,
        title=title or f"Panel {when:%Y-%m-%d %H:%M}",
    )
    if hours != 2:
        type(meeting).objects.filter(pk=meeting.pk).update(
            end=when + datetime.timedelta(hours=hours)
        )
    Attendance.objects.create(meeting=meeting, person=person, status=status)
    return meeting


def at(year, month, day, hour=18):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def test_the_record_lists_what_they_took_part_in_by_year_with_totals(client):
    person = make_person()
    attend(person, when=at(2025, 5, 10), title="Residents Panel May")
    attend(person, when=at(2026, 2, 3), hours=1.5, title="Residents Panel February")
    attend(person, when=at(2026, 4, 20), title="Residents Panel April")
    # Apologies and absences are not involvement.
    attend(person, when=at(2026, 6, 1), status="apologies", title="Missed meeting")
    consultation = ConsultationPage.objects.live().first()
    Response.objects.create(
        consultation=consultation, respondent=person, submitted=True
    )
    draft = ConsultationPage.objects.live().exclude(pk=consultation.pk).first()
    if draft:
        Response.objects.create(consultation=draft, respondent=person, submitted=False)
    group = Group.objects.first()
    Officer.objects.create(
        group=group, user=person, role="treasurer", elected_on=datetime.date(2025, 9, 1)
    )

    sign_in(client, person.email)
    page = client.get("/portal/involvement/").content.decode()

    assert "Missed meeting" not in page
    if draft:
        assert draft.title not in page
    assert consultation.title in page
    assert group.name in page and "Treasurer" in page
    # April 2025 to March 2026: May (2 h) and February (1.5 h) meetings, the office.
    assert "April 2025 to March 2026" in page
    assert "April 2026 to March 2027" in page
    section = page.split('id="year-2025"')[1].split('id="year-2024"')[0]
    assert "3.5 hours recorded" in section
    assert "Residents Panel May" in section and "Residents Panel February" in section
    assert "Residents Panel April" not in section
    # Newest year first.
    assert page.index('id="year-2026"') < page.index('id="year-2025"')


def test_someone_with_no_record_is_told_how_to_start(client):
    person = make_person()
    sign_in(client, person.email)
    page = client.get("/portal/involvement/").content.decode()
    assert "Nothing is recorded yet" in page
    assert "/portal/involvement/download/" not in page


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/portal/involvement/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = client.get("/portal/involvement/download/")
    assert response.status_code == 302


def test_the_download_is_the_same_record_and_formula_safe(client):
    person = make_person()
    attend(person, when=at(2025, 5, 10), title="=HYPERLINK(evil)")
    sign_in(client, person.email)
    response = client.get("/portal/involvement/download/")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    lines = text.strip().splitlines()
    assert lines[0].startswith("Date,Financial year,What,Title,Role,Hours,Link")
    assert len(lines) == 2
    assert "2025-05-10" in lines[1]
    assert "'=HYPERLINK(evil)" in lines[1]
    assert ",2," in lines[1]
    assert "http://testserver/" in lines[1]


def test_another_persons_record_is_never_shown(client):
    person = make_person()
    other = make_person()
    attend(other, when=at(2025, 5, 10), title="Someone else's meeting")
    sign_in(client, person.email)
    assert "Someone else" not in client.get("/portal/involvement/").content.decode()
    assert "Someone else" not in (
        client.get("/portal/involvement/download/").content.decode()
    )


def test_dashboard_card_shows_the_record_not_none_when_there_is_one(client):
    person = make_person()
    attend(person, when=timezone.now() - datetime.timedelta(days=3))
    sign_in(client, person.email)
    page = client.get("/portal/").content.decode()
    card = page.split('id="my-involvement"')[1].split("</section>")[0]
    assert "Nothing yet" not in card
    assert "See your involvement record (1 item)" in card
    assert "2 hours" in card


def test_dashboard_card_says_what_to_do_when_there_is_nothing(client):
    person = make_person()
    sign_in(client, person.email)
    page = client.get("/portal/").content.decode()
    card = page.split('id="my-involvement"')[1].split("</section>")[0]
    assert "Nothing yet" in card


def test_the_menu_links_to_my_involvement(client):
    person = make_person()
    sign_in(client, person.email)
    page = client.get("/portal/involvement/").content.decode()
    assert 'href="/portal/involvement/"' in page
    assert 'aria-current="page"' in page or "My involvement" in page


def test_the_personal_data_download_includes_the_record(client):
    person = make_person()
    attend(person, when=at(2025, 5, 10), title="Residents Panel May")
    sign_in(client, person.email)
    data = json.loads(client.get("/portal/my-data/?download=1").content)
    assert data["your_involvement"] == [
        {
            "date": "2025-05-10",
            "what": "Meeting attended",
            "title": "Residents Panel May",
            "role": "Residents Panel",
            "hours": "2",
        }
    ]


def test_the_page_query_count_is_flat_as_the_record_grows(
    client, django_assert_max_num_queries
):
    person = make_person()
    attend(person, when=at(2025, 5, 10))
    sign_in(client, person.email)
    client.get("/portal/involvement/")  # warm the per-process caches
    with django_assert_max_num_queries(INVOLVEMENT_QUERIES) as small:
        client.get("/portal/involvement/")
    for day in range(1, 13):
        attend(person, when=at(2025, 6, day))
    group = Group.objects.first()
    Officer.objects.create(
        group=group, user=person, role="committee", elected_on=datetime.date(2025, 9, 1)
    )
    for consultation in ConsultationPage.objects.live()[:3]:
        Response.objects.create(
            consultation=consultation, respondent=person, submitted=True
        )
    with django_assert_max_num_queries(INVOLVEMENT_QUERIES) as big:
        page = client.get("/portal/involvement/").content.decode()
    assert page.count("<tr>") >= 17
    assert len(big.captured_queries) == len(small.captured_queries)


INVOLVEMENT_QUERIES = 15  # measured: 13 for the demo chair


@pytest.mark.parametrize(
    "email",
    ["chair@example.org", "resident@example.org", "neighbour@example.org"],
)
def test_the_one_query_summary_is_the_record(email, django_assert_num_queries):
    """The dashboard card and hours totals read every source's summary in one
    UNION ALL: the same dates, kinds, titles and hours as the full record."""
    person = User.objects.get(email=email)

    def facts(items):
        return sorted((i.date, str(i.kind), i.title, i.hours) for i in items)

    with django_assert_num_queries(1):
        summary = summary_for(person)
    assert summary, email
    assert facts(summary) == facts(involvement_for(person))


def test_the_demo_resident_has_a_record():
    resident = User.objects.get(email="resident@example.org")
    assert any(item.kind == "Meeting attended" for item in involvement_for(resident))


@given(
    start=st.datetimes(
        min_value=datetime.datetime(2020, 1, 1), max_value=datetime.datetime(2030, 1, 1)
    ),
    minutes=st.integers(min_value=1, max_value=24 * 60),
)
def test_duration_is_rounded_to_the_nearest_quarter_hour(start, minutes):
    end = start + datetime.timedelta(minutes=minutes)
    hours = duration_hours(start, end)
    assert hours % Decimal("0.25") == 0
    assert abs(hours - Decimal(minutes) / 60) <= Decimal("0.125")


def test_no_duration_when_it_is_not_known():
    now = timezone.now()
    assert duration_hours(now, None) is None
    assert duration_hours(now, now) is None
    assert duration_hours(now, now - datetime.timedelta(hours=1)) is None


@given(st.dates(min_value=datetime.date(2000, 1, 1)))
def test_financial_years_run_april_to_march(day):
    year = financial_year(day)
    assert datetime.date(year, 4, 1) <= day <= datetime.date(year + 1, 3, 31)


def test_by_year_totals_only_known_hours():
    from portal.core.involvement import Item

    items = [
        Item(date=datetime.date(2025, 4, 1), kind="a", title="x", hours=Decimal("2")),
        Item(date=datetime.date(2026, 3, 31), kind="a", title="y", hours=None),
        Item(date=datetime.date(2026, 4, 1), kind="a", title="z", hours=Decimal("1")),
    ]
    years = by_year(items)
    assert [(y.year, y.count, y.hours) for y in years] == [
        (2026, 1, Decimal("1")),
        (2025, 2, Decimal("2")),
    ]
