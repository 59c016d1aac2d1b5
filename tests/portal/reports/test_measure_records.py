"""Every figure links to the records behind it, and the evidence pack holds the
same records: for each registered measure, on the demo's year to date, the rows
its link shows (and its `records/<key>.csv`) are exactly the ones its figure
counted. The table below says, for each measure, which part of its figure the
rows make up; a new measure without an entry (or without records) fails."""

import csv
import io
import re
import zipfile
from decimal import Decimal

import pytest

from portal.core.dates import london_today
from portal.reports import periods
from portal.reports.registry import measures, record_rows
from portal.reports.scopes import LANDLORD, Scope
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

YES = "Yes"


def _rows_are(part):
    def check(figure, rows):
        assert len(rows) == getattr(figure, part), (part, figure, rows[:3])

    return check


def _ratio(figure, rows):
    """One row per record judged ("out of"), its last cell saying whether it
    counts ("45 of 48")."""
    assert len(rows) == figure.of, (figure, rows[:3])
    assert sum(row[-1] == YES for row in rows) == figure.count, (figure, rows[:3])


def _money(figure, rows):
    """One row per payment or award; the amounts (last cell) add up."""
    assert sum((Decimal(str(row[-1])) for row in rows), Decimal(0)) == figure.value


def _attendance(figure, rows):
    assert len(rows) == figure.of
    assert sum(int(row[-1]) for row in rows) == figure.count


def _responses(figure, rows):
    assert len(rows) == len(figure.bars)
    assert sum(int(row[-2]) for row in rows) == figure.count
    assert sum(int(row[-1]) for row in rows) == figure.of


def _days(figure, rows):
    assert len(rows) == figure.count
    if rows:
        days = [int(row[-1]) for row in rows]
        average = (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"))
        assert average == figure.value


def _days_to_pay(figure, rows):
    assert len(rows) == figure.count
    if rows:
        days = [int(row[-2]) for row in rows]
        average = (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"))
        assert average == figure.value


def _scored(figure, rows):
    """Inspections: "from n records", each with its areas scored."""
    assert len(rows) == figure.count


def _accepted(figure, rows):
    assert len(rows) == figure.of
    accepted = {"Accepted", "Accepted in part"}
    assert sum(row[3] in accepted for row in rows) == figure.count


def _implemented(figure, rows):
    assert len(rows) == figure.of
    assert sum(bool(row[-1]) for row in rows) == figure.count


def _outcome(counted):
    def check(figure, rows):
        assert len(rows) == figure.of
        assert sum(row[-1] == counted for row in rows) == figure.count

    return check


CHECKS = {
    "meetings_held": _ratio,
    "meetings_notice": _ratio,
    "papers_on_time": _ratio,
    "minutes_on_time": _ratio,
    "minutes_sent_on_time": _ratio,
    "attendance": _attendance,
    "feedback_score": _rows_are("count"),
    "consultations_run": _rows_are("value"),
    "reply_windows_met": _ratio,
    "response_rate": _responses,
    "days_to_outcome": _days,
    "you_said_published": lambda figure, rows: (
        _rows_are("of")(figure, rows),
        _rows_are("count")(figure, [row for row in rows if row[-1]]),
    ),
    "formats_on_time": _ratio,
    "groups_recognised": _rows_are("value"),
    "renewals_on_time": _ratio,
    "signup_coverage": _ratio,
    "grants_awarded": _money,
    "grants_paid": _money,
    "expenses_paid": lambda figure, rows: (
        _rows_are("count")(figure, rows),
        _money(figure, rows),
    ),
    "expenses_days_to_pay": _days_to_pay,
    "people_taking_part": _rows_are("value"),
    "people_new": _rows_are("count"),
    "people_by_channel": _ratio,
    "actions_on_time": _outcome("Done on time"),
    "inspection_score": _scored,
    "recommendations_accepted": _accepted,
    "recommendations_implemented": _implemented,
    "scrutiny_responses_on_time": _outcome("Answered in time"),
}


def _csv(text):
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def period():
    return periods.year_to_date(london_today())


def _an_area():
    from portal.housing.models import Area

    area = Area.objects.order_by("name").first()
    return Scope(area_id=area.pk, label=area.name)


def test_every_measure_has_its_records_and_a_check_here():
    keys = [measure.key for measure in measures()]
    assert sorted(keys) == sorted(CHECKS), "add the new measure to CHECKS"
    for measure in measures():
        rows = record_rows(measure, periods.quarter(2031, 1), LANDLORD)
        assert rows is not None, f"{measure.key} registers no records"
        assert rows[0], measure.key  # a heading row


@pytest.mark.parametrize("where", ["landlord", "area"])
def test_each_figure_links_to_exactly_the_records_it_counted(client, period, where):
    scope = LANDLORD if where == "landlord" else _an_area()
    sign_in(client, "officer@example.org")
    shown = 0
    for measure in measures():
        figure = measure.figure(period, scope)
        rows = record_rows(measure, period, scope)
        if rows is None:  # records that cannot be placed here: no figure either
            assert figure.value is None and not figure.url, measure.key
            continue
        assert figure.url.startswith(f"/admin/reports/records/{measure.key}/")
        response = client.get(figure.url)
        page = response.content.decode()
        assert response.status_code == 200, page[:2000]
        assert len(re.findall(r'class="measure-record"', page)) == len(rows) - 1
        CHECKS[measure.key](figure, rows[1:])
        download = client.get(figure.url + "&format=csv")
        assert _csv(download.content.decode("utf-8-sig")) == [
            [str(cell) for cell in row] for row in rows
        ], measure.key
        shown += len(rows) - 1
    assert shown > 100  # the demo's year has records behind most figures


def test_the_evidence_pack_holds_every_measures_records(client, period):
    sign_in(client, "officer@example.org")
    response = client.get(
        "/admin/reports/regulator-evidence-pack/?period=ytd&format=zip"
    )
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    from portal.reports.models import EvidenceClause

    mapped = {key for clause in EvidenceClause.objects.all() for key in clause.measures}
    by_key = {measure.key: measure for measure in measures()}
    assert len(mapped) >= 25
    for key in mapped:
        rows = _csv(archive.read(f"records/{key}.csv").decode("utf-8-sig"))
        figure = by_key[key].figure(period, LANDLORD)
        CHECKS[key](figure, rows[1:])


def test_records_of_a_measure_that_does_not_exist_are_not_found(client):
    sign_in(client, "officer@example.org")
    assert client.get("/admin/reports/records/no_such_measure/").status_code == 404


def test_records_are_for_staff_with_the_report_permission(client):
    sign_in(client, "resident@example.org")
    response = client.get("/admin/reports/records/meetings_held/?period=ytd")
    assert response.status_code in (302, 403)


def test_a_nonsense_period_in_the_link_is_explained_not_a_500(client):
    sign_in(client, "officer@example.org")
    response = client.get(
        "/admin/reports/records/meetings_held/?period=custom&first=2031-13-45"
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode() or (
        "does not give a period" in response.content.decode()
    )
