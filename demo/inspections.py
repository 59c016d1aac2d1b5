"""Demo estate inspections: a checklist kept as data, two estates inspected monthly
for a year (one by a resident inspector, one by staff), problems turned into
actions, most of them since put right. A walk round the chair's estate counts 2
hours on the resident inspector's involvement record, which takes the chair past
25 hours this year (the £20 thank-you voucher, demo/volunteering); the staff-led
estate counts none. Safe to run again."""

import datetime
from decimal import Decimal

from cms.involvement.models import OpportunityPage
from portal.accounts.models import User
from portal.actions.models import Action
from portal.actions.services import action_status_change, action_update_add
from portal.core.dates import london_today
from portal.housing.models import Estate
from portal.inspections.models import ChecklistArea, EstateSchedule, Inspection
from portal.inspections.services import (
    inspection_score_save,
    inspection_start,
    inspection_submit,
    inspector_sign_up,
)

CHECKLIST = [
    ("Cleaning", "Stairs, landings, lifts and bin stores swept and mopped.", "Estate services"),  # noqa: E501
    ("Bins", "Bins emptied, lids closed, no dumped rubbish.", "Estate services"),
    ("Lighting", "Every light in halls, stairs and paths works.", "Repairs team"),
    ("Grounds", "Grass cut, shrubs trimmed, paths clear.", "Grounds maintenance"),
    ("Graffiti", "No graffiti; any offensive graffiti reported.", "Estate services"),
    ("Repairs", "Doors, windows, fences and play areas in good repair.", "Repairs team"),  # noqa: E501
    ("Safety", "Fire doors shut, escape routes clear, entry doors lock.", "Building safety team"),  # noqa: E501
]  # fmt: skip

# How long a walk round the chair's estate takes (resident inspectors' hours).
RESIDENT_WALK_HOURS = Decimal("2")

PROBLEMS = {
    "Cleaning": "Stairwell by the lift not mopped",
    "Bins": "Overflowing bins at the back of the block",
    "Lighting": "Two lights out on the second-floor landing",
    "Grounds": "Path by the playground overgrown",
    "Graffiti": "Graffiti on the garage doors",
    "Repairs": "Broken fence panel by the car park",
    "Safety": "Fire door wedged open on the ground floor",
}


def build_inspections() -> None:
    for order, (name, guidance, team) in enumerate(CHECKLIST):
        ChecklistArea.objects.get_or_create(
            name=name,
            defaults={"guidance": guidance, "team": team, "sort_order": order},
        )
    chair = User.objects.get(email="chair@example.org")
    officer = User.objects.get(email="officer@example.org")
    home_estate = chair.resident_profile.home.estate
    other = Estate.objects.exclude(pk=home_estate.pk).order_by("name").first()
    opportunity = OpportunityPage.objects.filter(title="Estate inspections").first()
    for estate, lead in ((home_estate, chair), (other, officer)):
        EstateSchedule.objects.update_or_create(
            estate=estate,
            defaults={
                "opportunity": opportunity,
                "inspection_hours": RESIDENT_WALK_HOURS if lead == chair else None,
            },
        )
        if Inspection.objects.filter(estate=estate).exists():
            continue
        if lead == chair:
            inspector_sign_up(person=chair, estate=estate)
        _a_year_of_inspections(estate, lead, officer)


def _a_year_of_inspections(estate, lead, officer) -> None:
    today = london_today()
    for months_ago in range(12, 0, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - months_ago, 12)
        held_on = datetime.date(year, month + 1, 10)
        inspection = inspection_start(estate=estate, lead=lead, held_on=held_on)
        for index, score in enumerate(inspection.scores.select_related("area")):
            # Mostly fair to good, better in the middle of the year.
            better = 1 if 3 <= months_ago <= 6 else 0
            value = min(5, 2 + (months_ago * 7 + index * 3) % 4 + better)
            problem = value <= 2
            inspection_score_save(
                score=score,
                actor=lead,
                value=value,
                note=PROBLEMS[score.area_name] if problem else "",
                problem=problem,
            )
        inspection_submit(inspection=inspection, actor=lead)
        _put_right(inspection, officer, months_ago)


def _put_right(inspection, officer, months_ago: int) -> None:
    """Older problems are done (a few late); the latest month's are in hand."""
    for score in inspection.scores.filter(action__isnull=False).select_related(
        "action"
    ):
        action = score.action
        if months_ago == 1:
            continue
        action_status_change(
            action=action, actor=officer, to_status=Action.Status.IN_PROGRESS
        )
        action_update_add(
            action=action,
            actor=officer,
            text="Reported to the team and booked in.",
            written_on=inspection.held_on + datetime.timedelta(days=2),
        )
        late = months_ago % 4 == 0
        action_status_change(
            action=action,
            actor=officer,
            to_status=Action.Status.DONE,
            done_on=action.due_on + datetime.timedelta(days=10 if late else -7),
            evidence="Checked and signed off at the next inspection.",
        )


def reset_inspections() -> None:
    Action.objects.filter(inspection_score__isnull=False).delete()
    Inspection.objects.all().delete()
