"""The seven schemes from the agreements, and applications in several states."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from portal.accounts.models import User
from portal.grants.models import GrantApplication, GrantScheme
from portal.grants.services import (
    application_approve,
    application_save,
    application_start,
    application_submit,
)
from portal.groups.models import Group

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
        )
    officer = User.objects.get(email="officer@example.org")
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


def reset_grants() -> None:
    GrantApplication.objects.all().delete()
    GrantScheme.objects.all().delete()
