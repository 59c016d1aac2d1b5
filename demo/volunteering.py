"""Demo volunteering: the thank-you scheme (£10 after 10 hours, £20 after 25 in
a financial year), hours a few residents logged (confirmed by the officer, one
waiting), two vouchers due (the chair: £10 and £20, as the chair's estate
inspections, demo/inspections, take them past 25 hours) and one issued (the
treasurer, by the finance approver, who did not confirm the hours). Safe to run
again."""

import datetime
from decimal import Decimal

from portal.accounts.models import User
from portal.core.dates import london_today
from portal.core.involvement import financial_year, financial_year_bounds
from portal.volunteering.models import LoggedHours, ThankYouRule, Voucher
from portal.volunteering.services import hours_decide, hours_log, voucher_issue

RULES = [
    ("£10 voucher after 10 hours", Decimal("10"), Decimal("10.00")),
    ("£20 voucher after 25 hours", Decimal("25"), Decimal("20.00")),
]
PEOPLE = ["chair@example.org", "treasurer@example.org", "resident@example.org"]


def _day(days_ago: int) -> datetime.date:
    today = london_today()
    start, _end = financial_year_bounds(financial_year(today))
    return max(start, today - datetime.timedelta(days=days_ago))


def build_volunteering() -> None:
    if ThankYouRule.objects.exists():
        return
    rules = [
        ThankYouRule.objects.create(name=name, hours_needed=hours, amount=amount)
        for name, hours, amount in RULES
    ]
    officer = User.objects.get(email="officer@example.org")
    finance = User.objects.get(email="finance@example.org")
    chair, treasurer, resident = (User.objects.get(email=e) for e in PEOPLE)
    logged = [
        (chair, 40, "Litter pick on the Anchor estate", "4"),
        (chair, 20, "Helping at the summer fun day", "6"),
        (treasurer, 60, "Delivering the TRA newsletter", "5"),
        (treasurer, 30, "Community garden work day", "6"),
        (resident, 3, "Leafleting Barge House about the consultation", "2"),
    ]
    for person, days_ago, activity, hours in logged:
        row = hours_log(
            person=person,
            done_on=_day(days_ago),
            activity=activity,
            hours=Decimal(hours),
            description="",
        )
        if person != resident:  # the resident's waits in the officer's queue
            hours_decide(logged=row, actor=officer, confirm=True)
    voucher_issue(
        person=treasurer,
        rule=rules[0],
        year=financial_year(london_today()),
        reference="DEMO-VOUCHER-0001",
        actor=finance,
    )


def reset_volunteering() -> None:
    Voucher.objects.all().delete()
    LoggedHours.objects.filter(person__email__in=PEOPLE).delete()
    ThankYouRule.objects.all().delete()
