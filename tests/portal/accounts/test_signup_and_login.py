import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from portal.accounts.models import User
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-Pass-phrase-42"


def test_every_demo_login_works(client):
    for email in [
        "admin@example.org",
        "editor@example.org",
        "officer@example.org",
        "finance@example.org",
        "resident@example.org",
        "chair@example.org",
    ]:
        client.logout()
        sign_in(client, email)
        assert client.get("/portal/").status_code == 200


def test_signup_requires_email_verification_before_sign_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "New.Person@Example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="new.person@example.org")
    assert not EmailAddress.objects.get(user=user).verified

    # Not signed in until the address is confirmed.
    assert client.get("/portal/").status_code == 302
    client.post("/accounts/login/", {"login": user.email, "password": NEW_PASSWORD})
    assert client.get("/portal/").status_code == 302

    # The confirmation email went through the task queue (immediate here).
    message = mail.outbox[-1]
    assert message.to == ["new.person@example.org"]
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", message.body)
    assert link, message.body
    client.post(link.group(1))
    assert EmailAddress.objects.get(user=user).verified
    sign_in(client, user.email, NEW_PASSWORD)
    assert client.get("/portal/").status_code == 200


def test_signup_errors_are_shown_in_a_summary_and_keep_the_email(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "someone@example.org",
            "password1": "short",
            "password2": "different",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert "There is a problem" in page
    assert 'value="someone@example.org"' in page
    assert 'aria-invalid="true"' in page
    assert not User.objects.filter(email="someone@example.org").exists()


def test_wrong_password_is_refused_with_a_clear_message(client):
    response = client.post(
        "/accounts/login/",
        {"login": "resident@example.org", "password": "wrong-password"},
    )
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )
    assert client.get("/portal/").status_code == 302


def test_repeated_failed_sign_ins_are_rate_limited(client):
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"login": "chair@example.org", "password": "wrong-password"},
        )
    response = client.post(
        "/accounts/login/",
        {"login": "chair@example.org", "password": "Involve-demo-2026"},
    )
    # Even the right password is refused for a while after five failures.
    assert client.get("/portal/").status_code == 302
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_sends_a_link(client):
    response = client.post(
        "/accounts/password/reset/", {"email": "resident@example.org"}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["resident@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_email_is_the_only_identifier():
    user = User.objects.create_user(email="Someone@EXAMPLE.org", password=NEW_PASSWORD)
    assert user.email == "someone@example.org"
    assert not hasattr(user, "username") or user.username is None
    assert str(user) == "someone@example.org"
