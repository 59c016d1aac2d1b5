from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make run`: a fictional landlord built from the factories."""

    name = "demo"
    verbose_name = "Demo data"
