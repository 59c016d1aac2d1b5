"""The demo resident claims mileage and childcare for a meeting they attended, with
a receipt; bad input is explained and kept; a duplicate receipt is flagged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.meetings.models import MeetingPage
from demo.groups import PDF
from portal.expenses.models import ExpenseClaim
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def attended_meeting():
    return (
        MeetingPage.objects.filter(
            attendance__person__email="resident@example.org",
            attendance__status="attended",
        )
        .order_by("-start")
        .first()
    )


def start_claim(client, meeting):
    response = client.post(
        "/portal/expenses/new/",
        {
            "meeting": meeting.pk,
            "activity": "meeting",
            "description": "Residents Panel",
            "activity_date": meeting.start.date().isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return ExpenseClaim.objects.filter(claimant__email="resident@example.org").latest(
        "pk"
    )


def test_meetings_they_came_to_are_offered_first(client):
    sign_in(client, "resident@example.org")
    page = client.get("/portal/expenses/new/").content.decode()
    assert attended_meeting().title in page


def test_the_resident_claims_mileage_and_childcare_with_a_receipt(client):
    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    url = f"/portal/expenses/{claim.pk}/"
    client.post(
        url, {"action": "line", "kind": "mileage", "miles": "12", "passengers": "1"}
    )
    receipt = SimpleUploadedFile(
        "nursery.pdf", PDF + b"%nursery", content_type="application/pdf"
    )
    response = client.post(
        url,
        {
            "action": "line",
            "kind": "care",
            "hours": "3",
            "spent": "21",
            "receipt": receipt,
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "12 miles" in page
    assert claim.lines.count() == 2
    assert claim.lines.get(category__kind="care").receipt is not None
    response = client.post(url, {"action": "submit", "declared": "on"})
    claim.refresh_from_db()
    assert claim.status == "submitted"


def test_sending_without_the_declaration_is_explained(client):
    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    url = f"/portal/expenses/{claim.pk}/"
    client.post(url, {"action": "line", "kind": "mileage", "miles": "5"})
    response = client.post(url, {"action": "submit", "late_reason": "Lost the ticket"})
    page = response.content.decode()
    assert "Tick the declaration to send your claim." in page
    assert "Lost the ticket" in page


def test_a_cost_too_large_for_one_line_is_explained_and_kept(client):
    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    response = client.post(
        f"/portal/expenses/{claim.pk}/",
        {"action": "line", "kind": "mileage", "miles": "9" * 30, "passengers": "2"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "One cost can be at most 2000 miles." in page
    assert "9" * 30 in page
    response = client.post(
        f"/portal/expenses/{claim.pk}/",
        {"action": "line", "kind": "meal", "spent": "6000"},
    )
    assert "One cost can be at most £5,000. Ask us about anything larger." in (
        response.content.decode()
    )
    assert not claim.lines.exists()


def test_a_start_with_bad_input_keeps_what_was_typed(client):
    sign_in(client, "resident@example.org")
    response = client.post(
        "/portal/expenses/new/",
        {
            "activity": "training",
            "description": "First aid course",
            "activity_date": "2099-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date cannot be in the future." in page
    assert "First aid course" in page


def test_a_disguised_file_is_refused_as_a_receipt(client):
    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    fake = SimpleUploadedFile(
        "receipt.pdf", b"MZ not a pdf", content_type="application/pdf"
    )
    response = client.post(
        f"/portal/expenses/{claim.pk}/",
        {"action": "line", "kind": "other", "spent": "4", "receipt": fake},
    )
    assert response.status_code == 200
    assert not claim.lines.exists()


def test_someone_else_cannot_add_to_the_claim(client):
    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    client.logout()
    sign_in(client, "neighbour@example.org")
    response = client.post(
        f"/portal/expenses/{claim.pk}/",
        {"action": "line", "kind": "mileage", "miles": "5"},
    )
    assert response.status_code == 404
    assert not claim.lines.exists()


def test_the_officer_decides_lines_and_a_self_approval_is_refused(client):
    from portal.accounts.models import User
    from portal.core.models import AuditEntry

    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    url = f"/portal/expenses/{claim.pk}/"
    client.post(url, {"action": "line", "kind": "mileage", "miles": "10"})
    client.post(url, {"action": "submit", "declared": "on"})
    line = claim.lines.get()
    client.logout()
    sign_in(client, "officer@example.org")
    decide = f"/admin/expense_claims/{claim.pk}/decide/"
    page = client.get(decide).content.decode()
    assert "10 miles" in page
    response = client.post(
        decide,
        {
            "decision": "approve",
            f"line_{line.pk}": "reduced",
            f"amount_{line.pk}": "3.00",
            f"reason_{line.pk}": "Shorter route",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    claim.refresh_from_db()
    line.refresh_from_db()
    assert (line.decision, line.approved_amount) == ("reduced", 3)
    assert claim.status == "approved"
    assert AuditEntry.objects.filter(
        object_id=str(claim.pk), action__icontains="approv"
    ).exists()
    # An officer's own claim: refused with a clear message.
    officer = User.objects.get(email="officer@example.org")
    own = ExpenseClaim.objects.create(
        claimant=officer,
        activity="training",
        description="Course",
        activity_date=claim.activity_date,
        status="submitted",
    )
    response = client.post(
        f"/admin/expense_claims/{own.pk}/decide/", {"decision": "approve"}
    )
    assert "Nobody may approve their own claim." in response.content.decode()


def test_the_spend_report_shows_approved_spend_and_mileage(client):
    sign_in(client, "officer@example.org")
    response = client.get("/admin/expenses/report/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "involvement budget" in page
    assert "Miles claimed this tax year" in page
    client.logout()
    sign_in(client, "resident@example.org")
    assert client.get("/admin/expenses/report/").status_code == 302


def test_finance_pays_the_approved_claim_in_a_run_and_the_file_has_it(client):
    from portal.accounts.models import User
    from portal.expenses.services import claim_approve, line_decide
    from portal.payments.models import Payment

    sign_in(
        client, "chair@example.org"
    )  # the chair has checked bank details in the demo
    client.post(
        "/portal/expenses/new/",
        {
            "activity": "training",
            "description": "Chairing course",
            "activity_date": attended_meeting().start.date().isoformat(),
        },
    )
    claim = ExpenseClaim.objects.filter(claimant__email="chair@example.org").latest(
        "pk"
    )
    url = f"/portal/expenses/{claim.pk}/"
    client.post(url, {"action": "line", "kind": "mileage", "miles": "20"})
    client.post(url, {"action": "submit", "declared": "on"})
    claim.refresh_from_db()
    officer = User.objects.get(email="officer@example.org")
    line_decide(line=claim.lines.get(), actor=officer, decision="approved")
    claim_approve(claim=claim, actor=officer)
    client.logout()
    sign_in(client, "finance@example.org")
    client.post("/admin/payments/")
    payment = Payment.objects.get(reference=claim.reference)
    assert payment.status == "in_run"
    file = client.get(f"/admin/payments/runs/{payment.run_id}/file/").content.decode()
    assert f"9.00,{claim.reference}" in file
    client.post(
        f"/admin/payments/runs/{payment.run_id}/",
        {"payment": payment.pk, "outcome": "paid"},
    )
    claim.refresh_from_db()
    assert claim.status == "paid"


def test_a_receipt_used_before_is_refused_with_a_clear_message(client):
    sign_in(client, "resident@example.org")
    first = start_claim(client, attended_meeting())
    receipt = SimpleUploadedFile(
        "taxi.pdf", PDF + b"%taxi", content_type="application/pdf"
    )
    client.post(
        f"/portal/expenses/{first.pk}/",
        {"action": "line", "kind": "other", "spent": "6", "receipt": receipt},
    )
    assert first.lines.count() == 1
    second = start_claim(client, attended_meeting())
    again = SimpleUploadedFile(
        "copy.pdf", PDF + b"%taxi", content_type="application/pdf"
    )
    response = client.post(
        f"/portal/expenses/{second.pk}/",
        {"action": "line", "kind": "other", "spent": "6", "receipt": again},
    )
    page = response.content.decode()
    assert f"This receipt has already been used on claim EXP{first.pk:06d}." in page
    assert not second.lines.exists()
