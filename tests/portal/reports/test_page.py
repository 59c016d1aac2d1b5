"""Reports → Involvement performance: who may see it, what it shows, the CSV."""

import csv
import io
from decimal import Decimal, InvalidOperation

import pytest

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
URL = "/admin/reports/involvement-performance/"


@pytest.mark.parametrize(
    "email", ["resident@example.org", "chair@example.org", "editor@example.org"]
)
def test_residents_officers_of_groups_and_editors_are_refused(client, email):
    sign_in(client, email)
    response = client.get(URL)
    assert response.status_code in {302, 403}
    assert b"Residents taking part" not in response.content


def test_the_officer_sees_every_measure_with_its_definition(client):
    from portal.reports.registry import measures

    sign_in(client, "officer@example.org")
    response = client.get(URL + "?period=year&year=2026&area=&estate=")
    page = response.content.decode()
    assert response.status_code == 200, page[:2000]
    assert "Financial year 2026/27" in page
    assert len(measures()) >= 18
    for measure in measures():
        assert (
            str(measure.label).replace("“", "&#8220;") in page
            or str(measure.label) in page
        )
        assert f'id="measure-{measure.key}"' in page
    assert page.count("<svg") >= 5
    assert "How it is worked out:" in page


def test_the_csv_has_a_row_per_measure(client):
    from portal.reports.registry import measures

    sign_in(client, "officer@example.org")
    response = client.get(URL + "?period=quarter&year=2026&quarter=2&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Period", "Place", "Section", "Measure", "Breakdown"]
    summary = [row[3] for row in rows[1:] if row[4] == ""]
    assert summary == [str(measure.label) for measure in measures()]
    assert all(row[0].startswith("Quarter 2 of 2026/27") for row in rows[1:])


def test_the_excel_file_holds_the_same_rows_as_the_csv(client):
    from openpyxl import load_workbook

    sign_in(client, "officer@example.org")
    query = URL + "?period=quarter&year=2026&quarter=2&format="
    as_csv = list(csv.reader(io.StringIO(client.get(query + "csv").content.decode())))
    response = client.get(query + "xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert ".xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    as_excel = [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]

    def value(cell):  # Excel keeps numbers as numbers: 100 and "100.0" agree
        try:
            return Decimal(cell).normalize()
        except InvalidOperation:
            return cell

    assert [list(map(value, row)) for row in as_excel] == [
        list(map(value, row)) for row in as_csv
    ]
    assert len(as_excel) > 27


def test_impossible_choices_are_explained_not_a_crash(client):
    sign_in(client, "officer@example.org")
    response = client.get(
        URL + "?period=custom&first_day=31&first_month=3&first_year=2026"
        "&last_day=1&last_month=3&last_year=2026&area=999999"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The last day must be on or after the first." in page
    assert "Select a valid choice" in page
    assert 'id="measure-' not in page


def _grow(n):
    """More of every kind of record in 2026/27: meetings with papers and
    attendance, feedback, responses, format requests, paid expense claims,
    actions, scrutiny recommendations with their actions, estate inspections."""
    import datetime
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from cms.consultations.models import ConsultationPage, Response
    from cms.core.models import FormatRequest
    from cms.meetings.models import PaperPublication
    from portal.accounts.models import User
    from portal.actions.models import Action
    from portal.expenses.models import ExpenseClaim
    from portal.housing.models import Area, Estate
    from portal.inspections.models import ChecklistArea, Inspection, InspectionScore
    from portal.participation.models import Attendance, Feedback
    from portal.payments.models import Payment
    from portal.scrutiny.models import Recommendation, ScrutinyReview
    from tests.cms.meetings.conftest import make_meeting
    from tests.cms.meetings.test_stamps import document

    consultation = ConsultationPage.objects.filter(closes_at__lt=timezone.now()).first()
    today = timezone.localdate()
    review = ScrutinyReview.objects.first()
    estate = Estate.objects.create(area=Area.objects.first(), name="Grown estate")
    checklist = ChecklistArea.objects.first()
    for i in range(n):
        day = today - datetime.timedelta(days=i + 1)
        done = Action.objects.create(
            title=f"Grow {i}", due_on=day, status="done", done_on=day, estate=estate
        )
        Recommendation.objects.create(
            review=review,
            text=f"Grow {i}",
            made_on=day,
            response="accepted",
            responded_on=day,
            action=done,
        )
        inspection = Inspection.objects.create(
            estate=estate, held_on=day, status="submitted"
        )
        InspectionScore.objects.create(
            inspection=inspection, area=checklist, area_name="x", score=3
        )
        meeting = make_meeting(days_ahead=-20 - i, hour=10 + i % 8)
        PaperPublication.objects.create(
            meeting=meeting,
            document=document(f"grow{i}"),
            first_published_at=timezone.now(),
        )
        people = [
            User.objects.create_user(email=f"grow{i}-{j}@example.test", password="x")
            for j in range(3)
        ]
        for person in people:
            Attendance.objects.create(meeting=meeting, person=person, status="attended")
            Feedback.objects.create(
                meeting=meeting,
                person=person,
                expectations=4,
                organisation=4,
                listened=4,
                confidence=4,
            )
            Response.objects.create(
                consultation=consultation, respondent=person, submitted=True
            )
        FormatRequest.objects.create(
            page_title="x",
            page_url="/",
            format="audio",
            name="x",
            due_on=timezone.localdate() - datetime.timedelta(days=i + 1),
        )
        claim = ExpenseClaim.objects.create(
            claimant=people[0],
            activity="meeting",
            description="x",
            activity_date=timezone.localdate(),
            status="paid",
            submitted_at=timezone.now() - datetime.timedelta(days=9),
        )
        Payment.objects.create(
            source_type=ContentType.objects.get_for_model(claim),
            source_id=str(claim.pk),
            payee_name="x",
            amount=Decimal("5"),
            reference=f"GROW-{i}",
            status="paid",
            paid_at=timezone.now(),
        )


def test_the_query_count_does_not_grow_with_the_records(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.core.dates import london_today
    from portal.housing.models import Property
    from portal.reports.periods import financial_year

    assert Property.objects.count() >= 2000  # the year is over the demo's homes
    sign_in(client, "officer@example.org")
    year = financial_year(london_today())
    url = URL + f"?period=year&year={year}"
    client.get(url)  # warm the settings and content types
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    _grow(8)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url)
    assert page.status_code == 200
    assert len(after) == len(before), [q["sql"][:120] for q in after[len(before) :]]
    assert len(after) <= 70  # 64 with the 28 measures on 6 December 2026


def test_targets_show_their_rating_beside_the_figure(client):
    from portal.core.dates import london_today
    from portal.reports.models import MeasureTarget
    from portal.reports.periods import financial_year

    year = financial_year(london_today())
    MeasureTarget.objects.update_or_create(
        measure="consultations_run", year=year, defaults={"target": 0}
    )
    MeasureTarget.objects.update_or_create(
        measure="groups_recognised",
        year=year,
        defaults={"target": 1000, "amber_within": 1},
    )
    sign_in(client, "officer@example.org")
    page = client.get(URL + f"?period=year&year={year}").content.decode()
    run = page.split('id="measure-consultations_run"')[1].split("</section>")[0]
    assert "Target: 0" in run and "Target met" in run
    groups = page.split('id="measure-groups_recognised"')[1].split("</section>")[0]
    assert "Target: 1,000" in groups and "Target missed" in groups


def test_administrators_set_targets_and_officers_only_read_the_report(client):
    from portal.reports.models import MeasureTarget

    sign_in(client, "admin@example.org")
    form = client.get("/admin/involvement_targets/new/").content.decode()
    assert "Minutes published within the deadline" in form
    response = client.post(
        "/admin/involvement_targets/new/",
        {
            "measure": "minutes_on_time",
            "year": 2030,
            "target": "95",
            "amber_within": "5",
        },
    )
    assert response.status_code == 302
    assert MeasureTarget.objects.get(measure="minutes_on_time", year=2030).target == 95
    bad = client.post(
        "/admin/involvement_targets/new/",
        {"measure": "made_up", "year": 2030, "target": "95", "amber_within": "5"},
    )
    assert (
        bad.status_code == 200
        and not MeasureTarget.objects.filter(measure="made_up").exists()
    )
    client.logout()
    sign_in(client, "officer@example.org")
    assert client.get("/admin/involvement_targets/new/").status_code in {302, 403}
