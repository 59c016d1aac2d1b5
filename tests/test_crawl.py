"""Crawl the site as each demo person: every kind of page reachable by links
from `/`, `/portal/` and `/admin/`, in every language, answers without a server
error, a redirect loop or a dead link.

There is no cap on the number of pages: the crawl follows every same-site link
(downloads included) but visits at most `PER_KIND` addresses of each *kind* of
page, so it ends on the demo and still reaches every kind. A kind is the URL
route the address resolves to (its language prefix included), the names of its
query parameters, and, for Wagtail's catch-all route, the page type and the
routable page's sub-view. The only links not followed are signing out and
changing the language (a POST form)."""

import logging
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest
from django.http import (
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.test import RequestFactory
from django.urls import Resolver404, path, resolve
from django.utils import translation
from wagtail.models import Page

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
logger = logging.getLogger(__name__)

PEOPLE = [
    "resident@example.org",
    "chair@example.org",
    "neighbour@example.org",
    "panel@example.org",
    "officer@example.org",
    "finance@example.org",
    "editor@example.org",
]
START = ["/", "/portal/", "/admin/"]
PER_KIND = 2
# Not followed: signing out, the language form's address (a POST), files the web
# server serves (not Django), and Wagtail's bulk actions, whose links only work
# once its script has added the chosen pages' ids.
SKIP = re.compile(
    r"^/(?:(?:pl|bn|ar)/)?accounts/logout/|^/i18n/|^/static/|^/media/"
    r"|^/admin/bulk/"
)
LANGUAGE_PREFIX = re.compile(r"^/(pl|bn|ar)(/.*)$")
REDIRECTS = (301, 302, 303, 307, 308)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def same_site(base: str, href: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url = urldefrag(urljoin("http://testserver" + base, href)).url
    parts = urlsplit(url)
    if parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def kind_of(url: str) -> tuple:
    """What sort of page `url` is, read from the address alone (before
    fetching it), so that the crawl can stop at a few of each sort."""
    parts = urlsplit(url)
    language, path = "en-gb", parts.path
    if match := LANGUAGE_PREFIX.match(path):
        language, path = match.groups()
    parameters = tuple(sorted({name for name, _ in parse_qsl(parts.query, True)}))
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return (language, "(no route)", parameters)
        if match.url_name != "wagtail_serve":
            return (language, match.route, parameters)
        request = RequestFactory().get(path)
        found = Page.route_for_request(request, path)
    if found is None:
        return (language, "(no page)", parameters)
    page, args, _kwargs = found
    view = getattr(args[0], "__name__", "") if args else ""
    return (language, type(page).__name__, view, parameters)


@dataclass
class Crawl:
    """What a crawl found: `problems` by kind, `pages`, the addresses that
    answered with an HTML page (after any redirect), in the order reached, and
    `kinds`, how many addresses of each kind were visited."""

    problems: dict[str, list[str]] = field(
        default_factory=lambda: {"500": [], "404": [], "loop": [], "403": []}
    )
    pages: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    visited: int = 0


def crawl(
    client,
    per_kind: int = PER_KIND,
    on_page=None,
    skip=None,
    start=START,
    cap: int | None = None,
) -> Crawl:
    """Breadth first from `start`, following every same-site link that neither
    SKIP nor `skip` (a further pattern) matches, visiting at most `per_kind`
    addresses of each kind (see `kind_of`) and, if `cap` is given, at most
    `cap` addresses in all (the axe test's budget).
    `on_page(path, response)` is called with each HTML page reached (after any
    redirect): the axe check of every kind of page
    (tests/browser/axe_every_page.py) picks its pages that way."""
    found = Crawl()
    problems = found.problems
    seen: set[str] = set()
    queue = deque((url, "(start)") for url in start)
    while queue and (cap is None or found.visited < cap):
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        kind = kind_of(url)
        if url not in start and found.kinds[kind] >= per_kind:
            continue
        found.kinds[kind] += 1
        found.visited += 1
        response = client.get(url)
        hops = [url]
        while response.status_code in REDIRECTS:
            target = same_site(hops[-1], response["Location"])
            if target is None:
                break
            if target in hops or len(hops) > 6:
                problems["loop"].append(f"{url} (from {source}): {hops}")
                break
            hops.append(target)
            response = client.get(target)
        status = response.status_code
        if status >= 500:
            problems["500"].append(f"{url} (from {source})")
        elif status == 404:
            problems["404"].append(f"{url} (from {source})")
        elif status == 403 and url not in start:
            problems["403"].append(f"{url} (from {source})")
        if status != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if hops[-1] not in found.pages:
            found.pages.append(hops[-1])
            if on_page is not None:
                on_page(hops[-1], response)
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            target = same_site(hops[-1], href)
            if (
                target
                and target not in seen
                and not SKIP.search(target)
                and not (skip and skip.search(target))
            ):
                queue.append((target, hops[-1]))
    return found


@pytest.mark.parametrize("email", PEOPLE)
def test_every_kind_of_linked_page_works(client, email, record_property):
    client.raise_request_exception = False
    sign_in(client, email)
    started = time.monotonic()
    found = crawl(client)
    record_property("pages", found.visited)
    record_property("kinds", len(found.kinds))
    record_property("seconds", round(time.monotonic() - started))
    logger.info(
        "%s: %d addresses, %d kinds, %.0f s",
        *(email, found.visited, len(found.kinds), time.monotonic() - started),
    )
    assert found.problems == {"500": [], "404": [], "loop": [], "403": []}


# A small site with every fault the crawl must find, for the test below.
def _broken_home(request):
    links = "".join(
        f'<a href="{href}">x</a>'
        for href in ["/boom/", "/loop/", "/gone/", "/away/"]
        + [f"/fine/{n}/" for n in range(10)]
    )
    return HttpResponse(f"<html><body>{links}</body></html>")


def _boom(request):
    raise RuntimeError("a server error")


def handler404(request, exception):
    return HttpResponseNotFound("<html></html>")


def handler500(request):
    return HttpResponseServerError("<html></html>")


urlpatterns = [
    path("", _broken_home),
    path("boom/", _boom),
    path("loop/", lambda request: HttpResponseRedirect("/loop/again/")),
    path("loop/again/", lambda request: HttpResponseRedirect("/loop/")),
    path("away/", lambda request: HttpResponseRedirect("/nowhere/")),
    path("fine/<int:n>/", lambda request, n: HttpResponse("<html></html>")),
]


@pytest.mark.urls(__name__)
def test_the_crawl_finds_a_server_error_a_redirect_loop_and_a_dead_link(client):
    client.raise_request_exception = False
    found = crawl(client, start=["/"])
    assert found.problems["500"] == ["/boom/ (from /)"]
    assert found.problems["loop"] == ["/loop/ (from /): ['/loop/', '/loop/again/']"]
    assert sorted(found.problems["404"]) == ["/away/ (from /)", "/gone/ (from /)"]
    # Ten addresses of one kind: three are visited, and every other kind.
    assert found.kinds[("en-gb", "fine/<int:n>/", ())] == PER_KIND
    assert found.visited == 5 + PER_KIND
