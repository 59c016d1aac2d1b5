"""Sign-up coverage of the recognised groups, for the involvement performance
report (`portal.reports`): whether each group still has the residents' support
the recognition rules ask for, worked out for every group at once."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.dates import london_today
from portal.groups.models import RecognitionRules
from portal.groups.selectors import recognised_groups
from portal.reports.registry import (
    COUNT,
    GROUPS,
    PERCENT,
    Bar,
    ratio_figure,
    register_measure,
    register_records,
)

from .selectors import evidence_summaries


def _coverage(period, scope):
    """The day counted, and each group recognised that day (in the scope) with
    its sign-up evidence then."""
    on = min(period.last, london_today())
    groups = recognised_groups(on=on)
    if scope.kind != "landlord":
        groups = groups.filter(
            pk__in=groups.filter(scope.q(estate="estates")).values("pk")
        )
    groups = list(groups.only("pk", "name").order_by("name", "pk"))
    summaries = evidence_summaries(groups, on=on, rules=RecognitionRules.load())
    return on, [(group, summaries[group.pk]) for group in groups]


@register_measure(
    key="signup_coverage",
    section=GROUPS,
    label=gettext_lazy("Groups: sign-up coverage"),
    definition=gettext_lazy(
        "Of the groups recognised on the last day of the period (or today, if "
        "sooner), how many had enough sign-up evidence that day: households "
        "signed as a share of the homes the group covers, and the landlord "
        "customers' share of them, both as the recognition rules ask. In an area "
        "or estate, groups covering an estate there. Bars: each group by what "
        "it needs."
    ),
    unit=PERCENT,
    bar_unit=COUNT,
    order=30,
)
def signup_coverage(period, scope):
    _on, coverage = _coverage(period, scope)
    summaries = [summary for _group, summary in coverage]
    meets = sum(summary.meets_rule for summary in summaries)
    too_few = sum(not summary.meets_coverage for summary in summaries)
    share_low = sum(
        summary.meets_coverage and not summary.meets_landlord_share
        for summary in summaries
    )
    return ratio_figure(
        meets,
        len(summaries),
        bars=[
            Bar(_("Enough support"), meets),
            Bar(_("Too few households signed"), too_few),
            Bar(_("Landlord customers' share too low"), share_low),
        ],
        listing=reverse("resident_groups:index"),
    )


@register_records("signup_coverage")
def signup_coverage_records(period, scope):
    on, coverage = _coverage(period, scope)
    yield [
        _("Group"),
        _("Counted on"),
        _("Households covered"),
        _("Households needed"),
        _("Households signed"),
        _("Landlord customers' share (%)"),
        _("Share needed (%)"),
        _("Enough support"),
    ]
    for group, summary in coverage:
        yield [
            group.name,
            on.isoformat(),
            summary.households,
            summary.needed,
            summary.signed_households,
            summary.landlord_share,
            summary.required_landlord_share,
            _("Yes") if summary.meets_rule else _("No"),
        ]
