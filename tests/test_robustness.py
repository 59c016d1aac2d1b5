"""The robustness suite: every address the project serves, every query-string
parameter its views read and every form field its pages render get made-up
values (huge and negative numbers, digits from other scripts, long text, dates
far out, quotes, NUL bytes) from the people who use them, and none may answer
with a server error or store a value outside its domain.

Nothing here is listed by hand: addresses come from the URL conf and the live
Wagtail pages with routes of their own, parameters from the source (every
`GET.get("…")`), form fields from the forms each page renders. A new view, a new
parameter or a new form is covered the day it is added. Examples are bounded
(`max_examples`) so the suite takes a few minutes; CI runs it on PostgreSQL and
on SQLite.
"""

import datetime
import functools
import re
import string
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern
from hypothesis import HealthCheck, find, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from portal.accounts.models import User
from portal.core.params import EARLIEST_DATE, LATEST_DATE

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
SOURCE_DIRS = ["cms", "portal", "search", "home", "config"]

# Addresses not sent made-up values, each with the reason (not hidden: listed).
LEFT_OUT = {
    "accounts/logout/": "signs the person out, ending the rest of the run's session",
    "i18n/setlang/": "Django's language switch: only redirects",
    "admin/failwhale/": "Wagtail's own error test page: raises on purpose",
}
# Signed in as each kind of person who uses the site.
PEOPLE = [
    None,
    "resident@example.org",
    "chair@example.org",
    "officer@example.org",
    "admin@example.org",
]

HUGE = "9" * 40
NASTY = [
    "abc",
    HUGE,
    "-1",
    "0",
    "١٢٣",  # Arabic-Indic digits
    "²",
    "9999-12-31",
    "0001-01-01",
    "9999-12",
    '"',
    "' OR 1=1 --",
    "a\x00b",
    "x" * 5000,
    "1e309",
    "NaN",
]


# ------------------------------------------------------------------ discovery


@dataclass(frozen=True)
class Route:
    """One URL pattern: its text as Django's `ResolverMatch.route` names it, and
    the whole path as one regular expression (routes and regexes alike)."""

    text: str
    regex: str
    written_as_regex: bool

    @property
    def has_arguments(self) -> bool:
        return re.compile(self.regex).groups > 0


def routes(resolver=None, text="", regex="", written_as_regex=False):
    """Every URL pattern the project serves (Wagtail's and allauth's included)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        piece = entry.pattern.regex.pattern.removeprefix("^")
        piece = piece.removesuffix("\\Z").removesuffix("$")
        as_regex = written_as_regex or isinstance(entry.pattern, RegexPattern)
        joined = URLResolver._join_route(text, str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from routes(entry, joined, regex + piece, as_regex)
        elif isinstance(entry, URLPattern):
            yield Route(joined, regex + piece, as_regex)


def _reaches(path: str, route: Route) -> bool:
    try:
        return resolve(path).route == route.text
    except Resolver404:
        return False


ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")
MADE_UP_ARGUMENTS = {
    "int": ["0", HUGE],
    "uuid": ["00000000-0000-4000-8000-000000000000"],
}
# Characters a made-up path for a regular expression may use: safe in a URL.
URL_SAFE = string.ascii_letters + string.digits + "-_.:~/"


@functools.cache
def filled(route: Route) -> tuple[str, ...]:
    """Paths that reach this route (checked with Django's own resolver): made-up
    values naming nothing (0 and forty nines for a number, "no-such" for a slug
    or text, a random UUID); for a route written as a regular expression (or one
    those values do not reach), the simplest path Hypothesis finds that matches
    it and reaches it. Empty if none does: `test_every_route_is_swept` fails."""
    paths = () if route.written_as_regex else _made_up(route)
    return paths or _found(route)


def _made_up(route: Route) -> tuple[str, ...]:
    converters = {conv or "str" for conv, _name in ARGUMENT.findall(route.text)}
    variants = max(
        (len(MADE_UP_ARGUMENTS.get(conv, [""])) for conv in converters), default=1
    )
    paths = []
    for index in range(variants):

        def made_up(match, index=index):
            options = MADE_UP_ARGUMENTS.get(match.group(1) or "str", ["no-such"])
            return options[min(index, len(options) - 1)]

        paths.append("/" + ARGUMENT.sub(made_up, route.text))
    return tuple(path for path in paths if _reaches(path, route))


def _found(route: Route) -> tuple[str, ...]:
    try:
        path = find(
            st.from_regex(route.regex, fullmatch=True, alphabet=URL_SAFE),
            lambda text: _reaches("/" + text, route),
            settings=hypothesis_settings(
                database=None, derandomize=True, max_examples=300
            ),
        )
    except (NoSuchExample, Unsatisfiable):
        return ()
    return ("/" + path,)


def _without_language(path: str) -> str:
    return "/" + path.removeprefix("/").removeprefix("en/")


def _swept(route: Route) -> bool:
    path = _without_language("/" + route.text)
    return path.lstrip("/") not in LEFT_OUT


def discovered_paths() -> list[str]:
    """Every route without path arguments, plus Wagtail pages with routes of
    their own (the finders), as paths to request."""
    paths = {
        _without_language(path)
        for route in routes()
        if not route.has_arguments and _swept(route)
        for path in filled(route)
    }
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Locale, Page

    for page in Page.objects.live().filter(locale=Locale.get_default()).specific():
        if isinstance(page, RoutablePageMixin) and page.url:
            paths.add(page.url)
    return sorted(paths)


def discovered_argument_paths() -> list[str]:
    """Every route with path arguments (routes written as regular expressions,
    Wagtail's and allauth's, included), filled with made-up values."""
    return sorted(
        {
            _without_language(path)
            for route in routes()
            if route.has_arguments and _swept(route)
            for path in filled(route)
        }
    )


def discovered_parameters() -> list[str]:
    """Every query-string parameter a view reads (from the source)."""
    found = set()
    reads = re.compile(r"""GET(?:\.get\(|\[|\.getlist\()\s*["']([\w-]+)["']""")
    checks = re.compile(r"""["']([\w-]+)["']\s+in\s+(?:self\.)?request\.GET""")
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            found.update(reads.findall(text))
            found.update(checks.findall(text))
    return sorted(found)


class _FormFields(HTMLParser):
    """The names of the fields in a page's forms (POST forms only)."""

    def __init__(self):
        super().__init__()
        self.in_post_form = False
        self.names: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_post_form = (attrs.get("method") or "").lower() == "post"
        elif self.in_post_form and tag in ("input", "select", "textarea"):
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken":
                self.names[name] = attrs.get("type", tag)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_post_form = False


def form_fields(html: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(html)
    return parser.names


# ------------------------------------------------------------------ values

values = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d.isoformat()),
    st.text(max_size=300),
)


def _client(email: str | None) -> Client:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def _check(response, method, path, data):
    assert response.status_code < 500, (method, path, data, response.status_code)


# ------------------------------------------------------------------ the checks


def test_discovery_finds_the_known_addresses_and_parameters():
    """A guard that discovery works (if it broke, the suite would prove nothing)."""
    paths = discovered_paths()
    for known in ("/other-formats/", "/search/", "/portal/preferences/"):
        assert known in paths
    assert any(p.startswith("/meetings/") for p in paths)
    assert any(p.startswith("/admin/") for p in paths)
    params = discovered_parameters()
    for known in ("page", "month", "topic", "q", "year", "body"):
        assert known in params


def test_every_route_is_swept():
    """Every URL pattern the project serves, but those left out with a reason,
    is requested by the sweeps: routes written as regular expressions too
    (Wagtail's page revisions, documents, admin API and page serving, allauth's
    e-mail and password links). A new route no path can reach fails here."""
    every = [route for route in routes() if _swept(route)]
    assert [route.text for route in every if not filled(route)] == []
    swept = set(discovered_paths()) | set(discovered_argument_paths())
    as_regex = [route for route in every if route.written_as_regex]
    assert len(as_regex) >= 9, as_regex
    for route in as_regex:
        assert {_without_language(path) for path in filled(route)} <= swept
    # The check can fail: a route the URL conf does not serve is reached by no path.
    assert filled(Route("nowhere/(?P<n>\\d+)/", "nowhere/(?P<n>\\d+)/", True)) == ()


SWEEP = ["abc", HUGE, "١٢٣", "9999-12-31", '"', "a\x00b"]


def people_for(path: str) -> list[str | None]:
    """Who uses an address: staff the admin, residents and officers the portal."""
    if path.startswith("/admin/"):
        return ["officer@example.org", "admin@example.org"]
    if path.startswith("/portal/"):
        return ["resident@example.org", "chair@example.org"]
    return [None, "resident@example.org"]


@pytest.mark.parametrize("role", [0, 1])
def test_every_address_survives_every_nasty_parameter(role):
    params = discovered_parameters()
    clients = {}
    for path in discovered_paths():
        email = people_for(path)[role]
        client = clients.setdefault(email, _client(email))
        for value in SWEEP:
            query = dict.fromkeys(params, value)
            _check(client.get(path, query), "GET", path, value)


@pytest.mark.parametrize("role", [0, 1])
def test_addresses_naming_no_record_are_refused_or_not_found_never_a_crash(role):
    """A link to a claim, group or page that does not exist (or a number too big
    for any record) is a 404, a refusal or a sign-in, never a server error."""
    clients = {}
    paths = discovered_argument_paths()
    assert len(paths) > 200  # the admin's and portal's routes with arguments
    crashed = []
    for path in paths:
        email = people_for(path)[role]
        client = clients.setdefault(email, _client(email))
        try:
            status = client.get(path).status_code
        except Exception as error:  # noqa: BLE001 (the test client re-raises it)
            status = repr(error)[:100]
        if not isinstance(status, int) or status >= 500:
            crashed.append((path, status))
    assert not crashed, crashed


def test_a_record_number_too_big_for_the_database_is_a_form_error_not_a_crash():
    """A key past 64 bits, through a foreign key or a page's parent link, matches
    nothing on either database (SQLite's driver would crash binding it)."""
    from django.contrib.auth.models import Permission

    from cms.consultations.models import ConsultationPage
    from portal.training.models import Course, Session

    assert not ConsultationPage.objects.filter(pk=int(HUGE)).exists()
    assert not Session.objects.filter(meeting=int(HUGE)).exists()
    # A multiple choice (`pk__in`) leaves such a number out.
    assert not Permission.objects.filter(pk__in=[int(HUGE)]).exists()
    admin = _client("admin@example.org")
    groups = admin.post("/admin/groups/new/", {"name": "Tenants", "permissions": HUGE})
    assert groups.status_code == 200
    client = _client("officer@example.org")
    response = client.post(
        "/admin/training_sessions/new/",
        {
            "course": Course.objects.first().pk,
            "starts_at": "2027-01-10 18:00",
            "ends_at": "2027-01-10 20:00",
            "place": "Anchor Community Centre",
            "capacity": "15",
            "meeting": HUGE,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Session.objects.filter(place="Anchor Community Centre").exists()


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_generated_parameters_and_form_values_never_fail(data):
    email = data.draw(st.sampled_from(PEOPLE), label="who")
    client = _client(email)
    path = data.draw(st.sampled_from(discovered_paths()), label="path")
    params = discovered_parameters()
    chosen = data.draw(st.lists(st.sampled_from(params), max_size=3), label="params")
    query = {name: data.draw(values, label=name) for name in chosen}
    response = client.get(path, query)
    _check(response, "GET", path, query)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    fields = form_fields(response.content.decode(errors="replace"))
    if not fields:
        return
    post = {name: data.draw(values, label=name) for name in fields}
    _check(client.post(path, post), "POST", path, post)
    _stored_values_stay_in_their_domain()


def _stored_values_stay_in_their_domain():
    outside = values_outside_their_domain()
    assert not outside, outside


def values_outside_their_domain() -> list[tuple[str, str]]:
    """(model, field) for every stored value outside its domain: dates outside
    the sane window, numbers outside the validators their fields declare (what
    the forms promise beside the field)."""
    return [
        (model._meta.label, name)
        for model, name, out_of_domain in _domain_checks()
        if model._base_manager.filter(out_of_domain).exists()
    ]


@functools.cache
def _domain_checks() -> list[tuple[type[models.Model], str, models.Q]]:
    """For each of the project's date and number fields, the filter that finds a
    stored value outside its domain (found once: the sweep runs it per post)."""
    checks = []
    for config in apps.get_app_configs():
        if not str(config.path).startswith(str(ROOT)) or ".venv" in config.path:
            continue
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                out_of_domain = _outside(field)
                if out_of_domain is not None:
                    checks.append((model, field.name, out_of_domain))
    return checks


def _outside(field) -> models.Q | None:
    if isinstance(field, models.DateField) and not isinstance(
        field, models.DateTimeField
    ):
        low, high = EARLIEST_DATE, LATEST_DATE
    elif isinstance(
        field, models.IntegerField | models.DecimalField | models.FloatField
    ) and not isinstance(field, models.AutoField):
        low = _limit(field, MinValueValidator)
        high = _limit(field, MaxValueValidator)
    else:
        return None
    query = models.Q()
    if low is not None:
        query |= models.Q(**{f"{field.name}__lt": low})
    if high is not None:
        query |= models.Q(**{f"{field.name}__gt": high})
    return query or None


def _limit(field, kind):
    """The tightest limit of this kind among a field's validators (None if it has
    none)."""
    limits = [
        v.limit_value() if callable(v.limit_value) else v.limit_value
        for v in field.validators
        if isinstance(v, kind)
    ]
    if not limits:
        return None
    return max(limits) if kind is MinValueValidator else min(limits)


def test_the_domain_sweep_finds_a_number_stored_outside_its_validators():
    """The sweep can fail: a negative target (its field says at least 0, and no
    database rule backs that) is found; a date far out is refused before it."""
    from portal.actions.models import Action
    from portal.reports.models import MeasureTarget

    assert values_outside_their_domain() == []
    target = MeasureTarget.objects.first()
    MeasureTarget.objects.filter(pk=target.pk).update(target=-1)
    assert values_outside_their_domain() == [("reports.MeasureTarget", "target")]
    MeasureTarget.objects.filter(pk=target.pk).update(target=1)
    # A date far out cannot even be stored now: every date column has its
    # 1900–2100 window in the database (`date_window`), so the write is refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=Action.objects.first().pk).update(
            due_on=datetime.date(1800, 1, 1)
        )
    assert values_outside_their_domain() == []
