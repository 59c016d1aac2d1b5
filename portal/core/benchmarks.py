"""Timing for the `bench_*` commands: the median of in-process requests to a
page, and `/healthz` (no database, no cache) as the yardstick each is divided
by, since absolute times on a shared machine are noise."""

import statistics
import time

from django.core.management.base import CommandError
from django.test import Client


def median_time(client: Client, url: str, requests: int) -> float:
    """Median seconds of `requests` requests to `url`, after one to warm up;
    anything but 200 stops the run (a timed error page means nothing)."""
    client.get(url)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
    return statistics.median(times)


def healthz(client: Client, requests: int = 50) -> float:
    """Median seconds of `/healthz`, to divide the other timings by."""
    return median_time(client, "/healthz", requests)
