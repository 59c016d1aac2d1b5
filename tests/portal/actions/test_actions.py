"""The actions register: promises tracked to done, in public, with followers told
once and owners reminded once before and once after the due date."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.meetings.models import MeetingPage
from portal.accounts.models import User
from portal.actions.models import Action, ActionFollow, MeetingAction
from portal.actions.selectors import actions_done_on_time, progress_summary
from portal.actions.services import (
    action_create,
    action_follow,
    action_reminders_send,
    action_status_change,
    action_update_add,
)
from portal.core.dates import london_today
from portal.core.models import AuditEntry, Notification
from portal.housing.models import Estate
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

# The page's own four (summary, count, rows, follow state aside) plus the
# filter choices and the site chrome.
MAX_REGISTER_QUERIES = 20

TODAY = london_today()


def person(email):
    return User.objects.get(email=email)


@pytest.fixture
def officer():
    return person("officer@example.org")


@pytest.fixture
def action(officer):
    return action_create(
        actor=officer,
        title="Mend the gate on Block C",
        due_on=TODAY + datetime.timedelta(days=3),
        source=Action.Source.COMPLAINT,
        complaint_theme="Broken gates",
        owner=officer,
        estate=Estate.objects.order_by("name").first(),
    )


def test_demo_panel_minutes_show_three_actions_in_public(client):
    meeting = (
        MeetingPage.objects.filter(
            action_links__isnull=False, locale=Locale.get_default()
        )
        .distinct()
        .get()
    )
    actions = {a.title: a for a in Action.objects.filter(meeting=meeting)}
    assert sorted(a.progress() for a in actions.values()) == [
        "on_time",
        "open",
        "overdue",
    ]
    html = client.get(meeting.url).content.decode()
    assert "Actions agreed and their progress" in html
    for title in actions:
        assert title in html
    assert "overdue" in html
    assert "on time, on" in html


def test_demo_consultation_outcome_shows_its_promised_change(client):
    action = Action.objects.get(source=Action.Source.CONSULTATION)
    assert action.due_on == action.consultation.changes_by
    html = client.get(action.consultation.url).content.decode()
    assert "Promised changes and how far they have got" in html
    assert (
        action.title.replace("“", "&ldquo;")[:20] in html or action.title[:20] in html
    )


def test_what_we_are_doing_is_public_with_summary_and_filters(client):
    response = client.get("/what-we-are-doing/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What we are doing" in html
    assert "Done on time" in html and "Overdue" in html
    done = client.get("/what-we-are-doing/?status=done&source=meeting").content.decode()
    assert "Fix the broken lights" in done
    assert "Publish the estate cleaning rota" not in done
    late = client.get(
        "/what-we-are-doing/?progress=late&source=meeting"
    ).content.decode()
    assert "Publish the estate cleaning rota" in late
    assert "Fix the broken lights" not in late


def test_register_filters_by_area_estate_and_topic(client):
    from portal.housing.models import Area

    lights = Action.objects.get(title__startswith="Fix the broken lights")
    rota = Action.objects.get(title__startswith="Publish the estate cleaning rota")
    html = client.get(f"/what-we-are-doing/?topic={lights.topic_id}").content.decode()
    assert lights.title in html and rota.title not in html
    here = f"area={lights.area_id}&estate={lights.estate_id}&source=meeting"
    html = client.get(f"/what-we-are-doing/?{here}").content.decode()
    assert lights.title in html and rota.title in html
    elsewhere = Area.objects.exclude(pk=lights.area_id).first()
    html = client.get(f"/what-we-are-doing/?area={elsewhere.pk}").content.decode()
    assert lights.title not in html


def test_a_follower_of_the_body_hears_in_their_own_language(officer):
    """Following the Residents Panel is enough to hear its action moved on, in
    the language the person chose."""
    from portal.participation.models import BodyFollow

    action = Action.objects.get(title__startswith="Review how repairs appointments")
    neighbour = person("neighbour@example.org")
    ActionFollow.objects.filter(person=neighbour).delete()
    from portal.accounts.models import ContactPreferences

    ContactPreferences.objects.update_or_create(
        user=neighbour, defaults={"language": "pl"}
    )
    BodyFollow.objects.get_or_create(person=neighbour, body=action.meeting.body)
    action_status_change(action=action, actor=officer, to_status="done")
    told = Notification.objects.filter(
        key=f"action-moved:{action.pk}:done", recipient=neighbour
    )
    assert told.exists()
    assert all(n.subject.startswith("Aktualizacja działania") for n in told)


def test_bad_filters_get_a_message_not_a_500(client):
    response = client.get("/what-we-are-doing/?status=nonsense&estate=abc&page=zz")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html


def test_action_page_is_public_and_tells_its_story(client):
    done = Action.objects.get(title__startswith="Fix the broken lights")
    html = client.get(f"/what-we-are-doing/{done.pk}/").content.decode()
    assert "ordered new LED fittings" in html
    assert "All eight lights replaced" in html
    assert "Sign in to hear when this action moves on" in html
    assert client.get("/what-we-are-doing/999999/").status_code == 404


def test_status_change_is_audited_and_only_legal_moves_are_allowed(action, officer):
    action_status_change(action=action, actor=officer, to_status="in_progress")
    entry = AuditEntry.objects.filter(action="action.status").latest("pk")
    assert (entry.from_state, entry.to_state, entry.actor) == (
        "agreed",
        "in_progress",
        officer,
    )
    with pytest.raises(ValidationError) as error:
        action_status_change(action=action, actor=officer, to_status="agreed")
    assert "cannot become" in str(error.value)
    with pytest.raises(ValidationError) as error:
        action_status_change(action=action, actor=officer, to_status="not_going_ahead")
    assert "Say why" in str(error.value)
    with pytest.raises(ValidationError):
        action_status_change(
            action=action,
            actor=officer,
            to_status="done",
            done_on=TODAY + datetime.timedelta(days=1),
        )
    action_status_change(
        action=action, actor=officer, to_status="done", evidence="New gate fitted."
    )
    action.refresh_from_db()
    assert (action.status, action.done_on, action.progress()) == (
        "done",
        TODAY,
        "on_time",
    )
    with pytest.raises(ValidationError):
        action_status_change(action=action, actor=officer, to_status="in_progress")


def test_residents_and_editors_cannot_move_actions(action):
    for email in ("resident@example.org", "editor@example.org"):
        with pytest.raises(PermissionDenied):
            action_status_change(action=action, actor=person(email), to_status="done")
        with pytest.raises(PermissionDenied):
            action_update_add(action=action, actor=person(email), text="Hello")
    action.refresh_from_db()
    assert action.status == "agreed"


def test_a_new_action_must_start_proposed_or_agreed(officer):
    with pytest.raises(ValidationError):
        action_create(actor=officer, title="X", due_on=TODAY, status="done")


def test_follower_of_an_estate_and_the_action_is_told_once(action, officer, resident):
    action_follow(person=resident, estate=action.estate)
    action_follow(person=resident, action=action)
    assert not action_follow(person=resident, action=action)  # already following
    neighbour = person("neighbour@example.org")
    action_follow(person=neighbour, action=action)
    action_update_add(action=action, actor=officer, text="Parts ordered.")
    assert not Notification.objects.filter(key__startswith="action-moved").exists()
    action_status_change(action=action, actor=officer, to_status="done")
    told = Notification.objects.filter(key=f"action-moved:{action.pk}:done")
    assert sorted(told.values_list("recipient__email", flat=True)) == sorted(
        {resident.email, neighbour.email}
    ) or told.filter(recipient=resident).count() == len(
        resident.contact_preferences.channels
    )
    assert told.filter(recipient=resident, channel="email").count() == 1
    assert "is now done" in told.filter(recipient=resident).first().body


def test_a_resident_following_only_the_estate_is_told_once_when_done(
    action, officer, resident
):
    """Following the estate, the action and the body that agreed it, or
    following only the estate: one message per channel when it is done, in
    their round-up if they chose one, none for progress notes, none again if
    the news is sent twice; a neighbour who follows nothing hears nothing."""
    from portal.actions.services import _tell_followers
    from portal.core.notifications import kind_label

    ActionFollow.objects.filter(person=resident).delete()
    action_follow(person=resident, estate=action.estate)
    action_update_add(action=action, actor=officer, text="Parts ordered.")
    action_status_change(action=action, actor=officer, to_status="in_progress")
    action_status_change(action=action, actor=officer, to_status="done")
    action.refresh_from_db()
    _tell_followers(action)  # a retry sends nothing new
    told = Notification.objects.filter(key=f"action-moved:{action.pk}:done")
    mine = told.filter(recipient=resident)
    channels = list(mine.values_list("channel", flat=True))
    assert channels and len(channels) == len(set(channels))
    assert "is now done" in mine.first().body
    assert (
        not told.exclude(recipient=resident)
        .filter(recipient__email="neighbour@example.org")
        .exists()
    )
    assert kind_label("action") == "Progress on actions you follow"
    assert kind_label("actionreminder") != kind_label("action")


def test_follow_needs_sign_in_and_works_without_js(client, action, resident):
    response = client.post(f"/what-we-are-doing/{action.pk}/follow/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client.get(f"/what-we-are-doing/{action.pk}/follow/").status_code in (
        302,
        405,
    )
    sign_in(client, resident.email)
    response = client.post(f"/what-we-are-doing/{action.pk}/follow/", follow=True)
    assert "We will tell you when this action moves on" in response.content.decode()
    assert ActionFollow.objects.filter(person=resident, action=action).exists()
    client.post(f"/what-we-are-doing/{action.pk}/follow/", {"stop": "1"})
    assert not ActionFollow.objects.filter(person=resident, action=action).exists()
    estate = action.estate
    client.post(
        f"/what-we-are-doing/estates/{estate.pk}/follow/",
        {"next": "https://evil.example/"},
    )
    assert ActionFollow.objects.filter(person=resident, estate=estate).exists()
    html = client.get(f"/what-we-are-doing/?estate={estate.pk}").content.decode()
    assert "Stop following actions on" in html


def test_owner_reminded_once_before_and_once_after(action, officer):
    Notification.objects.filter(key__startswith="actionreminder").delete()
    first = action_reminders_send(today=TODAY)
    assert first["before"] >= 1
    again = action_reminders_send(today=TODAY)
    assert again == {"before": 0, "after": 0}
    before = Notification.objects.filter(
        key=f"actionreminder-before:{action.pk}:{action.due_on.isoformat()}"
    )
    assert before.count() == 1 and before.get().recipient == officer
    later = action.due_on + datetime.timedelta(days=1)
    assert action_reminders_send(today=later)["after"] >= 1
    action_reminders_send(today=later + datetime.timedelta(days=5))
    after = Notification.objects.filter(
        key=f"actionreminder-after:{action.pk}:{action.due_on.isoformat()}"
    )
    assert after.count() == 1
    assert "overdue" in after.get().subject.lower()


def test_done_actions_get_no_reminder(action, officer):
    action_status_change(action=action, actor=officer, to_status="done")
    action_reminders_send(today=action.due_on + datetime.timedelta(days=2))
    assert not Notification.objects.filter(
        key__startswith=f"actionreminder-after:{action.pk}:"
    ).exists()


def test_reminder_command_says_what_it_sent(action):
    out = io.StringIO()
    call_command("send_action_reminders", stdout=out)
    assert "Reminders sent:" in out.getvalue()


def test_summary_and_accountability_selector_count_each_kind(action, officer):
    summary = progress_summary()
    assert summary["on_time"] >= 1 and summary["overdue"] >= 1
    assert summary["total"] == Action.objects.count()
    period = actions_done_on_time(start=TODAY - datetime.timedelta(days=400), end=TODAY)
    assert period["on_time"] >= 1


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_register_query_count_stays_flat_with_50000_actions(
    client, django_assert_max_num_queries
):
    estate = Estate.objects.order_by("name").first()
    urls = [
        "/what-we-are-doing/",
        "/what-we-are-doing/?page=2",
        f"/what-we-are-doing/?estate={estate.pk}&progress=late",
    ]
    staff = Client()
    sign_in(staff, "officer@example.org")
    staff_urls = [
        "/admin/actions_register/",
        "/admin/actions_register/?overdue=true",
        f"/admin/actions_register/?estate={estate.pk}&p=2",
    ]
    client.get("/what-we-are-doing/")  # settings and menus cached, as in production
    staff.get(staff_urls[0])
    before = [_queries(client, url) for url in urls]
    staff_before = [_queries(staff, url) for url in staff_urls]
    Action.objects.bulk_create(
        [
            Action(
                title=f"Bulk action {n}",
                due_on=TODAY + datetime.timedelta(days=n % 400 - 200),
                status=["agreed", "in_progress", "done"][n % 3],
                done_on=TODAY if n % 3 == 2 else None,
                source="inspection",
                estate=estate,
            )
            for n in range(50_000)
        ],
        batch_size=5_000,
    )
    after = [_queries(client, url) for url in urls]
    assert after == before
    assert [_queries(staff, url) for url in staff_urls] == staff_before
    with django_assert_max_num_queries(MAX_REGISTER_QUERIES):
        response = client.get("/what-we-are-doing/?page=1000")
    total = Action.objects.count()
    assert total > 50_000
    html = response.content.decode()
    assert f"{total} actions" in html or f"{total:,} actions" in html


def test_staff_progress_screen_changes_status_with_messages_next_to_fields(
    client, action
):
    sign_in(client, "officer@example.org")
    url = f"/admin/actions_register/{action.pk}/progress/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"to_status": "not_going_ahead", "reason": ""})
    assert response.status_code == 200
    assert "Say why it is not going ahead" in response.content.decode()
    response = client.post(url, {"text": "Contractor booked.", "written_on": ""})
    assert response.status_code == 302
    client.post(url, {"to_status": "in_progress"})
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert AuditEntry.objects.filter(
        action="action.update", object_id=str(action.pk)
    ).exists()


def test_progress_screen_reads_uk_dates_and_keeps_a_bad_one(client, action, officer):
    """Wagtail's date input (a plain text box without scripts), read as
    day/month/year: a bad date is refused next to the field and in the summary,
    keeping what was typed; a good one is stored."""
    sign_in(client, "officer@example.org")
    url = f"/admin/actions_register/{action.pk}/progress/"
    html = client.get(url).content.decode()
    assert 'type="date"' not in html
    assert 'name="written_on"' in html and "for example 27/03/2027" in html
    response = client.post(url, {"text": "Parts ordered.", "written_on": "31/02/2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert html.count("Enter a real date as day/month/year") == 2  # field + summary
    assert 'value="31/02/2026"' in html and "Parts ordered." in html
    assert not action.updates.exists()
    day = TODAY - datetime.timedelta(days=3)
    response = client.post(
        url, {"text": "Parts ordered.", "written_on": day.strftime("%d/%m/%Y")}
    )
    assert response.status_code == 302
    assert action.updates.get().written_on == day
    response = client.post(
        url,
        {
            "to_status": "done",
            "seen_status": "agreed",
            "done_on": "3/13/2026",  # month first: not a UK date
            "evidence": "New gate fitted.",
        },
    )
    assert "Enter a real date as day/month/year" in response.content.decode()
    assert 'value="3/13/2026"' in response.content.decode()
    action.refresh_from_db()
    assert action.status == "agreed"
    client.post(
        url,
        {
            "to_status": "done",
            "seen_status": "agreed",
            "done_on": day.strftime("%d/%m/%Y"),
            "evidence": "New gate fitted.",
        },
    )
    action.refresh_from_db()
    assert (action.status, action.done_on) == ("done", day)


def test_evidence_of_completion_with_a_photo_and_a_document(client, action):
    """Staff attach a photo and a document to an update (Wagtail's choosers);
    residents see both on the action's public page."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    photo = Image.objects.create(title="The new gate", file=get_test_image_file())
    report = Document.objects.create(title="Sign-off report")
    report.file.save("sign-off.pdf", ContentFile(b"%PDF-1.4"), save=True)
    sign_in(client, "officer@example.org")
    url = f"/admin/actions_register/{action.pk}/progress/"
    assert 'name="photo"' in client.get(url).content.decode()
    response = client.post(
        url,
        {"text": "Gate replaced.", "photo": photo.pk, "document": 10**30},
    )
    assert response.status_code == 200  # a made-up document is refused, no 500
    assert "Gate replaced." in response.content.decode()
    response = client.post(
        url, {"text": "Gate replaced.", "photo": photo.pk, "document": report.pk}
    )
    assert response.status_code == 302
    update = action.updates.get()
    assert (update.photo, update.document) == (photo, report)
    client.logout()
    html = client.get(f"/what-we-are-doing/{action.pk}/").content.decode()
    assert "Gate replaced." in html and "The new gate" in html
    assert "Sign-off report" in html and report.url in html


def test_a_complaint_theme_raised_at_a_panel_is_a_source(client, officer):
    """A complaint theme needs its name (next to the field in the admin); chosen
    on a panel meeting's minutes it links to that meeting, keeps its source, and
    residents see the theme and the meeting, and can filter by the source."""
    with pytest.raises(ValidationError) as refused:
        action_create(
            actor=officer, title="X", due_on=TODAY, source=Action.Source.COMPLAINT
        )
    assert "complaint_theme" in refused.value.message_dict
    sign_in(client, officer.email)
    response = client.post(
        "/admin/actions_register/new/",
        {"title": "Check repairs are finished", "source": "complaint", "due_on": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Name the complaint theme the panel raised" in html
    assert "Check repairs are finished" in html
    action = action_create(
        actor=officer,
        title="Check repairs are finished first time",
        due_on=TODAY + datetime.timedelta(days=30),
        source=Action.Source.COMPLAINT,
        complaint_theme="Repairs not finished first time",
    )
    meeting = MeetingAction.objects.select_related("page").first().page
    MeetingAction.objects.create(page=meeting, action=action)
    meeting.save_revision().publish()
    action.refresh_from_db()
    assert (action.source, action.meeting_id) == ("complaint", meeting.pk)
    client.logout()
    html = client.get(f"/what-we-are-doing/{action.pk}/").content.decode()
    assert "Complaint theme raised at a panel" in html
    assert "Repairs not finished first time" in html and meeting.url in html
    html = client.get("/what-we-are-doing/?source=complaint").content.decode()
    assert "Check repairs are finished first time" in html
    assert "Fix the broken lights" not in html


def test_overdue_list_for_staff(client, action):
    sign_in(client, "officer@example.org")
    html = client.get("/admin/actions_register/?overdue=true").content.decode()
    assert "Publish the estate cleaning rota" in html
    assert "Mend the gate on Block C" not in html


def test_editors_cannot_open_the_progress_screen(client, action):
    sign_in(client, "editor@example.org")
    response = client.get(f"/admin/actions_register/{action.pk}/progress/")
    assert response.status_code in (302, 403)


def test_editor_sees_actions_panel_in_the_meeting_editor(client):
    meeting = MeetingAction.objects.select_related("page").first().page
    sign_in(client, "admin@example.org")
    html = client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    assert "Actions agreed" in html


def test_editors_add_an_action_while_writing_an_outcome(client):
    """In the consultation editor's "Promised changes" panel an editor adds a
    new action through the chooser (audited); publishing the outcome makes it
    the action's source, and the public page shows its progress."""
    from cms.consultations.models import ConsultationPage

    page = ConsultationPage.objects.filter(
        action_links__isnull=False, locale=Locale.get_default()
    ).first()
    sign_in(client, "editor@example.org")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Promised changes" in html
    response = client.post(
        "/admin/action_chooser/create/",
        {"title": "Repaint the stairwells", "due_on": "27/03/2099", "source": ""},
    )
    assert response.status_code == 200 and response.json()["step"] == "chosen"
    action = Action.objects.get(title="Repaint the stairwells")
    assert action.due_on == datetime.date(2099, 3, 27)
    entry = AuditEntry.objects.get(action="action.create", object_id=str(action.pk))
    assert entry.actor.email == "editor@example.org"
    from portal.actions.models import ConsultationAction

    ConsultationAction.objects.create(page=page, action=action)
    page.save_revision().publish()
    action.refresh_from_db()
    assert (action.source, action.consultation_id) == ("consultation", page.pk)
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Promised changes and how far they have got" in html
    assert "Repaint the stairwells" in html


def test_the_lifecycle_is_data_beside_the_status():
    """The moves staff can make, from where to where (`Action.lifecycle`)."""
    table = {
        name: (sources, target) for name, sources, target in Action.lifecycle.table()
    }
    assert table == {
        "agree": (["proposed"], "agreed"),
        "start": (["agreed"], "in_progress"),
        "done": (["agreed", "in_progress"], "done"),
        "drop": (["agreed", "in_progress", "proposed"], "not_going_ahead"),
    }
    assert Action(status="proposed").next_statuses() == ["agreed", "not_going_ahead"]
    assert Action(status="done").next_statuses() == []
    assert not hasattr(Action, "TRANSITIONS")


def test_not_going_ahead_keeps_the_reason_residents_read(action, officer, client):
    action_status_change(
        action=action,
        actor=officer,
        to_status="not_going_ahead",
        reason="  The gate is being replaced by the council.  ",
    )
    action.refresh_from_db()
    assert (action.status, action.status_reason, action.progress()) == (
        "not_going_ahead",
        "The gate is being replaced by the council.",
        "dropped",
    )
    entry = AuditEntry.objects.filter(action="action.status").latest("pk")
    assert (entry.from_state, entry.to_state, entry.reason) == (
        "agreed",
        "not_going_ahead",
        "The gate is being replaced by the council.",
    )
    html = client.get(f"/what-we-are-doing/{action.pk}/").content.decode()
    assert "replaced by the council" in html


def test_a_stale_copy_is_told_the_action_already_moved(action, officer, resident):
    """Two staff open the same agreed action; the first marks it done, the second,
    from their stale copy, says it is not going ahead: they are told it has
    already moved, and the first decision, its one audit entry and its one
    notice to followers stand."""
    action_follow(person=resident, action=action)
    stale = Action.objects.get(pk=action.pk)
    action_status_change(action=action, actor=officer, to_status="done")
    with pytest.raises(ValidationError, match="already moved this action.*Done"):
        action_status_change(
            action=stale,
            actor=person("admin@example.org"),
            to_status="not_going_ahead",
            reason="Too dear.",
        )
    fresh = Action.objects.get(pk=action.pk)
    assert (fresh.status, fresh.status_reason, fresh.done_on) == ("done", "", TODAY)
    assert (
        AuditEntry.objects.filter(
            action="action.status", object_id=str(action.pk)
        ).count()
        == 1
    )
    assert not Notification.objects.filter(
        key=f"action-moved:{action.pk}:not_going_ahead"
    ).exists()


def test_progress_screen_offers_only_the_moves_legal_now(client, action, officer):
    sign_in(client, "officer@example.org")
    url = f"/admin/actions_register/{action.pk}/progress/"

    def offered():
        form = client.get(url).context["status_form"]
        return [value for value, _label in form.fields["to_status"].choices]

    assert offered() == ["in_progress", "done", "not_going_ahead"]
    Action.objects.filter(pk=action.pk).update(status="proposed")
    assert offered() == ["agreed", "not_going_ahead"]
    Action.objects.filter(pk=action.pk).update(status="in_progress")
    assert offered() == ["done", "not_going_ahead"]
    # A move not legal from here is refused next to the field, nothing changes.
    response = client.post(url, {"to_status": "agreed", "seen_status": "in_progress"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Action.objects.get(pk=action.pk).status == "in_progress"
    action.refresh_from_db()
    action_status_change(action=action, actor=officer, to_status="done")
    response = client.get(url)
    assert "Change the status" not in response.content.decode()


def test_progress_screen_tells_the_second_officer_it_already_moved(
    client, action, officer
):
    """The page was shown while the action was agreed; meanwhile another officer
    marked it done. Saying it is not going ahead is refused with a message, and
    the form now offers only what is legal from done (nothing)."""
    sign_in(client, "admin@example.org")
    url = f"/admin/actions_register/{action.pk}/progress/"
    assert client.get(url).context["status_form"]["seen_status"].value() == "agreed"
    action_status_change(action=action, actor=officer, to_status="done")
    response = client.post(
        url,
        {"to_status": "not_going_ahead", "seen_status": "agreed", "reason": "No."},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "already moved this action" in html
    assert "Change the status" not in html
    assert Action.objects.get(pk=action.pk).status == "done"


@pytest.mark.postgres
def test_two_officers_moving_the_same_action_at_once(demo_data):
    """Done and not going ahead at the same moment, each from its own copy: one
    wins, the other is told it already moved; one audit entry."""
    from tests.concurrency import race_with_messages

    officer, admin = person("officer@example.org"), person("admin@example.org")
    action = action_create(actor=officer, title="Race", due_on=TODAY)
    first = Action.objects.get(pk=action.pk)
    second = Action.objects.get(pk=action.pk)
    outcomes = race_with_messages(
        lambda: action_status_change(action=first, actor=officer, to_status="done"),
        lambda: action_status_change(
            action=second, actor=admin, to_status="not_going_ahead", reason="No."
        ),
    )
    assert sorted(outcome for outcome, _message in outcomes) == ["done", "refused"]
    assert "already moved" in next(m for o, m in outcomes if o == "refused")
    assert (
        AuditEntry.objects.filter(
            action="action.status", object_id=str(action.pk)
        ).count()
        == 1
    )
