"""The demo chair keeps the TRA's records, the officer checks and decides."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.groups import PDF
from portal.core.models import AuditEntry, Notification
from portal.evidence.models import PaperSheet, Signature
from portal.evidence.selectors import evidence_summary
from portal.groups.models import Activity, Document, RecognitionApplication
from portal.groups.selectors import activity_progress
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def pdf(name="file.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_chair_records_work_enters_a_sheet_and_applies_to_renew(client, anchor):
    sign_in(client, "chair@example.org")
    base = f"/portal/groups/{anchor.pk}"

    response = client.post(
        f"{base}/documents/",
        {"kind": "agm_minutes", "dated": "2026-11-20", "file": pdf("agm.pdf")},
    )
    assert response.status_code == 302
    assert anchor.documents.filter(kind="agm_minutes", dated="2026-11-20").exists()

    before = activity_progress(anchor)
    client.post(
        f"{base}/activity/",
        {"kind": "meeting", "date": "2026-11-18", "venue": "Hall", "attendance": "31"},
    )
    client.post(
        f"{base}/activity/",
        {
            "kind": "newsletter",
            "date": "2026-11-19",
            "issue": "Winter",
            "copies": "240",
        },
    )
    after = activity_progress(anchor)
    assert after["meetings"].done == before["meetings"].done + 1
    assert after["newsletters"].done == before["newsletters"].done + 1

    signed_before = evidence_summary(anchor).signed_households
    response = client.post(
        f"{base}/evidence/", {"scan": pdf("sheet.pdf"), "description": "Autumn"}
    )
    sheet = PaperSheet.objects.get(group=anchor, description="Autumn")
    assert response["Location"].endswith(f"/evidence/sheets/{sheet.pk}/")
    taken = set(anchor.signatures.values_list("home_id", flat=True))
    home = next(
        h for h in anchor.streets.get().properties.order_by("uprn") if h.pk not in taken
    )
    response = client.post(
        f"{base}/evidence/sheets/{sheet.pk}/",
        {
            "name": "Grace Hopper",
            "address": home.address_line_1,
            "postcode": home.postcode,
            "signed_on": "2026-11-15",
            "has_signature": "on",
        },
    )
    assert response.status_code == 302
    row = Signature.objects.get(sheet=sheet)
    assert row.status == "pending"
    assert evidence_summary(anchor).signed_households == signed_before

    client.post(f"{base}/apply/")
    application = RecognitionApplication.objects.get(group=anchor, status="pending")
    assert all(item["met"] for item in application.checklist)

    client.logout()
    sign_in(client, "officer@example.org")
    response = client.post(
        f"/admin/signatures/{row.pk}/check/", {"decision": "accept", "reason": ""}
    )
    assert response.status_code == 302
    assert evidence_summary(anchor).signed_households == signed_before + 1
    page = client.get(f"/admin/recognition_applications/{application.pk}/decide/")
    assert "Grace Hopper" not in page.content.decode()  # counts only, no names
    response = client.post(
        f"/admin/recognition_applications/{application.pk}/decide/",
        {"decision": "approve", "reason": "All in order for another year."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.recognised_until.year == 2027
    assert AuditEntry.objects.filter(
        action="group.recognised", to_state="approved", reason__startswith="All in"
    ).exists()
    assert Notification.objects.filter(
        key=f"group.recognition:{application.pk}", recipient__email="chair@example.org"
    ).exists()


def test_an_address_not_in_the_register_is_explained_and_kept(client, anchor):
    sheet = PaperSheet.objects.filter(group=anchor).first()
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/groups/{anchor.pk}/evidence/sheets/{sheet.pk}/",
        {
            "name": "Ada Lovelace",
            "address": "Flat 999, Anchor House",
            "postcode": "RV1 3AG",
            "signed_on": "2026-11-15",
            "has_signature": "on",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "We cannot find “Flat 999, Anchor House” at RV1 3AG" in page
    assert 'value="Ada Lovelace"' in page


def test_a_missing_date_and_a_bad_file_are_refused_clearly(client, anchor):
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/groups/{anchor.pk}/documents/",
        {
            "kind": "accounts",
            "dated": "2026-04-01",
            "file": SimpleUploadedFile("accounts.pdf", b"not really a pdf"),
        },
    )
    page = response.content.decode()
    assert "This file is not a" in page
    assert "Enter the name of the independent person" in page
    assert not Document.objects.filter(group=anchor, dated="2026-04-01").exists()
    response = client.post(
        f"/portal/groups/{anchor.pk}/activity/", {"kind": "newsletter", "date": ""}
    )
    page = response.content.decode()
    assert "Enter the date." in page
    assert "Enter the newsletter’s issue" in page
    assert not Activity.objects.filter(
        group=anchor, kind="newsletter", issue=""
    ).exists()


def test_applying_with_criteria_unmet_lists_what_is_missing(client, barge):
    officer = barge.officers.get().user
    client.force_login(officer)
    response = client.post(f"/portal/groups/{barge.pk}/apply/", follow=True)
    page = response.content.decode()
    assert "Upload your constitution." in page
    assert "households signed" in page
    assert not barge.applications.exists()


def test_staff_cannot_decide_twice_or_without_a_reason(client):
    application = RecognitionApplication.objects.get(status="pending")
    sign_in(client, "officer@example.org")
    url = f"/admin/recognition_applications/{application.pk}/decide/"
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert "Give a reason the officers will see." in response.content.decode()
    client.post(url, {"decision": "reject", "reason": "Too few signatures checked."})
    response = client.post(url, {"decision": "approve", "reason": "Changed my mind"})
    application.refresh_from_db()
    assert application.status == "rejected"
    assert AuditEntry.objects.filter(action="group.recognition_refused").count() == 1


def test_a_group_officer_who_is_staff_cannot_decide_their_own_group(anchor):
    from django.core.exceptions import PermissionDenied

    from portal.accounts.models import User
    from portal.groups.services import recognition_apply, recognition_decide

    chair = User.objects.get(email="chair@example.org")
    application = recognition_apply(group=anchor, actor=chair)
    staff = User.objects.get(email="officer@example.org")
    anchor.officers.create(user=staff, role="committee", elected_on="2026-01-01")
    with pytest.raises(PermissionDenied, match="someone else must decide"):
        recognition_decide(
            application=application, officer=staff, approve=True, reason="ok"
        )


def test_staff_reject_a_row_with_a_reason_and_it_never_counts(client, anchor):
    row = Signature.objects.filter(group=anchor, status="pending").first()
    sign_in(client, "officer@example.org")
    url = f"/admin/signatures/{row.pk}/check/"
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert "Say why the row is rejected." in response.content.decode()
    client.post(url, {"decision": "reject", "reason": "Not on the scan."})
    row.refresh_from_db()
    assert (row.status, row.decision_reason) == ("rejected", "Not on the scan.")
