"""Residents' and visitors' lists are django-tables2 tables: a caption, sort
links, pagination, and labelled cells for the stacked layout on narrow screens."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.accounts.models import User
from portal.evidence.models import Signature
from portal.evidence.services import paper_sheet_upload
from portal.expenses.models import ExpenseClaim
from portal.groups.models import Group
from portal.housing.models import Property
from portal.participation.models import Rsvp
from tests.cms.meetings.conftest import make_meeting
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _claims(chair, n):
    for day in range(1, n + 1):
        ExpenseClaim.objects.create(
            claimant=chair,
            activity=ExpenseClaim.Activity.GROUP,
            description=f"Errand {day:02d}",
            activity_date=datetime.date(2026, 10, day),
        )


def test_my_claims_table_sorts_and_pages(client, django_assert_max_num_queries):
    chair = User.objects.get(email="chair@example.org")
    sign_in(client, chair.email)
    _claims(chair, 25)
    client.get("/portal/expenses/")
    with django_assert_max_num_queries(20):
        body = client.get("/portal/expenses/").content.decode()
    assert "<caption>Your claims</caption>" in body
    assert 'data-label="Status"' in body
    assert "Page 1 of 2" in body and "?page=2" in body
    assert 'aria-sort="descending"' in body  # newest activity first
    oldest_first = client.get("/portal/expenses/?sort=activity_date").content.decode()
    assert oldest_first.index("Errand 01") < oldest_first.index("Errand 02")
    assert 'aria-sort="ascending"' in oldest_first
    # Another person's claims never show (signing out first: allauth sends a
    # signed-in person away from the sign-in form without changing who they are).
    client.logout()
    sign_in(client, "neighbour@example.org")
    neighbours = client.get("/portal/expenses/")
    assert neighbours.wsgi_request.user.email == "neighbour@example.org"
    assert "Errand 01" not in neighbours.content.decode()


def test_bad_sort_or_page_is_not_an_error(client):
    sign_in(client, "chair@example.org")
    for query in ["?sort=nonsense", "?page=999", "?page=abc", "?sort=-status"]:
        assert client.get("/portal/expenses/" + query).status_code in (200, 404)


def test_my_applications_table(client):
    sign_in(client, "chair@example.org")
    body = client.get("/portal/grants/").content.decode()
    assert "<caption>Your applications</caption>" in body
    assert 'href="/portal/grants/applications/' in body
    assert 'data-label="Status"' in body


def test_awards_table_is_public_and_links_back_to_the_schemes(client):
    body = client.get("/grants/awards/").content.decode()
    assert "<caption>Awards, newest first</caption>" in body
    assert 'href="/portal/grants/"' in body


# ------------------------------------------- the officers' tables (issue 16)


def _anchor():
    return Group.objects.get(name__startswith="Anchor House")


def _accessible(body, caption):
    assert f"<caption>{caption}</caption>" in body
    assert '<th scope="col"' in body
    assert 'class="table table--stacked"' in body  # stacked under 40rem


def test_the_officers_table_sorts_by_name_and_is_for_officers(
    client, django_assert_max_num_queries
):
    url = f"/portal/groups/{_anchor().pk}/officers/"
    sign_in(client, "chair@example.org")
    client.get(url)
    with django_assert_max_num_queries(20):
        body = client.get(url).content.decode()
    _accessible(body, "Who runs the group")
    assert 'data-label="Role"' in body and "?sort=user" in body
    by_name = client.get(url + "?sort=user").content.decode()
    names = [
        User.objects.get(email=f"{who}@example.org").get_full_name()
        for who in ("chair", "secretary", "treasurer")
    ]
    positions = sorted(names, key=lambda name: by_name.index(name))
    assert positions == sorted(names)
    backwards = client.get(url + "?sort=-user").content.decode()
    assert sorted(names, key=backwards.index) == sorted(names)[::-1]
    assert client.get(url + "?sort=nonsense&page=abc").status_code in (200, 404)
    client.logout()
    sign_in(client, "neighbour@example.org")
    assert client.get(url).status_code == 404


def _signatures(group, n):
    homes = list(Property.objects.all()[:n])
    Signature.objects.bulk_create(
        Signature(
            group=group,
            home=home,
            source=Signature.Source.PAPER,
            name=f"Signer {i:03d}",
            signed_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
            status=Signature.Status.PENDING,
        )
        for i, home in enumerate(homes)
    )


def test_the_signatures_table_pages_sorts_and_says_why_a_row_does_not_count(
    client, django_assert_max_num_queries
):
    group = _anchor()
    group.signatures.all().delete()  # only this test's rows, so pages are known
    url = f"/portal/groups/{group.pk}/evidence/"
    sign_in(client, "chair@example.org")
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    _signatures(group, 60)
    with django_assert_max_num_queries(40) as many:
        body = client.get(url).content.decode()
    assert len(many.captured_queries) <= len(few.captured_queries) + 2  # flat
    assert "This is personal information" in body
    _accessible(body, body.split("<caption>")[1].split("</caption>")[0])
    assert 'data-label="Counts?"' in body
    assert "No: Waiting for staff to check it against the sheet." in body
    assert "Page 1 of 2" in body and "?page=2" in body
    by_name = client.get(url + "?sort=display_name").content.decode()
    assert by_name.index("Signer 000") < by_name.index("Signer 001")
    assert "Signer 059" not in by_name  # on page 2
    assert (
        "Signer 059" in client.get(url + "?sort=display_name&page=2").content.decode()
    )
    client.logout()
    sign_in(client, "neighbour@example.org")
    assert client.get(url).status_code == 404


def test_the_paper_sheet_rows_are_a_table(client, django_assert_max_num_queries):
    group = _anchor()
    chair = User.objects.get(email="chair@example.org")
    sheet = paper_sheet_upload(
        group=group,
        actor=chair,
        upload=SimpleUploadedFile("sheet.pdf", b"%PDF-1.4\n%%EOF\n"),
        content_type="application/pdf",
    )
    home = Property.objects.first()
    for i in range(3):
        Signature.objects.create(
            group=group,
            home=home,
            source=Signature.Source.PAPER,
            name=f"Row {i}",
            signed_on=datetime.date(2026, 2, 1 + i),
            sheet=sheet,
            status=Signature.Status.PENDING,
        )
    url = f"/portal/groups/{group.pk}/evidence/sheets/{sheet.pk}/"
    sign_in(client, chair.email)
    with django_assert_max_num_queries(30):
        body = client.get(url).content.decode()
    _accessible(body, "Rows typed in so far")
    assert 'data-label="Status"' in body and "Waiting to be checked" in body
    newest = client.get(url + "?sort=-signed_on").content.decode()
    assert newest.index("Row 2") < newest.index("Row 0")
    client.logout()
    sign_in(client, "neighbour@example.org")
    assert client.get(url).status_code == 404


def _tra_meeting():
    from cms.meetings.models import Body

    return make_meeting(body=Body.objects.get(name="Anchor House TRA public meeting"))


def test_the_group_officers_see_who_is_coming_to_their_meeting(
    client, django_assert_max_num_queries
):
    meeting = _tra_meeting()
    for email, response in [
        ("neighbour@example.org", Rsvp.Response.ATTENDING),
        ("resident@example.org", Rsvp.Response.APOLOGIES),
    ]:
        Rsvp.objects.create(
            meeting=meeting, person=User.objects.get(email=email), response=response
        )
    url = f"/portal/meetings/{meeting.pk}/attendees/"
    sign_in(client, "secretary@example.org")
    assert url in client.get(meeting.url).content.decode()
    client.get(url)
    with django_assert_max_num_queries(20):
        body = client.get(url).content.decode()
    _accessible(body, "Who has replied")
    assert "1 person has said they will come." in body
    neighbour = User.objects.get(email="neighbour@example.org").get_full_name()
    resident = User.objects.get(email="resident@example.org").get_full_name()
    assert neighbour in body and resident in body
    assert 'data-label="Reply"' in body and "Place confirmed" in body
    by_name = client.get(url + "?sort=-person").content.decode()
    first, second = sorted([neighbour, resident])
    assert by_name.index(second) < by_name.index(first)


@pytest.mark.parametrize("email", ["neighbour@example.org", "officer@example.org"])
def test_nobody_else_sees_who_is_coming(client, email):
    meeting = _tra_meeting()
    sign_in(client, email)
    assert (
        f"/portal/meetings/{meeting.pk}/attendees/"
        not in client.get(meeting.url).content.decode()
    )
    assert client.get(f"/portal/meetings/{meeting.pk}/attendees/").status_code == 404


def test_a_meeting_no_group_runs_has_no_attendees_page(client):
    meeting = make_meeting()  # the Residents Panel: no portal group
    sign_in(client, "chair@example.org")
    assert client.get(f"/portal/meetings/{meeting.pk}/attendees/").status_code == 404
    assert client.get("/portal/meetings/999999/attendees/").status_code == 404
    client.logout()
    assert client.get(f"/portal/meetings/{meeting.pk}/attendees/").status_code == 302


def test_a_claims_costs_are_a_table_with_remove_only_while_it_can_change(
    client, django_assert_max_num_queries
):
    claims = ExpenseClaim.objects.filter(
        claimant__email="chair@example.org", lines__isnull=False
    ).distinct()
    draft = claims.filter(status__in=["draft", "queried"]).first()
    sent = claims.exclude(status__in=["draft", "queried"]).first()
    assert draft is not None and sent is not None, "the demo chair has both"
    sign_in(client, "chair@example.org")
    url = f"/portal/expenses/{draft.pk}/"
    client.get(url)
    with django_assert_max_num_queries(40):
        body = client.get(url).content.decode()
    _accessible(body, "What you are claiming")
    assert 'data-label="Amount"' in body and 'data-label="Remove a cost"' in body
    line = draft.lines.first()
    assert f'action="/portal/expenses/{draft.pk}/lines/{line.pk}/remove/"' in body
    assert '<span class="visually-hidden"> cost 1: ' in body
    body = client.get(f"/portal/expenses/{sent.pk}/").content.decode()
    _accessible(body, "What you are claiming")
    assert "Remove a cost" not in body and "/remove/" not in body
    client.logout()
    sign_in(client, "neighbour@example.org")
    assert client.get(url).status_code == 404
