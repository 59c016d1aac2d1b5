"""Reads for volunteering: a person's logged hours, and the vouchers due."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model

from portal.core.involvement import hours_by_person

from .models import LoggedHours, ThankYouRule, Voucher


def hours_of(user):
    return LoggedHours.objects.filter(person=user).order_by("-done_on", "-pk")


@dataclass(frozen=True)
class Due:
    person: object
    rule: ThankYouRule
    year: int
    hours: Decimal


def vouchers_due(year: int) -> list[Due]:
    """Each voucher someone has earned in the financial year starting April
    `year` and not yet been given: one query per source of hours, one for the
    rules, one for the vouchers given and one for the people."""
    rules = list(ThankYouRule.objects.filter(active=True))
    if not rules:
        return []
    totals = hours_by_person(year)
    lowest = min(rule.hours_needed for rule in rules)
    earned = {pk: hours for pk, hours in totals.items() if hours >= lowest}
    given = set(
        Voucher.objects.filter(year=year, person_id__in=earned).values_list(
            "person_id", "rule_id"
        )
    )
    people = get_user_model().objects.in_bulk(list(earned))
    due = [
        Due(person=people[pk], rule=rule, year=year, hours=hours)
        for pk, hours in earned.items()
        for rule in rules
        if hours >= rule.hours_needed and (pk, rule.pk) not in given and pk in people
    ]
    return sorted(
        due,
        key=lambda d: (d.person.get_full_name() or d.person.email, d.rule.hours_needed),
    )
