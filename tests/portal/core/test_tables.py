"""Residents' and visitors' lists are django-tables2 tables: a caption, sort
links, pagination, and labelled cells for the stacked layout on narrow screens."""

import datetime

import pytest

from portal.accounts.models import User
from portal.expenses.models import ExpenseClaim
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _claims(chair, n):
    for day in range(1, n + 1):
        ExpenseClaim.objects.create(
            claimant=chair,
            activity=ExpenseClaim.Activity.GROUP,
            description=f"Errand {day:02d}",
            activity_date=datetime.date(2026, 10, day),
        )


def test_my_claims_table_sorts_and_pages(client, django_assert_max_num_queries):
    chair = User.objects.get(email="chair@example.org")
    sign_in(client, chair.email)
    _claims(chair, 25)
    client.get("/portal/expenses/")
    with django_assert_max_num_queries(20):
        body = client.get("/portal/expenses/").content.decode()
    assert "<caption>Your claims</caption>" in body
    assert 'data-label="Status"' in body
    assert "Page 1 of 2" in body and "?page=2" in body
    assert 'aria-sort="descending"' in body  # newest activity first
    oldest_first = client.get("/portal/expenses/?sort=activity_date").content.decode()
    assert oldest_first.index("Errand 01") < oldest_first.index("Errand 02")
    assert 'aria-sort="ascending"' in oldest_first
    # Another person's claims never show.
    sign_in(client, "neighbour@example.org")
    assert "Errand 01" not in client.get("/portal/expenses/").content.decode()


def test_bad_sort_or_page_is_not_an_error(client):
    sign_in(client, "chair@example.org")
    for query in ["?sort=nonsense", "?page=999", "?page=abc", "?sort=-status"]:
        assert client.get("/portal/expenses/" + query).status_code in (200, 404)


def test_my_applications_table(client):
    sign_in(client, "chair@example.org")
    body = client.get("/portal/grants/").content.decode()
    assert "<caption>Your applications</caption>" in body
    assert 'href="/portal/grants/applications/' in body
    assert 'data-label="Status"' in body


def test_awards_table_is_public_and_links_back_to_the_schemes(client):
    body = client.get("/grants/awards/").content.decode()
    assert "<caption>Awards, newest first</caption>" in body
    assert 'href="/portal/grants/"' in body
