"""Smoke test of a running database (e.g. one just restored from a backup).

    DJANGO_SETTINGS_MODULE=config.settings.dev DATABASE_URL=postgres://…/restored \\
        python scripts/smoke.py

Opens the home page, /readyz, and signs a demo resident in through the real form,
in-process with Django's test client (no server needed). Exits non-zero, saying
what failed, if anything does.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from portal.housing.models import Property  # noqa: E402


def main() -> int:
    client = Client(HTTP_HOST="localhost")
    problems = []
    home = client.get("/")
    if home.status_code != 200 or b"Riverside Homes" not in home.content:
        problems.append(f"home page answered {home.status_code}")
    ready = client.get("/readyz")
    if ready.status_code != 200:
        problems.append(f"/readyz answered {ready.status_code}: {ready.content!r}")
    signed_in = client.post(
        "/accounts/login/",
        {"login": "resident@example.org", "password": "Involve-demo-2026"},
    )
    if signed_in.status_code != 302:
        problems.append(f"signing in answered {signed_in.status_code}")
    portal = client.get("/portal/")
    if portal.status_code != 200 or b"resident@example.org" not in portal.content:
        problems.append(f"the portal answered {portal.status_code} after signing in")
    homes = Property.objects.count()
    if homes != 2000:
        problems.append(f"the property register has {homes} homes, not 2000")
    for problem in problems:
        sys.stderr.write(f"SMOKE FAILED: {problem}\n")
    if not problems:
        sys.stdout.write(
            "Smoke test passed: home page, /readyz, sign-in, portal, 2000 homes.\n"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
