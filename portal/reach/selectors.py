"""Reads for the "who takes part" report: participants (from the snapshots) set
against residents (from the newest resident profile), per dimension and category.

A fixed number of queries whatever the number of participations: one for the
total, one per dimension for the participants, one for the profile in use, one
for its counts and one for the gaps already acted on.

How the figures are worked out, in the words the report uses:
- participants are people, counted once however often they took part (a person
  whose answer changed during the period counts in each answer they gave);
- shares are of the people whose answer is known on each side, so "prefer not to
  say" and "no answer" are shown as counts and never guessed or spread about;
- representation ratio = participants' share ÷ residents' share;
- a group is "under-represented" when the ratio is below
  INVOLVE_REPRESENTATION_THRESHOLD and at least INVOLVE_REPRESENTATION_MIN_EXPECTED
  of its members would have taken part had its share matched the residents';
- any count from 1 to 4 is shown as "fewer than 5", and shares or ratios that
  would give it away are withheld.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.equality import SMALL_NUMBER

from .dimensions import DIMENSION_NAMES, PREFER_NOT, UNKNOWN, Dimension, dimensions
from .models import ParticipationSnapshot, ProfileCount, ProfileImport

ACTIVITIES = {
    "all": gettext_lazy("All involvement"),
    "attendance": gettext_lazy("Meeting attendance"),
    "responses": gettext_lazy("Consultation responses"),
}
TWO_PLACES = Decimal("0.01")


def threshold() -> Decimal:
    return Decimal(str(settings.INVOLVE_REPRESENTATION_THRESHOLD))


def financial_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The UK financial year (1 April to 31 March) that `day` falls in."""
    start_year = day.year if day.month >= 4 else day.year - 1
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def participants(
    *, start: datetime.date, end: datetime.date, activity: str, body=None, area=None
):
    """The snapshots of everyone who took part in `activity` in the period (and,
    given an area, who lived there when they took part)."""
    snapshots = ParticipationSnapshot.objects.filter(
        took_part_on__gte=start, took_part_on__lte=end
    )
    if area is not None:
        snapshots = snapshots.filter(estate__area=area)
    if activity == "attendance":
        snapshots = snapshots.filter(kind=ParticipationSnapshot.Kind.ATTENDANCE)
    elif activity == "responses":
        snapshots = snapshots.filter(kind=ParticipationSnapshot.Kind.RESPONSE)
    elif body is not None:
        snapshots = snapshots.filter(body__translation_key=body.translation_key)
    return snapshots


# A closed account's snapshots have no person: each counts as someone of its own.
PERSON = Coalesce(F("person_id"), -F("id"), output_field=IntegerField())


def _people(queryset) -> int:
    return queryset.aggregate(n=Count(PERSON, distinct=True))["n"]


def resident_counts(*, area=None) -> tuple[ProfileImport | None, dict]:
    """{dimension: {category: residents}} from the profile in use."""
    profile = ProfileImport.objects.order_by("-created_at", "-pk").first()
    counts: dict[str, dict[str, int]] = {}
    if profile is None:
        return None, counts
    rows = ProfileCount.objects.filter(profile_import=profile)
    if area is not None:
        rows = rows.filter(area=area)
    for dimension, category, n in (
        rows.values_list("dimension", "category").annotate(n=Sum("count")).order_by()
    ):
        counts.setdefault(dimension, {})[category] = n
    return profile, counts


def withheld(count: int | None) -> bool:
    return count is not None and 0 < count < SMALL_NUMBER


def _share(part: int, whole: int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) if whole else None


@dataclass
class Row:
    category: str
    label: str
    participants: int
    residents: int
    participant_share: Decimal | None = None
    resident_share: Decimal | None = None
    ratio: Decimal | None = None
    under: bool = False
    answer: bool = True  # False for "prefer not to say" and "no answer"
    flag: object = None

    @property
    def participants_withheld(self) -> bool:
        return withheld(self.participants)

    @property
    def residents_withheld(self) -> bool:
        return withheld(self.residents)

    @property
    def figures_withheld(self) -> bool:
        return self.participants_withheld or self.residents_withheld

    @property
    def shown_participant_share(self):
        return None if self.figures_withheld else self.participant_share

    @property
    def shown_resident_share(self):
        return None if self.figures_withheld else self.resident_share

    @property
    def shown_ratio(self):
        return None if self.figures_withheld else self.ratio


@dataclass
class DimensionReport:
    dimension: Dimension
    rows: list[Row] = field(default_factory=list)
    participants_known: int = 0
    residents_known: int = 0

    @property
    def chart(self) -> list[dict]:
        """Bars for the SVG: the shares that are shown, as widths out of 300."""
        shown = [
            row
            for row in self.rows
            if row.answer and row.shown_participant_share is not None
        ]
        # The longest bar fills the width, so small shares can still be compared.
        top = max(
            (max(row.participant_share, row.resident_share or 0) for row in shown),
            default=0,
        ) or Decimal(1)
        bars, y = [], 0
        for row in shown:
            bars.append(
                {
                    "row": row,
                    "label_y": y + 12,
                    "p_y": y + 17,
                    "r_y": y + 31,
                    "p_width": max(1, int(row.participant_share / top * 300)),
                    "r_width": max(1, int((row.resident_share or 0) / top * 300)),
                }
            )
            y += 48
        return bars

    @property
    def chart_height(self) -> int:
        return max(1, len(self.chart)) * 48 + 4


def _dimension_report(dimension, people: dict, residents: dict, limit: Decimal):
    known_codes = [code for code, _label in dimension.known]
    p_known = sum(people.get(code, 0) for code in known_codes)
    r_known = sum(residents.get(code, 0) for code in known_codes)
    report = DimensionReport(dimension, [], p_known, r_known)
    for code, label in dimension.known:
        p, r = people.get(code, 0), residents.get(code, 0)
        row = Row(code, str(label), p, r, _share(p, p_known), _share(r, r_known))
        if row.participant_share is not None and row.resident_share:
            row.ratio = (row.participant_share / row.resident_share).quantize(
                TWO_PLACES, ROUND_HALF_UP
            )
            expected = row.resident_share * p_known
            row.under = (
                row.ratio < limit
                and expected >= settings.INVOLVE_REPRESENTATION_MIN_EXPECTED
            )
        report.rows.append(row)
    if any(code == PREFER_NOT for code, _label in dimension.choices):
        report.rows.append(
            Row(
                PREFER_NOT,
                dimension.label_for(PREFER_NOT),
                people.get(PREFER_NOT, 0),
                residents.get(PREFER_NOT, 0),
                answer=False,
            )
        )
    report.rows.append(
        Row(
            "",
            _("No answer (or not agreed to this use)")
            if dimension.needs_consent
            else _("Not known"),
            people.get("", 0),
            residents.get(UNKNOWN, 0),
            answer=False,
        )
    )
    return report


@dataclass
class Report:
    start: datetime.date
    end: datetime.date
    activity: str
    total: int
    profile: ProfileImport | None
    dimensions: list[DimensionReport]

    @property
    def total_withheld(self) -> bool:
        return withheld(self.total)


def representation_report(
    *,
    start: datetime.date,
    end: datetime.date,
    activity: str = "all",
    body=None,
    area=None,
) -> Report:
    from .models import RepresentationFlag

    snapshots = participants(
        start=start, end=end, activity=activity, body=body, area=area
    )
    total = _people(snapshots)
    profile, residents = resident_counts(area=area)
    activity_key = f"body-{body.pk}" if body is not None else activity
    flags = {}
    for flag in (
        RepresentationFlag.objects.filter(activity=activity_key)
        .select_related("action")
        .order_by("created_at")
    ):
        flags[(flag.dimension, flag.category)] = flag
    limit = threshold()
    reports = []
    for name in DIMENSION_NAMES:
        dimension = dimensions()[name]
        people = dict(
            snapshots.values_list(name)
            .annotate(n=Count(PERSON, distinct=True))
            .order_by()
        )
        report = _dimension_report(dimension, people, residents.get(name, {}), limit)
        for row in report.rows:
            row.flag = flags.get((name, row.category))
        reports.append(report)
    return Report(start, end, activity_key, total, profile, reports)


def invitees(*, dimension: str, category: str):
    """Residents who said they are interested in getting involved, who belong to
    the group and (for equality answers) agreed to their answers being used."""
    from django.contrib.auth import get_user_model

    from cms.involvement.models import Interest

    people = get_user_model().objects.filter(
        Exists(Interest.objects.filter(user=OuterRef("pk"), withdrawn_at__isnull=True)),
        is_active=True,
    )
    dim = dimensions()[dimension]
    if dim.needs_consent:
        people = people.filter(
            **{
                f"equality_monitoring__{dimension}": category,
                "equality_monitoring__representation_consent_at__isnull": False,
            }
        )
    elif dimension == "tenure":
        people = people.filter(
            resident_profile__status="verified", resident_profile__home__tenure=category
        )
    elif category == "other":
        people = people.filter(
            Q(contact_preferences__language="")
            & ~Q(contact_preferences__other_language="")
        )
    else:
        people = people.filter(contact_preferences__language=category)
    return people.distinct().order_by("pk")
