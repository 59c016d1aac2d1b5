"""Every queue's decision screen: a real title, breadcrumbs back to its queue, the
one history, and a service's refusal shown on the form (never a 500)."""

import re

import pytest

from cms.core.models import FormatRequest
from portal.accounts.models import ResidentProfile
from portal.evidence.models import Signature
from portal.expenses.models import ExpenseClaim, PreApproval
from portal.grants.models import GrantApplication
from portal.groups.models import RecognitionApplication
from portal.payments.models import BankDetails
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def first(model, **where):
    row = model.objects.filter(**where).order_by("pk").first()
    assert row is not None, model
    return row


def screens():
    """(who, queue url, screen url, title) for each queue's decision screen."""
    profile = first(ResidentProfile, status="pending")
    recognition = first(RecognitionApplication)
    row = first(Signature, source="paper")
    grant = first(GrantApplication, status="submitted")
    claim = first(ExpenseClaim, status="submitted")
    asked = first(PreApproval)
    return [
        (
            "officer@example.org",
            "/admin/resident_profiles/",
            f"/admin/resident_profiles/{profile.pk}/decide/",
            "Check a resident’s home",
        ),
        (
            "officer@example.org",
            "/admin/recognition_applications/",
            f"/admin/recognition_applications/{recognition.pk}/decide/",
            "Decide recognition",
        ),
        (
            "officer@example.org",
            "/admin/signatures/",
            f"/admin/signatures/{row.pk}/check/",
            "Check a sign-up row",
        ),
        (
            "officer@example.org",
            "/admin/grant_applications/",
            f"/admin/grant_applications/{grant.pk}/decide/",
            None,
        ),
        (
            "officer@example.org",
            "/admin/expense_claims/",
            f"/admin/expense_claims/{claim.pk}/decide/",
            None,
        ),
        (
            "officer@example.org",
            "/admin/expense_pre_approvals/",
            f"/admin/expense_pre_approvals/{asked.pk}/decide/",
            None,
        ),
    ]


def breadcrumbs(html):
    nav = re.search(r'<nav[^>]*aria-label="Breadcrumb".*?</nav>', html, flags=re.S)
    assert nav, "no breadcrumbs"
    return nav.group(0)


def test_each_decision_screen_has_a_title_and_a_way_back_to_its_queue(client):
    sign_in(client, "officer@example.org")
    for _who, queue, url, title in screens():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        crumbs = breadcrumbs(html)
        assert f'href="{queue}"' in crumbs, url
        h1 = re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", html, flags=re.S).group(1)
        assert h1.strip() not in ("", "Home"), url
        if title:
            assert title in h1, url
        assert "History" in html, url


def test_bank_details_screen_leads_back_to_its_queue(client):
    details = first(BankDetails, status="pending")
    sign_in(client, "finance@example.org")
    html = client.get(f"/admin/bank_details/{details.pk}/decide/").content.decode()
    assert 'href="/admin/bank_details/"' in breadcrumbs(html)
    assert "Check bank details" in html


def test_format_request_screen_leads_back_to_its_queue(client):
    made = FormatRequest.objects.create(
        page_title="Bins",
        page_url="/bins/",
        format="large_print",
        name="Ann",
        delivery="post",
        address="1 Street",
        due_on="2030-01-01",
    )
    sign_in(client, "officer@example.org")
    html = client.get(f"/admin/format_requests/{made.pk}/send/").content.decode()
    assert 'href="/admin/format_requests/"' in breadcrumbs(html)


def test_a_refusal_without_a_reason_is_shown_next_to_the_reason(client):
    details = first(BankDetails, status="pending")
    sign_in(client, "finance@example.org")
    response = client.post(
        f"/admin/bank_details/{details.pk}/decide/", {"decision": "reject"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Say why the bank details are not accepted."
    ]
    details.refresh_from_db()
    assert details.status == "pending"


def test_a_service_refusal_appears_on_the_form(client):
    """The resident-check service refuses a decision on a home already decided:
    its reason shows in the form's error summary."""
    profile = first(ResidentProfile, status="pending")
    sign_in(client, "officer@example.org")
    url = f"/admin/resident_profiles/{profile.pk}/decide/"
    assert client.post(url, {"decision": "verify"}).status_code == 302
    response = client.post(url, {"decision": "reject", "reason": "Changed my mind"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    profile.refresh_from_db()
    assert profile.status == "verified"


def test_rejecting_a_resident_needs_a_reason(client):
    profile = first(ResidentProfile, status="pending")
    sign_in(client, "officer@example.org")
    response = client.post(
        f"/admin/resident_profiles/{profile.pk}/decide/",
        {"decision": "reject", "reason": "  "},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Say why, so the resident knows what to do next."
    ]


def test_someone_without_the_permission_is_refused(client):
    details = first(BankDetails, status="pending")
    sign_in(client, "editor@example.org")
    response = client.get(f"/admin/bank_details/{details.pk}/decide/")
    assert response.status_code in (302, 403)
