"""The staff home (/admin/): one panel per kind of work the person may do, with
how many wait, the oldest's age and a link to the queue."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail import hooks

from cms.core.models import FormatRequest
from portal.accounts.models import ResidentProfile, User
from portal.core.home import WorkWaitingPanel
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

OFFICER_PANELS = {
    "resident_checks",
    "recognition",
    "sign_up_rows",
    "grant_decisions",
    "expense_claims",
    "expense_pre_approvals",
    "format_requests",
    "meetings",
    "consultation_outcomes",
    "volunteer_hours",
    "training_attendance",
}


def panels(html: str) -> dict[str, list[tuple[str, int, str]]]:
    """{panel name: [(line label, count, link)]} from the home page's markup."""
    found = {}
    for name, body in re.findall(
        r'data-work-panel="([^"]+)">(.*?)</ul>', html, flags=re.S
    ):
        found[name] = [
            (label.strip(), int(count), url.replace("&amp;", "&"))
            for count, url, label in re.findall(
                r'<li data-count="(\d+)">\s*<a href="([^"]+)">([^<]+)</a>', body
            )
        ]
    return found


def home_panels(client, email):
    sign_in(client, email)
    response = client.get("/admin/")
    assert response.status_code == 200
    return panels(response.content.decode())


def test_officer_home_counts_match_the_queues(client):
    found = home_panels(client, "officer@example.org")
    assert set(found) == OFFICER_PANELS
    checked = 0
    for lines in found.values():
        for _label, count, url in lines:
            response = client.get(url)
            assert response.status_code == 200, url
            paginator = response.context.get("paginator")
            if paginator is not None and "?" in url and url.count("=") == 1:
                if "format_requests" in url and _label == "Overdue":
                    continue  # the queue shows every open one, overdue first
                assert paginator.count == count, url
                checked += 1
    assert checked >= 8
    # The demo has work waiting for the officer in every money and group queue.
    assert (
        found["resident_checks"][0][1]
        == ResidentProfile.objects.filter(status="pending").count()
    )
    assert found["resident_checks"][0][1] >= 1
    assert found["grant_decisions"][0][1] >= 1
    assert found["expense_pre_approvals"][0][1] >= 1


def test_officer_home_says_how_old_the_oldest_is(client):
    profile = ResidentProfile.objects.filter(status="pending").earliest("submitted_at")
    ResidentProfile.objects.filter(pk=profile.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=12)
    )
    sign_in(client, "officer@example.org")
    html = client.get("/admin/").content.decode()
    section = html.split('data-work-panel="resident_checks"')[1].split("</ul>")[0]
    assert "the oldest for 12 days" in " ".join(section.split())


def test_a_decided_item_leaves_the_count(client):
    before = home_panels(client, "officer@example.org")["resident_checks"][0][1]
    ResidentProfile.objects.filter(status="pending").update(status="verified")
    after = home_panels(client, "officer@example.org")["resident_checks"][0]
    assert before >= 1
    assert after[1] == 0
    html = client.get("/admin/").content.decode()
    assert "nothing waiting" in html


def test_overdue_format_requests_come_first(client):
    FormatRequest.objects.create(
        page_title="Bins",
        page_url="/bins/",
        format="large_print",
        name="Ann",
        delivery="post",
        address="1 Street",
        due_on=datetime.date(2020, 1, 1),
    )
    found = home_panels(client, "officer@example.org")["format_requests"]
    assert [label for label, _count, _url in found] == ["Overdue", "To send"]
    assert found[0][1] >= 1


def test_finance_sees_money_work_only(client):
    found = home_panels(client, "finance@example.org")
    assert set(found) == {"bank_details", "payments_due", "grant_decisions"}


def test_editor_sees_format_requests_only(client):
    assert set(home_panels(client, "editor@example.org")) == {"format_requests"}


def test_residents_never_see_the_staff_home(client):
    sign_in(client, "resident@example.org")
    assert client.get("/admin/").status_code == 302


def test_readers_panel_member_sees_the_page_waiting_for_their_review(client):
    sign_in(client, "reader@example.org")
    html = client.get("/admin/").content.decode()
    assert "Awaiting your review" in html
    assert "New bins" in html


def all_panel_classes():
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(email="admin@example.org")
    found = []
    for fn in hooks.get_hooks("construct_homepage_panels"):
        added = []
        fn(request, added)
        found += [p for p in added if isinstance(p, WorkWaitingPanel)]
    return request, found


def test_every_panel_reads_in_a_query_or_two(django_assert_max_num_queries):
    request, found = all_panel_classes()
    assert {panel.name for panel in found} >= OFFICER_PANELS | {
        "bank_details",
        "payments_due",
    }
    for panel in found:
        # Meetings: the rules, meetings past their minutes deadline, late papers.
        # Everything else: one query.
        ceiling = 3 if panel.name == "meetings" else 1
        with django_assert_max_num_queries(ceiling):
            html = panel.render_html({"request": request})
        assert str(panel.heading) in html


def test_panel_queries_stay_flat_as_work_grows(django_assert_max_num_queries):
    for n in range(30):
        FormatRequest.objects.create(
            page_title=f"Page {n}",
            page_url="/",
            format="large_print",
            name="Ann",
            delivery="post",
            address="1 Street",
            due_on=datetime.date(2020, 1, 1),
        )
    request, found = all_panel_classes()
    panel = next(p for p in found if p.name == "format_requests")
    with django_assert_max_num_queries(1):
        html = panel.render_html({"request": request})
    overdue = int(re.search(r'data-count="(\d+)"', html).group(1))
    assert overdue >= 30
