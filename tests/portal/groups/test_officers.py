"""Officers run their group: invitations, changes and removals, all audited."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.groups.models import Officer, OfficerInvitation
from portal.groups.services import invitation_accept, officer_remove
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_the_chair_invites_an_officer_who_accepts(
    client, anchor, user, django_capture_on_commit_callbacks
):
    sign_in(client, "chair@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/portal/groups/{anchor.pk}/officers/",
            {"email": user.email, "role": "committee", "elected_on": "2026-10-01"},
        )
    assert response.status_code == 302
    invitation = OfficerInvitation.objects.get(group=anchor, email=user.email)
    assert mail.outbox[-1].to == [user.email]
    assert f"/portal/groups/invitations/{invitation.token}/" in mail.outbox[-1].body
    client.logout()
    client.force_login(user)
    response = client.post(f"/portal/groups/invitations/{invitation.token}/")
    assert response.status_code == 302
    assert Officer.objects.filter(group=anchor, user=user, role="committee").exists()
    assert AuditEntry.objects.filter(
        action="group.officer_joined", object_id=str(anchor.pk)
    ).exists()
    # An invitation works once.
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, user=user)


def test_an_invitation_only_works_for_the_address_it_was_sent_to(anchor, user):
    chair = User.objects.get(email="chair@example.org")
    invitation = OfficerInvitation.objects.create(
        group=anchor,
        email="someone.else@example.org",
        role="committee",
        elected_on="2026-10-01",
        invited_by=chair,
    )
    with pytest.raises(PermissionDenied):
        invitation_accept(invitation=invitation, user=user)
    assert not Officer.objects.filter(group=anchor, user=user).exists()


def test_inviting_with_a_bad_email_keeps_what_was_typed(client, anchor):
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/groups/{anchor.pk}/officers/",
        {
            "email": "not-an-email",
            "role": "committee",
            "elected_on_day": "1",
            "elected_on_month": "10",
            "elected_on_year": "2026",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'value="not-an-email"' in page
    # The date boxes keep the day, month and year as typed.
    for name, typed in [("day", "1"), ("month", "10"), ("year", "2026")]:
        assert re.search(
            rf'name="elected_on_{name}"[^>]*value="{typed}"'
            rf'|value="{typed}"[^>]*name="elected_on_{name}"',
            page,
        ), name


def test_the_last_officer_cannot_be_removed(barge):
    only = barge.officers.get()
    with pytest.raises(ValidationError, match="at least one officer"):
        officer_remove(officer=only, actor=only.user)
    assert barge.officers.count() == 1


def test_removing_an_officer_is_audited_and_via_the_page(client, anchor):
    treasurer = anchor.officers.get(role="treasurer")
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/groups/{anchor.pk}/officers/{treasurer.pk}/", {"remove": "1"}
    )
    assert response.status_code == 302
    assert not Officer.objects.filter(pk=treasurer.pk).exists()
    entry = AuditEntry.objects.get(action="group.officer_removed")
    assert entry.actor.email == "chair@example.org"
    assert entry.from_state == "treasurer"


def test_changing_a_role_and_consent_to_be_named(client, anchor):
    secretary = anchor.officers.get(role="secretary")
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/groups/{anchor.pk}/officers/{secretary.pk}/",
        {
            "role": "vice_chair",
            "elected_on": "2026-07-01",
            "term_ends": "2026-06-01",
            "may_be_named": "on",
        },
    )
    assert "The term must end after the election date." in response.content.decode()
    response = client.post(
        f"/portal/groups/{anchor.pk}/officers/{secretary.pk}/",
        {"role": "vice_chair", "elected_on": "2026-07-01", "may_be_named": "on"},
    )
    assert response.status_code == 302
    secretary.refresh_from_db()
    assert (secretary.role, secretary.may_be_named) == ("vice_chair", True)
    assert AuditEntry.objects.filter(
        action="group.officer_changed", from_state="secretary", to_state="vice_chair"
    ).exists()
