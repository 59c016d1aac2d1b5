"""The seven schemes from the agreements, and applications in several states; the
community fund is scored by a residents' panel (scores and a declared conflict)."""

from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.accounts.models import User
from portal.accounts.roles import GRANT_PANEL
from portal.grants.models import (
    BudgetLedger,
    GrantApplication,
    GrantScheme,
    financial_year,
)
from portal.grants.services import (
    application_approve,
    application_file_add,
    application_save,
    application_start,
    application_submit,
    panel_declare,
    panel_score,
)
from portal.groups.models import Group

PANEL_CRITERIA = [
    "Fits this year’s theme: greener estates",
    "Benefits many residents",
    "Good value for money",
    "The group can deliver it",
]
# The community fund's applications: group name start, amount, purpose, plan.
COMMUNITY_BIDS = [
    (
        "Anchor House",
        "4200",
        "A community garden with raised beds and a rainwater store.",
        "Beds and soil £2,600, water butts £400, tools £700, opening day £500",
    ),
    (
        "Orchard Court",
        "3500",
        "Planters and benches for the sheltered scheme’s courtyard.",
        "Planters £1,900, two benches £1,200, plants £400",
    ),
]

# Grants awarded and paid in the two years before this one (history for the
# reports): scheme, group name start, amount, months since the decision, days
# from the decision to the payment.
PAST_GRANTS = [
    ("Annual running costs grant", "Anchor House", "300", 25, 9),
    ("Estate improvement grant", "Orchard Court", "1800", 20, 35),
    ("Representative’s grant", "Dock Street", "50", 13, 6),
    ("Annual running costs grant", "Anchor House", "300", 11, 12),
    ("Estate improvement grant", "Weir Lane", "2400", 16, 48),
]

SCHEMES = [
    (
        "Start-up grant",
        "forming_group",
        True,
        "75",
        "once_ever",
        "1500",
        "Help a new residents’ group with its first costs: room hire, printing.",
    ),
    (
        "Annual running costs grant",
        "recognised_group",
        False,
        "300",
        "yearly",
        "9000",
        "Running costs of a recognised group: meetings, newsletters, insurance.",
    ),
    (
        "Representative’s grant",
        "representative",
        False,
        "50",
        "yearly",
        "1000",
        "Printing and postage for street and block representatives.",
    ),
    (
        "IT grant",
        "recognised_group",
        False,
        "500",
        "once_ever",
        "3000",
        "A laptop or tablet and software for the group’s work.",
    ),
    (
        "Estate improvement grant",
        "recognised_group",
        False,
        "3000",
        "yearly",
        "20000",
        "Small projects that make the estate better: planters, benches, murals.",
    ),
    (
        "Community fund",
        "recognised_group",
        False,
        "5000",
        "yearly",
        "25000",
        "Bigger projects on this year’s theme, scored by a panel of residents.",
    ),
    (
        "Involvement award",
        "resident",
        True,
        "1000",
        "yearly",
        "3000",
        "An award for a resident who has made a difference to their community.",
    ),
]


def build_grants() -> None:
    if GrantScheme.objects.exists():
        return
    for name, applicant, fixed, amount, frequency, budget, summary in SCHEMES:
        GrantScheme.objects.create(
            name=name,
            applicant=applicant,
            fixed_amount=fixed,
            amount=Decimal(amount),
            frequency=frequency,
            annual_budget=Decimal(budget),
            summary=summary,
            needs_insurance=name == "IT grant",
            conditions=(
                "Hold four public meetings and publish four newsletters in the year."
                if name == "Annual running costs grant"
                else ""
            ),
            min_public_meetings=4 if name == "Annual running costs grant" else 0,
            min_newsletters=4 if name == "Annual running costs grant" else 0,
            panel_scoring=name == "Community fund",
            panel_criteria="\n".join(PANEL_CRITERIA)
            if name == "Community fund"
            else "",
        )
    _community_fund_panel()
    officer = User.objects.get(email="officer@example.org")
    _past_grants(officer)
    dock = Group.objects.filter(kind="representative").first()
    if dock is None:
        return
    rep = dock.officers.select_related("user").first().user
    rep_scheme = GrantScheme.objects.get(name="Representative’s grant")
    try:
        application = application_start(scheme=rep_scheme, applicant=rep, group=dock)
    except ValidationError:  # the demo representative does not qualify today
        return
    application_save(
        application=application,
        actor=rep,
        amount_requested=Decimal("40"),
        purpose="Printing leaflets about the street clean-up day.",
        spending_plan="300 leaflets £25, stamps £15",
    )
    application_submit(application=application, actor=rep)
    application_approve(application=application, actor=officer, amount=Decimal("40"))


def _past_grants(officer) -> None:
    """History, written as records: each grant decided, paid and reported on."""
    from portal.payments.models import Payment

    now = timezone.now()
    for name, start, amount, months, days in PAST_GRANTS:
        scheme = GrantScheme.objects.get(name=name)
        group = Group.objects.filter(name__startswith=start).first()
        person = group and group.officers.select_related("user").first()
        if person is None:
            continue
        decided = now - relativedelta(months=months)
        year = financial_year(timezone.localdate(decided))
        BudgetLedger.objects.get_or_create(
            scheme=scheme, year=year, defaults={"budget": scheme.annual_budget}
        )
        application = GrantApplication.objects.create(
            scheme=scheme,
            group=group,
            applicant=person.user,
            amount_requested=Decimal(amount),
            purpose=f"{scheme.name} for {group.name}.",
            spending_plan="As set out in the group’s plan for the year.",
            status=GrantApplication.Status.PAID,
            year=year,
            amount_approved=Decimal(amount),
            decision_reason="Meets the scheme’s rules.",
            submitted_at=decided - relativedelta(weeks=3),
            decided_at=decided,
            report_due_on=(decided + relativedelta(months=6)).date(),
            report_received_on=(decided + relativedelta(months=5)).date(),
            report_summary="Spent as planned; receipts kept by the treasurer.",
            report_spent=Decimal(amount),
        )
        Payment.objects.create(
            source=application,
            amount=Decimal(amount),
            reference=f"GRANT-{application.pk}",
            payee_group=group,
            payee_name=group.name,
            method=Payment.Method.CHEQUE,
            status=Payment.Status.PAID,
            paid_at=decided + relativedelta(days=days),
        )


def _community_fund_panel() -> None:
    """Two bids scored by the panel: one member declares a conflict on each."""
    from demo.groups import pdf

    fund = GrantScheme.objects.get(name="Community fund")
    panel = list(User.objects.filter(groups__name=GRANT_PANEL).order_by("email"))
    fund.panel_members.set(panel)
    applications = []
    for start, amount, purpose, plan in COMMUNITY_BIDS:
        group = Group.objects.filter(name__startswith=start).first()
        officer = group and group.officers.select_related("user").first()
        if officer is None:
            continue
        try:
            application = application_start(
                scheme=fund, applicant=officer.user, group=group
            )
        except ValidationError:  # the group does not qualify today
            continue
        application_save(
            application=application,
            actor=officer.user,
            amount_requested=Decimal(amount),
            purpose=purpose,
            spending_plan=plan,
        )
        application_file_add(
            application=application,
            actor=officer.user,
            upload=pdf("quote.pdf"),
            content_type="application/pdf",
            description="Supplier’s quote",
        )
        applications.append(
            application_submit(application=application, actor=officer.user)
        )
    conflicts = {
        ("panel@example.org", 1): "My mother is on the Orchard Court committee.",
        ("panel2@example.org", 0): "I help run the Anchor House gardening club.",
    }
    for n, application in enumerate(applications):
        for member, scores in zip(panel, [[5, 4, 4, 3], [4, 4, 3, 4]], strict=False):
            reason = conflicts.get((member.email, n), "")
            panel_declare(
                application=application,
                member=member,
                conflict=bool(reason),
                reason=reason,
            )
            if not reason:
                panel_score(
                    application=application,
                    member=member,
                    scores=scores,
                    comment="A clear plan that many neighbours will use.",
                )


def reset_grants() -> None:
    GrantApplication.objects.all().delete()
    GrantScheme.objects.all().delete()
