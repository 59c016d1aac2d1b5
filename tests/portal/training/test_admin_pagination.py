"""The back office's "Training attendance to record" list is paged with
Wagtail's pagination links, which write `?p=`: page 2 must show the second
page, not the first again."""

import datetime

import pytest
from django.utils import timezone

from portal.accounts.models import User
from portal.training.models import Course, Session, SignUp
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

WAITING = "/admin/training/attendance/"


def _started_sessions(n):
    course = Course.objects.get(title="Chairing a meeting well")
    chair = User.objects.get(email="chair@example.org")
    now = timezone.now()
    sessions = []
    for hours in range(n):
        start = now - datetime.timedelta(days=30) + datetime.timedelta(hours=hours)
        session = Session.objects.create(
            course=course,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=30),
            place=f"Room {hours:03d}",
            capacity=5,
        )
        SignUp.objects.create(session=session, person=chair)
        sessions.append(session)
    return sessions


def test_page_two_of_the_attendance_list_shows_the_later_sessions(
    client, django_assert_max_num_queries
):
    sessions = _started_sessions(55)
    sign_in(client, "officer@example.org")
    first = client.get(WAITING).content.decode()
    assert 'href="?p=2"' in first  # what Wagtail's links write
    with django_assert_max_num_queries(13):
        second = client.get(WAITING + "?p=2").content.decode()
    assert f"/admin/training/attendance/{sessions[-1].pk}/" in second
    assert f"/admin/training/attendance/{sessions[0].pk}/" not in second
    assert f"/admin/training/attendance/{sessions[0].pk}/" in first
    assert 'aria-current="page"' in second


@pytest.mark.parametrize("page", ["0", "abc", "999", "-1", "9" * 40])
def test_a_strange_page_number_is_not_an_error(client, page):
    _started_sessions(3)
    sign_in(client, "officer@example.org")
    assert client.get(WAITING + "?p=" + page).status_code == 200


def test_the_list_is_for_staff_only(client):
    sign_in(client, "chair@example.org")
    assert client.get(WAITING + "?p=2").status_code in (302, 403)
