"""Writes for the "who takes part" check: the resident profile import, the
participation snapshots, and what staff do about a gap (an action plan, invitations).

The profile import follows the property register's import (`portal.housing.services`):
every row is checked first, each problem reported by its line, and one bad row
rejects the whole file.
"""

import csv
import datetime
import io

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import ContactPreferences, EqualityMonitoring
from portal.accounts.models import ResidentProfile as HomeClaim
from portal.core.services import audit_record, notify
from portal.housing.models import Estate
from portal.housing.services import ImportProblem

from .dimensions import CONSENTED, dimensions
from .models import (
    ParticipationSnapshot,
    ProfileCount,
    ProfileImport,
    RepresentationFlag,
)

PROFILE_COLUMNS = ["area", "estate", "dimension", "category", "count"]
MAX_PROFILE_ROWS = 50_000
MAX_COUNT = 1_000_000


class ProfileImportError(Exception):
    """The file was rejected; nothing was changed."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__(f"{len(problems)} problem(s) in the file")
        self.problems = problems


def _header(name: str) -> str:
    return (name or "").strip().lower().replace(" ", "_").replace("-", "_")


def parse_profile_csv(text: str) -> list[dict]:
    """Check every row against the register's estates and the harmonised
    categories; raise ProfileImportError listing each problem by line."""
    reader = csv.DictReader(io.StringIO(text))
    headers = [_header(h) for h in (reader.fieldnames or [])]
    missing = [c for c in PROFILE_COLUMNS if c not in headers]
    if missing:
        raise ProfileImportError(
            [
                ImportProblem(
                    1,
                    _("Missing column: %(columns)s.") % {"columns": ", ".join(missing)},
                )
            ]
        )
    estates = {
        (e.area.name.casefold(), e.name.casefold()): e
        for e in Estate.objects.select_related("area")
    }
    known = dimensions()
    rows, problems, seen = [], [], {}
    for raw in reader:
        line = reader.line_num
        values = {_header(k): (v or "").strip() for k, v in raw.items() if k}
        if not any(values.values()):
            continue
        if len(rows) >= MAX_PROFILE_ROWS:
            raise ProfileImportError(
                [
                    ImportProblem(
                        line,
                        _("The file has more than %(max)s rows.")
                        % {"max": MAX_PROFILE_ROWS},
                    )
                ]
            )
        row_problems = [
            ImportProblem(line, _("%(column)s is empty.") % {"column": column})
            for column in PROFILE_COLUMNS
            if not values.get(column)
        ]
        estate = None
        if values.get("area") and values.get("estate"):
            estate = estates.get(
                (values["area"].casefold(), values["estate"].casefold())
            )
            if estate is None:
                row_problems.append(
                    ImportProblem(
                        line,
                        _(
                            "There is no estate “%(estate)s” in area “%(area)s” in "
                            "the property register."
                        )
                        % {"estate": values["estate"], "area": values["area"]},
                    )
                )
        dimension = known.get(values.get("dimension", "").lower())
        if values.get("dimension") and dimension is None:
            row_problems.append(
                ImportProblem(
                    line,
                    _("Unknown dimension “%(value)s”. Use one of: %(choices)s.")
                    % {"value": values["dimension"], "choices": ", ".join(known)},
                )
            )
        category = values.get("category", "").lower()
        if dimension and category and category not in dimension.codes:
            row_problems.append(
                ImportProblem(
                    line,
                    _(
                        "Unknown category “%(value)s” for %(dimension)s. Use one "
                        "of: %(choices)s."
                    )
                    % {
                        "value": values["category"],
                        "dimension": dimension.name,
                        "choices": ", ".join(sorted(dimension.codes)),
                    },
                )
            )
        count = values.get("count", "")
        if count and not (count.isdigit() and int(count) <= MAX_COUNT):
            row_problems.append(
                ImportProblem(
                    line,
                    _("Count “%(value)s” must be a whole number from 0 to %(max)s.")
                    % {"value": count, "max": MAX_COUNT},
                )
            )
        if not row_problems:
            key = (estate.pk, dimension.name, category)
            if key in seen:
                row_problems.append(
                    ImportProblem(
                        line,
                        _("This estate, dimension and category repeat line %(first)s.")
                        % {"first": seen[key]},
                    )
                )
            else:
                seen[key] = line
                rows.append(
                    {
                        "area_id": estate.area_id,
                        "estate_id": estate.pk,
                        "dimension": dimension.name,
                        "category": category,
                        "count": int(count),
                    }
                )
        problems.extend(row_problems)
    if not rows and not problems:
        problems.append(ImportProblem(2, _("The file has no counts in it.")))
    if problems:
        raise ProfileImportError(problems)
    return rows


@transaction.atomic
def resident_profile_import(
    *, text: str, actor=None, filename: str = ""
) -> ProfileImport:
    """Check the whole file, then store it as the profile in use (all or nothing).
    Earlier imports stay, as the history."""
    if actor is not None and not actor.has_perm("reach.import_profile"):
        raise PermissionDenied
    rows = parse_profile_csv(text)
    record = ProfileImport.objects.create(
        imported_by=actor if actor is not None and actor.is_authenticated else None,
        filename=filename[:200],
        rows=len(rows),
        estates=len({row["estate_id"] for row in rows}),
    )
    ProfileCount.objects.bulk_create(
        [ProfileCount(profile_import=record, **row) for row in rows], batch_size=1000
    )
    audit_record(
        actor=actor,
        action="resident_profile.imported",
        target=record,
        details={"rows": record.rows, "estates": record.estates},
    )
    return record


# ---------------------------------------------------------------- snapshots


def _categories(person) -> dict:
    """The person's categories now: equality answers only with their consent."""
    answers = EqualityMonitoring.objects.filter(user=person).first()
    consented = bool(answers and answers.representation_consent_at)
    values = {name: getattr(answers, name) if consented else "" for name in CONSENTED}
    claim = (
        HomeClaim.objects.filter(user=person, status=HomeClaim.Status.VERIFIED)
        .select_related("home")
        .first()
    )
    prefs = ContactPreferences.objects.filter(user=person).first()
    language = ""
    if prefs:
        language = prefs.language or ("other" if prefs.other_language else "")
    return {
        **values,
        "consented": consented,
        "tenure": claim.home.tenure if claim else "",
        "estate_id": claim.home.estate_id if claim else None,
        "language": language,
    }


def snapshot_take(
    *,
    person,
    kind: str,
    took_part_on: datetime.date,
    meeting=None,
    body=None,
    consultation=None,
) -> ParticipationSnapshot:
    """Note who `person` is today against one thing they took part in. Written
    once: taking part again in the same thing, or later changes to their answers,
    never change it."""
    if (meeting is None) == (consultation is None):
        raise ValueError("A snapshot is of one meeting or one consultation.")
    lookup = {"meeting": meeting} if meeting is not None else {}
    if consultation is not None:
        lookup = {"consultation": consultation}
    existing = ParticipationSnapshot.objects.filter(person=person, **lookup).first()
    if existing is not None:
        return existing
    snapshot = ParticipationSnapshot(
        person=person,
        kind=kind,
        took_part_on=took_part_on,
        body=body,
        **lookup,
        **_categories(person),
    )
    try:
        with transaction.atomic():
            snapshot.save()
    except IntegrityError:  # the same save twice at once: the first one stands
        return ParticipationSnapshot.objects.get(person=person, **lookup)
    return snapshot


def snapshot_for_attendance(attendance) -> None:
    meeting = attendance.meeting
    if attendance.status != "attended":
        # Corrected to absent: they did not take part after all.
        ParticipationSnapshot.objects.filter(
            meeting=meeting, person=attendance.person_id
        ).delete()
        return
    snapshot_take(
        person=attendance.person,
        kind=ParticipationSnapshot.Kind.ATTENDANCE,
        took_part_on=timezone.localdate(meeting.start),
        meeting=meeting,
        body=meeting.body,
    )


def snapshot_for_response(response) -> None:
    if not response.respondent_id:
        return
    if not response.submitted:
        # A draft (or a response taken back to draft before the close) is not
        # taking part yet.
        ParticipationSnapshot.objects.filter(
            consultation_id=response.consultation_id, person=response.respondent_id
        ).delete()
        return
    snapshot_take(
        person=response.respondent,
        kind=ParticipationSnapshot.Kind.RESPONSE,
        took_part_on=timezone.localdate(response.updated_at or timezone.now()),
        consultation=response.consultation,
    )


def snapshots_withdraw_consent(*, person_id: int) -> int:
    """Consent withdrawn (or the answers deleted): stop using the person's
    equality answers, for what they took part in before too."""
    return ParticipationSnapshot.objects.filter(
        person_id=person_id, consented=True
    ).update(consented=False, **dict.fromkeys(CONSENTED, ""))


def snapshots_backfill() -> int:
    """Snapshots for attendance and responses recorded before this existed, from
    the answers people hold now (the best there is). Each one once."""
    from cms.consultations.models import Response
    from portal.participation.models import Attendance

    made = 0
    for attendance in Attendance.objects.filter(status="attended").select_related(
        "meeting__body", "person"
    ):
        if not ParticipationSnapshot.objects.filter(
            meeting=attendance.meeting, person=attendance.person
        ).exists():
            snapshot_for_attendance(attendance)
            made += 1
    for response in Response.objects.filter(
        submitted=True, respondent__isnull=False
    ).select_related("consultation", "respondent"):
        if not ParticipationSnapshot.objects.filter(
            consultation=response.consultation, person=response.respondent
        ).exists():
            snapshot_for_response(response)
            made += 1
    return made


# ---------------------------------------------------------------- acting on a gap


def _check_staff(actor) -> None:
    if not actor.has_perm("reach.add_representationflag"):
        raise PermissionDenied(_("Only staff who check who takes part can do this."))


@transaction.atomic
def representation_flag(
    *,
    actor,
    dimension: str,
    category: str,
    activity: str,
    start: datetime.date,
    end: datetime.date,
    ratio=None,
) -> RepresentationFlag:
    """The gap staff are acting on (one per group and activity; the period and
    ratio are those of the report they acted from)."""
    _check_staff(actor)
    flag = (
        RepresentationFlag.objects.select_for_update()
        .filter(dimension=dimension, category=category, activity=activity)
        .order_by("-created_at")
        .first()
    )
    if flag is None:
        flag = RepresentationFlag.objects.create(
            dimension=dimension,
            category=category,
            activity=activity,
            period_start=start,
            period_end=end,
            ratio=ratio,
            created_by=actor,
        )
    return flag


@transaction.atomic
def representation_plan_record(
    *,
    actor,
    dimension: str,
    category: str,
    activity: str,
    start: datetime.date,
    end: datetime.date,
    ratio,
    title: str,
    due_on: datetime.date,
    description: str = "",
) -> RepresentationFlag:
    """Record an action plan against a gap: an action in the actions register
    (source "a group missing from who takes part"), linked from the gap."""
    from portal.actions.models import Action
    from portal.actions.services import action_create

    flag = representation_flag(
        actor=actor,
        dimension=dimension,
        category=category,
        activity=activity,
        start=start,
        end=end,
        ratio=ratio,
    )
    action = action_create(
        actor=actor,
        title=title,
        due_on=due_on,
        description=description,
        source=Action.Source.REPRESENTATION,
    )
    flag.action = action
    flag.period_start, flag.period_end, flag.ratio = start, end, ratio
    flag.save(update_fields=["action", "period_start", "period_end", "ratio"])
    audit_record(
        actor=actor,
        action="representation.action_planned",
        target=flag,
        details={"action": action.pk, "dimension": dimension, "category": category},
    )
    return flag


@transaction.atomic
def representation_invite(
    *, actor, flag: RepresentationFlag, subject: str, message: str
) -> int:
    """Invite the residents of the missing group who said they are interested in
    getting involved and agreed to their answers being used. Each person hears
    once per gap, through the channels they chose (`notify`), and not at all if
    they unsubscribed from invitations."""
    from .selectors import invitees

    _check_staff(actor)
    flag = RepresentationFlag.objects.select_for_update().get(pk=flag.pk)
    people = list(invitees(dimension=flag.dimension, category=flag.category))
    for person in people:
        notify(
            recipient=person,
            key=f"opportunity-reach-{flag.pk}",
            subject=subject,
            body=message,
        )
    flag.invited = len(people)
    flag.save(update_fields=["invited"])
    audit_record(
        actor=actor,
        action="representation.invited",
        target=flag,
        reason=subject,
        details={"invited": len(people)},
    )
    return len(people)
