"""Targets for the involvement performance report, for this financial year and
the last, set so the demo shows green, amber and red; the regulator evidence
mapping."""

from decimal import Decimal

from portal.core.dates import london_today
from portal.reports.evidence import default_clauses_create
from portal.reports.models import MeasureTarget
from portal.reports.periods import financial_year

# measure, target, amber within
TARGETS = [
    ("meetings_held", "95", "5"),
    ("meetings_notice", "100", "5"),
    ("papers_on_time", "95", "5"),
    ("minutes_on_time", "95", "10"),
    ("feedback_score", "4", "0.5"),
    ("reply_windows_met", "100", "10"),
    ("response_rate", "10", "3"),
    ("days_to_outcome", "30", "10"),
    ("you_said_published", "100", "10"),
    ("formats_on_time", "100", "5"),
    ("renewals_on_time", "90", "15"),
    ("people_by_channel", "40", "10"),
    ("expenses_days_to_pay", "10", "5"),
]


def build_report_targets() -> None:
    this_year = financial_year(london_today())
    for year in (this_year - 1, this_year):
        for measure, target, amber in TARGETS:
            MeasureTarget.objects.get_or_create(
                measure=measure,
                year=year,
                defaults={"target": Decimal(target), "amber_within": Decimal(amber)},
            )


def build_evidence_mapping() -> None:
    """The default regulator evidence mapping (a migration adds it too, but a
    flushed test database has lost it)."""
    default_clauses_create()


def reset_report_targets() -> None:
    MeasureTarget.objects.all().delete()
