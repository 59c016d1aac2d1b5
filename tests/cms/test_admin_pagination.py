"""Staff lists in the back office that are cut into pages of 50 show the links to
the next page (they used to show the first 50 and stop), and the links keep the
list's filters."""

import pytest

from cms.consultations.models import Answer, ConsultationPage, Response
from cms.involvement.models import Interest, OpportunityPage
from portal.accounts.models import User
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_comments_waiting_for_moderation_go_on_to_a_second_page(client):
    consultation = ConsultationPage.objects.get(slug="repairs-appointments")
    response = Response.objects.create(consultation=consultation, submitted=True)
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question_id=f"q{n}",
            text=f"Waiting comment {n:02d}",
            moderation=Answer.Moderation.PENDING,
        )
        for n in range(51)
    )
    sign_in(client, "officer@example.org")
    url = f"/admin/consultation-responses/{consultation.pk}/"
    first = client.get(url).content.decode()
    assert "Waiting comment 00" in first
    assert "Waiting comment 50" not in first
    assert 'href="?p=2"' in first
    second = client.get(url + "?p=2").content.decode()
    assert "Waiting comment 50" in second


def test_interested_residents_go_on_to_a_second_page_keeping_the_filter(client):
    opportunity = OpportunityPage.objects.first()
    people = User.objects.bulk_create(
        User(email=f"keen{n:02d}@example.org", first_name="Keen", last_name=f"{n:02d}")
        for n in range(51)
    )
    Interest.objects.bulk_create(
        Interest(opportunity=opportunity, user=person) for person in people
    )
    shown = Interest.objects.filter(
        opportunity=opportunity, withdrawn_at__isnull=True
    ).count()
    assert shown > 50
    sign_in(client, "officer@example.org")
    url = f"/admin/interested-residents/?opportunity={opportunity.pk}"
    first = client.get(url).content.decode()
    assert f"?opportunity={opportunity.pk}&amp;p=2" in first
    second = client.get(url + "&p=2")
    assert len(second.context["interests"]) == shown - 50


def test_a_short_list_shows_no_page_links(client):
    sign_in(client, "officer@example.org")
    page = client.get("/admin/consultation-responses/").content.decode()
    assert ConsultationPage.objects.count() <= 50
    assert "pagination__page-number" not in page
    assert 'href="?p=2"' not in page
