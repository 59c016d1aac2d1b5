"""Actions, scrutiny and estate inspections in the performance report, each
against a hand count on a small fixture in 2031/32 (which the demo never
reaches), with the clock at noon on 20 July 2031.

Quarter 1 (1 April to 30 June 2031), "E" an estate in the north area, "S" one in
the south:
- actions: A1 (E) due 10 April, done the 9th; A2 (the north, no estate) due
  1 May, done the 5th; A3 (S) due 15 June, in progress; A4 due 20 June, not
  going ahead; A0 due 31 March and A6 due 1 July (outside), A7 due 25 July;
  and the actions accepted recommendations became (below, no place);
- one review (28 days to respond): R1 sent 1 April, accepted on 20 April, its
  action (due 30 May) done on the 20th; R2 sent 1 April, accepted in part on
  10 May (late), its action in progress; R3 sent 1 May, not accepted on the
  15th; R4 sent 1 June, no response (due 29 June); R5 sent 30 June, no response
  (not due until 28 July); R7 sent 2 May, accepted on the 3rd, its action (due
  1 June) done on the 10th; R0 sent in March;
- inspections: E on 10 April (5, 4, 3 and an area left unscored) and 12 May
  (2, 2); S on 15 April (4); a draft on S and E's July walk are not counted.
"""

import datetime
from decimal import Decimal

import pytest

from cms.meetings.models import Body
from portal.actions.models import Action
from portal.housing.models import Area, Estate
from portal.inspections.models import ChecklistArea, Inspection, InspectionScore
from portal.reports import periods
from portal.reports.scopes import Scope
from portal.scrutiny.models import Recommendation, ScrutinyReview
from tests.portal.reports.test_measures import Q1, at, figure

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
DONE, OPEN = Action.Status.DONE, Action.Status.IN_PROGRESS


def action(title, due, status=OPEN, done=None, **place):
    return Action.objects.create(
        title=title,
        due_on=D(due),
        status=status,
        done_on=D(done) if done else None,
        status_reason="Not needed" if status == "not_going_ahead" else "",
        **place,
    )


@pytest.fixture
def places():
    north, south = Area.objects.order_by("name")[:2]
    return {
        "north": north,
        "E": Estate.objects.filter(area=north).order_by("name").first(),
        "S": Estate.objects.filter(area=south).order_by("name").first(),
    }


@pytest.fixture
def fixture(time_machine, places):
    time_machine.move_to(at("2031-07-20T12:00"), tick=False)
    action("A0", "2031-03-31", DONE, "2031-03-30")
    action("A1", "2031-04-10", DONE, "2031-04-09", estate=places["E"])
    action("A2", "2031-05-01", DONE, "2031-05-05", area=places["north"])
    action("A3", "2031-06-15", estate=places["S"])
    action("A4", "2031-06-20", Action.Status.NOT_GOING_AHEAD)
    action("A6", "2031-07-01")
    action("A7", "2031-07-25")

    review = ScrutinyReview.objects.create(
        title="Fixture review",
        body=Body.objects.get(name="Residents Panel"),
        scope="x",
        started_on=D("2031-03-01"),
        response_days=28,
    )
    for text, made, response, answered, result in [
        ("R0", "2031-03-20", "accepted", "2031-03-25", None),
        ("R1", "2031-04-01", "accepted", "2031-04-20", ("2031-05-30", "2031-05-20")),
        ("R2", "2031-04-01", "partly", "2031-05-10", ("2031-08-30", None)),
        ("R3", "2031-05-01", "rejected", "2031-05-15", None),
        ("R4", "2031-06-01", "", None, None),
        ("R5", "2031-06-30", "", None, None),
        ("R7", "2031-05-02", "accepted", "2031-05-03", ("2031-06-01", "2031-06-10")),
    ]:
        linked = None
        if result:
            due, done = result
            linked = action(f"From {text}", due, DONE if done else OPEN, done)
        Recommendation.objects.create(
            review=review,
            text=text,
            made_on=D(made),
            response=response,
            responded_on=D(answered) if answered else None,
            action=linked,
        )

    areas = list(ChecklistArea.objects.order_by("pk")[:4])
    for estate, held, status, scores in [
        ("E", "2031-04-10", "submitted", [5, 4, 3, None]),
        ("E", "2031-05-12", "submitted", [2, 2]),
        ("S", "2031-04-15", "submitted", [4]),
        ("S", "2031-05-20", "draft", [1]),
        ("E", "2031-07-02", "submitted", [1]),
    ]:
        inspection = Inspection.objects.create(
            estate=places[estate], held_on=D(held), status=status
        )
        for area, score in zip(areas, scores, strict=False):
            InspectionScore.objects.create(
                inspection=inspection, area=area, area_name=area.name, score=score
            )
    return places


def counts(found):
    return (found.count, found.of, found.value)


def test_actions_done_on_time_match_a_hand_count(fixture):
    """A1 and R1's action on time; A2 and R7's action late; A3 overdue."""
    found = figure("actions_on_time")
    assert counts(found) == (2, 5, Decimal("40.0"))
    assert [(bar.label, bar.value) for bar in found.bars] == [
        ("Done on time", 2),
        ("Done late", 2),
        ("Overdue, not done", 1),
        ("Not going ahead", 1),
    ]
    # The whole year so far: A6 (due 1 July) is overdue too; A7 and R2's action
    # are not yet due.
    year = figure("actions_on_time", period=periods.whole_year(2031))
    assert counts(year) == (2, 6, Decimal("33.3"))


def test_actions_by_area_and_estate(fixture):
    north = Scope(area_id=fixture["north"].pk, label="North")
    assert counts(figure("actions_on_time", scope=north)) == (1, 2, Decimal("50.0"))
    estate = Scope(area_id=fixture["north"].pk, estate_id=fixture["E"].pk, label="E")
    assert counts(figure("actions_on_time", scope=estate)) == (1, 1, Decimal("100.0"))
    south = Scope(area_id=fixture["S"].area_id, estate_id=fixture["S"].pk, label="S")
    assert counts(figure("actions_on_time", scope=south)) == (0, 1, Decimal("0.0"))


def test_recommendations_accepted_and_implemented_match_a_hand_count(fixture):
    accepted = figure("recommendations_accepted")  # R1, R2, R7 of those + R3
    assert counts(accepted) == (3, 4, Decimal("75.0"))
    assert [bar.value for bar in accepted.bars] == [3, 1, 2]  # R4, R5 waiting
    implemented = figure("recommendations_implemented")  # R1 on time, R7 late
    assert counts(implemented) == (2, 3, Decimal("66.7"))
    assert [bar.value for bar in implemented.bars] == [1, 1, 1]


def test_responses_in_time_match_a_hand_count(fixture):
    """R1, R3 and R7 answered in time, R2 late, R4 still waiting after its date;
    R5 still has time."""
    found = figure("scrutiny_responses_on_time")
    assert counts(found) == (3, 5, Decimal("60.0"))
    assert [bar.value for bar in found.bars] == [3, 1, 1]
    # Answered on the last day (29 April for R1) is in time; the day after is not.
    Recommendation.objects.filter(text="R1").update(responded_on=D("2031-04-29"))
    assert figure("scrutiny_responses_on_time").count == 3
    Recommendation.objects.filter(text="R1").update(responded_on=D("2031-04-30"))
    assert figure("scrutiny_responses_on_time").count == 2


def test_scrutiny_measures_say_reviews_are_not_placed(fixture):
    north = Scope(area_id=fixture["north"].pk, label="North")
    for key in (
        "recommendations_accepted",
        "recommendations_implemented",
        "scrutiny_responses_on_time",
    ):
        found = figure(key, scope=north)
        assert found.value is None
        assert "do not say which area" in found.note


def test_inspection_scores_match_a_hand_count(fixture):
    found = figure("inspection_score")  # (5 + 4 + 3 + 2 + 2 + 4) / 6
    assert (found.value, found.count) == (Decimal("3.33"), 3)
    assert [(bar.label, bar.value) for bar in found.bars] == [
        (fixture["E"].name, Decimal("3.20")),
        (fixture["S"].name, Decimal("4.00")),
    ]
    north = Scope(area_id=fixture["north"].pk, label="North")
    in_north = figure("inspection_score", scope=north)
    assert (in_north.value, in_north.count) == (Decimal("3.20"), 2)
    estate = Scope(area_id=fixture["north"].pk, estate_id=fixture["E"].pk, label="E")
    by_month = figure("inspection_score", scope=estate)
    assert [(bar.label, bar.value) for bar in by_month.bars] == [
        ("Apr 2031", Decimal("4.00")),
        ("May 2031", Decimal("2.00")),
    ]


def test_no_inspections_is_no_figure_not_zero(fixture):
    found = figure("inspection_score", period=periods.quarter(2032, 1))
    assert (found.value, found.count, found.bars) == (None, 0, [])


def test_targets_rate_the_new_measures(fixture):
    from portal.reports.models import MeasureTarget
    from portal.reports.selectors import performance

    MeasureTarget.objects.create(measure="actions_on_time", year=2031, target=90)
    MeasureTarget.objects.create(
        measure="inspection_score", year=2031, target=Decimal("3"), amber_within=1
    )
    rows = {
        row.measure.key: row
        for _, section in performance(Q1, Scope())
        for row in section
    }
    assert rows["actions_on_time"].rating == "red"
    assert rows["inspection_score"].rating == "green"
