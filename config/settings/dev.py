"""Local development: `make run`. Nothing to install; never use in production."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-in-production")
INVOLVE_DEMO_ALLOWED = True
