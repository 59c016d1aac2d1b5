"""Reads for estate inspections: an estate's scores month by month (the chart and
its table), and scores by estate and month for the accountability reports."""

import datetime

from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import TruncMonth

from .models import MAX_SCORE, Inspection, InspectionScore


def scores_by_estate_and_month(
    *, start: datetime.date, end: datetime.date, estate=None, area=None
) -> list[dict]:
    """Average score (1–5) and problems found, per estate and month, from sent
    inspections held in [start, end] (of one estate, or the estates of one area).
    Each row also carries how many inspections and scores it holds and their sum,
    so averages over several rows can be weighted exactly. One query."""
    scores = InspectionScore.objects.filter(
        inspection__status=Inspection.Status.SUBMITTED,
        inspection__held_on__gte=start,
        inspection__held_on__lte=end,
    )
    if estate is not None:
        scores = scores.filter(inspection__estate=estate)
    if area is not None:
        scores = scores.filter(inspection__estate__area=area)
    rows = (
        scores.annotate(month=TruncMonth("inspection__held_on"))
        .values("inspection__estate_id", "inspection__estate__name", "month")
        .annotate(
            average=Avg("score"),
            problems=Count("pk", filter=Q(problem=True)),
            inspections=Count("inspection", distinct=True),
            scored=Count("score"),
            total=Sum("score"),
        )
        .order_by("inspection__estate__name", "month")
    )
    return [
        {
            "estate_id": row["inspection__estate_id"],
            "estate": row["inspection__estate__name"],
            "month": row["month"],
            "average": round(row["average"] or 0, 1),
            "percent": round((row["average"] or 0) / MAX_SCORE * 100),
            "problems": row["problems"],
            "inspections": row["inspections"],
            "scored": row["scored"],
            "total": row["total"] or 0,
        }
        for row in rows
    ]


def estate_inspections(estate, *, limit: int = 12):
    """The latest sent inspections of an estate with their scores and actions."""
    return (
        Inspection.objects.filter(estate=estate, status=Inspection.Status.SUBMITTED)
        .select_related("estate")
        .prefetch_related("scores__action")[:limit]
    )
