"""A resident whose home is verified is welcomed once: their local group, how to
get involved, how to claim expenses and how to ask for another format."""

import pytest
from django.core import mail
from django.db.models import Q

from portal.accounts.factories import UserFactory
from portal.accounts.models import ContactPreferences, ResidentProfile, User
from portal.accounts.services import resident_profile_decide
from portal.groups.selectors import groups_covering, recognised_groups
from portal.housing.models import Property
from tests.easy_read import easy_read_lines

pytestmark = pytest.mark.django_db


def claim(home):
    person = UserFactory()
    return ResidentProfile.objects.create(user=person, home=home, status="pending")


def welcomes(person):
    return [m for m in mail.outbox if m.to == [person.email] and "Welcome" in m.subject]


def test_a_verified_resident_is_welcomed_once_with_their_local_group(
    django_capture_on_commit_callbacks,
):
    officer = User.objects.get(email="officer@example.org")
    group = recognised_groups().first()
    home = Property.objects.filter(
        Q(estate__in=group.estates.all()) | Q(street__in=group.streets.all())
    ).first()
    assert group in groups_covering(home)
    profile = claim(home)
    with django_capture_on_commit_callbacks(execute=True):
        resident_profile_decide(profile=profile, officer=officer, verified=True)
    [welcome] = welcomes(profile.user)
    assert group.name in welcome.body
    assert "/portal/expenses/" in welcome.body
    assert "/get-involved/" in welcome.body
    assert "/other-formats/" in welcome.body


def test_a_person_who_chose_easy_read_gets_the_easy_read_welcome(
    django_capture_on_commit_callbacks,
):
    officer = User.objects.get(email="officer@example.org")
    group = recognised_groups().first()
    home = Property.objects.filter(streets_group_filter(group)).first()
    easy, usual = claim(home), claim(home)
    ContactPreferences.objects.create(user=easy.user, easy_read=True)
    ContactPreferences.objects.create(user=usual.user)
    with django_capture_on_commit_callbacks(execute=True):
        for profile in (easy, usual):
            resident_profile_decide(profile=profile, officer=officer, verified=True)

    [easy_welcome] = welcomes(easy.user)
    [usual_welcome] = welcomes(usual.user)
    body = easy_welcome.body.split("\n--\n")[0]
    lines = easy_read_lines(body)
    assert lines[:3] == [
        "Welcome.",
        "We know where you live now.",
        "Here is how to take part.",
    ]
    assert f"Your local residents' group is: {group.name}." in lines
    for path in ("/portal/expenses/", "/get-involved/", "/other-formats/"):
        assert path in body
    assert "Taking part should not cost you money." in lines
    # Everyone else keeps the usual wording.
    assert "Welcome. Now that we know where you live" in usual_welcome.body
    assert "Taking part should not cost you money." not in usual_welcome.body


def streets_group_filter(group):
    return Q(estate__in=group.estates.all()) | Q(street__in=group.streets.all())


def test_a_rejected_claim_gets_no_welcome(django_capture_on_commit_callbacks):
    officer = User.objects.get(email="officer@example.org")
    profile = claim(Property.objects.first())
    with django_capture_on_commit_callbacks(execute=True):
        resident_profile_decide(
            profile=profile, officer=officer, verified=False, reason="Not on file."
        )
    assert welcomes(profile.user) == []
