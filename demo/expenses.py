"""Demo expenses: a policy with two versions, the demo resident's claim for a panel
meeting they attended (mileage + childcare with a receipt), claims in each state, and
pre-approvals (the resident's printer agreed, the chair's laptop bag waiting)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from portal.accounts.models import User
from portal.core.files import private_file_store
from portal.expenses import services
from portal.expenses.models import (
    ExpenseCategory,
    ExpenseClaim,
    ExpensePolicy,
    PreApproval,
)
from portal.participation.models import Attendance

from .groups import PDF

D = Decimal
POLICY_NAMES = ["Involvement expenses 2024", "Involvement expenses 2026 (meals)"]


def reset_expenses() -> None:
    from django.apps import apps

    if apps.is_installed("portal.payments"):
        from django.contrib.contenttypes.models import ContentType

        from portal.payments.models import Payment

        Payment.objects.filter(
            source_type=ContentType.objects.get_for_model(ExpenseClaim)
        ).delete()
    ExpenseClaim.objects.all().delete()
    PreApproval.objects.all().delete()
    ExpensePolicy.objects.filter(name__in=POLICY_NAMES).delete()


def _policy(name, day, meal_cap):
    policy = ExpensePolicy.objects.create(
        name=name,
        effective_from=day,
        claim_deadline_months=3,
        receipt_required_above=D("10.00"),
    )
    rows = [
        {
            "kind": "mileage",
            "name": "Car or motorbike",
            "rate": D("0.45"),
            "band_miles": 10000,
            "rate_after_band": D("0.25"),
            "passenger_rate": D("0.05"),
        },
        {"kind": "cycling", "name": "Bicycle", "rate": D("0.20")},
        {"kind": "care", "name": "Childcare or care", "rate": D("7.00")},
        {
            "kind": "public_transport",
            "name": "Bus, train or tram fare",
            "needs_evidence": True,
        },
        {"kind": "taxi", "name": "Taxi", "cap": D("30.00"), "needs_reason": True},
        {"kind": "meal", "name": "Meal", "cap": meal_cap},
        {"kind": "postage", "name": "Postage", "cap": D("20.00")},
        {"kind": "stationery", "name": "Stationery", "cap": D("25.00")},
        {"kind": "phone", "name": "Phone and internet", "yearly_cap": D("60.00")},
        {
            "kind": "equipment",
            "name": "Equipment",
            "cap": D("150.00"),
            "needs_pre_approval": True,
        },
        {"kind": "other", "name": "Other cost", "cap": D("50.00")},
    ]
    for row in rows:
        ExpenseCategory.objects.create(policy=policy, **row)
    return policy


def build_expenses() -> None:
    if ExpensePolicy.objects.filter(name=POLICY_NAMES[0]).exists():
        return
    _policy(POLICY_NAMES[0], datetime.date(2024, 4, 6), D("7.50"))
    _policy(POLICY_NAMES[1], datetime.date(2026, 4, 6), D("8.50"))
    resident = User.objects.get(email="resident@example.org")
    chair = User.objects.get(email="chair@example.org")
    officer = User.objects.get(email="officer@example.org")
    attended = (
        Attendance.objects.filter(person=resident, status="attended")
        .select_related("meeting")
        .order_by("-meeting__start")
    )
    _pre_approvals(resident=resident, chair=chair, officer=officer)
    meetings = [a.meeting for a in attended]
    if not meetings:
        return

    def claim(person, meeting, description):
        return ExpenseClaim.objects.create(
            claimant=person,
            activity="meeting",
            meeting=meeting,
            description=description,
            activity_date=meeting.start.date(),
        )

    def receipt(person, name):
        upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
        return private_file_store(
            upload=upload, uploaded_by=person, content_type="application/pdf"
        )

    def send(c, person):
        return services.claim_submit(
            claim=c, actor=person, declared=True, today=c.activity_date
        )

    # The demo resident: mileage + childcare with a receipt, sent for approval.
    main = claim(resident, meetings[0], "Tenants' panel meeting")
    services.claim_add_line(claim=main, actor=resident, kind="mileage", miles=14)
    services.claim_add_line(
        claim=main,
        actor=resident,
        kind="care",
        hours=D("3"),
        spent=D("24.00"),
        # Posted in on paper and scanned by the officer (so the resident's own
        # uploads stay as other demos expect).
        receipt=receipt(officer, "childminder-receipt.pdf"),
    )
    send(main, resident)

    _past_claims(chair, officer, send)

    # The chair's claims, one in each other state.
    meeting = meetings[-1]
    draft = claim(chair, meeting, "Panel meeting (not sent yet)")
    services.claim_add_line(claim=draft, actor=chair, kind="mileage", miles=6)

    queried = claim(chair, meeting, "Panel meeting: taxi home")
    services.claim_add_line(
        claim=queried,
        actor=chair,
        kind="taxi",
        spent=D("9.00"),
        reason="No bus after 9pm",
    )
    send(queried, chair)
    services.claim_query(
        claim=queried, actor=officer, question="Which taxi firm did you use?"
    )

    for description, outcome in [
        ("Panel meeting: mileage", "approved"),
        ("Panel meeting: cycling", "paid"),
        ("Panel meeting: parking", "rejected"),
    ]:
        c = claim(chair, meeting, description)
        services.claim_add_line(claim=c, actor=chair, kind="mileage", miles=8)
        send(c, chair)
        if outcome == "rejected":
            services.claim_reject(
                claim=c, actor=officer, reason="Already claimed on another claim."
            )
            continue
        services.line_decide(line=c.lines.get(), actor=officer, decision="approved")
        services.claim_approve(claim=c, actor=officer)
        if outcome == "paid":
            _pay_at_cash_office(c, officer)
        else:
            _wants_a_voucher(c)


# History for the reports: the chair's mileage to every third Panel meeting of
# the last two years, each paid at the cash office; every third one slowly.
PAST_CLAIM_EVERY = 3
PAST_CLAIM_DAYS_TO_PAY = (6, 9, 41)


def _past_claims(chair, officer, send):
    from django.utils import timezone

    from cms.meetings.models import MeetingPage

    now = timezone.now()
    older = MeetingPage.objects.filter(
        body__kind="panel",
        status="scheduled",
        start__lt=now - datetime.timedelta(days=180),
        start__date__gte=datetime.date(2024, 4, 6),  # the first policy
    ).order_by("start")
    for n, meeting in enumerate(older[::PAST_CLAIM_EVERY]):
        c = ExpenseClaim.objects.create(
            claimant=chair,
            activity="meeting",
            meeting=meeting,
            description="Panel meeting: mileage",
            activity_date=timezone.localdate(meeting.start),
        )
        services.claim_add_line(claim=c, actor=chair, kind="mileage", miles=8)
        send(c, chair)
        services.line_decide(line=c.lines.get(), actor=officer, decision="approved")
        services.claim_approve(claim=c, actor=officer)
        _pay_at_cash_office(c, officer)
        submitted = meeting.end + datetime.timedelta(days=2)
        days = PAST_CLAIM_DAYS_TO_PAY[n % len(PAST_CLAIM_DAYS_TO_PAY)]
        ExpenseClaim.objects.filter(pk=c.pk).update(
            declared_at=submitted,
            submitted_at=submitted,
            decided_at=submitted + datetime.timedelta(days=2),
        )
        _paid_on(c, submitted + datetime.timedelta(days=days))


def _paid_on(claim, moment):
    from django.apps import apps

    if apps.is_installed("portal.payments"):
        from portal.payments.selectors import payments_for_source

        payments_for_source(claim).update(paid_at=moment)


def _pre_approvals(*, resident, chair, officer):
    printer = services.pre_approval_request(
        claimant=resident,
        kind="equipment",
        description="A printer for the panel's newsletter",
        reason="I print 60 copies each month for neighbours without the internet.",
        estimated_cost=D("89.00"),
    )
    services.pre_approval_decide(
        pre_approval=printer,
        actor=officer,
        approve=True,
        reason="Agreed: keep the receipt.",
    )
    services.pre_approval_request(
        claimant=chair,
        kind="equipment",
        description="A laptop bag",
        reason="To carry the group's laptop to meetings.",
        estimated_cost=D("25.00"),
    )


def _pay_at_cash_office(claim, officer):
    from django.apps import apps

    if not apps.is_installed("portal.payments"):
        services.claim_payment_settled(
            claim=claim, payment=SimpleNamespace(status="paid"), actor=officer
        )
        return
    from portal.payments.selectors import payments_for_source
    from portal.payments.services import payment_record_other_way

    payment_record_other_way(
        payment=payments_for_source(claim).get(),
        actor=User.objects.get(email="finance@example.org"),
        method="cash_office",
        note="Paid at the cash office",
    )


def _wants_a_voucher(claim):
    """The chair asked for a shop voucher: the payment waits outside bank runs."""
    from django.apps import apps

    if apps.is_installed("portal.payments"):
        from portal.payments.selectors import payments_for_source

        payments_for_source(claim).update(method="voucher")
