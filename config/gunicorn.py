"""gunicorn settings for production: `gunicorn -c config/gunicorn.py config.wsgi`.

Sized from the environment (defaults suit a small machine; see README):

- `WEB_CONCURRENCY` worker processes, default one per CPU core plus one. Each worker
  holds its own copy of the app, so more workers mean more memory.
- `GUNICORN_THREADS` threads per worker, default 4: pages spend much of their time
  waiting on PostgreSQL and Redis, which threads overlap without another app copy.
- `GUNICORN_MAX_REQUESTS` recycles a worker after that many requests (plus up to a
  quarter more at random, so workers never restart together). The default, 0, never
  recycles: a restart re-imports Django and Wagtail, and restarting every 1,000
  requests cost more than half of `/healthz`'s throughput and pushed p99 past a second
  (issue 19). Set it only to contain a leak.

The app is preloaded in the master process, so workers fork with Django, Wagtail and
the URL configuration already imported (copy-on-write memory, fast starts).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 (behind a proxy)
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Threads need the threaded worker; one thread keeps the simpler sync worker.
worker_class = "gthread" if threads > 1 else "sync"
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 4
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    """Database connections opened while preloading must not be shared by workers."""
    from django.db import connections

    connections.close_all()
