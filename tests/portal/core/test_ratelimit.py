"""Per-address limits count the visitor as our own proxies see them: a made-up
X-Forwarded-For header does not make a new visitor (finding 6)."""

import pytest
from django.test import RequestFactory
from wagtail.models import Locale

from cms.consultations.models import ConsultationPage, Response
from cms.core.models import FormatRequest
from portal.core.ratelimit import client_address
from tests.cms.consultations.test_consultations import _post_answers
from tests.cms.core.test_format_requests import _article, _form

pytestmark = pytest.mark.django_db


def _request(forwarded=None, remote="198.51.100.7"):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def _forged(number: int, trusted: int) -> str:
    """The header a visitor sends with a new made-up address each time: as typed
    when nothing stands in front of us, or with the address our one proxy saw
    appended."""
    made_up = f"10.9.8.{number}"
    return made_up if trusted == 0 else f"{made_up}, 203.0.113.9"


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, None, "198.51.100.7"),
        (0, "203.0.113.9", "198.51.100.7"),  # no proxy: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the visitor's part is skipped
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),  # fewer hops than proxies
        (1, None, "198.51.100.7"),
        (1, " , ", "198.51.100.7"),
    ],
)
def test_the_client_address_follows_the_trusted_proxy_chain(
    settings, trusted, forwarded, expected
):
    settings.INVOLVE_TRUSTED_PROXY_COUNT = trusted
    assert client_address(_request(forwarded)) == expected


@pytest.mark.parametrize("trusted", [0, 1])
def test_a_forged_header_does_not_reset_the_format_request_limit(
    client, settings, trusted
):
    settings.INVOLVE_TRUSTED_PROXY_COUNT = trusted
    url = f"/other-formats/?page={_article().pk}"
    for number in range(11):
        client.defaults["HTTP_X_FORWARDED_FOR"] = _forged(number, trusted)
        response = client.post(url, _form())
    assert "We have had a lot of requests from this connection" in (
        response.content.decode()
    )
    assert FormatRequest.objects.count() == 10


def test_another_visitor_behind_the_same_proxy_is_counted_apart(client, settings):
    settings.INVOLVE_TRUSTED_PROXY_COUNT = 1
    url = f"/other-formats/?page={_article().pk}"
    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.9"
    for _ in range(10):
        client.post(url, _form())
    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.10"
    assert client.post(url, _form()).status_code == 302
    assert FormatRequest.objects.count() == 11


@pytest.mark.parametrize("trusted", [0, 1])
def test_a_forged_header_does_not_reset_the_anonymous_answer_limit(
    client, settings, trusted
):
    settings.INVOLVE_TRUSTED_PROXY_COUNT = trusted
    survey = ConsultationPage.objects.get(
        slug="magazine-survey", locale=Locale.get_default()
    )
    for number in range(6):
        client.cookies.clear()  # a new device too
        client.defaults["HTTP_X_FORWARDED_FOR"] = _forged(number, trusted)
        response = _post_answers(client, survey)
    assert "a lot of answers from this internet connection" in (
        response.content.decode()
    )
    assert Response.objects.filter(consultation=survey).count() == 5
