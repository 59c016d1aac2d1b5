"""axe on every kind of page the demo people reach, at 1280 px and 390 px (issue 16).

The pages are the ones the crawl reaches for each demo person
(`tests/test_crawl.py`: links from `/`, `/portal/` and `/admin/`, one address of
each kind, at most `AXE_CAP` addresses a person, within `AXE_BOUNDS`: Polish
and Bengali from their home pages only, Arabic followed throughout for right to
left, the admin down to its listings, so the number of axe runs stays what CI
can afford), read with the Django test client in this process. Pages of one
URL pattern share a template, so one page stands for each pattern: the key is the
route the address resolves to (with its language prefix, so right-to-left Arabic
pages count apart) and the first template it rendered (every Wagtail page
resolves to the one catch-all route; its page type's template tells them apart).

Sampled coarsely to fit CI: a pattern is read once for all people, by the first
person in `PEOPLE` whose crawl reaches it (the resident first, then the chair and
so on), in that person's own signed-in browser. So a portal page that everyone
sees is read as the resident; the panel's and the back office's pages as the
first person who has them. Each page is loaded once at 1280 px, read, then
resized to 390 px and read again (the layout follows the width through CSS).

Split into three test files, because as one test it took about thirteen minutes
and pytest-xdist (`--dist loadfile` keeps a file on one worker) left the other
worker idle meanwhile: `test_axe_every_public_or_portal_page.py` and the back
office in two halves of about equal cost, `test_axe_every_back_office_page_a_to_g.py`
and `test_axe_every_back_office_page_h_to_z.py`, each call
`check_every_kind_of_page` with their area of `AREAS`. Each crawls as every
person (half a minute), as who reaches a pattern first decides who reads it, and
reads only its own area's pages. Each also fails if the crawl reached a page that
not exactly one area claims, so a new part of the site cannot fall between the
files. (Most of those thirteen minutes were the back office waiting out Wagtail's
25-second sidebar badge animation; `settled()` now finishes animations instead, and
the three files took 100, 59 and 50 s in CI.)

Public and portal pages: WCAG 2.2 AA and axe's best-practice rules; the back
office (`/admin/`): WCAG 2.2 A/AA, as in the journeys. Any exception is listed in
`WAGTAIL_ADMIN_EXCEPTIONS` with its reason.
"""

import logging
import re
import time

from django.test import Client

from tests.browser.test_accessibility import axe_violations, wcag_violations
from tests.conftest import sign_in
from tests.test_crawl import PEOPLE, crawl

logger = logging.getLogger(__name__)

WIDTHS = [1280, 390]

# At most this many addresses a person (one of each kind), as before the crawl
# lost its cap, so that the axe runs stay what CI can afford.
AXE_CAP = 80
# Where axe does not follow the crawl (the crawl test itself goes everywhere).
AXE_BOUNDS = re.compile(
    r"^/(?:pl|bn)/.+"
    r"|^/admin/.*/(?:edit|delete|copy|move|unpublish|history|usage|revisions"
    r"|preview|compare|workflow|add_subpage|lock|unlock|convert_alias)/"
    r"|^/admin/(?:images|documents|reports|logs|locales|sites|redirects)/.+"
    r"|^/admin/(?:[^/?]+/){4}"
    r"|^/documents/|^/portal/files/|^/static/|^/media/"
    r"|\.(?:ics|csv|json|xml|xlsx|zip|pdf)(?:\?|$)"
)

# Which test file reads a page, by its address. The back office is most of the
# cost (each of its pages takes about 25 s at 1280 px, against about a second for
# a public or portal page), so its sections are halved by first letter, and the
# public site and the portal, in any language, are the third file.
_BACK_OFFICE_A_TO_G = r"/admin/(?:$|\?|[a-g])"
AREAS = {
    "public or portal": re.compile(r"^(?!/admin/)"),
    "back office a-g": re.compile(rf"^{_BACK_OFFICE_A_TO_G}"),
    "back office h-z": re.compile(rf"^(?!{_BACK_OFFICE_A_TO_G})/admin/"),
}

# (axe rule, node selector) pairs in Wagtail's own admin markup, which we cannot
# change from our templates. Each one says why it is not ours to fix.
WAGTAIL_ADMIN_EXCEPTIONS: dict[tuple[str, str], str] = {}


def areas_of(path: str) -> list[str]:
    return [area for area, prefix in AREAS.items() if prefix.match(path)]


def pattern(response) -> tuple[str, str]:
    """The route the page resolved to and the first template it rendered."""
    match = response.resolver_match
    route = match.route if match else ""
    templates = [t.name for t in response.templates if t.name]
    return route, templates[0] if templates else ""


def crawled_pages(email: str, chosen: dict) -> Client:
    """Crawls as `email`, adding to `chosen` the first address of each
    (route, template) nobody has yet; returns the signed-in client."""
    client = Client(raise_request_exception=False)
    sign_in(client, email)

    def keep(path, response):
        chosen.setdefault(pattern(response), (email, path))

    crawl(client, per_kind=1, on_page=keep, skip=AXE_BOUNDS, cap=AXE_CAP)
    return client


def without_exceptions(path: str, violations: list) -> list:
    if not path.startswith("/admin/"):
        return violations
    kept = []
    for rule, targets in violations:
        left = [
            t
            for t in targets
            if (rule, " ".join(map(str, t))) not in WAGTAIL_ADMIN_EXCEPTIONS
        ]
        if left:
            kept.append((rule, left))
    return kept


def check_every_kind_of_page(area: str, demo_site, browser, record_property):
    """The test of one area: crawls as every person in `PEOPLE` and, after each
    person's crawl, reads with axe the pages of `area` that person reached first."""
    began = time.monotonic()
    chosen: dict[tuple[str, str], tuple[str, str]] = {}
    found = {}
    read = 0
    crawling = 0.0
    for email in PEOPLE:
        before = set(chosen)
        started = time.monotonic()
        client = crawled_pages(email, chosen)
        crawling += time.monotonic() - started
        mine = [
            chosen[key][1]
            for key in chosen
            if key not in before and AREAS[area].match(chosen[key][1])
        ]
        if not mine:
            continue
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
        # The browser carries the session the crawl signed in with.
        context.add_cookies(
            [
                {"name": name, "value": morsel.value, "url": demo_site}
                for name, morsel in client.cookies.items()
            ]
        )
        page = context.new_page()
        for path in mine:
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(demo_site + path)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                if path.startswith("/admin/"):
                    violations = without_exceptions(path, wcag_violations(page))
                else:
                    violations = axe_violations(page)
                if violations:
                    found[f"{path} as {email} @ {width}px"] = violations
        context.close()
        read += len(mine)
        logger.info("%s: %d new kinds of %s page", email, len(mine), area)
    seconds = round(time.monotonic() - began)
    logger.info(
        "%d of %d kinds of page (%s) at %s px in %d s (%d s of it crawling)",
        *(read, len(chosen), area, WIDTHS, seconds, crawling),
    )
    record_property("pages_per_width", read)
    record_property("kinds_reached", len(chosen))
    record_property("seconds", seconds)
    # Every page the crawl reached is some one file's to read.
    unplaced = {
        path: areas_of(path)
        for _email, path in chosen.values()
        if len(areas_of(path)) != 1
    }
    assert unplaced == {}, f"Give each of these pages one area in AREAS: {unplaced}"
    assert found == {}
