"""A grant application asks one question a page (GOV.UK): "Continue" saves the
answer and goes on, "Save and come back later" saves and leaves, "Check your
answers" lists every answer with a "Change" link that comes back, and a
missing or wrong answer is named and linked in an error summary. Plain forms
and links: nothing needs JavaScript."""

from decimal import Decimal

import pytest

from portal.grants.models import GrantApplication, GrantScheme
from portal.groups.models import Group
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    """The demo chair starts an annual running costs application."""
    scheme = GrantScheme.objects.get(name="Annual running costs grant")
    anchor = Group.objects.get(name__startswith="Anchor House")
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/grants/schemes/{scheme.pk}/apply/", {"group": anchor.pk}
    )
    application = GrantApplication.objects.filter(scheme=scheme, group=anchor).latest(
        "pk"
    )
    url = f"/portal/grants/applications/{application.pk}/"
    assert response["Location"] == url + "questions/amount/"
    return application, url


def test_each_question_has_its_own_page_and_continue_goes_on(client, draft):
    application, url = draft
    page = client.get(url + "questions/amount/").content.decode()
    # The question is the page's heading, the only question on it.
    assert '<h1 class="question"><label for="id_amount_requested">' in page
    assert "How much are you asking for?" in page
    assert "What is the money for?" not in page
    assert "Save and come back later" in page and "Continue" in page
    response = client.post(
        url + "questions/amount/", {"action": "continue", "amount_requested": "£250"}
    )
    assert response["Location"] == url + "questions/purpose/"
    application.refresh_from_db()
    assert application.amount_requested == Decimal("250")  # saved at once
    response = client.post(
        url + "questions/purpose/", {"action": "continue", "purpose": "Room hire"}
    )
    assert response["Location"] == url + "questions/plan/"
    page = client.get(url + "questions/plan/").content.decode()
    assert f'href="{url}questions/purpose/"' in page  # Back
    response = client.post(
        url + "questions/plan/", {"action": "continue", "spending_plan": "Hall £250"}
    )
    assert response["Location"] == url  # the last question: check your answers
    page = client.get(url).content.decode()
    assert "Check your answers" in page
    for answer in ["£250.00", "Room hire", "Hall £250"]:
        assert answer in page
    for slug in ["amount", "purpose", "plan"]:
        assert f'href="{url}questions/{slug}/?change=1"' in page
    client.post(url, {"action": "submit"})
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.SUBMITTED
    assert [q["answer"] for q in application.answers["questions"]] == [
        "250.00",
        "Room hire",
        "Hall £250",
    ]


def test_change_comes_back_to_check_your_answers(client, draft):
    application, url = draft
    client.post(url + "questions/purpose/", {"action": "continue", "purpose": "Old"})
    response = client.post(
        url + "questions/purpose/?change=1", {"action": "continue", "purpose": "New"}
    )
    assert response["Location"] == url
    page = client.get(url + "questions/purpose/?change=1").content.decode()
    assert f'<a class="back-link" href="{url}">' in page
    assert "New</textarea>" in page
    application.refresh_from_db()
    assert application.purpose == "New"


def test_save_and_come_back_later_keeps_the_answer_and_leaves(client, draft):
    application, url = draft
    response = client.post(
        url + "questions/amount/",
        {"action": "later", "amount_requested": "120"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url
    assert "Saved. You can come back to it later." in response.content.decode()
    application.refresh_from_db()
    assert application.amount_requested == Decimal("120")


def test_a_wrong_answer_is_named_kept_and_not_saved(client, draft):
    application, url = draft
    for typed, message in [
        ("12..50", "Enter an amount in pounds, like 25.50 or 1,250."),
        ("900", "The most you can ask for is £300.00."),  # the service's rule
    ]:
        response = client.post(
            url + "questions/amount/", {"action": "continue", "amount_requested": typed}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in page
        assert f'<a href="#id_amount_requested">{message}</a>' in page
        assert f'value="{typed}"' in page
    application.refresh_from_db()
    assert application.amount_requested is None


def test_submitting_with_a_missing_answer_links_to_its_question(client, draft):
    application, url = draft
    client.post(
        url + "questions/amount/", {"action": "continue", "amount_requested": "50"}
    )
    page = client.post(url, {"action": "submit"}).content.decode()
    assert "There is a problem" in page
    assert (
        f'<a href="{url}questions/purpose/?change=1">Say what the money is for.</a>'
        in page
    )
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.DRAFT


def test_a_fixed_amount_scheme_does_not_ask_how_much(client, draft):
    application, url = draft
    scheme = application.scheme
    scheme.fixed_amount = True
    scheme.save()
    assert client.get(url + "questions/amount/").status_code == 404
    page = client.get(url).content.decode()
    assert "questions/amount/" not in page


def test_questions_are_closed_once_submitted_and_hidden_from_others(client, draft):
    application, url = draft
    client.post(
        url + "questions/amount/", {"action": "continue", "amount_requested": "50"}
    )
    client.post(url + "questions/purpose/", {"action": "continue", "purpose": "Hire"})
    client.post(url, {"action": "submit"})
    response = client.post(
        url + "questions/purpose/", {"action": "continue", "purpose": "Changed"}
    )
    assert response["Location"] == url
    application.refresh_from_db()
    assert application.purpose == "Hire"
    client.logout()
    sign_in(client, "neighbour@example.org")
    assert client.get(url + "questions/purpose/").status_code == 404
    assert client.get(url + "questions/nonsense/").status_code == 404


def test_a_withdrawal_that_cannot_happen_is_explained(client):
    paid = GrantApplication.objects.filter(
        status="paid", group__name__startswith="Anchor House"
    ).first()
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/grants/applications/{paid.pk}/", {"action": "withdraw"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    paid.refresh_from_db()
    assert paid.status == "paid"
