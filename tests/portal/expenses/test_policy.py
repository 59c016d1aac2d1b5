"""Policy versions as data: the one in force on the activity date applies, and
involvement officers edit them in the admin."""

import datetime
from decimal import Decimal

import pytest

from portal.expenses.calculator import calculate
from portal.expenses.models import ExpenseCategory, ExpenseClaim, ExpensePolicy
from portal.expenses.selectors import category_for, policy_on
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def make_policy(day, car_rate):
    policy = ExpensePolicy.objects.create(name=f"Policy {day}", effective_from=day)
    ExpenseCategory.objects.create(
        policy=policy,
        kind="mileage",
        name="Car",
        rate=Decimal(car_rate),
        band_miles=10000,
        rate_after_band=Decimal("0.25"),
        passenger_rate=Decimal("0.05"),
    )
    return policy


def test_version_in_force_on_the_activity_date_applies():
    ExpenseClaim.objects.all().delete()
    ExpensePolicy.objects.all().delete()
    old = make_policy(datetime.date(2024, 4, 6), "0.45")
    new = make_policy(datetime.date(2026, 10, 1), "0.50")
    assert policy_on(datetime.date(2024, 4, 5)) is None
    assert policy_on(datetime.date(2026, 9, 30)) == old
    assert policy_on(datetime.date(2026, 10, 1)) == new
    car = category_for(policy_on(datetime.date(2026, 9, 30)), "mileage")
    assert calculate(category=car, miles=10).amount == Decimal("4.50")
    car = category_for(policy_on(datetime.date(2026, 10, 2)), "mileage")
    assert calculate(category=car, miles=10).amount == Decimal("5.00")


def test_officers_can_edit_the_policy_in_the_admin(client):
    policy = make_policy(datetime.date(2031, 1, 1), "0.45")
    sign_in(client, "officer@example.org")
    response = client.get("/admin/expense_policies/")
    assert response.status_code == 200
    assert policy.name in response.content.decode()
    response = client.get(f"/admin/expense_policies/edit/{policy.pk}/")
    assert response.status_code == 200
    assert "Categories, rates and caps" in response.content.decode()


def test_residents_cannot_reach_the_policy_admin(client):
    sign_in(client, "resident@example.org")
    response = client.get("/admin/expense_policies/")
    assert response.status_code in (302, 403)
