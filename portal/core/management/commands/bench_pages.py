"""Time the main pages against /healthz in the same run, as ratios.

Absolute times on shared machines are noise; a ratio to the cheapest possible
request (no database) is comparable between runs.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.test import Client

PAGES = [
    "/",
    "/ar/",
    "/search/?q=rent",
    "/accounts/login/",
    "/about-us/",
    "/meetings/",
    "/consultations/",
    "/magazine/",
    "/magazine/issue-8/",
    "/magazine/issue-8/issue-8-1/",
    "/other-formats/",
]


class Command(BaseCommand):
    help = "Median time of each main page as a multiple of /healthz (in-process)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50)

    def handle(self, *args, requests, **options):
        client = Client(HTTP_HOST="localhost")

        def median(path):
            client.get(path)  # warm up
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
            return statistics.median(times)

        ceiling = median("/healthz")
        for path in PAGES:
            self.stdout.write(f"{path:<20} {median(path) / ceiling:6.1f} × /healthz")
