"""The sign-up evidence computation: households in the area from the property
register against accepted signatures, one per household.

Two queries at any size, for one group or many (`evidence_summaries`): one counts
each group's households (none when the groups were read with
`groups.selectors.with_household_counts`), one aggregates the signatures grouped
by group (see tests/portal/evidence/test_computation.py for the pinned counts).
"""

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Count,
    Exists,
    Min,
    OuterRef,
    Q,
)
from django.utils.translation import gettext as _

from portal.accounts.models import ResidentProfile
from portal.core.dates import london_today
from portal.groups.models import Group, RecognitionRules
from portal.groups.selectors import covers_home, with_household_counts
from portal.housing.models import Tenure

from .models import Signature


def plain_number(value: Decimal) -> str:
    """60.00 -> "60", 62.50 -> "62.5" (no exponent, no trailing zeros)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class EvidenceSummary:
    households: int
    needed: int
    signed_households: int
    landlord_households: int
    required_share: Decimal
    required_landlord_share: Decimal
    pending: int
    outside_area: int
    duplicates: int
    moved_away: int
    expired: int
    oldest_counted: datetime.date | None
    renewal_months: int

    @property
    def landlord_share(self) -> Decimal:
        if not self.signed_households:
            return Decimal(0)
        # Rounded down to a tenth: 59.96 % reads "59.9 %", never "60 %" beside a
        # rule of 60 % it does not meet.
        return (
            Decimal(100) * self.landlord_households / self.signed_households
        ).quantize(Decimal("0.1"), rounding=ROUND_DOWN)

    @property
    def coverage(self) -> Decimal:
        if not self.households:
            return Decimal(0)
        return (Decimal(100) * self.signed_households / self.households).quantize(
            Decimal("0.1")
        )

    @property
    def meets_coverage(self) -> bool:
        return self.households > 0 and self.signed_households >= self.needed

    @property
    def meets_landlord_share(self) -> bool:
        # Exact comparison in whole numbers: landlord/signed >= required/100.
        return (
            self.signed_households > 0
            and Decimal(100) * self.landlord_households
            >= self.required_landlord_share * self.signed_households
        )

    @property
    def meets_rule(self) -> bool:
        return self.meets_coverage and self.meets_landlord_share

    @property
    def expires_on(self) -> datetime.date | None:
        """When the oldest counted signature stops counting."""
        if self.oldest_counted is None:
            return None
        return self.oldest_counted + relativedelta(months=self.renewal_months)

    @property
    def coverage_percent(self) -> int:
        if not self.needed:
            return 100
        return min(100, round(100 * self.signed_households / self.needed))

    @property
    def sentence(self) -> str:
        """'41 households signed, 53 needed (…); landlord share 72 %, needs 60 %'
        (also true when more have signed than are needed)."""
        return _(
            "%(signed)s households signed, %(needed)s needed (%(households)s in "
            "the area); landlord share %(share)s %%, needs %(required)s %%."
        ) % {
            "signed": self.signed_households,
            "needed": self.needed,
            "households": self.households,
            "share": plain_number(self.landlord_share),
            "required": plain_number(self.required_landlord_share),
        }


def counted_signatures(*, on: datetime.date, rules: RecognitionRules):
    """Filters for the signatures that count, and the reasons others do not.
    Each signature is judged against its own group's area (`in_area`), so one
    query can judge the signatures of many groups."""
    since = on - relativedelta(months=rules.renewal_months)
    live = Q(status=Signature.Status.ACCEPTED, withdrawn_at__isnull=True)
    in_date = Q(signed_on__gt=since, signed_on__lte=on)
    # An online signer who has since moved no longer speaks for that household.
    still_lives_there = Q(source=Signature.Source.PAPER) | Q(lives_there=True)
    return {
        "live": live,
        "in_date": in_date,
        "in_area": Q(in_area=True),
        "still_lives_there": still_lives_there,
        "counted": live & in_date & Q(in_area=True) & still_lives_there,
    }


def signatures_annotated(groups):
    """Signatures for `groups` (a queryset or list of groups) with whether the
    signer still lives at the home and whether the home is in the group's area."""
    lives_there = ResidentProfile.objects.filter(
        user=OuterRef("signer"),
        home=OuterRef("home"),
        status=ResidentProfile.Status.VERIFIED,
    )
    return Signature.objects.filter(group__in=groups).annotate(
        lives_there=Exists(lives_there),
        in_area=covers_home(
            group=OuterRef("group"),
            estate=OuterRef("home__estate"),
            street=OuterRef("home__street"),
            home=OuterRef("home"),
        ),
    )


def _households_by_group(groups) -> dict[int, dict[str, int]]:
    """Each group's households and landlord-customer households: from the
    groups themselves when they were read `with_household_counts` (the
    dashboard), otherwise one query."""
    if all(hasattr(group, "household_count") for group in groups):
        return {
            group.pk: {
                "total": group.household_count,
                "landlord_customers": group.landlord_household_count,
            }
            for group in groups
        }
    return {
        row["pk"]: {
            "total": row["household_count"],
            "landlord_customers": row["landlord_household_count"],
        }
        for row in with_household_counts(
            Group.objects.filter(pk__in=[group.pk for group in groups])
        ).values("pk", "household_count", "landlord_household_count")
    }


def evidence_summaries(
    groups, *, on: datetime.date | None = None, rules=None
) -> dict[int, EvidenceSummary]:
    """Each group's sign-up evidence on a day, by group id: two queries however
    many groups (for reports across every group)."""
    on = on or london_today()
    rules = rules or RecognitionRules.load()
    group_ids = [group.pk for group in groups]
    areas = _households_by_group(groups)
    f = counted_signatures(on=on, rules=rules)
    landlord = Q(home__tenure__in=Tenure.landlord_customers())
    totals = {
        row["group"]: row
        for row in signatures_annotated(group_ids)
        .values("group")
        .order_by()
        .annotate(
            signed=Count("home", distinct=True, filter=f["counted"]),
            landlord=Count("home", distinct=True, filter=f["counted"] & landlord),
            counted_rows=Count("pk", filter=f["counted"]),
            pending=Count("pk", filter=Q(status=Signature.Status.PENDING)),
            outside=Count("pk", filter=f["live"] & f["in_date"] & ~f["in_area"]),
            moved=Count(
                "pk",
                filter=f["live"]
                & f["in_date"]
                & f["in_area"]
                & ~f["still_lives_there"],
            ),
            expired=Count("pk", filter=f["live"] & ~f["in_date"]),
            oldest=Min("signed_on", filter=f["counted"]),
        )
    }
    share = Decimal(rules.signup_share)
    none_signed = dict.fromkeys(
        (
            "signed",
            "landlord",
            "counted_rows",
            "pending",
            "outside",
            "moved",
            "expired",
        ),
        0,
    ) | {"oldest": None}
    summaries = {}
    for group_id in group_ids:
        area = areas.get(group_id, {"total": 0})
        counts = totals.get(group_id, none_signed)
        summaries[group_id] = EvidenceSummary(
            households=area["total"],
            needed=math.ceil(area["total"] * share / 100),
            signed_households=counts["signed"],
            landlord_households=counts["landlord"],
            required_share=share,
            required_landlord_share=Decimal(rules.landlord_share),
            pending=counts["pending"],
            outside_area=counts["outside"],
            duplicates=counts["counted_rows"] - counts["signed"],
            moved_away=counts["moved"],
            expired=counts["expired"],
            oldest_counted=counts["oldest"],
            renewal_months=rules.renewal_months,
        )
    return summaries


def evidence_summary(
    group: Group, *, on: datetime.date | None = None, rules=None
) -> EvidenceSummary:
    """Coverage and landlord share on a day, with what was flagged and why."""
    return evidence_summaries([group], on=on, rules=rules)[group.pk]


def signature_rows(group: Group):
    """Every signature, annotated with what decides whether it counts."""
    earlier_same_home = Signature.objects.filter(
        group=group,
        home=OuterRef("home"),
        pk__lt=OuterRef("pk"),
        status=Signature.Status.ACCEPTED,
        withdrawn_at__isnull=True,
    )
    return (
        signatures_annotated([group])
        .annotate(duplicate=Exists(earlier_same_home))
        .select_related("home", "signer", "sheet")
        .order_by("-signed_on", "-pk")
    )


def why_not_counted(
    row: Signature, *, on: datetime.date, rules: RecognitionRules
) -> str:
    """Why a row from `signature_rows` does not count, in plain English ("" if
    it counts)."""
    since = on - relativedelta(months=rules.renewal_months)
    if row.withdrawn_at:
        return _("Withdrawn by the signer.")
    if row.status == Signature.Status.PENDING:
        return _("Waiting for staff to check it against the sheet.")
    if row.status == Signature.Status.REJECTED:
        return _("Rejected: %(reason)s") % {"reason": row.decision_reason}
    if row.signed_on <= since:
        return _("Expired: signed more than %(months)s months ago.") % {
            "months": rules.renewal_months
        }
    if row.signed_on > on:
        return _("Dated in the future.")
    if not row.in_area:
        return _("This address is outside the group’s area.")
    if row.source == Signature.Source.ONLINE and not row.lives_there:
        return _("The signer no longer lives at this address.")
    if row.duplicate:
        return _("Another signature from this household already counts.")
    return ""


def user_signature(group: Group, user) -> Signature | None:
    if not user.is_authenticated:
        return None
    return Signature.objects.filter(
        group=group, signer=user, withdrawn_at__isnull=True
    ).first()
