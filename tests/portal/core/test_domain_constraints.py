"""Numbers and dates whose domain is known cannot be stored outside it by any
path: a bulk `update()` skips every form and validator, and the database itself
refuses (PostgreSQL and SQLite alike). The edges of each domain stay allowed,
so the constraints are not tighter than the forms."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from portal.core.constraints import MOST_BUDGET, MOST_POUNDS, rows_breaking

pytestmark = pytest.mark.django_db

D = Decimal
DAY = datetime.date(2026, 6, 1)
EARLIER = datetime.date(2026, 5, 31)
NOON = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)

# family, model, values written together
OUT_OF_DOMAIN = [
    ("grant money", "grants.GrantScheme", {"amount": D("0")}),
    ("grant money", "grants.GrantScheme", {"amount": MOST_POUNDS + D("0.01")}),
    ("grant money", "grants.GrantScheme", {"annual_budget": D("-0.01")}),
    ("grant money", "grants.GrantScheme", {"annual_budget": MOST_BUDGET + 1}),
    ("grant money", "grants.BudgetLedger", {"budget": D("-1")}),
    ("grant money", "grants.GrantApplication", {"amount_requested": D("-5")}),
    ("grant money", "grants.GrantApplication", {"amount_approved": D("1000000")}),
    ("grant money", "grants.GrantApplication", {"report_spent": D("-0.01")}),
    ("grant money", "volunteering.ThankYouRule", {"amount": D("0")}),
    ("grant money", "volunteering.Voucher", {"amount": D("-10")}),
    ("grant money", "payments.PaymentRun", {"total": D("-1")}),
    ("claims", "expenses.ExpensePolicy", {"receipt_required_above": D("-1")}),
    ("claims", "expenses.ExpensePolicy", {"care_hours_beyond_meeting": D("24.5")}),
    ("claims", "expenses.ExpensePolicy", {"care_hours_without_meeting": D("-1")}),
    ("claims", "expenses.ExpenseCategory", {"rate": D("-0.45")}),
    ("claims", "expenses.ExpenseCategory", {"passenger_rate": D("-0.05")}),
    ("claims", "expenses.ExpenseCategory", {"yearly_cap": D("-1")}),
    ("claims", "expenses.ExpenseClaim", {"approved_total": D("-1")}),
    ("claims", "expenses.ExpenseLine", {"amount": D("-1")}),
    ("claims", "expenses.ExpenseLine", {"approved_amount": D("-1")}),
    ("claims", "expenses.PreApproval", {"estimated_cost": D("0")}),
    ("claims", "volunteering.ThankYouRule", {"hours_needed": D("0.1")}),
    ("claims", "volunteering.Voucher", {"hours_at_issue": D("-1")}),
    ("percentages and scores", "groups.RecognitionRules", {"signup_share": D("101")}),
    ("percentages and scores", "groups.RecognitionRules", {"landlord_share": D("-1")}),
    ("percentages and scores", "participation.Feedback", {"expectations": 0}),
    ("percentages and scores", "participation.Feedback", {"confidence": 11}),
    ("percentages and scores", "inspections.InspectionScore", {"score": 6}),
    ("percentages and scores", "inspections.EstateSchedule", {"every_months": 13}),
    ("percentages and scores", "inspections.EstateSchedule", {"every_months": 0}),
    (
        "percentages and scores",
        "inspections.EstateSchedule",
        {"inspection_hours": D("12.25")},
    ),
    ("percentages and scores", "reach.RepresentationFlag", {"ratio": D("-0.5")}),
    (
        "dates in order",
        "grants.GrantScheme",
        {"opens_on": DAY, "closes_on": EARLIER},
    ),
    ("dates in order", "groups.Officer", {"elected_on": DAY, "term_ends": EARLIER}),
    ("dates in order", "groups.Document", {"dated": DAY, "valid_until": EARLIER}),
    (
        "dates in order",
        "reach.RepresentationFlag",
        {"period_start": DAY, "period_end": EARLIER},
    ),
    (
        "dates in order",
        "accountability.PerformanceReportPage",
        {"period_first": DAY, "period_last": EARLIER},
    ),
    (
        "dates in order",
        "consultations.ConsultationPage",
        {"opens_at": NOON, "closes_at": NOON},
    ),
]

# The edges of each domain, which the forms accept, stay storable.
ON_THE_EDGE = [
    ("grants.GrantScheme", {"amount": MOST_POUNDS, "annual_budget": MOST_BUDGET}),
    ("grants.GrantScheme", {"amount": D("0.01"), "annual_budget": D("0")}),
    ("grants.GrantScheme", {"opens_on": DAY, "closes_on": DAY}),
    ("grants.GrantScheme", {"opens_on": DAY, "closes_on": None}),
    ("grants.GrantApplication", {"amount_requested": None, "report_spent": D("0")}),
    ("expenses.ExpensePolicy", {"care_hours_beyond_meeting": D("24")}),
    ("groups.RecognitionRules", {"signup_share": D("100"), "landlord_share": D("0")}),
    ("participation.Feedback", {"expectations": 1, "confidence": 10}),
    ("inspections.InspectionScore", {"score": None}),
    ("inspections.EstateSchedule", {"every_months": 12, "inspection_hours": D("12")}),
    ("groups.Officer", {"elected_on": DAY, "term_ends": DAY}),
    ("volunteering.ThankYouRule", {"hours_needed": D("0.25")}),
]


def _said(values: dict) -> str:
    return ", ".join(f"{name}={value}" for name, value in values.items())


def _a_row(label: str) -> models.Model:
    model = apps.get_model(label)
    row = model._base_manager.order_by("pk").first()
    if row is None and label == "payments.PaymentRun":  # the demo makes none
        row = model.objects.create(reference="RUN-TEST")
    assert row is not None, f"the demo has no {label} to write over"
    return row


@pytest.mark.parametrize(
    ("family", "label", "values"),
    OUT_OF_DOMAIN,
    ids=[
        f"{family}: {label} {_said(values)}" for family, label, values in OUT_OF_DOMAIN
    ],
)
def test_the_database_refuses_a_value_outside_its_domain(family, label, values):
    row = _a_row(label)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(row)._base_manager.filter(pk=row.pk).update(**values)


@pytest.mark.parametrize(
    ("label", "values"),
    ON_THE_EDGE,
    ids=[f"{label} {_said(values)}" for label, values in ON_THE_EDGE],
)
def test_the_edges_of_each_domain_are_still_stored(label, values):
    row = _a_row(label)
    assert type(row)._base_manager.filter(pk=row.pk).update(**values) == 1


def test_a_form_path_hears_the_rule_in_words_not_a_database_error():
    """Model validation (what every model form runs) names the broken rule."""
    scheme = _a_row("grants.GrantScheme")
    scheme.opens_on, scheme.closes_on = DAY, EARLIER
    with pytest.raises(ValidationError) as refused:
        scheme.full_clean()
    assert "The closing date must be on or after the opening date." in str(
        refused.value
    )


def test_a_migration_names_the_stored_rows_a_new_constraint_would_refuse():
    """What `AddConstraintAfterCheckingRows` looks for before adding a rule."""
    from portal.grants.models import GrantScheme

    stricter = models.CheckConstraint(
        condition=models.Q(amount__lte=D("0.01")), name="test_only"
    )
    every = sorted(GrantScheme.objects.values_list("pk", flat=True))
    assert sorted(rows_breaking(GrantScheme, stricter)) == every[:10]
    allowed = GrantScheme._meta.constraints[0]
    assert rows_breaking(GrantScheme, allowed) == []
