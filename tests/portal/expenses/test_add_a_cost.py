""" "Add a cost" asks the kind first, then only that kind's questions: a second
step without JavaScript, with errors beside the questions and what was typed
kept; answers left behind for another kind are ignored."""

import re

import pytest

from tests.conftest import sign_in
from tests.portal.expenses.test_claiming import attended_meeting, start_claim

pytestmark = pytest.mark.django_db


def shown_questions(form: str) -> set[str]:
    """The names of the cost's questions a reader sees (not in a hidden box)."""
    form = form.split('<div class="form-buttons">')[0]
    shown = set()
    for box in form.split('<div data-kinds="')[1:]:
        opening, _, body = box.partition(">")
        if " hidden" not in opening:
            shown |= set(re.findall(r'name="(\w+)"', body))
    return shown


def add_cost_form(page: str) -> str:
    return page[
        page.index('id="add-cost"') : page.index("</form>", page.index('id="add-cost"'))
    ]


@pytest.fixture
def claim_url(client):
    sign_in(client, "resident@example.org")
    return f"/portal/expenses/{start_claim(client, attended_meeting()).pk}/"


def test_first_only_the_kind_is_asked(client, claim_url):
    form = add_cost_form(client.get(claim_url).content.decode())
    assert 'type="radio" name="kind" value="taxi"' in form
    assert shown_questions(form) == set()
    assert 'value="line_kind"' in form and "Continue" in form


def test_without_javascript_continue_shows_only_that_kinds_questions(client, claim_url):
    response = client.post(claim_url, {"action": "line_kind", "kind": "taxi"})
    assert response.status_code == 200
    form = add_cost_form(response.content.decode())
    assert shown_questions(form) == {"spent", "reason", "pre_approval", "receipt"}
    assert re.search(r'value="taxi"[^>]*checked', form)
    assert "There is a problem" not in form

    form = add_cost_form(
        client.post(
            claim_url, {"action": "line_kind", "kind": "mileage"}
        ).content.decode()
    )
    assert shown_questions(form) == {"miles", "passengers"}


def test_continue_without_a_kind_says_to_choose_one(client, claim_url):
    for kind in ("", "helicopter"):
        response = client.post(claim_url, {"action": "line_kind", "kind": kind})
        page = response.content.decode()
        assert response.status_code == 200
        assert page.count("Choose what the cost was for.") == 2  # beside + summary


def test_errors_stay_beside_the_kinds_questions_with_what_was_typed(client, claim_url):
    response = client.post(
        claim_url,
        {"action": "line", "kind": "taxi", "spent": "lots", "reason": "Late bus"},
    )
    form = add_cost_form(response.content.decode())
    assert response.status_code == 200
    assert shown_questions(form) == {"spent", "reason", "pre_approval", "receipt"}
    assert "Enter an amount in pounds, like 25.50 or 1,250." in form
    assert 'value="lots"' in form and 'value="Late bus"' in form


def test_answers_left_for_another_kind_are_ignored(client, claim_url):
    response = client.post(
        claim_url,
        {"action": "line", "kind": "mileage", "miles": "10", "spent": "500"},
    )
    assert response.status_code == 302
    page = client.get(claim_url).content.decode()
    assert "10 miles" in page
    assert "£500" not in page


def test_someone_else_cannot_use_the_steps_on_my_claim(client, claim_url):
    client.logout()
    sign_in(client, "neighbour@example.org")
    response = client.post(claim_url, {"action": "line_kind", "kind": "taxi"})
    assert response.status_code == 404
