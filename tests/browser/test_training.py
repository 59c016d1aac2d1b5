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


def test_a_full_session_has_a_waiting_list_and_an_advocate_books(demo_site, page):
    from django.utils import timezone

    from portal.accounts.models import Advocacy, User
    from portal.training.models import Session

    Session.objects.filter(starts_at__gt=timezone.now()).update(capacity=1)
    neighbour = User.objects.get(email="neighbour@example.org")
    Advocacy.objects.create(
        resident=neighbour,
        advocate=User.objects.get(email="chair@example.org"),
        accepted_at=timezone.now(),
    )
    browser_sign_in(page, demo_site, "neighbour@example.org")
    page.goto(demo_site + "/portal/training/")
    page.get_by_role(
        "button", name="Join the waiting list for Chairing a meeting well"
    ).click()
    expect(page.get_by_text("On the waiting list (position 1)").first).to_be_visible()
    assert axe_violations(page) == []
    page.context.clear_cookies()
    browser_sign_in(page, demo_site, "chair@example.org")
    page.goto(demo_site + f"/portal/training/for/{neighbour.pk}/")
    expect(page.get_by_text("On the waiting list (position 1)").first).to_be_visible()
    assert axe_violations(page) == []
