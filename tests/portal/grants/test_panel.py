"""The residents' grant panel: a declaration of any conflict of interest before
reading an application, scores against the scheme's criteria, and staff seeing
every member's scores and declarations."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group as Role
from django.core.exceptions import PermissionDenied, ValidationError

from portal.accounts.roles import GRANT_PANEL
from portal.core.models import AuditEntry
from portal.grants.models import GrantApplication, GrantScheme, PanelReview
from portal.grants.services import (
    application_approve,
    application_reject,
    panel_declare,
    panel_score,
)
from portal.groups.models import Group
from tests.conftest import sign_in
from tests.portal.grants.test_grants import person, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund():
    return GrantScheme.objects.get(name="Community fund")


@pytest.fixture
def bid(fund):
    """A fresh community fund bid from Anchor House (the demo's is scored)."""
    GrantApplication.objects.filter(scheme=fund).delete()
    return submitted(fund, Group.objects.get(name__startswith="Anchor House"), "4000")


def switch_to(client, email):
    client.logout()
    sign_in(client, email)


def url(application):
    return f"/portal/grants/panel/{application.pk}/"


def test_the_demo_fund_is_scored_with_a_conflict_declared(client, fund):
    assert fund.panel_scoring and len(fund.criteria) == 4
    assert set(fund.panel_members.values_list("email", flat=True)) == {
        "panel@example.org",
        "panel2@example.org",
    }
    reviews = PanelReview.objects.filter(application__scheme=fund)
    assert reviews.filter(conflict=True).exists()
    assert reviews.filter(scored_at__isnull=False).exists()
    sign_in(client, "officer@example.org")
    page = client.get(f"/admin/grant_schemes/{fund.pk}/panel/").content.decode()
    assert "Conflict: " in page and "average total" in page


def test_a_member_declares_then_reads_then_scores_with_errors_kept(client, bid):
    sign_in(client, "panel@example.org")
    listing = client.get("/portal/grants/panel/").content.decode()
    assert "Declare any conflict of interest" in listing
    before = client.get(url(bid)).content.decode()
    assert "Room hire and newsletters" not in before  # not until declared
    missing = client.post(url(bid), {"action": "declare"})
    assert "Say whether you have a conflict of interest." in missing.content.decode()
    client.post(url(bid), {"action": "declare", "conflict": "no"})
    page = client.get(url(bid)).content.decode()
    assert "Room hire and newsletters" in page
    assert "Fits this year’s theme: greener estates" in page
    bad = client.post(
        url(bid),
        {"action": "score", "score_0": "5", "score_1": "9", "comment": "Strong bid"},
    ).content.decode()
    assert "There is a problem" in bad
    assert "Give a score from 1 to 5 for ‘Benefits many residents’." in bad
    assert "Strong bid" in bad
    client.post(
        url(bid),
        {
            "action": "score",
            **{f"score_{n}": str(n + 2) for n in range(4)},
            "comment": "Strong bid",
        },
    )
    review = PanelReview.objects.get(application=bid, member__email="panel@example.org")
    assert review.total == 2 + 3 + 4 + 5
    assert [row["score"] for row in review.scores] == [2, 3, 4, 5]
    actions = set(
        AuditEntry.objects.filter(object_id=str(bid.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"grant.panel_declared", "grant.panel_scored"} <= actions


def test_a_declared_conflict_means_no_reading_and_no_scoring(client, bid):
    member = person("panel@example.org")
    with pytest.raises(ValidationError) as error:
        panel_declare(application=bid, member=member, conflict=True, reason=" ")
    assert "Say what the conflict of interest is." in str(error.value)
    panel_declare(
        application=bid, member=member, conflict=True, reason="My son is the chair"
    )
    with pytest.raises(PermissionDenied):
        panel_score(application=bid, member=member, scores=[5] * 4, comment="x")
    with pytest.raises(ValidationError):  # declared once only
        panel_declare(application=bid, member=member, conflict=False)
    sign_in(client, "panel@example.org")
    page = client.get(url(bid)).content.decode()
    assert "You declared a conflict of interest" in page
    assert "Room hire and newsletters" not in page
    client.post(url(bid), {"action": "score", "score_0": "5", "comment": "x"})
    assert not PanelReview.objects.get(pk=bid.panel_reviews.get().pk).scores


def test_nobody_scores_their_own_groups_application(client, bid, fund):
    chair = person("chair@example.org")
    chair.groups.add(Role.objects.get(name=GRANT_PANEL))
    fund.panel_members.add(chair)
    for act in [
        lambda: panel_declare(application=bid, member=chair, conflict=False),
        lambda: panel_score(application=bid, member=chair, scores=[5] * 4, comment="x"),
    ]:
        with pytest.raises(PermissionDenied):
            act()
    sign_in(client, "chair@example.org")
    assert "You cannot score" in client.get("/portal/grants/panel/").content.decode()
    client.post(url(bid), {"action": "declare", "conflict": "no"})
    assert not PanelReview.objects.filter(application=bid, member=chair).exists()


def test_only_the_schemes_panel_members_see_its_applications(client, bid, fund):
    for email in ["neighbour@example.org", "chair@example.org", "officer@example.org"]:
        switch_to(client, email)
        assert client.get(url(bid)).status_code == 404
        assert (
            "Anchor House" not in client.get("/portal/grants/panel/").content.decode()
        )
    fund.panel_members.remove(person("panel@example.org"))
    switch_to(client, "panel@example.org")
    assert client.get(url(bid)).status_code == 404
    with pytest.raises(PermissionDenied):
        panel_declare(
            application=bid, member=person("panel@example.org"), conflict=False
        )


def test_wrong_scores_and_scoring_after_the_decision_are_refused(bid):
    member = person("panel@example.org")
    with pytest.raises(ValidationError) as error:
        panel_score(application=bid, member=member, scores=[5] * 4, comment="x")
    assert "Declare any conflict of interest before you score." in str(error.value)
    panel_declare(application=bid, member=member, conflict=False)
    with pytest.raises(ValidationError) as error:
        panel_score(application=bid, member=member, scores=[5, 0, 6], comment="")
    assert set(error.value.message_dict) == {"score_1", "score_2", "score_3", "comment"}
    application_reject(
        application=bid, actor=person("officer@example.org"), reason="Over budget"
    )
    bid.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        panel_score(application=bid, member=member, scores=[5] * 4, comment="x")
    assert error.value.messages == [
        "This application is not approved, so that cannot be done now."
    ]


def test_scoring_from_a_copy_read_before_the_decision_is_refused(bid):
    """The member opened the application before the officer approved it: their
    scores from that page are refused by the lifecycle's rule (the `score` edit
    is allowed only while the application is undecided), and nothing is kept."""
    member = person("panel@example.org")
    panel_declare(application=bid, member=member, conflict=False)
    stale = GrantApplication.objects.get(pk=bid.pk)
    application_approve(
        application=bid, actor=person("officer@example.org"), amount=Decimal("4000")
    )
    decided = GrantApplication.objects.get(pk=bid.pk).get_status_display().lower()
    with pytest.raises(ValidationError) as refused:
        panel_score(application=stale, member=member, scores=[5] * 4, comment="Good")
    assert refused.value.messages == [
        f"This application is {decided}, so that cannot be done now."
    ]
    with pytest.raises(ValidationError, match="so that cannot be done now"):
        panel_declare(
            application=stale, member=person("panel2@example.org"), conflict=False
        )
    assert PanelReview.objects.get(application=bid, member=member).scores == []
    assert not AuditEntry.objects.filter(
        object_id=str(bid.pk), action="grant.panel_scored"
    ).exists()


def test_staff_see_every_members_scores_the_average_and_declarations(client, bid):
    one, two = person("panel@example.org"), person("panel2@example.org")
    panel_declare(application=bid, member=one, conflict=False)
    panel_score(application=bid, member=one, scores=[5, 5, 4, 4], comment="Great")
    panel_declare(application=bid, member=two, conflict=False)
    panel_score(application=bid, member=two, scores=[3, 3, 3, 2], comment="Costly")
    sign_in(client, "officer@example.org")
    decide = client.get(f"/admin/grant_applications/{bid.pk}/decide/").content.decode()
    assert "average total 14.5" in decide
    assert "Great" in decide and "Costly" in decide
    summary = client.get(f"/admin/grant_schemes/{bid.scheme_id}/panel/")
    assert summary.status_code == 200
    page = summary.content.decode()
    assert "average total 14.5" in page
    assert page.count("No conflict") == 2
    application_approve(
        application=bid, actor=person("officer@example.org"), amount=Decimal("4000")
    )


def test_panel_pages_do_not_grow_with_more_applications(
    client, bid, fund, django_assert_max_num_queries
):
    from tests.cms.meetings.test_calendar import count_queries

    chair = person("chair@example.org")
    member = person("panel@example.org")
    sign_in(client, "panel@example.org")
    client.get("/portal/grants/panel/")
    panel_before = count_queries(client, "/portal/grants/panel/")
    switch_to(client, "officer@example.org")
    summary_url = f"/admin/grant_schemes/{fund.pk}/panel/"
    client.get(summary_url)
    summary_before = count_queries(client, summary_url)
    extra = GrantApplication.objects.bulk_create(
        GrantApplication(
            scheme=fund,
            group=bid.group,
            applicant=chair,
            status="submitted",
            amount_requested=Decimal("10"),
            year=bid.year,
        )
        for _ in range(30)
    )
    PanelReview.objects.bulk_create(
        PanelReview(
            application=a,
            member=member,
            conflict=False,
            scores=[{"criterion": "x", "score": 3}],
        )
        for a in extra
    )
    assert count_queries(client, summary_url) == summary_before
    switch_to(client, "panel@example.org")
    assert count_queries(client, "/portal/grants/panel/") == panel_before
    with django_assert_max_num_queries(17):
        client.get("/portal/grants/panel/")
    switch_to(client, "officer@example.org")
    # 2 of these build the officer's admin menu: Pages (they write reports) and
    # whether they may create a meeting series.
    with django_assert_max_num_queries(15):
        client.get(summary_url)


def test_the_panel_application_page_does_not_grow_with_more_files_or_members(
    client, bid, django_assert_max_num_queries
):
    from tests.cms.meetings.test_calendar import count_queries
    from tests.portal.grants.test_grants import pdf_upload

    member = person("panel@example.org")
    panel_declare(application=bid, member=member, conflict=False)
    panel_score(application=bid, member=member, scores=[4] * 4, comment="Good")
    GrantApplication.objects.filter(pk=bid.pk).update(status="draft")
    from portal.grants.services import application_file_add

    def add_file():
        bid.refresh_from_db()
        application_file_add(
            application=bid,
            actor=person("chair@example.org"),
            upload=pdf_upload("quote.pdf"),
            content_type="application/pdf",
        )

    add_file()
    sign_in(client, "panel@example.org")
    GrantApplication.objects.filter(pk=bid.pk).update(status="submitted")
    client.get(url(bid))
    before = count_queries(client, url(bid))
    GrantApplication.objects.filter(pk=bid.pk).update(status="draft")
    for _ in range(10):
        add_file()
    GrantApplication.objects.filter(pk=bid.pk).update(status="submitted")
    assert count_queries(client, url(bid)) == before
    assert client.get(url(bid)).content.decode().count("quote.pdf") == 11
    with django_assert_max_num_queries(20):
        client.get(url(bid))


def test_panel_work_is_on_the_members_involvement_record(client, bid):
    """Scoring, or stepping aside with a conflict, counts as taking part; a
    declaration with no scores yet is not shown as work done."""
    scorer = person("panel@example.org")
    conflicted = person("panel2@example.org")
    PanelReview.objects.filter(member__in=[scorer, conflicted]).delete()
    panel_declare(application=bid, member=scorer, conflict=False)
    sign_in(client, scorer.email)
    record = client.get("/portal/involvement/").content.decode()
    assert "Scored an application" not in record and "Community fund" not in record

    panel_score(application=bid, member=scorer, scores=[4] * 4, comment="Good")
    panel_declare(
        application=bid, member=conflicted, conflict=True, reason="My neighbour"
    )
    record = client.get("/portal/involvement/").content.decode()
    assert "Scored an application" in record
    assert "Community fund" in record
    switch_to(client, conflicted.email)
    record = client.get("/portal/involvement/").content.decode()
    assert "Declared a conflict of interest" in record
    assert "Scored an application" not in record
