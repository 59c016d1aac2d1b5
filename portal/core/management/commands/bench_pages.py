"""Time the main pages against /healthz in the same run, as ratios.

Absolute times on shared machines are noise; a ratio to the cheapest possible
request (no database) is comparable between runs.
"""

from django.core.management.base import BaseCommand
from django.test import Client

from portal.core.benchmarks import healthz, median_time

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

        ceiling = healthz(client, requests)
        for path in PAGES:
            ratio = median_time(client, path, requests) / ceiling
            self.stdout.write(f"{path:<20} {ratio:6.1f} × /healthz")
