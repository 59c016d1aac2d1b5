"""Sign-up coverage across groups: `evidence_summaries` gives every group the
same answer as asking one at a time, in two queries however many groups, and
the report's "Groups: sign-up coverage" matches a hand count.

The fixture, in an area of our own (so the demo's groups stay out of it), quarter
1 of 2031/32 (1 April to 30 June 2031) with the clock at 20 July 2031; rules 25 %
of households, 60 % of them landlord customers, evidence lasting 24 months:
- estate A: 20 homes, 15 tenants and 5 not landlord customers; estate B: 10
  tenants' homes;
- G1 (estate A, recognised): 6 tenants signed: 6 of 5 needed, share 100 % → enough;
- G2 (estate B, recognised): 1 signed in May and 2 more on 5 July: on 30 June
  1 of 3 needed → too few (by 20 July it has enough);
- G3 (estate A, recognised): the 5 non-customers signed: 5 of 5, share 0 % →
  landlord customers' share too low;
- G4 (estate B): recognition ran out on 1 January 2031, fully signed → not counted;
- G5 (estate B): recognised but de-recognised on 1 June 2031 → not counted.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from portal.evidence.models import Signature
from portal.evidence.selectors import evidence_summaries, evidence_summary
from portal.groups.models import Group, RecognitionApplication, RecognitionRules
from portal.housing.models import Area, Estate, Property, Tenure
from portal.reports import periods
from portal.reports.registry import _measures
from portal.reports.scopes import Scope

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Q1 = periods.quarter(2031, 1)


def _homes(estate, count, *, prefix, tenure=Tenure.TENANT):
    return [
        Property.objects.create(
            uprn=f"{prefix}{n:09d}",
            address_line_1=f"{n} {estate.name}",
            postcode="RV7 7ZZ",
            tenure=tenure,
            estate=estate,
        )
        for n in range(count)
    ]


def _group(name, estate, *, until=datetime.date(2032, 5, 1), derecognised_on=None):
    group = Group.objects.create(name=name, kind="tra", derecognised_on=derecognised_on)
    group.estates.add(estate)
    decided = datetime.datetime(2030, 5, 1, 10, tzinfo=LONDON)
    RecognitionApplication.objects.create(
        group=group,
        applied_at=decided,
        status="approved",
        decided_at=decided,
        recognised_until=until,
    )
    return group


def _sign(group, homes, on):
    Signature.objects.bulk_create(
        Signature(
            group=group,
            home=home,
            source=Signature.Source.PAPER,
            name="A signer",
            signed_on=on,
            status=Signature.Status.ACCEPTED,
        )
        for home in homes
    )


@pytest.fixture
def coverage(time_machine):
    time_machine.move_to(datetime.datetime(2031, 7, 20, 12, tzinfo=LONDON), tick=False)
    rules = RecognitionRules.load()
    rules.signup_share, rules.landlord_share, rules.renewal_months = 25, 60, 24
    rules.save()
    area = Area.objects.create(name="Coverage test area")
    a = Estate.objects.create(area=area, name="Estate A")
    b = Estate.objects.create(area=area, name="Estate B")
    a_tenants = _homes(a, 15, prefix="71")
    a_others = _homes(a, 5, prefix="72", tenure=Tenure.NON_LANDLORD)
    b_homes = _homes(b, 10, prefix="73")
    may = datetime.date(2031, 5, 10)
    groups = {
        "G1": _group("G1", a),
        "G2": _group("G2", b),
        "G3": _group("G3", a),
        "G4": _group("G4", b, until=datetime.date(2031, 1, 1)),
        "G5": _group("G5", b, derecognised_on=datetime.date(2031, 6, 1)),
    }
    _sign(groups["G1"], a_tenants[:6], may)
    _sign(groups["G2"], b_homes[:1], may)
    _sign(groups["G2"], b_homes[1:3], datetime.date(2031, 7, 5))
    _sign(groups["G3"], a_others, may)
    _sign(groups["G4"], b_homes, may)
    _sign(groups["G5"], b_homes, may)
    return {"area": area, "estate_a": a, "estate_b": b, "groups": groups}


def _figure(period, scope):
    return _measures["signup_coverage"].figure(period, scope)


def test_each_group_gets_the_same_summary_as_asking_one_at_a_time(coverage):
    groups = list(coverage["groups"].values())
    on = datetime.date(2031, 6, 30)
    together = evidence_summaries(groups, on=on)
    for group in groups:
        assert together[group.pk] == evidence_summary(group, on=on), group.name
    g1, g2, g3 = (together[coverage["groups"][k].pk] for k in ("G1", "G2", "G3"))
    assert (g1.households, g1.needed, g1.signed_households) == (20, 5, 6)
    assert g1.meets_rule
    assert (g2.households, g2.needed, g2.signed_households) == (10, 3, 1)
    assert not g2.meets_coverage
    assert (g3.signed_households, g3.landlord_households) == (5, 0)
    assert g3.meets_coverage and not g3.meets_landlord_share


def test_a_group_with_no_homes_or_signatures_gets_an_empty_summary(coverage):
    empty = Group.objects.create(name="Nowhere yet", kind="tra")
    summary = evidence_summaries([empty])[empty.pk]
    assert (summary.households, summary.signed_households, summary.pending) == (
        0,
        0,
        0,
    )
    assert not summary.meets_rule


def test_the_coverage_measure_matches_a_hand_count(coverage):
    area = Scope(area_id=coverage["area"].pk, label="Coverage test area")
    figure = _figure(Q1, area)
    assert (figure.count, figure.of, figure.value) == (1, 3, Decimal("33.3"))
    assert [(bar.label, bar.value) for bar in figure.bars] == [
        ("Enough support", 1),
        ("Too few households signed", 1),
        ("Landlord customers' share too low", 1),
    ]
    assert figure.url.startswith("/admin/")

    # Up to today G2's July signatures count too.
    to_today = periods.custom(datetime.date(2031, 4, 1), datetime.date(2031, 7, 20))
    assert (_figure(to_today, area).count, _figure(to_today, area).of) == (2, 3)

    # An estate: only the groups covering it.
    estate_b = Scope(
        area_id=coverage["area"].pk, estate_id=coverage["estate_b"].pk, label="B"
    )
    assert (_figure(Q1, estate_b).count, _figure(Q1, estate_b).of) == (0, 1)


def test_the_measure_counts_in_the_same_queries_however_many_groups(
    coverage, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    area = Scope(area_id=coverage["area"].pk, label="Coverage test area")
    _figure(Q1, area)  # settings warmed
    with CaptureQueriesContext(connection) as before:
        _figure(Q1, area)
    estate = coverage["estate_a"]
    homes = list(Property.objects.filter(estate=estate))
    for n in range(12):
        _sign(_group(f"More {n}", estate), homes[: n + 1], datetime.date(2031, 5, 1))
    with CaptureQueriesContext(connection) as after:
        figure = _figure(Q1, area)
    assert figure.of == 15
    assert len(after) == len(before) <= 4, [q["sql"][:100] for q in after]
    every_group, rules = list(Group.objects.all()), RecognitionRules.load()
    with django_assert_num_queries(2):
        evidence_summaries(every_group, on=datetime.date(2031, 6, 30), rules=rules)
