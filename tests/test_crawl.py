"""Crawl the site as each demo person: every page reachable by links from `/`,
`/portal/` and `/admin/` answers without a server error, a redirect loop or a
dead link. Bounded: same-site links only, no sign-out, a cap per person, the
other languages only from their home pages (Arabic followed throughout, for
right to left), and the admin only down to its listings (not every edit form)."""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

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
CAP = 80
SKIP = re.compile(
    r"^/(?:(?:pl|bn|ar)/)?accounts/logout/"
    r"|^/(?:pl|bn)/.+"  # other languages: their home pages only
    r"|^/admin/.*/(?:edit|delete|copy|move|unpublish|history|usage|revisions"
    r"|preview|compare|workflow|add_subpage|lock|unlock|convert_alias)/"
    r"|^/admin/(?:images|documents|reports|logs|locales|sites|redirects)/.+"
    r"|^/documents/|^/portal/files/|^/i18n/|^/static/|^/media/"
    r"|\.(?:ics|csv|json|xml|xlsx|zip|pdf)(?:\?|$)"
)


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


def admin_too_deep(path: str) -> bool:
    return path.startswith("/admin/") and path.split("?")[0].count("/") > 5


@dataclass
class Crawl:
    """What a crawl found: `problems` by kind, and `pages`, the addresses that
    answered with an HTML page (after any redirect), in the order reached."""

    problems: dict[str, list[str]] = field(
        default_factory=lambda: {"500": [], "404": [], "loop": [], "403": []}
    )
    pages: list[str] = field(default_factory=list)


def crawl(client, cap: int = CAP, on_page=None) -> Crawl:
    """Breadth first from START, following same-site links that SKIP allows,
    at most `cap` addresses. `on_page(path, response)` is called with each HTML
    page reached (after any redirect): the axe check of every page
    (tests/browser/test_axe_every_page.py) picks its pages that way."""
    found = Crawl()
    problems = found.problems
    seen: set[str] = set()
    queue = deque((url, "(start)") for url in START)
    visited = 0
    while queue and visited < cap:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        visited += 1
        response = client.get(url)
        hops = [url]
        while response.status_code in (301, 302, 303, 307, 308):
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
        elif status == 403 and url not in START:
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
                and not admin_too_deep(target)
            ):
                queue.append((target, hops[-1]))
    return found


@pytest.mark.parametrize("email", PEOPLE)
def test_every_linked_page_works(client, email):
    client.raise_request_exception = False
    sign_in(client, email)
    problems = crawl(client).problems
    assert problems == {"500": [], "404": [], "loop": [], "403": []}
