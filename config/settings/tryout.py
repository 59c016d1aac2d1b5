"""Production settings plus the demo data, for `make prod-try` / `make scale-out` only.

The whole production stack (two gunicorns, worker, schedulers, PostgreSQL, Redis, a
local S3 server) on 127.0.0.1 with the demo landlord loaded, to try it or prove it
scales out. Never point this at real data: the demo has known passwords.
"""

from .production import *  # noqa: F403

INVOLVE_DEMO_ALLOWED = True
