"""Production settings: refuse to start insecurely, pass `check --deploy`."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x7Gq0p2-" * 8,
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/involve",
    "ALLOWED_HOSTS": "involve.example.org",
    "WAGTAILADMIN_BASE_URL": "https://involve.example.org",
}


def run_manage(*args, env):
    # The test run's own switches (e.g. DJANGO_ALLOW_ASYNC_UNSAFE) must not leak in.
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_database():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_an_empty_database_url_means_the_embedded_sqlite():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": "",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3", result.stderr


def test_production_never_loads_demo_data():
    result = run_manage("load_demo_data", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "Demo data (with its known passwords) is never loaded" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "WAGTAILADMIN_BASE_URL"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "Set WAGTAILADMIN_BASE_URL" in result.stderr


def _production_value(expression: str, **env: str) -> str:
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print({expression})",
        env={**PRODUCTION_ENV, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_uses_any_s3_compatible_store_from_the_environment():
    value = _production_value(
        "[(a, s['OPTIONS']['bucket_name'], s['OPTIONS']['endpoint_url'], "
        "s['OPTIONS']['region_name'], "
        "s['OPTIONS']['client_config'].s3['addressing_style']) "
        "for a, s in sorted(settings.STORAGES.items()) if a != 'staticfiles']",
        AWS_STORAGE_BUCKET_NAME="involve-media",
        AWS_PRIVATE_BUCKET_NAME="involve-private",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_S3_ADDRESSING_STYLE="path",
    )
    assert value == (
        "[('default', 'involve-media', 'http://127.0.0.1:9000', 'eu-west-2', 'path'), "
        "('private', 'involve-private', 'http://127.0.0.1:9000', 'eu-west-2', 'path')]"
    )


def test_production_refuses_a_public_bucket_without_a_private_one():
    result = run_manage(
        "check", env={**PRODUCTION_ENV, "AWS_STORAGE_BUCKET_NAME": "involve-media"}
    )
    assert result.returncode != 0
    assert "Set AWS_PRIVATE_BUCKET_NAME" in result.stderr


def test_admins_come_from_the_environment_and_gravatar_is_off():
    value = _production_value(
        "(settings.ADMINS, settings.WAGTAIL_GRAVATAR_PROVIDER_URL)",
        ADMINS="Ops Team <ops@example.org>, dev@example.org",
    )
    assert value == (
        "([('Ops Team', 'ops@example.org'), ('dev@example.org', 'dev@example.org')]"
        ", None)"
    )
