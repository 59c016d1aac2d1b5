"""The back-office menu: grouped, full names, each entry only for who can use it."""

import pytest
from django.test import RequestFactory
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

from portal.accounts.models import User

pytestmark = pytest.mark.django_db


def in_order(items):
    # Wagtail sorts a menu by `order` when it draws it.
    return sorted(items, key=lambda item: item.order)


def menu(email) -> dict[str, list[str]]:
    """{top-level label: [submenu labels]} as this person sees it."""
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(email=email)
    found = {}
    for item in in_order(admin_menu.menu_items_for_request(request)):
        children = []
        if isinstance(item, SubmenuMenuItem):
            children = [
                str(child.label)
                for child in in_order(item.menu.menu_items_for_request(request))
            ]
        found[str(item.label)] = children
    return found


def test_officer_menu_is_grouped():
    found = menu("officer@example.org")
    assert found["Residents"] == [
        "Resident checks",
        "Set up a resident",
        "Interested residents",
        "Other formats",
        "Volunteer hours",
        "Involvement records",
        "Import the resident profile",
        "Resident profile imports",
        "Training courses",
        "Training sessions",
        "Training attendance to record",
        "Training: skills",
        "Send a message to many people",
    ]
    assert found["Groups"] == [
        "Resident groups",
        "Group recognition",
        "Sign-up rows to check",
    ]
    assert found["Money"] == [
        "Grant applications",
        "Grant schemes",
        "Expense claims",
        "Expense pre-approvals",
        "Expenses policy",
        "Thank-you scheme",
        "Thank-you vouchers due",
        "Thank-you vouchers given",
    ]
    assert {"Consultation responses", "Actions"} <= set(
        found["Meetings and consultations"]
    )
    assert "Audit log" in found["Reports"]
    assert "Outbox" in found["Reports"]
    assert "Who takes part" in found["Reports"]
    assert "Skills audit" in found["Reports"]
    # Nothing loose at the top that belongs in a group.
    for loose in ["Resident checks", "Expense claims", "Bank details", "Audit log"]:
        assert loose not in found


def test_finance_sees_money_but_not_residents():
    found = menu("finance@example.org")
    assert "Residents" not in found
    assert "Groups" not in found
    assert "Payments" in found["Money"]
    assert "Bank details" in found["Money"]
    assert "Expense pre-approvals" not in found["Money"]


def test_editor_sees_no_money_or_groups():
    found = menu("editor@example.org")
    assert "Money" not in found
    assert "Groups" not in found
    assert found["Residents"] == ["Other formats"]


def test_reader_sees_no_back_office_groups():
    found = menu("reader@example.org")
    for group in ["Residents", "Groups", "Money", "Meetings and consultations"]:
        assert group not in found
