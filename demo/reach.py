"""Who takes part: the landlord's resident profile for the three estates (loaded
through the real import), forty Residents Panel members with a year of attendance,
and the gap that shows: young residents (16 to 24) are missing from the panel,
with the action plan the officer recorded.

Panel members are ordinary residents who answered "About you" and agreed to their
answers being used; they cannot sign in (no password) and use `@panel.example.org`.
"""

import datetime
from pathlib import Path

from django.utils import timezone

from cms.meetings.models import Body, MeetingPage
from portal.accounts.models import (
    ContactPreferences,
    EqualityMonitoring,
    ResidentProfile,
    User,
)
from portal.housing.models import Property
from portal.participation.models import Attendance
from portal.reach.models import (
    ParticipationSnapshot,
    ProfileImport,
    RepresentationFlag,
)
from portal.reach.selectors import financial_year, representation_report
from portal.reach.services import (
    representation_plan_record,
    resident_profile_import,
    snapshots_backfill,
)

PROFILE_CSV = Path(__file__).with_name("resident-profile.csv")
DOMAIN = "panel.example.org"
PLAN_TITLE = "Hold a Residents Panel taster evening with the Youth Forum"


def _spread(counts: list[tuple[str, int]]) -> list[str]:
    return [value for value, n in counts for _ in range(n)]


# Forty members; each list is in the same order as the members.
AGES = _spread(
    [
        ("16_24", 1),
        ("25_34", 7),
        ("35_44", 8),
        ("45_54", 8),
        ("55_64", 7),
        ("65_74", 6),
        ("75_plus", 3),
    ]
)
ETHNICITIES = _spread(
    [
        ("asian_bangladeshi", 6),
        ("white_british", 15),
        ("black_african", 5),
        ("white_other", 3),
        ("black_caribbean", 3),
        ("prefer_not", 3),
        ("asian_pakistani", 2),
        ("asian_indian", 1),
        ("mixed_other", 1),
        ("other_any", 1),
    ]
)
DISABILITY = _spread([("yes", 9), ("no", 29), ("prefer_not", 2)])
SEXES = ["female" if i % 9 < 5 else "male" for i in range(40)]
# Homes in about the register's mix, so tenure shows no gap of its own.
TENURES = [
    ("tenant", 27),
    ("leaseholder", 7),
    ("shared_owner", 2),
    ("sheltered", 2),
    ("non_landlord", 2),
]
LANGUAGES = _spread([("en-gb", 34), ("bn", 3), ("pl", 2), ("ar", 1)])


def reset_reach() -> None:
    RepresentationFlag.objects.all().delete()
    ParticipationSnapshot.objects.filter(person__email__endswith=f"@{DOMAIN}").delete()
    User.objects.filter(email__endswith=f"@{DOMAIN}").delete()


def _members() -> list[User]:
    homes = []
    for tenure, n in TENURES:
        homes += list(
            Property.objects.filter(tenure=tenure)
            .order_by("uprn")
            .values_list("pk", flat=True)[::23][:n]
        )
    members = []
    for i in range(40):
        email = f"member{i + 1:02d}@{DOMAIN}"
        member = User.objects.filter(email=email).first()
        if member is not None:
            members.append(member)
            continue
        member = User(email=email, first_name="Panel", last_name=f"Member {i + 1}")
        member.set_unusable_password()
        member.save()
        ResidentProfile.objects.create(
            user=member,
            home_id=homes[i % len(homes)],
            tenancy_reference=f"T{90000 + i}",
            status=ResidentProfile.Status.VERIFIED,
        )
        EqualityMonitoring.objects.create(
            user=member,
            age_band=AGES[i],
            ethnicity=ETHNICITIES[i],
            disability=DISABILITY[i],
            sex=SEXES[i],
            representation_consent_at=timezone.now() - datetime.timedelta(days=400),
        )
        ContactPreferences.objects.create(user=member, language=LANGUAGES[i])
        members.append(member)
    return members


def build_reach() -> None:
    officer = User.objects.get(email="officer@example.org")
    if not ProfileImport.objects.exists():
        resident_profile_import(
            text=PROFILE_CSV.read_text(encoding="utf-8"),
            actor=officer,
            filename=PROFILE_CSV.name,
        )
    panel = Body.objects.filter(name="Residents Panel").order_by("pk").first()
    if panel is None:
        return
    members = _members()
    now = timezone.now()
    meetings = list(
        MeetingPage.objects.filter(
            body=panel,
            status="scheduled",
            end__lt=now,
            start__gte=now - datetime.timedelta(days=365),
        ).order_by("start")
    )
    # Each member comes to two of the year's meetings: enough to count them as
    # taking part, too few hours to earn a thank-you voucher (demo/volunteering).
    for i, member in enumerate(members):
        for meeting in (
            {meetings[i % len(meetings)], meetings[(i + 5) % len(meetings)]}
            if meetings
            else ()
        ):
            Attendance.objects.get_or_create(
                meeting=meeting,
                person=member,
                defaults={"status": "attended", "recorded_by": officer},
            )
    snapshots_backfill()
    start, end = financial_year(timezone.localdate())
    activity = f"body-{panel.pk}"
    if not RepresentationFlag.objects.filter(
        activity=activity, dimension="age_band", category="16_24"
    ).exists():
        report = representation_report(
            start=start, end=end, activity="body", body=panel
        )
        young = next(
            row
            for dim in report.dimensions
            if dim.dimension.name == "age_band"
            for row in dim.rows
            if row.category == "16_24"
        )
        representation_plan_record(
            actor=officer,
            dimension="age_band",
            category="16_24",
            activity=activity,
            start=start,
            end=end,
            ratio=young.ratio,
            title=PLAN_TITLE,
            due_on=timezone.localdate() + datetime.timedelta(days=90),
            description=(
                "Few members of the Residents Panel this year are aged 16 to 24, "
                "against about one resident in six. Run a taster evening with the "
                "Youth Forum, offer the panel's papers by text and try an online "
                "option for one meeting in three."
            ),
        )
