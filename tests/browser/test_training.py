"""Training in a real browser: the resident books a place and answers the
skills audit (with its errors shown), staff record attendance and read the
skills summary; no axe violations (WCAG 2.2 AA) on any of them."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_resident_books_training_and_answers_the_skills_audit(demo_site, page):
    browser_sign_in(page, demo_site, "neighbour@example.org")
    page.goto(demo_site + "/portal/training/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Book a place on Chairing a meeting well").click()
    expect(page.get_by_text("You have a place.")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(demo_site + "/portal/training/skills-audit/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == []


def test_staff_training_screens_have_no_wcag_violations(demo_site, page):
    from django.utils import timezone

    from portal.training.models import Session

    past = Session.objects.filter(starts_at__lt=timezone.now()).first()
    browser_sign_in(page, demo_site, "officer@example.org")
    found = admin_wcag_violations(
        page,
        demo_site,
        [
            "/admin/training/attendance/",
            f"/admin/training/attendance/{past.pk}/",
            "/admin/training/skills-audit/",
            "/admin/training_sessions/",
        ],
    )
    assert found == {path: [] for path in found}
