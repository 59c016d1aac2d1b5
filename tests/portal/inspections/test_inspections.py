"""Estate inspections: resident inspectors sign up, score the estate step by step
(a draft saved after each step, no JavaScript needed), and every problem becomes
an action; anyone can read the scores over time and what was done."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.accounts.models import User
from portal.actions.models import Action
from portal.core.dates import london_today
from portal.core.models import AuditEntry
from portal.housing.models import Estate
from portal.inspections.models import (
    EstateSchedule,
    Inspection,
    InspectionScore,
    Inspector,
)
from portal.inspections.selectors import scores_by_estate_and_month
from portal.inspections.services import (
    inspection_score_save,
    inspection_start,
    inspection_submit,
    inspector_sign_up,
)
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def person(email):
    return User.objects.get(email=email)


@pytest.fixture
def chair():
    return person("chair@example.org")


@pytest.fixture
def estate(chair):
    return chair.resident_profile.home.estate


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("bins.png", buffer.getvalue(), "image/png")


def test_demo_has_a_year_of_monthly_inspections_on_two_estates():
    rows = scores_by_estate_and_month(
        start=london_today() - datetime.timedelta(days=400), end=london_today()
    )
    by_estate = {}
    for row in rows:
        by_estate.setdefault(row["estate"], []).append(row)
    assert len(by_estate) == 2
    assert all(len(months) == 12 for months in by_estate.values())
    assert Action.objects.filter(source="inspection").count() > 5


def test_only_residents_of_the_estate_can_sign_up(estate):
    with pytest.raises(PermissionDenied):
        inspector_sign_up(person=person("resident@example.org"), estate=estate)
    other = Estate.objects.exclude(pk=estate.pk).first()
    with pytest.raises(PermissionDenied):
        inspector_sign_up(person=person("chair@example.org"), estate=other)


def test_strangers_cannot_start_or_change_an_inspection(estate, chair):
    with pytest.raises(PermissionDenied):
        inspection_start(estate=estate, lead=person("neighbour@example.org"))
    inspection = inspection_start(estate=estate, lead=chair)
    score = inspection.scores.first()
    with pytest.raises(PermissionDenied):
        inspection_score_save(
            score=score, actor=person("neighbour@example.org"), value=3
        )


def test_step_by_step_without_js_then_send_makes_actions(client, estate, chair):
    sign_in(client, chair.email)
    index = client.get("/portal/inspections/").content.decode()
    assert "Start today’s inspection" in index
    response = client.post(f"/portal/inspections/estates/{estate.pk}/start/")
    inspection = Inspection.objects.get(estate=estate, held_on=london_today())
    assert response.url == f"/portal/inspections/{inspection.pk}/"
    scores = list(inspection.scores.all())
    first = f"/portal/inspections/{inspection.pk}/areas/{scores[0].pk}/"
    # Bad input: no score, a problem without a note, a file that is not a photo.
    bad = client.post(
        first,
        {
            "problem": "on",
            "photo": SimpleUploadedFile("x.png", b"not an image", "image/png"),
        },
    )
    html = bad.content.decode()
    assert bad.status_code == 200
    assert "Choose a score from 1" in html
    response = client.post(first, {"score": "2", "problem": "on", "note": ""})
    assert "Say what needs putting right" in response.content.decode()
    response = client.post(
        first,
        {"score": "2", "problem": "on", "note": "Bins overflowing", "photo": png()},
    )
    assert response.status_code == 302
    assert response.url.endswith(f"/areas/{scores[1].pk}/")
    saved = InspectionScore.objects.get(pk=scores[0].pk)
    assert (saved.score, saved.note, saved.photo.original_name) == (
        2,
        "Bins overflowing",
        "bins.png",
    )
    # The draft keeps what was saved; sending before the end says what is missing.
    response = client.post(f"/portal/inspections/{inspection.pk}/", follow=True)
    assert "Score every area before sending" in response.content.decode()
    for score in scores[1:]:
        client.post(
            f"/portal/inspections/{inspection.pk}/areas/{score.pk}/", {"score": "4"}
        )
    response = client.post(f"/portal/inspections/{inspection.pk}/")
    assert response.url == f"/what-we-are-doing/inspections/{estate.pk}/"
    inspection.refresh_from_db()
    assert inspection.status == "submitted"
    action = InspectionScore.objects.get(pk=scores[0].pk).action
    assert action.source == "inspection" and action.estate == estate
    assert action.title.endswith("Bins overflowing")
    assert AuditEntry.objects.filter(
        action="inspection.submit", object_id=str(inspection.pk)
    ).exists()
    with pytest.raises(ValidationError):
        inspection_score_save(score=scores[1], actor=chair, value=1)
    with pytest.raises(ValidationError):
        inspection_start(estate=estate, lead=chair)


def test_a_future_inspection_is_refused(estate, chair):
    with pytest.raises(ValidationError):
        inspection_start(
            estate=estate,
            lead=chair,
            held_on=london_today() + datetime.timedelta(days=1),
        )


def test_results_are_public_with_chart_table_and_actions(
    client, estate, django_assert_max_num_queries
):
    url = f"/what-we-are-doing/inspections/{estate.pk}/"
    client.get(url)
    with django_assert_max_num_queries(16):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "Average score (out of 5)" in html
    assert "What inspectors found and what we did" in html
    assert "/what-we-are-doing/" in html
    assert client.get("/what-we-are-doing/inspections/").status_code == 200


def test_inspection_problem_actions_show_on_the_register(client):
    html = client.get("/what-we-are-doing/?source=inspection").content.decode()
    assert "Estate inspection" in html or "inspection" in html


def test_send_twice_at_once_makes_one_set_of_actions(estate, chair):
    inspection = inspection_start(estate=estate, lead=chair)
    for score in inspection.scores.all():
        inspection_score_save(
            score=score, actor=chair, value=1, note="Bad", problem=True
        )
    inspection_submit(inspection=inspection, actor=chair)
    made = Action.objects.filter(inspection_score__inspection=inspection).count()
    with pytest.raises(ValidationError):
        inspection_submit(inspection=inspection, actor=chair)
    assert (
        Action.objects.filter(inspection_score__inspection=inspection).count() == made
    )


def test_inspection_hours_count_on_the_lead_inspectors_record(chair):
    """With the schedule's hours set (the demo: 2 on the chair's estate), each
    inspection the chair sent counts them on their record and towards volunteer
    hours; without, none."""
    from decimal import Decimal

    from portal.core.involvement import (
        financial_year,
        financial_year_bounds,
        hours_by_person,
        involvement_for,
    )
    from portal.inspections.involvement import inspection_hours
    from portal.inspections.models import EstateSchedule

    def led():
        return [i for i in involvement_for(chair) if str(i.kind) == "Estate inspection"]

    assert led() and all(item.hours == Decimal("2") for item in led())
    schedule = EstateSchedule.objects.get(estate=chair.resident_profile.home.estate)
    schedule.inspection_hours = None
    schedule.save()
    assert all(item.hours is None for item in led())
    year = financial_year(london_today())
    before = hours_by_person(year).get(chair.pk, Decimal("0"))
    schedule.inspection_hours = Decimal("1.5")
    schedule.save()
    assert all(item.hours == Decimal("1.5") for item in led())
    start, end = financial_year_bounds(year)
    sent_this_year = Inspection.objects.filter(
        lead=chair, status="submitted", held_on__gte=start, held_on__lte=end
    ).count()
    assert sent_this_year
    assert inspection_hours(start, end)[chair.pk] == Decimal("1.5") * sent_this_year
    after = hours_by_person(year)[chair.pk]
    assert after - before == Decimal("1.5") * sent_this_year


def test_a_stale_draft_can_be_neither_sent_again_nor_rescored(estate, chair):
    """Sending is the one move of `Inspection.lifecycle`; scoring is allowed only
    while a draft. Working from a copy read before it was sent, both are refused
    with the same message, and the sending is audited once."""
    assert Inspection.lifecycle.table() == [("submit", ["draft"], "submitted")]
    inspection = inspection_start(estate=estate, lead=chair)
    stale = Inspection.objects.get(pk=inspection.pk)
    for score in inspection.scores.all():
        inspection_score_save(score=score, actor=chair, value=4)
    sent = inspection_submit(inspection=inspection, actor=chair)
    assert sent.status == "submitted" and sent.submitted_at is not None
    with pytest.raises(ValidationError, match="has been sent and cannot change"):
        inspection_submit(inspection=stale, actor=chair)
    score = InspectionScore.objects.filter(inspection=inspection).first()
    with pytest.raises(ValidationError, match="has been sent and cannot change"):
        inspection_score_save(score=score, actor=chair, value=1)
    assert InspectionScore.objects.get(pk=score.pk).score == 4
    entry = AuditEntry.objects.get(
        action="inspection.submit", object_id=str(inspection.pk)
    )
    assert (entry.actor, entry.from_state, entry.to_state) == (
        chair,
        "draft",
        "submitted",
    )


def test_residents_find_their_estates_inspections_from_the_dashboard(
    client, chair, estate
):
    """The inspector's dashboard card links to their estate's results and the
    inspection screens; a resident following another estate finds its results
    too, from the card and from the estate's actions; someone with no checked
    home and no estate followed has no card."""
    from portal.actions.services import action_follow

    sign_in(client, chair.email)
    html = client.get("/portal/").content.decode()
    results = f"/what-we-are-doing/inspections/{estate.pk}/"
    assert "Your estate" in html and f'href="{results}"' in html
    assert 'href="/portal/inspections/"' in html and "Inspect your estate" in html
    page = client.get(results)
    assert page.status_code == 200 and estate.name in page.content.decode()

    resident = person("resident@example.org")  # home not checked yet
    resident.action_follows.all().delete()
    client.logout()
    sign_in(client, resident.email)
    assert "Your estate" not in client.get("/portal/").content.decode()
    other = (
        EstateSchedule.objects.exclude(estate=estate).select_related("estate").first()
    ).estate
    action_follow(person=resident, estate=other)
    html = client.get("/portal/").content.decode()
    assert f'href="/what-we-are-doing/inspections/{other.pk}/"' in html
    assert f'href="/what-we-are-doing/?estate={other.pk}"' in html
    assert "Become a resident inspector" not in html  # they do not live there
    html = client.get(f"/what-we-are-doing/?estate={other.pk}").content.decode()
    assert f'href="/what-we-are-doing/inspections/{other.pk}/"' in html


def test_a_neighbour_on_an_inspected_estate_is_offered_the_inspector_role(client):
    neighbour = person("neighbour@example.org")
    home = neighbour.resident_profile.home.estate
    EstateSchedule.objects.get_or_create(estate=home)
    Inspector.objects.filter(person=neighbour).delete()
    sign_in(client, neighbour.email)
    html = client.get("/portal/").content.decode()
    assert "Become a resident inspector" in html
    assert f'href="/what-we-are-doing/inspections/{home.pk}/"' in html


def test_inspectors_sign_up_from_the_menu_of_involvement(client, estate):
    """The "Estate inspections" opportunity shows each estate's schedule; a
    resident living on an estate signs up there; others are told who can."""
    from cms.involvement.models import OpportunityPage

    opportunity = OpportunityPage.objects.get(title="Estate inspections")
    scheduled = EstateSchedule.objects.filter(opportunity=opportunity)
    assert scheduled.count() == 2
    html = client.get(opportunity.url).content.decode()
    for schedule in scheduled.select_related("estate"):
        assert schedule.estate.name in html
        assert f'href="/what-we-are-doing/inspections/{schedule.estate_id}/"' in html
    assert "Sign in to sign up as a resident inspector" in html

    neighbour = person("neighbour@example.org")
    assert neighbour.resident_profile.home.estate == estate
    Inspector.objects.filter(person=neighbour).delete()
    sign_in(client, neighbour.email)
    html = client.get(opportunity.url).content.decode()
    assert f"Sign up to inspect {estate.name}" in html
    other = scheduled.exclude(estate=estate).get().estate
    assert f"Sign up to inspect {other.name}" not in html
    response = client.post(f"/portal/inspections/estates/{estate.pk}/sign-up/")
    assert response.status_code == 302
    assert Inspector.objects.filter(person=neighbour, estate=estate).exists()
    html = client.get(opportunity.url).content.decode()
    assert "You are a resident inspector for this estate." in html
    assert f"Sign up to inspect {estate.name}" not in html


def test_the_team_sees_the_inspectors_photo_and_residents_the_results(
    client, estate, chair
):
    """The problem's action shows staff what the inspector found, with their
    photo (private: staff and the inspector only); its public page links to the
    estate's inspection results."""
    inspection = inspection_start(estate=estate, lead=chair)
    first, *rest = inspection.scores.select_related("area")
    inspection_score_save(
        score=first, actor=chair, value=1, problem=True, note="Lamp out", photo=png()
    )
    for score in rest:
        inspection_score_save(score=score, actor=chair, value=4)
    inspection_submit(inspection=inspection, actor=chair)
    first.refresh_from_db()
    action = first.action
    assert action.owner_team == first.area.team  # the right team
    photo = f"/portal/files/{first.photo_id}/"
    sign_in(client, "officer@example.org")
    html = client.get(f"/admin/actions_register/{action.pk}/progress/").content
    assert "What the inspector found" in html.decode() and photo in html.decode()
    assert client.get(photo).status_code == 200
    client.logout()
    sign_in(client, "neighbour@example.org")
    assert client.get(photo).status_code in (403, 404)
    client.logout()
    html = client.get(f"/what-we-are-doing/{action.pk}/").content.decode()
    assert f'href="/what-we-are-doing/inspections/{estate.pk}/"' in html
    assert photo not in html


def test_the_checklist_is_data_staff_change(client, estate, chair):
    """Staff add an area in the admin and retire another: the next inspection
    scores the checklist as it is then; sent ones keep theirs."""
    from portal.inspections.models import ChecklistArea

    sent = Inspection.objects.filter(estate=estate, status="submitted").first()
    before = list(sent.scores.values_list("area_name", flat=True))
    retired = ChecklistArea.objects.get(name=before[0])
    sign_in(client, "officer@example.org")
    response = client.post(
        "/admin/inspection_checklist/new/",
        {"name": "Play areas", "team": "Grounds", "sort_order": "9", "active": "on"},
    )
    assert response.status_code == 302
    retired.active = False
    retired.save()
    inspection = inspection_start(estate=estate, lead=chair)
    names = list(inspection.scores.values_list("area_name", flat=True))
    assert "Play areas" in names and retired.name not in names
    assert list(sent.scores.values_list("area_name", flat=True)) == before
