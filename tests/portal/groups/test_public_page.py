"""A recognised group's public page: who it is, what it covers, officers by the
names they agreed to show, next meetings once each, and a contact form that
reaches the officers without publishing their addresses."""

import pytest
from django.core import mail
from django.utils.text import slugify

from portal.core.models import AuditEntry, Notification
from portal.groups.models import Group
from portal.groups.selectors import directory_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return directory_groups().first()


def test_directory_cards_link_to_each_group_page(client, group):
    body = client.get("/groups/").content.decode()
    assert f'href="/groups/{slugify(group.name)}/"' in body
    if group.contact_email:
        assert f"mailto:{group.contact_email}" not in body
    page = client.get(f"/groups/{slugify(group.name)}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert group.name in text and "Officers" in text
    for officer in group.officers.all():
        assert officer.user.email not in text
        name = officer.user.get_full_name()
        if name and not officer.may_be_named:
            assert name not in text


def test_unknown_or_unrecognised_group_is_not_found(client):
    assert client.get("/groups/no-such-group/").status_code == 404
    recognised = {g.pk for g in directory_groups()}
    other = Group.objects.exclude(pk__in=recognised).first()
    assert client.get(f"/groups/{slugify(other.name)}/").status_code == 404


def test_contact_form_reaches_the_officers_audited(
    client, group, django_capture_on_commit_callbacks
):
    url = f"/groups/{slugify(group.name)}/"
    # Email goes out once the message is saved (on commit).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "name": "Sam Visitor",
                "email": "sam@example.net",
                "message": "Hello there",
            },
        )
    assert response.status_code == 302
    officers = {o.user_id for o in group.officers.all()}
    sent = Notification.objects.filter(key__startswith=f"group-contact:{group.pk}:")
    assert {n.recipient_id for n in sent} == officers
    assert all("sam@example.net" in n.body for n in sent)
    assert AuditEntry.objects.filter(
        action="group.contact_sent", object_id=str(group.pk)
    ).exists()
    assert any("Hello there" in m.body for m in mail.outbox)


def test_contact_form_errors_and_rate_limit(client, group):
    url = f"/groups/{slugify(group.name)}/"
    response = client.post(url, {"name": "", "email": "not-an-email", "message": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "not-an-email" in body
    data = {"name": "Sam", "email": "sam@example.net", "message": "Hi"}
    for _ in range(5):
        assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "a lot of messages" in response.content.decode()


def test_an_officer_named_without_a_name_shows_the_role_not_their_email(client, group):
    """Agreeing to be named is not agreeing to publish an email address: an
    officer with no name on their account is shown by role alone."""
    officer = group.officers.select_related("user").first()
    officer.may_be_named = True
    officer.save()
    user = officer.user
    user.first_name = user.last_name = ""
    user.save()
    for path in ["/groups/", f"/groups/{slugify(group.name)}/"]:
        text = client.get(path).content.decode()
        assert officer.get_role_display() in text, path
        assert user.email not in text, path
