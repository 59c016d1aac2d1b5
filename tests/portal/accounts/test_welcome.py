"""A resident whose home is verified is welcomed once: their local group, how to
get involved, how to claim expenses and how to ask for another format."""

import pytest
from django.core import mail
from django.db.models import Q

from portal.accounts.factories import UserFactory
from portal.accounts.models import ResidentProfile, User
from portal.accounts.services import resident_profile_decide
from portal.groups.selectors import groups_covering, recognised_groups
from portal.housing.models import Property

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


def test_a_rejected_claim_gets_no_welcome(django_capture_on_commit_callbacks):
    officer = User.objects.get(email="officer@example.org")
    profile = claim(Property.objects.first())
    with django_capture_on_commit_callbacks(execute=True):
        resident_profile_decide(
            profile=profile, officer=officer, verified=False, reason="Not on file."
        )
    assert welcomes(profile.user) == []
