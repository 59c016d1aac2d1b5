"""An officer of group X may manage group X only; nobody else sees its records."""

import pytest

from portal.evidence.models import PaperSheet
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

OFFICER_PAGES = [
    "/portal/groups/{pk}/",
    "/portal/groups/{pk}/officers/",
    "/portal/groups/{pk}/officers/{officer}/",
    "/portal/groups/{pk}/documents/",
    "/portal/groups/{pk}/activity/",
    "/portal/groups/{pk}/evidence/",
    "/portal/groups/{pk}/evidence/sheets/{sheet}/",
]


def pages(group):
    values = {
        "pk": group.pk,
        "officer": group.officers.first().pk,
        "sheet": PaperSheet.objects.filter(group=group).first().pk,
    }
    return [url.format(**values) for url in OFFICER_PAGES]


def test_officers_reach_every_page_of_their_group(client, anchor):
    sign_in(client, "chair@example.org")
    for url in pages(anchor):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "email",
    [
        "neighbour@example.org",  # a resident of the same block
        "resident@example.org",
        "officer@example.org",  # staff use the back office, not officer pages
    ],
)
def test_nobody_else_reaches_them(client, anchor, email):
    sign_in(client, email)
    for url in pages(anchor):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_an_officer_of_another_group_gets_404(client, anchor, barge):
    sign_in(client, "chair@example.org")
    for url in pages(barge):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/portal/groups/{barge.pk}/apply/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, anchor):
    for url in pages(anchor):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_group_documents_are_private_to_officers_and_staff(client, anchor):
    document = anchor.documents.first()
    url = f"/portal/files/{document.file_id}/"
    sign_in(client, "secretary@example.org")  # an officer who did not upload it
    assert client.get(url).status_code == 200
    client.logout()
    sign_in(client, "neighbour@example.org")
    assert client.get(url).status_code == 404
    client.logout()
    sign_in(client, "officer@example.org")
    assert client.get(url).status_code == 200


def test_other_residents_see_no_signer_names_anywhere(client, anchor):
    sign_in(client, "neighbour@example.org")
    named_in_public = {
        officer.user.get_full_name()
        for officer in anchor.officers.filter(may_be_named=True)
    }
    names = set(anchor.signatures.values_list("name", flat=True))
    names -= {"Nia Neighbour", *named_in_public}
    assert names
    for url in ["/portal/groups/", "/groups/", "/portal/"]:
        page = client.get(url).content.decode()
        assert not any(name in page for name in names if name), url
