"""One door in: allauth's sign-in (with its rate limits, email verification and
two-factor step) is the only view that signs anyone in, and the back office asks
for the second factor per session, not per account."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.signals import user_logged_in
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from portal.accounts.factories import UserFactory
from portal.accounts.models import User
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "Involve-demo-2026"
CREDENTIALS = {
    "username": "officer@example.org",
    "login": "officer@example.org",
    "email": "officer@example.org",
    "password": PASSWORD,
    "password1": PASSWORD,
    "password2": PASSWORD,
}
SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": None}


def _sample_route(route: str) -> str:
    """A concrete path for a `path()` route: every converter gets a sample value."""

    def fill(match):
        converter = match.group(1) or "str"
        if converter == "uuid":
            return "00000000-0000-0000-0000-000000000001"
        return SAMPLE.get(converter) or "1"

    return re.sub(r"<(?:(\w+):)?\w+>", fill, route)


def _sample_regex(regex: str, fill: str) -> str:
    """A concrete path for a `re_path()`: capturing groups become `fill`,
    non-capturing ones disappear (one level of nesting is enough for ours)."""
    text = regex.lstrip("^").rstrip("$").replace("\\Z", "")
    group = r"\((\?P<\w+>|\?:)?[^()]*(\([^()]*\)[^()]*)*\)[*?+]?"
    text = re.sub(group, lambda m: "" if m.group(1) == "?:" else fill, text)
    return text.replace("\\", "").replace("?", "")


def _parts(pattern) -> list[str]:
    if hasattr(pattern.pattern, "language_prefix"):
        return [""]  # the default language has no prefix
    if hasattr(pattern.pattern, "_route"):
        return [_sample_route(str(pattern.pattern))]
    return [_sample_regex(str(pattern.pattern), fill) for fill in ("1", "")]


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + _parts(pattern)[0])
        elif isinstance(pattern, URLPattern):
            yield pattern, ["/" + prefix + part for part in _parts(pattern)]


def _reaches(url: str, pattern: URLPattern) -> bool:
    try:
        match = resolve(url)
    except Resolver404:
        return False
    return match.func is pattern.callback or (
        pattern.name is not None and match.url_name == pattern.name
    )


def every_served_url():
    """Every URL pattern the project serves (from the URL conf), with a path that
    reaches its view (or, for a shadowed pattern, the view that shadows it)."""
    for pattern, candidates in _walk(get_resolver().url_patterns):
        url = next((c for c in candidates if _reaches(c, pattern)), candidates[0])
        yield pattern, url


def test_the_walk_reaches_every_pattern():
    """The sample paths really reach the views they stand for, so the door test
    below covers every view (a new login view cannot hide from it). The only
    patterns shadowed by an earlier one are the two login forms we replaced."""
    missed, shadowed = [], []
    for pattern, url in every_served_url():
        if not _reaches(url, pattern):
            try:
                resolve(url)
            except Resolver404:
                missed.append(url)
            else:
                shadowed.append(url)
    assert missed == []
    assert sorted(shadowed) == ["/_util/login/", "/admin/login/"]
    assert len(list(every_served_url())) > 300  # Wagtail's admin has hundreds


def test_no_view_but_allauths_signs_anyone_in():
    signed_in = []

    def record(sender, request, user, **kwargs):
        signed_in.append(request.path)

    user_logged_in.connect(record, dispatch_uid="one-door-test")
    try:
        for pattern, url in every_served_url():
            view = getattr(pattern.callback, "view_class", pattern.callback)
            module = getattr(view, "__module__", "")
            if module.startswith("allauth."):
                continue
            client = Client(raise_request_exception=False)
            client.post(url, CREDENTIALS)
            assert "_auth_user_id" not in client.session, url
    finally:
        user_logged_in.disconnect(dispatch_uid="one-door-test")
    assert signed_in == []


@pytest.mark.parametrize("prefix", ["", "/pl"])
def test_the_old_wagtail_login_sends_people_to_the_sign_in(client, prefix):
    response = client.get(f"{prefix}/_util/login/?next=/portal/")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/login/?next=/portal/")

    response = client.post(
        f"{prefix}/_util/login/",
        {"username": "officer@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert _admin_sends_to_sign_in(client)


def test_an_unverified_sign_up_cannot_use_the_old_door(client):
    user = UserFactory(email="new@example.org", password=PASSWORD)
    user.emailaddress_set.update(verified=False)
    client.post("/_util/login/", {"username": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get("/portal/").status_code == 302


def test_a_locked_account_cannot_use_the_old_door(client):
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"login": "chair@example.org", "password": "wrong-password"},
        )
    response = client.post(
        "/_util/login/", {"username": "chair@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    # The real door is still shut for this account.
    response = client.post(
        "/accounts/login/", {"login": "chair@example.org", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()


def _admin_sends_to_sign_in(client) -> bool:
    """The admin sends a visitor who is not signed in to `/admin/login/`, which
    passes them on to the site's one sign-in page (which may resume a sign-in
    waiting for its second step)."""
    chain = [url for url, _status in client.get("/admin/", follow=True).redirect_chain]
    return chain[0].startswith("/admin/login/") and any(
        url.startswith("/accounts/login/") for url in chain
    )


def _enrol(email: str) -> tuple[User, str]:
    user = User.objects.get(email=email)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_mfa_enrolled_staff_need_the_code_to_reach_the_admin(client):
    _user, secret = _enrol("editor@example.org")
    response = client.post(
        "/accounts/login/", {"login": "editor@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Password alone: not signed in, the admin sends them back to sign in.
    assert _admin_sends_to_sign_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": _code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("required", [True, False])
def test_a_session_made_without_the_code_is_asked_for_it(client, settings, required):
    """Per session, not per account: a session signed in without the second factor
    (here by force_login, standing for any other door) is sent to give the code."""
    settings.INVOLVE_REQUIRE_STAFF_MFA = required
    user, secret = _enrol("officer@example.org")
    client.force_login(user)
    response = client.get("/admin/?from=old-door")
    assert response.status_code == 302
    assert response["Location"] == (
        "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F%3Ffrom%3Dold-door"
    )
    # Residents' pages are not affected.
    assert client.get("/portal/").status_code == 200
    response = client.post(
        "/accounts/2fa/reauthenticate/?next=/admin/", {"code": _code(secret)}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_without_an_authenticator_are_not_asked_when_not_required(client):
    sign_in(client, "officer@example.org")
    assert client.get("/admin/").status_code == 200
