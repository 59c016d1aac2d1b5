"""Who can apply for what, as data with plain-English reasons and what to do.

Facts about the applicant are read once (a handful of queries), then every scheme
is judged from them, so the list of schemes costs the same however many there are.
"""

import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils.translation import gettext as _

from portal.accounts.eligibility import UNREAD, home_not_checked_reason
from portal.core.dates import london_today
from portal.evidence.selectors import evidence_summary
from portal.groups.models import Group, RecognitionRules
from portal.groups.selectors import (
    Status,
    group_status,
    insurance_current,
    last_agm_date,
)

from .models import GrantApplication, GrantScheme, financial_year

FUNDED = [
    GrantApplication.Status.AWAITING_SECOND,
    GrantApplication.Status.APPROVED,
    GrantApplication.Status.PAID,
]
# Sent and waiting for a decision: they count against "once a year" and "once
# ever" too, so nobody can send a second application while the first waits.
PENDING = [
    GrantApplication.Status.SUBMITTED,
    GrantApplication.Status.MORE_INFO,
]


@dataclass
class Rule:
    label: str
    met: bool
    reason: str = ""


@dataclass
class Verdict:
    scheme: GrantScheme
    rules: list[Rule] = field(default_factory=list)

    @property
    def can_apply(self) -> bool:
        return all(rule.met for rule in self.rules)

    @property
    def unmet(self) -> list[Rule]:
        return [rule for rule in self.rules if not rule.met]


@dataclass
class Facts:
    today: datetime.date
    group: Group | None
    status: str = ""
    evidence_current: bool = False
    agm_on: datetime.date | None = None
    agm_months: int = 12
    insured: bool = False
    overdue_report: bool = False
    home_not_checked: str = ""  # why not, in the words every feature uses
    funded: set = field(default_factory=set)  # (scheme_id, year) and (scheme_id, None)
    pending: set = field(default_factory=set)  # the same keys, waiting for a decision


def period_key(scheme: GrantScheme, year: int | None):
    """What "once" is counted over: the scheme for ever, or the scheme and year."""
    return (
        scheme.pk,
        None if scheme.frequency == GrantScheme.Frequency.ONCE_EVER else year,
    )


def applicant_side(*, group: Group | None, user) -> Q:
    """The applications that share the applicant side's "once" rules: the group's,
    or a resident's own (made without a group)."""
    if group is not None:
        return Q(group=group)
    return Q(group__isnull=True, applicant=user)


# What `facts_for` reads of each application that counts against "once".
ONCE_COLUMNS = ("scheme_id", "year", "status", "report_due_on", "report_received_on")


def facts_for(
    *,
    user,
    group: Group | None,
    today=None,
    exclude=None,
    rules=None,
    profile=UNREAD,
    once_rows=None,
) -> Facts:
    """`exclude` is an application left out of the counts: the one being decided,
    so a re-check never counts an application against itself. `rules`,
    `profile` (the person's resident profile, or None) and `once_rows` (the
    `ONCE_COLUMNS` of the applicant side's funded and pending applications)
    save reading them again where the caller already has them (the dashboard)."""
    today = today or london_today()
    facts = Facts(today=today, group=group)
    facts.home_not_checked = home_not_checked_reason(
        user, status=profile if profile is UNREAD else profile and profile.status
    )
    if once_rows is None:
        applications = GrantApplication.objects.filter(
            applicant_side(group=group, user=user), status__in=FUNDED + PENDING
        )
        if exclude is not None:
            applications = applications.exclude(pk=exclude.pk)
        once_rows = applications.values_list(*ONCE_COLUMNS)
    overdue_report = False
    for (
        scheme_id,
        year,
        status,
        report_due_on,
        report_received_on,
    ) in once_rows:
        into = facts.funded if status in FUNDED else facts.pending
        into |= {(scheme_id, year), (scheme_id, None)}
        overdue_report |= (
            status == GrantApplication.Status.PAID
            and report_due_on is not None
            and report_due_on < today
            and report_received_on is None
        )
    if group is None:
        return facts
    rules = rules or RecognitionRules.load()
    facts.status = group_status(group, rules=rules)
    facts.evidence_current = evidence_summary(group, rules=rules).meets_rule
    facts.agm_on = last_agm_date(group)
    facts.agm_months = rules.agm_months
    facts.insured = insurance_current(group, on=today)
    facts.overdue_report = overdue_report
    return facts


def _once_rule(scheme: GrantScheme, facts: Facts) -> Rule:
    key = period_key(scheme, financial_year(facts.today))
    once_ever = scheme.frequency == GrantScheme.Frequency.ONCE_EVER
    label = _("Not already funded") if once_ever else _("Not already funded this year")
    if key in facts.funded:
        return Rule(
            label,
            False,
            _("You have already had this grant.")
            if once_ever
            else _("You have already had this grant this financial year."),
        )
    if key in facts.pending:
        return Rule(
            label,
            False,
            _(
                "You have an application for this grant waiting for a decision: we "
                "will tell you when it is decided."
            ),
        )
    return Rule(label, True)


def judge(scheme: GrantScheme, facts: Facts) -> Verdict:
    verdict = Verdict(scheme=scheme)
    add = verdict.rules.append
    today = facts.today
    open_now = scheme.is_active and (
        (scheme.opens_on is None or scheme.opens_on <= today)
        and (scheme.closes_on is None or today <= scheme.closes_on)
    )
    add(
        Rule(
            _("Open for applications"),
            open_now,
            _("This scheme is not open at the moment."),
        )
    )
    group = facts.group
    if scheme.applicant == GrantScheme.Applicant.RESIDENT:
        add(
            Rule(
                _("Your home is checked"),
                not facts.home_not_checked,
                facts.home_not_checked,
            )
        )
        add(_once_rule(scheme, facts))
        return verdict
    kind_ok = group is not None and (
        (scheme.applicant == GrantScheme.Applicant.REPRESENTATIVE)
        == (group.kind == Group.Kind.REPRESENTATIVE)
    )
    add(
        Rule(
            _("Your group can apply for this"),
            kind_ok,
            _("This scheme is for %(who)s.")
            % {"who": scheme.get_applicant_display().lower()},
        )
    )
    if group is None:
        return verdict
    if scheme.applicant == GrantScheme.Applicant.FORMING_GROUP:
        add(
            Rule(
                _("For groups being set up"),
                facts.status in {Status.FORMING, Status.APPLIED},
                _(
                    "This grant is for new groups; a recognised group can apply for "
                    "the annual grant."
                ),
            )
        )
    else:
        add(
            Rule(
                _("The group is recognised"),
                facts.status in Status.RECOGNISED_NOW,
                _("Apply for recognition first, on your group’s page."),
            )
        )
        add(
            Rule(
                _("Sign-up evidence is current"),
                facts.evidence_current,
                _(
                    "Collect more sign-ups: see ‘Sign-up evidence’ on your group’s "
                    "page."
                ),
            )
        )
        agm_ok = (
            facts.agm_on is not None
            and facts.agm_on + relativedelta(months=facts.agm_months) >= today
        )
        if group.kind != Group.Kind.REPRESENTATIVE:  # a group of one holds no AGM
            add(
                Rule(
                    _("An AGM in the last 12 months"),
                    agm_ok,
                    _("Hold your AGM and upload its minutes to the group’s documents."),
                )
            )
    add(
        Rule(
            _("No end-of-grant report is overdue"),
            not facts.overdue_report,
            _("Send us the report for your last grant first."),
        )
    )
    if scheme.needs_insurance:
        add(
            Rule(
                _("Insurance evidence is current"),
                facts.insured,
                _("Upload your insurance certificate to the group’s documents."),
            )
        )
    add(_once_rule(scheme, facts))
    return verdict


def verdicts(
    *,
    user,
    group: Group | None,
    schemes=None,
    today=None,
    exclude=None,
    rules=None,
    profile=UNREAD,
    once_rows=None,
) -> list[Verdict]:
    facts = facts_for(
        user=user,
        group=group,
        today=today,
        exclude=exclude,
        rules=rules,
        profile=profile,
        once_rows=once_rows,
    )
    schemes = (
        schemes if schemes is not None else GrantScheme.objects.filter(is_active=True)
    )
    return [judge(scheme, facts) for scheme in schemes]
