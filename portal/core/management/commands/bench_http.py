"""`make bench-http`: the production stack under HTTP load, as ratios to /healthz.

Starts gunicorn (config/gunicorn.py, production settings) on 127.0.0.1 against
PostgreSQL and Redis, warms each page up, then loads it with wrk for a few seconds:
anonymous from the page cache (also while another process purges it every second,
as editors publishing during a burst would), anonymous rendered afresh (a cookie the
cache does not know makes the request bypass it), what every render costs before
any content (the middleware alone; a page Wagtail does not find, with the chrome),
and signed in. Prints requests a second, p95 and
p99 latency as ratios to /healthz measured in the same run (at its start and its
end, averaged), and the cache hit rate.
Absolute numbers on a shared machine are noise; the ratios are comparable.
"""

import contextlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Counts responses by X-Cache header and prints rate and latency percentiles.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hits = 0; misses = 0 end
function response(status, headers, body)
  local state = headers["X-Cache"]
  if state == "HIT" then hits = hits + 1 end
  if state == "MISS" then misses = misses + 1 end
end
function done(summary, latency, requests)
  local h, m = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); m = m + t:get("misses") end
  io.write(string.format("RESULT %f %f %f %d %d %d\\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    h, m, summary.errors.status))
end
"""

ANONYMOUS = [
    "/",
    "/magazine/",
    "{issue}",
    "{article}",
    "/meetings/",
    "{meeting}",
    "/consultations/",
    "{consultation}",
    "/get-involved/",
    "/groups/",
    "/ar/",
    "/meetings/calendar.ics",
]
# What every render costs before any content: the middleware alone (robots.txt),
# and Wagtail routing an address to no page plus the site chrome (a 404).
FLOOR = ["/robots.txt", "/bench-no-such-page/"]
# Pages loaded again while everything is purged every second, as when editors
# publish during a burst of visitors.
PURGED = ["/", "/meetings/", "{meeting}", "/magazine/"]
PURGE_EVERY_SECOND = (
    "import sys, time\n"
    "from cms.core.pagecache import SITE, purge\n"
    "print('purging', flush=True)\n"
    "while True:\n"
    "    purge(SITE)\n"
    "    time.sleep(1)\n"
)
SIGNED_IN = {
    "resident@example.org": ["/portal/", "/", "/meetings/"],
    "chair@example.org": ["/portal/groups/", "{chair_group}"],
    "officer@example.org": ["/admin/expense_claims/"],
}


class Command(BaseCommand):
    help = "HTTP load on gunicorn + PostgreSQL + Redis: ratios to /healthz (wrk)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=3)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument(
            "--database-url",
            default=os.environ.get(
                "BENCH_DATABASE_URL",
                "postgres://postgres@127.0.0.1:5432/involve_bench",
            ),
        )
        parser.add_argument(
            "--redis-url",
            default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"),
        )
        parser.add_argument("--skip-setup", action="store_true")

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is missing: apt-get install -y wrk")
        self.seconds = options["seconds"]
        self.connections = options["connections"]
        self.base = f"http://127.0.0.1:{options['port']}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": options["database_url"],
            "REDIS_URL": options["redis_url"],
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL_REDIRECT": "0",
            "INVOLVE_REQUIRE_STAFF_MFA": "0",
            "TASKS_BACKEND": "immediate",
            "INVOLVE_DEMO_ALLOWED": "1",
            "GUNICORN_BIND": f"127.0.0.1:{options['port']}",
            # Production settings refuse to start without the public address.
            "WAGTAILADMIN_BASE_URL": self.base,
            "GUNICORN_ACCESS_LOG": "",
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        if not options["skip_setup"]:
            self._create_database(options["database_url"])
            # The demo (known passwords) loads only with the development settings.
            demo_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
            run([*manage, "migrate", "--no-input", "-v0"], env=demo_env)
            run([*manage, "load_demo_data"], env=demo_env)
            # As autovacuum would have by then: the planner's row counts are right.
            run([*manage, "dbshell", "--", "-c", "ANALYZE"], env=demo_env)
            run([*manage, "collectstatic", "--no-input", "-v0"], env=env)
        clear = "from django.core.cache import cache; cache.clear()"
        run([*manage, "shell", "-c", clear], env=env)
        log = Path(tempfile.gettempdir()) / f"bench-http-{options['port']}.log"
        self.stdout.write(f"gunicorn's log: {log}")
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py"]
        server = subprocess.Popen(  # noqa: S603 (our own interpreter and config)
            [*gunicorn, "config.wsgi"],
            env=env,
            cwd=settings.BASE_DIR,
            stderr=open(log, "w"),  # noqa: SIM115 (closed with the process)
        )
        try:
            self._wait_until_up()
            self._run(manage, env)
        finally:
            server.terminate()
            server.wait(timeout=30)

    def _create_database(self, url):
        parsed = urllib.parse.urlparse(url)
        name = parsed.path.lstrip("/")
        import psycopg2

        admin = psycopg2.connect(
            host=parsed.hostname,
            port=parsed.port or 5432,
            user=parsed.username or "postgres",
            password=parsed.password or None,
            dbname="postgres",
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()

    def _wait_until_up(self):
        for _ in range(120):
            try:
                url = self.base + "/healthz"
                with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (http://127.0.0.1)
                    return
            except OSError:  # not listening yet, or still starting
                time.sleep(0.5)
        raise CommandError("gunicorn did not answer /healthz within a minute")

    def _run(self, manage, env):
        names = self._names(manage, env)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        self.script = script.name
        first = self._load("/healthz")
        sections: list[tuple[str, list[tuple[str, dict]]]] = []
        hits = misses = 0
        for title, cookie in (
            ("Anonymous, from the page cache", None),
            ("Anonymous, rendered afresh (cache bypassed)", "bench=uncached"),
        ):
            rows = []
            for path in ANONYMOUS:
                path = path.format(**names)
                result = self._load(path, cookie=cookie)
                if cookie is None:
                    hits += result["hits"]
                    misses += result["misses"]
                rows.append((path, result))
            sections.append((title, rows))
        rows = []
        with self._purging(manage, env):
            for path in PURGED:
                rows.append((path.format(**names), self._load(path.format(**names))))
        sections.append(
            ("Anonymous, from the page cache, everything purged every second", rows)
        )
        sections.append(
            (
                "Before any content (cache bypassed): the middleware alone, and a "
                "page Wagtail does not find, with the chrome",
                [(path, self._load(path, cookie="bench=uncached")) for path in FLOOR],
            )
        )
        for email, paths in SIGNED_IN.items():
            cookie = self._sign_in(email)
            rows = [
                (path, self._load(path, cookie=cookie))
                for path in (path.format(**names) for path in paths)
            ]
            sections.append((f"Signed in as {email}", rows))
        last = self._load("/healthz")
        ceiling = yardstick(first, last)
        self.stdout.write(
            f"/healthz: {first['rate']:.0f} req/s at the start, {last['rate']:.0f} at "
            f"the end; ratios below are to their mean, {ceiling['rate']:.0f} req/s, "
            f"p95 {ceiling['p95']:.1f} ms, p99 {ceiling['p99']:.1f} ms "
            f"({self.seconds} s each, wrk -t2 -c{self.connections})"
        )
        if abs(first["rate"] - last["rate"]) > 0.25 * ceiling["rate"]:
            self.stdout.write(
                "The machine's load changed during the run (/healthz moved by more "
                "than a quarter): compare these ratios with care, or run again."
            )
        header = f"{'page':<44} {'req/s':>7} {'p95':>7} {'p99':>7} {'hits':>6}"
        for title, rows in sections:
            self.stdout.write(f"\n{title}\n{header}")
            for path, result in rows:
                self._print(path, result, ceiling)
        total = hits + misses
        rate = f"{100 * hits / total:.1f} %" if total else "n/a"
        self.stdout.write(f"\nPage cache hit rate (anonymous, cached runs): {rate}")

    @contextlib.contextmanager
    def _purging(self, manage, env):
        """A process purging the whole page cache every second meanwhile."""
        purger = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
            [*manage, "shell", "-c", PURGE_EVERY_SECOND],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            for line in purger.stdout:  # after what `shell` says as it starts
                if line.strip() == "purging":
                    break
            else:
                raise CommandError("the purging process did not start")
            yield
        finally:
            purger.terminate()
            purger.wait(timeout=30)

    def _print(self, path, result, ceiling):
        total = result["hits"] + result["misses"]
        hit = f"{100 * result['hits'] / total:.0f}%" if total else "-"
        errors = ""
        if result["errors"] and path not in FLOOR:
            errors = f"  ({result['errors']} non-2xx!)"
        self.stdout.write(
            f"{path[:44]:<44} {100 * result['rate'] / ceiling['rate']:6.1f}% "
            f"{result['p95'] / ceiling['p95']:6.1f}x "
            f"{result['p99'] / ceiling['p99']:6.1f}x {hit:>6}{errors}"
        )

    def _load(self, path, cookie=None):
        headers = ["-H", f"Cookie: {cookie}"] if cookie else []
        # Warm up: one whole request first (it fills the page cache), then a second.
        for _ in range(2):
            req = urllib.request.Request(self.base + path)  # noqa: S310
            if cookie:
                req.add_header("Cookie", cookie)
            try:
                with urllib.request.urlopen(req, timeout=60) as response:  # noqa: S310
                    response.read()
            except urllib.error.HTTPError as error:
                if path not in FLOOR:
                    raise
                error.read()
        warm = ["wrk", "-t1", "-c1", "-d1s", *headers, self.base + path]
        run(warm, capture_output=True)
        command = [
            "wrk",
            "-t2",
            f"-c{self.connections}",
            f"-d{self.seconds}s",
            "--timeout",
            "30s",
            "-s",
            self.script,
            *headers,
            self.base + path,
        ]
        output = run(command, capture_output=True, text=True).stdout
        match = re.search(r"^RESULT (\S+) (\S+) (\S+) (\d+) (\d+) (\d+)", output, re.M)
        if not match:
            raise CommandError(f"wrk said:\n{output}")
        rate, p95, p99, hits, misses, errors = match.groups()
        return {
            "rate": float(rate),
            "p95": max(float(p95), 0.01),
            "p99": max(float(p99), 0.01),
            "hits": int(hits),
            "misses": int(misses),
            "errors": int(errors),
        }

    def _names(self, manage, env):
        """Addresses of one demo issue, article, meeting, consultation, group."""
        code = (
            "from wagtail.models import Locale\n"
            "from cms.magazines.models import MagazineIssuePage, ArticlePage\n"
            "from cms.meetings.models import MeetingPage\n"
            "from cms.consultations.models import ConsultationPage\n"
            "from portal.groups.models import Group\n"
            "en = Locale.get_default()\n"
            "def url(model):\n"
            "    return model.objects.live().filter(locale=en).last().url\n"
            "print(url(MagazineIssuePage), url(ArticlePage), url(MeetingPage),\n"
            "      url(ConsultationPage),\n"
            "      '/portal/groups/%d/'\n"
            "      % Group.objects.get(name__startswith='Anchor').pk)\n"
        )
        demo_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        output = run(
            [*manage, "shell", "-c", code], env=demo_env, capture_output=True, text=True
        ).stdout.split()
        keys = ["issue", "article", "meeting", "consultation", "chair_group"]
        return dict(zip(keys, output[-5:], strict=True))

    def _sign_in(self, email):
        """Sign in through the real form; return the Cookie header to send."""
        jar: dict[str, str] = {}

        def request(path, data=None):
            body = urllib.parse.urlencode(data).encode() if data else None
            req = urllib.request.Request(self.base + path, data=body)  # noqa: S310
            if jar:
                req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in jar.items()))
            opener = urllib.request.build_opener(NoRedirect)
            try:
                response = opener.open(req, timeout=10)
            except urllib.error.HTTPError as error:
                response = error
            for value in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie(value)
                for key, morsel in cookie.items():
                    jar[key] = morsel.value
            return response.read().decode()

        page = request("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        request(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "login": email,
                "password": "Involve-demo-2026",
            },
        )
        if "sessionid" not in jar:
            raise CommandError(f"could not sign in as {email}")
        return "; ".join(f"{k}={v}" for k, v in jar.items())


def yardstick(first: dict, last: dict) -> dict:
    """`/healthz` measured at the start and the end of the run, averaged: one
    measurement alone moves every ratio with whatever else the machine did then."""
    return {key: (first[key] + last[key]) / 2 for key in ("rate", "p95", "p99")}


def run(command, **kwargs):
    """Our own interpreter, manage.py and wrk, with arguments we built."""
    return subprocess.run(command, check=True, **kwargs)  # noqa: S603


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
