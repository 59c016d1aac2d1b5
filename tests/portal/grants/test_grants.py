"""Grants: eligibility explained for every scheme, save and return, decisions with
separation of duties, budgets that cannot be overspent, payment on approval."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.grants.models import GrantApplication, GrantScheme
from portal.grants.services import (
    application_approve,
    application_reject,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
)
from portal.groups.models import Group
from portal.payments.models import Payment
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def person(email):
    return User.objects.get(email=email)


@pytest.fixture
def anchor():
    return Group.objects.get(name__startswith="Anchor House")


@pytest.fixture
def annual():
    return GrantScheme.objects.get(name="Annual running costs grant")


def pdf_upload(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from demo.groups import PDF

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def submitted(scheme, group, amount="250"):
    chair = person("chair@example.org")
    application = application_start(scheme=scheme, applicant=chair, group=group)
    application_save(
        application=application,
        actor=chair,
        amount_requested=Decimal(amount),
        purpose="Room hire and newsletters",
        spending_plan="Hall £120, printing £130",
    )
    return application_submit(application=application, actor=chair)


def test_the_chair_sees_every_scheme_with_a_reason_when_they_cannot_apply(client):
    sign_in(client, "chair@example.org")
    page = client.get("/portal/grants/").content.decode()
    for scheme in GrantScheme.objects.all():
        assert scheme.name.replace("’", "&#x27;") in page or scheme.name in page
    assert "You can apply" in page
    assert "This grant is for new groups" in page


def test_the_schemes_page_does_not_grow_with_more_schemes(client):
    from tests.cms.meetings.test_calendar import count_queries

    sign_in(client, "chair@example.org")
    client.get("/portal/grants/")
    before = count_queries(client, "/portal/grants/")
    for n in range(20):
        GrantScheme.objects.create(
            name=f"Extra {n}",
            summary="x",
            applicant="recognised_group",
            amount=10,
            annual_budget=100,
        )
    assert count_queries(client, "/portal/grants/") == before


def test_the_chair_applies_saves_and_returns_then_submits(client, anchor, annual):
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/grants/schemes/{annual.pk}/apply/", {"group": anchor.pk}
    )
    # The demo's group has paid grants from this scheme in earlier years.
    application = GrantApplication.objects.filter(scheme=annual, group=anchor).latest(
        "pk"
    )
    assert application.status == GrantApplication.Status.DRAFT
    url = f"/portal/grants/applications/{application.pk}/"
    assert response["Location"].endswith(url + "questions/amount/")
    client.post(
        url + "questions/purpose/", {"action": "later", "purpose": "Newsletters"}
    )
    page = client.get(url).content.decode()
    assert "Newsletters" in page
    bad = client.post(
        url + "questions/amount/", {"action": "continue", "amount_requested": "900"}
    )
    assert "The most you can ask for is £300.00." in bad.content.decode()
    assert 'value="900"' in bad.content.decode()
    client.post(
        url + "questions/amount/", {"action": "continue", "amount_requested": "250"}
    )
    client.post(url, {"action": "submit"})
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.answers["questions"][1]["answer"] == "Newsletters"


def test_another_resident_cannot_see_the_application(client, anchor, annual):
    application = submitted(annual, anchor)
    sign_in(client, "neighbour@example.org")
    assert (
        client.get(f"/portal/grants/applications/{application.pk}/").status_code == 404
    )


def test_the_officer_approves_and_a_payment_is_due(anchor, annual):
    application = submitted(annual, anchor)
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=Decimal("250"),
    )
    application.refresh_from_db()
    assert application.status == "approved"
    payment = Payment.objects.get(reference=f"GRANT-{application.pk}")
    assert (payment.amount, payment.payee_group) == (Decimal("250.00"), anchor)
    assert AuditEntry.objects.filter(action="grant.approved").exists()


def test_nobody_decides_on_their_own_groups_application(anchor, annual):
    application = submitted(annual, anchor)
    with pytest.raises(PermissionDenied):
        application_approve(
            application=application,
            actor=person("chair@example.org"),
            amount=Decimal("1"),
        )


def test_an_overspend_is_refused_unless_an_administrator_overrides(anchor, annual):
    annual.annual_budget = Decimal("100")
    annual.save()
    application = submitted(annual, anchor)
    with pytest.raises(ValidationError) as error:
        application_approve(
            application=application,
            actor=person("officer@example.org"),
            amount=Decimal("250"),
        )
    assert "overspend the budget: £100.00 is left" in str(error.value)
    application_approve(
        application=application,
        actor=person("admin@example.org"),
        amount=Decimal("250"),
        override_reason="Board agreed extra money in November",
    )
    application.refresh_from_db()
    assert application.status == "approved"


def test_big_grants_need_a_second_different_finance_approver(anchor):
    fund = GrantScheme.objects.get(name="Estate improvement grant")
    application = submitted(fund, anchor, amount="2500")
    officer, finance = person("officer@example.org"), person("finance@example.org")
    application_approve(application=application, actor=officer, amount=Decimal("2500"))
    application.refresh_from_db()
    assert application.status == "awaiting_second"
    with pytest.raises(PermissionDenied):
        application_approve(
            application=application, actor=officer, amount=Decimal("2500")
        )
    application_approve(application=application, actor=finance, amount=Decimal("2500"))
    application.refresh_from_db()
    assert application.status == "approved"


def test_a_big_grant_is_decided_by_its_second_approval(anchor, time_machine):
    """The first of two approvals is not the decision: the grant is dated decided
    (what "Grant money awarded" and the published awards count by) when the
    second approver approves it, not before, and names who that was."""
    fund = GrantScheme.objects.get(name="Estate improvement grant")
    application = submitted(fund, anchor, amount="2500")
    time_machine.move_to("2027-06-30T16:00:00+01:00", tick=False)
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=Decimal("2500"),
    )
    application.refresh_from_db()
    assert (application.status, application.decided_at) == ("awaiting_second", None)
    time_machine.move_to("2027-07-01T09:00:00+01:00", tick=False)
    finance = person("finance@example.org")
    application_approve(application=application, actor=finance, amount=Decimal("2500"))
    application.refresh_from_db()
    assert (application.status, application.second_approver) == ("approved", finance)
    assert application.decided_at.isoformat() == "2027-07-01T08:00:00+00:00"


def test_illegal_transitions_are_refused(anchor, annual):
    application = submitted(annual, anchor)
    officer = person("officer@example.org")
    application_reject(application=application, actor=officer, reason="Not this year")
    for act in [
        lambda: application_approve(
            application=application, actor=officer, amount=Decimal("1")
        ),
        lambda: application_reject(
            application=application, actor=officer, reason="again"
        ),
        lambda: application_withdraw(
            application=application, actor=person("chair@example.org")
        ),
    ]:
        with pytest.raises(ValidationError):
            act()


def test_editing_a_sent_application_is_refused_even_from_an_older_page(anchor, annual):
    """The chair sent the application in one tab and presses "Save" in another
    still showing the draft: the lifecycle's `edit` rule (draft or more
    information needed) refuses it, and what was sent is unchanged."""
    chair = person("chair@example.org")
    application = application_start(scheme=annual, applicant=chair, group=anchor)
    stale = GrantApplication.objects.get(pk=application.pk)
    application_save(
        application=application,
        actor=chair,
        amount_requested=Decimal("250"),
        purpose="Room hire",
        spending_plan="Hall £250",
    )
    application_submit(application=application, actor=chair)
    with pytest.raises(ValidationError) as refused:
        application_save(
            application=stale,
            actor=chair,
            amount_requested=Decimal("10"),
            purpose="Something else",
            spending_plan="",
        )
    assert refused.value.messages == [
        "This application is submitted, so that cannot be done now."
    ]
    sent = GrantApplication.objects.get(pk=application.pk)
    assert (sent.status, sent.amount_requested, sent.purpose) == (
        "submitted",
        Decimal("250"),
        "Room hire",
    )


def test_funded_this_year_blocks_a_second_application(anchor, annual):
    application = submitted(annual, anchor)
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=Decimal("250"),
    )
    with pytest.raises(ValidationError) as error:
        application_start(
            scheme=annual, applicant=person("chair@example.org"), group=anchor
        )
    assert "already had this grant" in str(error.value)


def test_the_decision_screen_shows_the_ledger_and_refuses_self_approval(
    client, anchor, annual
):
    application = submitted(annual, anchor)
    sign_in(client, "officer@example.org")
    page = client.get(
        f"/admin/grant_applications/{application.pk}/decide/"
    ).content.decode()
    assert "£9,000.00" in page
    response = client.post(
        f"/admin/grant_applications/{application.pk}/decide/",
        {"decision": "reject", "reason": ""},
    )
    assert "Say why it is not approved." in response.content.decode()


def test_queue_query_count_is_flat_with_20000_applications(client, anchor, annual):
    from tests.cms.meetings.test_calendar import count_queries

    chair = person("chair@example.org")
    sign_in(client, "officer@example.org")
    client.get("/admin/grant_applications/")
    before = count_queries(client, "/admin/grant_applications/")
    GrantApplication.objects.bulk_create(
        GrantApplication(
            scheme=annual,
            group=anchor,
            applicant=chair,
            status="submitted",
            amount_requested=Decimal("10"),
            year=2026,
        )
        for _ in range(20000)
    )
    assert count_queries(client, "/admin/grant_applications/") == before


@pytest.mark.postgres
def test_two_officers_approving_at_once_cannot_overspend(demo_data):
    annual = GrantScheme.objects.get(name="Annual running costs grant")
    annual.annual_budget = Decimal("300")
    annual.save()
    anchor = Group.objects.get(name__startswith="Anchor House")
    first = submitted(annual, anchor, amount="200")
    # A second group's application for the same scheme and year.
    second = GrantApplication.objects.create(
        scheme=annual,
        group=None,
        applicant=person("neighbour@example.org"),
        amount_requested=Decimal("200"),
        status="submitted",
        year=first.year,
        purpose="x",
    )
    approvers = [person("officer@example.org"), person("admin@example.org")]
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(application, actor):
        barrier.wait()
        try:
            application_approve(
                application=application, actor=actor, amount=Decimal("200")
            )
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(first, approvers[0])),
        threading.Thread(target=approve, args=(second, approvers[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]


def test_paid_grant_then_report_overdue_blocks_then_report_unblocks(
    client, anchor, annual, django_capture_on_commit_callbacks
):
    import datetime

    from django.core import mail

    from portal.grants.services import report_reminders_send
    from portal.payments.services import payment_record_other_way

    application = submitted(annual, anchor)
    finance = person("finance@example.org")
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=Decimal("250"),
    )
    payment = Payment.objects.get(reference=f"GRANT-{application.pk}")
    payment_record_other_way(
        payment=payment, actor=finance, method="cheque", note="Cheque 12"
    )
    application.refresh_from_db()
    assert application.status == "paid" and application.report_due_on
    # Reminders: 30 days before, once.
    before = application.report_due_on - datetime.timedelta(days=20)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert report_reminders_send(today=before) >= 1
        assert report_reminders_send(today=before) == 0
    # Overdue: the next year's application is refused with the reason.
    GrantApplication.objects.filter(pk=application.pk).update(
        report_due_on=datetime.date(2020, 1, 1), year=2020
    )
    with pytest.raises(ValidationError) as error:
        application_start(
            scheme=annual, applicant=person("chair@example.org"), group=anchor
        )
    assert "Send us the report for your last grant first." in str(error.value)
    sign_in(client, "chair@example.org")
    url = f"/portal/grants/applications/{application.pk}/"
    bad = client.post(url, {"action": "report", "summary": "", "spent": "abc"})
    assert "Say what the grant paid for." in bad.content.decode()
    no_receipt = client.post(
        url, {"action": "report", "summary": "Newsletters", "spent": "240"}
    )
    assert "Upload the receipts for what you spent." in no_receipt.content.decode()
    client.post(
        url,
        {
            "action": "report",
            "summary": "Newsletters",
            "spent": "240",
            "receipts": [pdf_upload("printer.pdf")],
        },
    )
    application.refresh_from_db()
    assert application.report_received_on is not None
    assert application.files.get().kind == "receipt"
    assert application_start(
        scheme=annual, applicant=person("chair@example.org"), group=anchor
    )


def test_finance_pays_an_approved_grant_in_a_run_and_the_file_names_the_group(
    client, anchor, annual
):
    application = submitted(annual, anchor)
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=Decimal("250"),
    )
    sign_in(client, "finance@example.org")
    client.post("/admin/payments/")
    payment = Payment.objects.get(reference=f"GRANT-{application.pk}")
    assert payment.status == "in_run"
    csv = client.get(f"/admin/payments/runs/{payment.run_id}/file/").content.decode()
    assert f"Anchor House TRA,250.00,GRANT-{application.pk}" in csv
    client.post(
        f"/admin/payments/runs/{payment.run_id}/",
        {"payment": payment.pk, "outcome": "paid"},
    )
    application.refresh_from_db()
    assert application.status == "paid"


def test_awards_to_groups_are_published_in_the_360giving_shape(client, anchor, annual):
    import csv
    import io
    import json

    application = submitted(annual, anchor)
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=Decimal("250"),
    )
    page = client.get("/grants/awards/").content.decode()
    assert "£250.00" in page
    rows = list(
        csv.DictReader(io.StringIO(client.get("/grants/awards.csv").content.decode()))
    )
    row = next(r for r in rows if r["Recipient Org:Name"] == anchor.name)
    assert (row["Currency"], row["Amount Awarded"]) == ("GBP", "250.00")
    assert row["Identifier"].startswith("360G-")
    data = json.loads(client.get("/grants/awards.json").content)
    assert any(g["amountAwarded"] == 250.0 for g in data["grants"])
