"""A prize draw for a consultation's respondents, run like the magazine
competition's: entered once each, drawn once after the close at random from a
kept seed, audited, the winner told in their own language; people answering
without an account are in it only if they gave an email address."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import Locale

from cms.consultations.models import Channel, ConsultationPage, PrizeDraw, Response
from cms.consultations.prize_draw import (
    prize_draw_entries,
    prize_draw_replay,
    prize_draw_run,
)
from cms.consultations.services import response_save
from portal.accounts.models import User
from portal.core.models import AuditEntry, Notification
from tests.cms.consultations.test_consultations import _post_answers
from tests.concurrency import race
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

PRIZE = "a £50 shopping voucher"


def person(email):
    return User.objects.get(email=email)


def with_draw(slug, **changes) -> ConsultationPage:
    pages = ConsultationPage.objects.filter(slug=slug)
    pages.update(prize_draw=True, prize=PRIZE, **changes)
    return pages.get(locale=Locale.get_default())


def close(page):
    ConsultationPage.objects.filter(pk=page.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    page.refresh_from_db()


def anonymous_answer(page, *, email="", name="", language="en"):
    contact = (
        {"draw_name": name, "draw_email": email, "draw_language": language}
        if email
        else None
    )
    return response_save(
        consultation=page,
        respondent=None,
        data={},
        submit=True,
        channel=Channel.ANONYMOUS,
        draw_contact=contact,
    )


@pytest.fixture
def survey():
    """Open, asks everyone, and takes answers without an account."""
    return with_draw("magazine-survey")


def test_the_editor_must_say_what_the_prize_is():
    page = ConsultationPage.objects.get(
        slug="estate-cleaning", locale=Locale.get_default()
    )
    page.prize_draw, page.prize = True, ""
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "prize" in error.value.message_dict


def test_a_resident_is_told_on_the_form_and_the_receipt(client):
    page = with_draw("estate-cleaning")
    sign_in(client, "neighbour@example.org")
    form = client.get(page.url + "respond/").content.decode()
    assert f"entered once into our prize draw for {PRIZE}" in form
    _post_answers(client, page)
    receipt = client.get(page.url + "receipt/").content.decode()
    assert f"You are in the prize draw for {PRIZE}" in receipt


def test_without_an_account_only_an_email_enters_the_draw(client, survey):
    form = client.get(survey.url + "respond/").content.decode()
    assert "give your email address at the end of the form" in form
    # Ticked, but no email: told beside the field and in the summary; kept.
    response = _post_answers(client, survey, enter_draw="on", draw_name="Sam Lee")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("Enter your email address so we can tell you if you win") == 2
    assert 'value="Sam Lee"' in body
    assert not Response.objects.filter(consultation=survey).exists()
    # A badly typed address is refused too.
    response = _post_answers(client, survey, enter_draw="on", draw_email="sam@")
    assert 'value="sam@"' in response.content.decode()
    assert not Response.objects.filter(consultation=survey).exists()

    _post_answers(
        client, survey, enter_draw="on", draw_name="Sam Lee", draw_email="sam@x.org"
    )
    saved = Response.objects.get(consultation=survey)
    assert (saved.draw_name, saved.draw_email) == ("Sam Lee", "sam@x.org")
    assert saved.draw_language == "en-gb"  # the language they answered in
    receipt = client.get(survey.url + "receipt/").content.decode()
    assert f"You are in the prize draw for {PRIZE}" in receipt
    assert saved in prize_draw_entries(survey)

    client.cookies.clear()  # another device, not entering the draw
    _post_answers(client, survey, draw_email="ignored@x.org")
    other = Response.objects.filter(consultation=survey).exclude(pk=saved.pk).get()
    assert other.draw_email == ""  # an email without the tick is not kept
    receipt = client.get(survey.url + "receipt/").content.decode()
    assert "You are not in the prize draw" in receipt
    assert other not in prize_draw_entries(survey)


def test_no_draw_means_no_contact_details_asked_or_kept(client):
    page = ConsultationPage.objects.get(
        slug="magazine-survey", locale=Locale.get_default()
    )
    assert "prize draw" not in client.get(page.url + "respond/").content.decode()
    saved = anonymous_answer(page, email="sam@x.org")
    assert saved.draw_email == ""


def test_one_entry_per_person(survey):
    neighbour = person("neighbour@example.org")
    response_save(consultation=survey, respondent=neighbour, data={}, submit=True)
    anonymous_answer(survey, email="Neighbour@Example.org ")  # the same person
    anonymous_answer(survey, email="sam@x.org")
    anonymous_answer(survey, email="SAM@x.org")  # again, from another device
    anonymous_answer(survey)  # no email: not in the draw
    response_save(  # a draft is not an answer
        consultation=survey,
        respondent=person("resident@example.org"),
        data={},
        submit=False,
    )
    entries = prize_draw_entries(survey)
    assert [r.respondent or r.draw_email for r in entries] == [neighbour, "sam@x.org"]


def test_staff_draw_once_after_the_close_audited_and_the_winner_told(client, survey):
    neighbour = person("neighbour@example.org")
    neighbour.contact_preferences.language = "pl"
    neighbour.contact_preferences.save()
    response_save(consultation=survey, respondent=neighbour, data={}, submit=True)
    sam = anonymous_answer(survey, email="sam@x.org", name="Sam")
    url = f"/admin/consultation-responses/{survey.pk}/"
    sign_in(client, "officer@example.org")
    page = client.get(url).content.decode()
    assert "2 people are in the draw so far." in page
    assert "Draw the winner" not in page  # still open
    client.post(url, {"action": "draw"})
    assert not PrizeDraw.objects.exists()

    close(survey)
    assert "Draw the winner" in client.get(url).content.decode()
    assert client.post(url, {"action": "draw"}).status_code == 302
    draw = PrizeDraw.objects.get(consultation=survey)
    assert draw.eligible == [
        r.pk for r in Response.objects.filter(consultation=survey).order_by("pk")
    ]
    assert prize_draw_replay(draw) == draw.winner_id  # anyone can check it
    entry = AuditEntry.objects.get(action="consultation.prize_drawn")
    assert entry.details == {
        "entries": 2,
        "winning_response": draw.winner_id,
        "seed": draw.seed,
    }
    assert entry.actor == person("officer@example.org")
    page = client.get(url).content.decode()
    assert draw.seed in page and "Draw the winner" not in page
    if draw.winner.respondent == neighbour:
        told = Notification.objects.get(key=f"consultation-{survey.pk}-prize-won")
        assert told.recipient == neighbour and told.language == "pl"
        assert PRIZE in told.body
        sam.refresh_from_db()
        assert sam.draw_email == ""  # not needed once someone else has won
    else:
        assert draw.winner == sam
    # Twice is refused with a message, nothing new.
    response = client.post(url, {"action": "draw"}, follow=True)
    assert "already drawn" in response.content.decode()
    assert PrizeDraw.objects.count() == 1


def test_an_anonymous_winner_is_told_by_the_email_they_gave(
    survey, django_capture_on_commit_callbacks
):
    Response.objects.filter(consultation=survey).delete()
    sam = anonymous_answer(survey, email="sam@x.org", name="Sam")
    close(survey)
    with django_capture_on_commit_callbacks(execute=True):
        draw = prize_draw_run(consultation=survey, actor=person("officer@example.org"))
    assert draw.winner == sam
    [message] = [m for m in mail.outbox if m.to == ["sam@x.org"]]
    assert PRIZE in message.body and survey.title in message.body


@pytest.mark.parametrize(
    ("email", "problem"),
    [
        ("resident@example.org", "permission"),
        ("editor@example.org", "permission"),
    ],
)
def test_people_without_the_role_cannot_draw(client, survey, email, problem):
    anonymous_answer(survey, email="sam@x.org")
    close(survey)
    with pytest.raises(PermissionDenied):
        prize_draw_run(consultation=survey, actor=person(email))
    sign_in(client, email)
    client.post(f"/admin/consultation-responses/{survey.pk}/", {"action": "draw"})
    assert not PrizeDraw.objects.exists()


def test_refused_without_a_draw_without_entries_or_by_an_entrant(survey):
    officer = person("officer@example.org")
    plain = ConsultationPage.objects.get(slug="repairs-appointments")
    with pytest.raises(ValidationError, match="no prize draw"):
        prize_draw_run(consultation=plain, actor=officer)
    Response.objects.filter(consultation=survey).delete()
    anonymous_answer(survey)  # no email
    close(survey)
    with pytest.raises(ValidationError, match="Nobody is in this prize draw"):
        prize_draw_run(consultation=survey, actor=officer)
    Response.objects.create(consultation=survey, respondent=officer, submitted=True)
    with pytest.raises(PermissionDenied, match="someone else must draw"):
        prize_draw_run(consultation=survey, actor=officer)
    assert not PrizeDraw.objects.exists()


def test_the_manage_page_keeps_its_queries(
    client, survey, django_assert_max_num_queries
):
    for n in range(30):
        anonymous_answer(survey, email=f"person{n}@x.org")
    sign_in(client, "officer@example.org")
    url = f"/admin/consultation-responses/{survey.pk}/"
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    for n in range(30, 300):
        anonymous_answer(survey, email=f"person{n}@x.org")
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


@pytest.mark.postgres
def test_two_staff_drawing_at_once_make_one_draw(demo_data):
    survey = with_draw("magazine-survey")
    response_save(
        consultation=survey,
        respondent=person("neighbour@example.org"),
        data={},
        submit=True,
    )
    anonymous_answer(survey, email="sam@x.org")
    close(survey)
    officer, admin = person("officer@example.org"), person("admin@example.org")
    outcomes = race(
        lambda: prize_draw_run(consultation=survey, actor=officer),
        lambda: prize_draw_run(consultation=survey, actor=admin),
    )
    assert sorted(outcomes) == ["done", "refused"]
    assert PrizeDraw.objects.filter(consultation=survey).count() == 1
    assert AuditEntry.objects.filter(action="consultation.prize_drawn").count() == 1
