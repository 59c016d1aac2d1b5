"""The container image, rehearsed where no container engine runs.

    make image-rehearsal

Machines like CI's here have the Docker client but no engine, so `docker build` and
`docker compose up` cannot run. This script does what the Dockerfile and compose.yaml
say, read from those files (so it cannot drift from them), on this machine:

1. Build: every `RUN`, `COPY`, `ENV` and `WORKDIR` of the build stage, with /venv and
   /app as folders under a temporary directory: a new virtual environment from
   requirements/base.txt alone (the production lock, hash-checked), the build context
   as Docker would send it (the files git tracks, less .dockerignore), translations
   compiled and static files collected under the production settings.
2. Run: the runtime stage's environment plus compose.yaml's application environment
   (service host names pointed at this machine's PostgreSQL, Redis and a local S3
   server, moto), every process as an unprivileged user (`nobody`, standing in for the
   image's `involve`) over a tree it cannot write: compose's `migrate`, the image's
   `CMD` (gunicorn), `worker` and `scheduler` exactly as compose.yaml names them.
3. Checks: the Procfile, the image's `CMD` and compose.yaml start the same commands;
   the image's and compose's health checks pass; a collected static file is served
   with a long cache; the home page answers; the scheduler leads and the worker
   finishes a scheduled job; no process printed a traceback.

Not rehearsed (an engine's job): the base image, `apt-get` (DejaVu fonts) and
`useradd` lines, the Caddy proxy, MinIO's own server and its bucket-making container.

Environment: PGURL (postgres://postgres@127.0.0.1:5432), IMAGE_DB (involve_image),
IMAGE_REDIS (redis://127.0.0.1:6379/5), IMAGE_PORT (8131: web; S3 on +1).
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".venv" / "bin"  # moto's server and boto3 come from the dev tools
PGURL = os.environ.get("PGURL", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("IMAGE_DB", "involve_image")
REDIS = os.environ.get("IMAGE_REDIS", "redis://127.0.0.1:6379/5")
PORT = int(os.environ.get("IMAGE_PORT", "8131"))
S3_PORT = PORT + 1
# Commands an engine runs on the image's operating system, not the application.
SYSTEM_STEPS = ("apt-get", "useradd")
PROBLEMS: list[str] = []
PROCESSES: dict[str, tuple[subprocess.Popen, Path]] = {}


def say(text: str) -> None:
    sys.stdout.write(f"[image] {text}\n")
    sys.stdout.flush()


def problem(text: str) -> None:
    PROBLEMS.append(text)
    say(f"PROBLEM: {text}")


# --- reading the Dockerfile -----------------------------------------------------------


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined, pending = [], ""
    for line in text.splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in joined]


def stages(text: str) -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for name, args in instructions(text):
        if name == "FROM":
            result.append([])
        elif result:
            result[-1].append((name, args))
    return result


class Image:
    """The image's file system, /venv and /app, under one temporary folder."""

    def __init__(self, base: Path):
        self.base = base
        self.env: dict[str, str] = {}
        self.workdir = base
        self.user = "root"
        self.cmd: list[str] = []
        self.healthcheck = ""

    def path(self, text: str) -> str:
        return re.sub(
            r"(?<![\w./-])/(venv|app)(?=/|\s|$|:)",
            lambda match: str(self.base / match.group(1)),
            text,
        )

    def set_env(self, args: str, base_env: dict[str, str]) -> None:
        for pair in shlex.split(args):
            key, value = pair.split("=", 1)
            value = value.replace("$PATH", base_env["PATH"])
            self.env[key] = self.path(value)

    def copy(self, args: str, context: Path) -> None:
        words = [w for w in shlex.split(args) if not w.startswith("--")]
        if any(w.startswith("--from") for w in shlex.split(args)):
            return  # the build stage's folders are already where the runtime wants them
        *sources, target = words
        destination = Path(self.path(target))
        if not destination.is_absolute():
            destination = self.workdir / target
        for source in sources:
            origin = context / source
            if origin.is_dir():
                shutil.copytree(origin, destination, dirs_exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, destination)


def build_context(into: Path) -> Path:
    """What `docker build .` would send from a clean clone: tracked files less
    .dockerignore's patterns."""
    ignore = [
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    tracked = (
        subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        parts = Path(name).parts
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(p, pattern) for p in prefixes for pattern in ignore):
            continue
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return into


def build(image: Image, dockerfile: str, context: Path) -> None:
    shim = image.base / "shim"
    shim.mkdir()
    # The image's interpreter is Python 3.11 from python:3.11-slim; Debian's own 3.11
    # is the nearest here, and unlike a per-user install it is readable by `nobody`.
    debian = Path("/usr/bin/python3")
    (shim / "python").symlink_to(debian if debian.exists() else sys._base_executable)
    outside = {
        key: value
        for key, value in os.environ.items()
        if key in ("HOME", "LANG", "LC_ALL", "TMPDIR") or key.startswith("PIP_")
    }
    outside["PATH"] = f"{shim}:/usr/local/bin:/usr/bin:/bin"
    build_stage, runtime_stage = stages(dockerfile)
    for number, stage in enumerate((build_stage, runtime_stage), start=1):
        image.env = {}
        say(f"stage {number}")
        for name, args in stage:
            if name == "ENV":
                image.set_env(args, outside)
            elif name == "WORKDIR":
                image.workdir = Path(image.path(args.strip()))
                image.workdir.mkdir(parents=True, exist_ok=True)
            elif name == "COPY":
                image.copy(args, context)
            elif name == "RUN":
                if args.split()[0] in SYSTEM_STEPS:
                    say(f"  not rehearsed (system step): {args.split()[0]} …")
                    continue
                say(f"  RUN {args[:90]}{'…' if len(args) > 90 else ''}")
                # The machine's pip cache stands in for the engine's layer cache.
                env = {**outside, **image.env}
                env.pop("PIP_NO_CACHE_DIR", None)
                subprocess.run(
                    ["bash", "-ec", image.path(args)],
                    cwd=image.workdir,
                    env=env,
                    check=True,
                )
            elif name == "USER":
                image.user = args.strip()
            elif name == "CMD":
                image.cmd = json.loads(args)
            elif name == "HEALTHCHECK":
                image.healthcheck = args.split(" CMD ", 1)[1]
    image.env["PATH"] = image.env["PATH"].replace(str(shim) + ":", "")


# --- running it -----------------------------------------------------------------------


def as_image_user() -> dict:
    """Run as `nobody` when this script runs as root (CI): the tree belongs to root."""
    if os.geteuid() != 0:
        say("not root: processes run as this user (the read-only check is not shown)")
        return {}
    return {"user": "nobody", "group": "nogroup", "extra_groups": []}


def start(
    name: str, command: list[str], image: Image, env: dict, logs: Path, tool=False
) -> None:
    """Start one of the image's processes (or, with `tool`, one of this machine's)."""
    log = logs / f"{name}.log"
    process = subprocess.Popen(
        command,
        cwd=image.base / "app",
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        **({} if tool else as_image_user()),
    )
    PROCESSES[name] = (process, log)


def stop_all() -> None:
    for process, _ in PROCESSES.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process, _ in PROCESSES.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def procfile() -> dict[str, list[str]]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return {
        name.strip(): shlex.split(command)
        for name, command in (line.split(":", 1) for line in lines if ":" in line)
    }


def same_commands(image: Image, compose: dict) -> None:
    services = compose["services"]
    processes = procfile()
    pairs = {
        "web": (image.cmd, services["web1"]["command"], services["web2"]["command"]),
        "worker": (services["worker"]["command"],),
        "scheduler": (services["scheduler"]["command"],),
        "release": (services["migrate"]["command"],),
    }
    for name, commands in pairs.items():
        for command in commands:
            if command != processes.get(name):
                problem(f"Procfile {name!r} is {processes.get(name)}, not {command}")
    say("Procfile, the image's CMD and compose.yaml start the same commands")


def application_env(image: Image, compose: dict) -> dict[str, str]:
    env = {
        **image.env,
        **{k: str(v) for k, v in compose["x-app"]["environment"].items()},
    }
    env.update(
        DATABASE_URL=f"{PGURL}/{DB}",
        REDIS_URL=REDIS,
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{S3_PORT}",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        HOME="/nonexistent",
        LANG="C.UTF-8",
    )
    return env


def buckets(env: dict[str, str]) -> None:
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    for bucket in (env["AWS_STORAGE_BUCKET_NAME"], env["AWS_PRIVATE_BUCKET_NAME"]):
        s3.create_bucket(
            Bucket=bucket,
            CreateBucketConfiguration={"LocationConstraint": env["AWS_S3_REGION_NAME"]},
        )


def wait_for(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.5)
    return False


def psql(sql: str, database: str = DB) -> str:
    return subprocess.run(
        ["psql", f"{PGURL}/{database}", "-Atqc", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def health_check(name: str, command: list[str], env: dict) -> None:
    result = subprocess.run(
        [word.replace("127.0.0.1:8000", f"127.0.0.1:{PORT}") for word in command],
        env=env,
        capture_output=True,
        text=True,
        **as_image_user(),
    )
    if result.returncode:
        problem(f"{name} health check failed: {result.stderr.strip()[-300:]}")
    else:
        say(f"{name} health check passed")


def run_checks(image: Image, compose: dict, logs: Path) -> None:
    env = application_env(image, compose)
    say(f"S3 (moto) on 127.0.0.1:{S3_PORT}")
    moto = [str(TOOLS / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT)]
    start("s3", moto, image, {**os.environ}, logs, tool=True)
    if not wait_for(f"http://127.0.0.1:{S3_PORT}/", 30):
        raise SystemExit("the S3 server did not start")
    buckets(env)
    psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", "postgres")
    psql(f"CREATE DATABASE {DB}", "postgres")
    subprocess.run(
        ["redis-cli", "-u", REDIS, "FLUSHDB"], check=True, capture_output=True
    )

    services = compose["services"]
    say("compose's migrate, as the image's user")
    migrate = subprocess.run(
        services["migrate"]["command"],
        cwd=image.base / "app",
        env=env,
        capture_output=True,
        text=True,
        **as_image_user(),
    )
    if migrate.returncode:
        raise SystemExit(
            f"migrate failed:\n{migrate.stdout[-2000:]}{migrate.stderr[-2000:]}"
        )
    started = time.time()
    start("web", image.cmd, image, env, logs)
    start("worker", services["worker"]["command"], image, env, logs)
    start("scheduler", services["scheduler"]["command"], image, env, logs)
    if not wait_for(f"http://127.0.0.1:{PORT}/healthz", 60):
        problem("the web process did not answer /healthz within 60 s")
        return
    health_check("image (liveness)", shlex.split(image.healthcheck), env)
    health_check(
        "compose web (readiness)", services["web1"]["healthcheck"]["test"][1:], env
    )

    manifest = json.loads(
        (image.base / "app" / "static_collected" / "staticfiles.json").read_text()
    )
    stylesheet = next(v for k, v in manifest["paths"].items() if k.endswith(".css"))
    static = requests.get(f"http://127.0.0.1:{PORT}/static/{stylesheet}", timeout=10)
    if static.status_code != 200 or "max-age" not in static.headers.get(
        "Cache-Control", ""
    ):
        problem(f"static file {stylesheet}: {static.status_code} {static.headers}")
    else:
        cache = static.headers["Cache-Control"]
        say(f"static file served: /static/{stylesheet} ({cache})")
    home = requests.get(f"http://127.0.0.1:{PORT}/", timeout=10)
    if home.status_code >= 500:
        problem(f"home page answered {home.status_code}")
    else:
        say(f"home page answered {home.status_code}")

    say("waiting for the scheduler to enqueue and the worker to finish a job (≤ 75 s)")
    deadline = time.monotonic() + 75
    done = "0"
    while time.monotonic() < deadline:
        done = psql(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'portal.scheduler.tasks.run_scheduled_job' "
            "AND status = 'SUCCESSFUL'"
        )
        if done != "0":
            break
        time.sleep(3)
    if done == "0":
        problem("no scheduled job was finished by the worker")
    else:
        say(
            f"{done} scheduled job(s) finished by the worker "
            f"{time.time() - started:.0f} s after start"
        )
    if "leading" not in PROCESSES["scheduler"][1].read_text():
        problem("the scheduler never said it was leading")


def main() -> int:
    dockerfile = (ROOT / "Dockerfile").read_text()
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    base = Path(tempfile.mkdtemp(prefix="involve-image-"))
    base.chmod(0o755)
    logs = Path(tempfile.mkdtemp(prefix="involve-image-logs-"))
    logs.chmod(0o777)
    image = Image(base)
    try:
        with tempfile.TemporaryDirectory() as context:
            # Docker's COPY gives /app the context's modes; a temporary folder is 0700.
            Path(context).chmod(0o755)
            say("build context: tracked files less .dockerignore")
            build(image, dockerfile, build_context(Path(context)))
        if image.user in ("root", "0"):
            problem("the image runs as root")
        same_commands(image, compose)
        run_checks(image, compose, logs)
    finally:
        stop_all()
        for name, (_, log) in PROCESSES.items():
            if "Traceback" in log.read_text():
                problem(f"{name} printed a traceback (log: {log})")
        shutil.rmtree(base, ignore_errors=True)
    say("PASSED" if not PROBLEMS else f"FAILED ({len(PROBLEMS)} problems)")
    return 1 if PROBLEMS else 0


if __name__ == "__main__":
    sys.exit(main())
