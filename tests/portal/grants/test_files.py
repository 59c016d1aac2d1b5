"""Files on a grant: extra documents with an application, receipts and photos with
the end-of-grant report. Private, checked by content, seen only by whoever may see
the application, and kept (money records) when the uploader closes their account."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.core.models import AuditEntry
from portal.grants.models import GrantApplication, GrantScheme
from portal.grants.services import (
    application_file_add,
    application_start,
    panel_declare,
    report_submit,
)
from portal.groups.models import Activity, Group
from tests.conftest import sign_in
from tests.portal.grants.test_grants import pdf_upload, person, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchor():
    return Group.objects.get(name__startswith="Anchor House")


@pytest.fixture
def draft(anchor):
    fund = GrantScheme.objects.get(name="Community fund")
    GrantApplication.objects.filter(scheme=fund).delete()
    return application_start(
        scheme=fund, applicant=person("chair@example.org"), group=anchor
    )


def download_status(client, email, grant_file):
    client.logout()
    sign_in(client, email)
    return client.get(f"/portal/files/{grant_file.file_id}/").status_code


def test_the_chair_adds_a_document_checked_by_its_content(client, draft):
    sign_in(client, "chair@example.org")
    url = f"/portal/grants/applications/{draft.pk}/"
    fake = SimpleUploadedFile("quote.pdf", b"not really a pdf", "application/pdf")
    bad = client.post(url, {"action": "upload", "file": fake, "description": "Quote"})
    page = bad.content.decode()
    assert "There is a problem" in page and "This file is not a" in page
    assert 'value="Quote"' in page
    empty = client.post(url, {"action": "upload"}).content.decode()
    assert "Choose the file to upload." in empty
    client.post(
        url, {"action": "upload", "file": pdf_upload("quote.pdf"), "description": "Q"}
    )
    grant_file = draft.files.get()
    assert (grant_file.kind, grant_file.description) == ("supporting", "Q")
    assert "quote.pdf" in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action="grant.file_added").exists()


def test_whoever_may_see_the_application_downloads_its_files_and_nobody_else(
    client, draft
):
    grant_file = application_file_add(
        application=draft,
        actor=person("chair@example.org"),
        upload=pdf_upload("quote.pdf"),
        content_type="application/pdf",
    )
    for email in [
        "chair@example.org",
        "secretary@example.org",  # another officer of the group
        "officer@example.org",
        "finance@example.org",
    ]:
        assert download_status(client, email, grant_file) == 200, email
    for email in ["neighbour@example.org", "resident@example.org"]:
        assert download_status(client, email, grant_file) == 404, email
    chair = person("chair@example.org")
    from portal.grants.services import application_save, application_submit

    application_save(
        application=draft,
        actor=chair,
        amount_requested=Decimal("1000"),
        purpose="Garden",
        spending_plan="",
    )
    application_submit(application=draft, actor=chair)
    # The panel: only after declaring no conflict.
    assert download_status(client, "panel@example.org", grant_file) == 404
    panel_declare(application=draft, member=person("panel@example.org"), conflict=False)
    assert download_status(client, "panel@example.org", grant_file) == 200
    panel_declare(
        application=draft,
        member=person("panel2@example.org"),
        conflict=True,
        reason="I run its garden club",
    )
    assert download_status(client, "panel2@example.org", grant_file) == 404


def test_files_cannot_be_added_once_sent(anchor):
    """Refused by the lifecycle's `edit` rule, even from a page read while the
    application was still a draft."""
    application = submitted(
        GrantScheme.objects.get(name="Annual running costs grant"), anchor
    )
    stale = GrantApplication.objects.get(pk=application.pk)
    stale.status = GrantApplication.Status.DRAFT
    with pytest.raises(ValidationError) as refused:
        application_file_add(
            application=stale,
            actor=person("chair@example.org"),
            upload=pdf_upload("late.pdf"),
            content_type="application/pdf",
        )
    assert refused.value.messages == [
        "This application is submitted, so that cannot be done now."
    ]
    assert not application.files.exists()


def _paid(anchor):
    application = submitted(
        GrantScheme.objects.get(name="Annual running costs grant"), anchor
    )
    GrantApplication.objects.filter(pk=application.pk).update(
        status="paid", amount_approved=Decimal("250")
    )
    application.refresh_from_db()
    return application


def test_report_receipts_and_photos_are_shown_to_staff_not_the_panel(client, anchor):
    application = _paid(anchor)
    sign_in(client, "chair@example.org")
    url = f"/portal/grants/applications/{application.pk}/"
    text = SimpleUploadedFile("receipt.txt", b"hello", "text/plain")
    bad = client.post(
        url,
        {"action": "report", "summary": "Hall", "spent": "200", "receipts": [text]},
    ).content.decode()
    assert "receipt.txt: This file is not a" in bad
    assert "Hall" in bad
    client.post(
        url,
        {
            "action": "report",
            "summary": "Hall hire for four meetings",
            "spent": "200",
            "receipts": [pdf_upload("hall.pdf"), pdf_upload("print.pdf")],
            "photos": [pdf_upload("meeting.pdf")],
        },
    )
    application.refresh_from_db()
    assert application.report_received_on
    kinds = sorted(application.files.values_list("kind", flat=True))
    assert kinds == ["photo", "receipt", "receipt"]
    client.logout()
    sign_in(client, "officer@example.org")
    decide = client.get(
        f"/admin/grant_applications/{application.pk}/decide/"
    ).content.decode()
    assert "hall.pdf" in decide and "meeting.pdf" in decide
    assert "Hall hire for four meetings" in decide
    receipt = application.files.filter(kind="receipt").first()
    assert download_status(client, "officer@example.org", receipt) == 200
    assert download_status(client, "panel@example.org", receipt) == 404


def test_a_report_twice_or_before_payment_is_refused(anchor):
    chair = person("chair@example.org")
    application = _paid(anchor)
    stale = GrantApplication.objects.get(pk=application.pk)
    GrantApplication.objects.filter(pk=application.pk).update(status="approved")
    with pytest.raises(ValidationError) as refused:
        report_submit(application=stale, actor=chair, summary="x", spent=Decimal(0))
    assert refused.value.messages == [
        "This application is approved, so that cannot be done now."
    ]
    GrantApplication.objects.filter(pk=application.pk).update(status="paid")
    report_submit(application=application, actor=chair, summary="x", spent=Decimal(0))
    with pytest.raises(ValidationError) as refused:
        report_submit(application=stale, actor=chair, summary="y", spent=Decimal(0))
    assert refused.value.messages == ["We already have the report for this grant."]
    assert GrantApplication.objects.get(pk=application.pk).report_summary == "x"


def test_closing_an_account_keeps_the_grants_files(client, draft):
    # The treasurer (who uploaded nothing to the group's locker) adds a quote.
    grant_file = application_file_add(
        application=draft,
        actor=person("treasurer@example.org"),
        upload=pdf_upload("quote.pdf"),
        content_type="application/pdf",
    )
    sign_in(client, "treasurer@example.org")
    response = client.post(
        "/portal/close-account/", {"password": "Involve-demo-2026", "understood": "on"}
    )
    assert response.status_code == 302
    grant_file.refresh_from_db()
    # Kept for the grant's record, no longer linked to the person.
    assert grant_file.uploaded_by is None
    assert grant_file.file.file.read().startswith(b"%PDF")
    assert download_status(client, "officer@example.org", grant_file) == 200
    assert download_status(client, "chair@example.org", grant_file) == 200


def test_the_grant_page_counts_meetings_and_newsletters_held_in_the_grant_year(
    client, anchor, django_assert_max_num_queries
):
    from tests.cms.meetings.test_calendar import count_queries

    application = submitted(
        GrantScheme.objects.get(name="Annual running costs grant"), anchor
    )
    start = datetime.date(application.year, 4, 1)
    Activity.objects.filter(group=anchor).delete()
    Activity.objects.create(group=anchor, kind="agm", date=start)
    Activity.objects.create(group=anchor, kind="meeting", date=start)
    Activity.objects.create(group=anchor, kind="newsletter", date=start)
    # Before the grant year, and not yet held: not counted.
    Activity.objects.create(
        group=anchor, kind="meeting", date=start.replace(day=1, month=3)
    )
    Activity.objects.create(
        group=anchor,
        kind="meeting",
        date=datetime.date.today() + datetime.timedelta(days=3),
    )
    sign_in(client, "chair@example.org")
    url = f"/portal/grants/applications/{application.pk}/"
    page = client.get(url).content.decode()
    assert "Not yet: 2 of 4 public meetings held" in page
    assert "Not yet: 1 of 4 newsletters published" in page
    before = count_queries(client, url)
    Activity.objects.bulk_create(
        Activity(group=anchor, kind="newsletter", date=start) for _ in range(40)
    )
    assert count_queries(client, url) == before
    page = client.get(url).content.decode()
    assert "Met: 41 of 4 newsletters published" in page
    with django_assert_max_num_queries(30):
        client.get(url)
