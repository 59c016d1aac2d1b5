"""The production stack on 127.0.0.1, for a try or a bounded scale-out proof.

    make prod-try     # start it with the demo and wait (Ctrl-C stops everything)
    make scale-out    # start it, put load on it, check the results, stop

Production settings, two gunicorn processes on two ports, a task worker, two
schedulers, PostgreSQL, Redis and a local S3-compatible server (moto) with a public
and a private bucket. The load (threads, spread over both ports): anonymous pages,
sign-ins, expense claims with receipts, consultation responses and meeting replies.
The proof checks: no server error; every accepted submission is in the database
exactly once; every receipt is in the private bucket and not readable by its URL;
sessions survive moving between the two web processes; each scheduled job was
enqueued and run once per period although two schedulers ran. It prints requests a
second and the 95th percentile time as ratios to /healthz measured in the same run.

Environment: PGURL (postgres://postgres@127.0.0.1:5432), STACK_DB (involve_stack),
STACK_REDIS (redis://127.0.0.1:6379/3), STACK_PORT (8101: web on it and the next
one, S3 on +8), LOAD_SECONDS (60), LOAD_USERS (8).
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PGURL = os.environ.get("PGURL", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("STACK_DB", "involve_stack")
PORT = int(os.environ.get("STACK_PORT", "8101"))
WEB_PORTS = [PORT, PORT + 1]
S3_PORT = PORT + 8
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
USERS = int(os.environ.get("LOAD_USERS", "8"))
PASSWORD = "Involve-demo-2026"
LOG_DIR = ROOT / "var" / "stack"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "DATABASE_URL": f"{PGURL}/{DB}",
    "REDIS_URL": os.environ.get("STACK_REDIS", "redis://127.0.0.1:6379/3"),
    "TASKS_BACKEND": "database",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PORT}",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "INVOLVE_REQUIRE_STAFF_MFA": "false",
    "AWS_STORAGE_BUCKET_NAME": "involve-media",
    "AWS_PRIVATE_BUCKET_NAME": "involve-private",
    "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{S3_PORT}",
    "AWS_S3_REGION_NAME": "eu-west-2",
    "AWS_S3_ADDRESSING_STYLE": "path",
    "AWS_ACCESS_KEY_ID": "stack",
    "AWS_SECRET_ACCESS_KEY": "stack-secret",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
    "WEB_CONCURRENCY": "2",
    "GUNICORN_THREADS": "2",
}
ENV.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
PROCESSES: list[subprocess.Popen] = []


def say(text: str) -> None:
    sys.stdout.write(f"[stack] {text}\n")
    sys.stdout.flush()


def run(*args: str, env: dict | None = None) -> None:
    subprocess.run(args, cwd=ROOT, env=env or ENV, check=True)


def start(name: str, *args: str, **extra: str) -> subprocess.Popen:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = (LOG_DIR / f"{name}.log").open("w")
    process = subprocess.Popen(
        args, cwd=ROOT, env={**ENV, **extra}, stdout=log, stderr=subprocess.STDOUT
    )
    PROCESSES.append(process)
    return process


def stop_all() -> None:
    for process in PROCESSES:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in PROCESSES:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(url: str, seconds: float = 180) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=10).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def prepare() -> None:
    import boto3

    say(f"S3 (moto) on 127.0.0.1:{S3_PORT}")
    start("s3", str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT))
    wait_for(f"http://127.0.0.1:{S3_PORT}/")
    s3 = boto3.client(
        "s3",
        endpoint_url=ENV["AWS_S3_ENDPOINT_URL"],
        region_name="eu-west-2",
        aws_access_key_id="stack",
        aws_secret_access_key="stack-secret",
    )
    for bucket in ("involve-media", "involve-private"):
        s3.create_bucket(
            Bucket=bucket,
            CreateBucketConfiguration={"LocationConstraint": "eu-west-2"},
        )
    say(f"PostgreSQL database {DB} (new), migrations, demo data, static files")
    run(
        "psql", f"{PGURL}/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"
    )
    run("psql", f"{PGURL}/postgres", "-qc", f"CREATE DATABASE {DB}")
    run(str(BIN / "python"), "manage.py", "migrate", "--no-input", "-v", "0")
    demo_env = {
        **ENV,
        "DJANGO_SETTINGS_MODULE": "config.settings.tryout",
        "TASKS_BACKEND": "immediate",
    }
    run(str(BIN / "python"), "manage.py", "load_demo_data", env=demo_env)
    run(str(BIN / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0")
    subprocess.run(["redis-cli", "-u", ENV["REDIS_URL"], "FLUSHDB"], check=True)


def start_processes() -> None:
    for port in WEB_PORTS:
        say(f"web (gunicorn) on 127.0.0.1:{port}")
        start(
            f"web{port}",
            str(BIN / "gunicorn"),
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
            GUNICORN_BIND=f"127.0.0.1:{port}",
        )
    say("a task worker and two schedulers")
    start("worker", str(BIN / "python"), "manage.py", "db_worker")
    for number in (1, 2):
        start(
            f"scheduler{number}",
            str(BIN / "python"),
            "manage.py",
            "run_scheduler",
            "--interval",
            "15",
            LOG_LEVEL="INFO",
        )
    for port in WEB_PORTS:
        wait_for(f"http://127.0.0.1:{port}/healthz")


# --- load ---------------------------------------------------------------------------


class Visitor:
    """One person's browser: its own cookies, moving between the web processes."""

    def __init__(self, stats: Stats):
        import requests

        self.http = requests.Session()
        self.cookies: dict[str, str] = {}
        self.stats = stats

    def request(self, method: str, path: str, *, kind: str, **kwargs):
        port = random.choice(WEB_PORTS)
        # Behind the HTTPS proxy: secure cookies and the CSRF origin as in production.
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{port}",
            "Referer": f"https://127.0.0.1:{port}{path}",
        }
        started = time.perf_counter()
        response = self.http.request(
            method,
            f"http://127.0.0.1:{port}{path}",
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        self.stats.record(kind, time.perf_counter() - started, response.status_code)
        self.cookies.update(response.cookies.get_dict())
        return response

    def form(self, path: str, data: dict, *, kind: str, files=None):
        self.request("GET", path, kind=kind + " (form)")
        token = self.cookies.get("csrftoken", "")
        return self.request(
            "POST",
            path,
            kind=kind,
            data={**data, "csrfmiddlewaretoken": token},
            files=files,
        )


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter = Counter()
        self.by_kind: dict[str, Counter] = defaultdict(Counter)
        self.accepted: Counter = Counter()
        self.problems: list[str] = []

    def record(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            self.statuses[status] += 1
            self.by_kind[kind][status] += 1
            if status >= 500:
                self.problems.append(f"{kind}: {status}")

    def problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)

    def accept(self, kind: str) -> None:
        with self.lock:
            self.accepted[kind] += 1


def counted(loop, stats: Stats):
    """A load thread that dies (a connection dropped by a web process) is a
    problem of the run, not only a traceback on the screen."""

    def run(*args):
        try:
            loop(*args)
        except Exception as error:  # noqa: BLE001 (any failure fails the proof)
            stats.problem(f"{loop.__name__} stopped: {error!r}"[:300])

    return run


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def measure_healthz(seconds: float) -> tuple[float, float]:
    stats = Stats()
    stop = time.monotonic() + seconds

    def loop():
        visitor = Visitor(stats)
        while time.monotonic() < stop:
            visitor.request("GET", "/healthz", kind="healthz")

    threads = [threading.Thread(target=loop) for _ in range(USERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = stats.times["healthz"]
    return len(times) / seconds, p95(times)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ANON_PATHS = ["/", "/meetings/", "/magazine/", "/consultations/", "/groups/", "/ar/"]


def signed_in_visitor(email: str, stats: Stats) -> Visitor:
    visitor = Visitor(stats)
    response = visitor.form(
        "/accounts/login/", {"login": email, "password": PASSWORD}, kind="sign in"
    )
    if response.status_code != 302:
        stats.problem(f"{email} could not sign in ({response.status_code})")
    return visitor


def person_loop(email: str, facts: dict, stats: Stats, stop: float) -> None:
    visitor = signed_in_visitor(email, stats)
    stats.accept("sign in")
    while time.monotonic() < stop:
        action = random.choice(["anon", "anon", "portal", "claim", "rsvp", "consult"])
        if action == "anon":
            visitor.request("GET", random.choice(ANON_PATHS), kind="page")
        elif action == "portal":
            # Another web process than the one that signed them in, half the time.
            page = visitor.request("GET", "/portal/", kind="portal")
            if page.status_code != 200 or email not in page.text:
                stats.problem(f"{email} lost their session ({page.status_code})")
        elif action == "claim":
            claim(visitor, stats)
        elif action == "rsvp" and facts["meetings"]:
            meeting = random.choice(facts["meetings"])
            reply = visitor.form(
                f"/portal/meetings/{meeting}/reply/",
                {"response": "attending", "access_needs": "", "comments": ""},
                kind="meeting reply",
            )
            if reply.status_code == 302:
                stats.accept(f"rsvp {meeting} {email}")
        elif action == "consult":
            answer(visitor, facts, stats, email)


def claim(visitor: Visitor, stats: Stats) -> None:
    from datetime import date, timedelta

    started = visitor.form(
        "/portal/expenses/new/",
        {
            "activity": "training",
            "description": f"Training {uuid.uuid4().hex[:8]}",
            "activity_date": (date.today() - timedelta(days=3)).isoformat(),
        },
        kind="expense claim",
    )
    if started.status_code != 302:
        return
    stats.accept("claim")
    path = started.headers["Location"]
    receipt = PDF + f"%{uuid.uuid4().hex}".encode()
    line = visitor.form(
        path,
        {"action": "line", "kind": "other", "spent": "4.50"},
        kind="expense line with receipt",
        files={"receipt": ("receipt.pdf", receipt, "application/pdf")},
    )
    if line.status_code == 302:
        stats.accept("receipt")


def answer(visitor: Visitor, facts: dict, stats: Stats, email: str) -> None:
    data = facts["consultation_answers"]
    if not data:
        return
    response = visitor.form(
        facts["consultation_url"] + "respond/", data, kind="consultation response"
    )
    if response.status_code == 302:
        stats.accept(f"response {email}")


def load_facts() -> dict:
    import django

    django.setup()
    from django.utils import timezone

    from cms.consultations.models import ConsultationPage
    from cms.meetings.models import MeetingPage

    meetings = list(
        MeetingPage.objects.live()
        .filter(start__gt=timezone.now(), locale__language_code="en-gb")
        .order_by("start")
        .values_list("pk", flat=True)[:3]
    )
    page = ConsultationPage.objects.get(slug="estate-cleaning")
    blocks = list(page.questions)
    answers = {
        f"q_{blocks[0].id}": "Unhappy",
        f"q_{blocks[1].id}": ["Cost", "Speed"],
        f"q_{blocks[2].id}": "2",
        f"q_{blocks[3].id}_0": "3",
        f"q_{blocks[3].id}_1": "1",
        f"q_{blocks[3].id}_2": "2",
        f"q_{blocks[4].id}": "More bins please",
    }
    return {
        "meetings": meetings,
        "consultation_url": page.url,
        "consultation_answers": answers,
    }


EMAILS = [
    "resident@example.org",
    "chair@example.org",
    "secretary@example.org",
    "treasurer@example.org",
    "neighbour@example.org",
    "panel@example.org",
    "panel2@example.org",
    "reader@example.org",
]


def verify(stats: Stats, started_at) -> None:
    import boto3
    import requests
    from django.db.models import Count

    from cms.consultations.models import Response
    from portal.core.models import PrivateFile
    from portal.expenses.models import ExpenseClaim, ExpenseLine
    from portal.participation.models import Rsvp
    from portal.scheduler.models import JobRun

    claims = ExpenseClaim.objects.filter(created_at__gte=started_at).count()
    if claims != stats.accepted["claim"]:
        stats.problem(f"{stats.accepted['claim']} claims accepted, {claims} stored")
    lines = ExpenseLine.objects.filter(claim__created_at__gte=started_at)
    receipts = list(lines.exclude(receipt=None).values_list("receipt_id", flat=True))
    if len(receipts) != stats.accepted["receipt"]:
        stats.problem(
            f"{stats.accepted['receipt']} receipts sent, {len(receipts)} kept"
        )
    s3 = boto3.client(
        "s3",
        endpoint_url=ENV["AWS_S3_ENDPOINT_URL"],
        region_name="eu-west-2",
        aws_access_key_id="stack",
        aws_secret_access_key="stack-secret",
    )
    for private in PrivateFile.objects.filter(pk__in=receipts):
        name = private.file.name
        s3.head_object(Bucket="involve-private", Key=name)  # raises if missing
        anonymous = requests.get(
            f"{ENV['AWS_S3_ENDPOINT_URL']}/involve-private/{name}", timeout=5
        )
        if anonymous.status_code != 403:
            stats.problem(f"receipt {name} readable by URL ({anonymous.status_code})")
    rsvps = [k.split() for k in stats.accepted if k.startswith("rsvp ")]
    for _, meeting, email in rsvps:
        kept = Rsvp.objects.filter(meeting_id=meeting, person__email=email).count()
        if kept != 1:
            stats.problem(f"{email}'s reply to meeting {meeting} stored {kept} times")
    responses = [k.split()[1] for k in stats.accepted if k.startswith("response ")]
    for email in responses:
        kept = Response.objects.filter(
            consultation__slug="estate-cleaning", respondent__email=email
        ).count()
        if kept != 1:
            stats.problem(f"{email}'s consultation response stored {kept} times")
    say(
        f"accepted: {stats.accepted['sign in']} sign-ins, {claims} claims, "
        f"{len(receipts)} receipts, {len(rsvps)} meeting replies, "
        f"{len(responses)} consultation respondents"
    )
    # Each scheduled job: enqueued and run once per due time, two schedulers running.
    # The shortest schedule is a minute, which a short load may fall between: wait
    # for the next due time rather than call an empty run a pass or a failure.
    runs = JobRun.objects.filter(enqueued_at__gte=started_at)
    deadline = time.monotonic() + 75
    while not runs.exists() and time.monotonic() < deadline:
        time.sleep(3)
    if runs.exists():
        time.sleep(10)  # let the worker finish what was just enqueued
    per_period = runs.values("job", "due_at").annotate(n=Count("pk")).filter(n__gt=1)
    if per_period.exists():
        stats.problem("a scheduled job was enqueued twice for one due time")
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.filter(
        task_path="portal.scheduler.tasks.run_scheduled_job",
        enqueued_at__gte=started_at,
    )
    if not runs.exists():
        stats.problem("no scheduled job ran, so nothing shows one scheduler leading")
    if tasks.count() != runs.count():
        stats.problem(f"{runs.count()} job runs but {tasks.count()} tasks")
    done = tasks.filter(status="SUCCESSFUL").count()
    leaders = sum(
        "leading" in (LOG_DIR / f"scheduler{n}.log").read_text() for n in (1, 2)
    )
    if leaders != 1:
        stats.problem(f"{leaders} schedulers led (expected exactly one)")
    per_job = dict(Counter(runs.values_list("job", flat=True)))
    say(
        f"scheduled: {runs.count()} job runs {per_job}, "
        f"{done} finished by the worker; {leaders} scheduler led"
    )


def scale_out() -> int:
    from django.utils import timezone

    facts = load_facts()
    say(f"measuring /healthz for 10 s with {USERS} threads")
    health_rps, health_p95 = measure_healthz(10)
    stats = Stats()
    started_at = timezone.now()
    stop = time.monotonic() + LOAD_SECONDS
    say(f"load for {LOAD_SECONDS:.0f} s: {len(EMAILS[:USERS])} people + 2 anonymous")
    threads = [
        threading.Thread(
            target=counted(person_loop, stats), args=(email, facts, stats, stop)
        )
        for email in EMAILS[:USERS]
    ]

    def anonymous():
        visitor = Visitor(stats)
        while time.monotonic() < stop:
            visitor.request("GET", random.choice(ANON_PATHS), kind="page")

    threads += [threading.Thread(target=counted(anonymous, stats)) for _ in range(2)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    time.sleep(20)  # let the worker finish the last scheduled jobs
    everything = [t for times in stats.times.values() for t in times]
    rps = len(everything) / elapsed
    say(
        f"/healthz: {health_rps:.0f} req/s, p95 {health_p95 * 1000:.1f} ms "
        "(the ceiling on this machine, same run)"
    )
    say(
        f"mixed load: {rps:.1f} req/s = {rps / health_rps:.3f} x /healthz; "
        f"p95 {p95(everything) * 1000:.0f} ms = {p95(everything) / health_p95:.1f} x"
    )
    for kind, times in sorted(stats.times.items()):
        codes = dict(sorted(stats.by_kind[kind].items()))
        say(
            f"  {kind}: {len(times)} requests, p95 {p95(times) / health_p95:.1f} x, "
            f"status codes {codes}"
        )
    say(f"status codes: {dict(sorted(stats.statuses.items()))}")
    verify(stats, started_at)
    for problem in stats.problems[:20]:
        say(f"PROBLEM: {problem}")
    say("PASSED" if not stats.problems else f"FAILED ({len(stats.problems)} problems)")
    return 1 if stats.problems else 0


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "try"
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    try:
        prepare()
        start_processes()
        if mode == "try":
            say(
                f"ready: http://127.0.0.1:{WEB_PORTS[0]}/ and "
                f"http://127.0.0.1:{WEB_PORTS[1]}/ (logs in var/stack/; Ctrl-C stops)"
            )
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
            return 0
        return scale_out()
    finally:
        stop_all()


if __name__ == "__main__":
    sys.exit(main())
