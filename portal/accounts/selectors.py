"""Reads about residents that staff reports need."""

from django.db.models import Count

from . import equality
from .models import EqualityMonitoring

REPORTED_QUESTIONS = [
    "age_band",
    "ethnicity",
    "disability",
    "sex",
    "gender_same_as_birth",
    "sexual_orientation",
    "religion",
]


def equality_totals() -> list[dict]:
    """Totals per answer for each question, one query per question.

    Counts below SMALL_NUMBER are withheld (None) so nobody can be picked out;
    unanswered questions are counted as "Not answered".
    """
    report = []
    for name in REPORTED_QUESTIONS:
        field = EqualityMonitoring._meta.get_field(name)
        counts = dict(
            EqualityMonitoring.objects.values_list(name)
            .annotate(n=Count("pk"))
            .order_by()
        )
        rows = [
            {"label": label, "count": _suppress(counts.get(value, 0))}
            for value, label in field.flatchoices
            if value
        ]
        rows.append({"label": "", "count": _suppress(counts.get("", 0))})
        report.append({"question": field.verbose_name, "rows": rows})
    return report


def _suppress(count: int) -> int | None:
    return None if 0 < count < equality.SMALL_NUMBER else count
