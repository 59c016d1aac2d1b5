"""Answers without an account, where the editor allows them: one from each
device, a few a day from one connection, counted in the results (as their own
channel) but not in response rates, and never for a targeted consultation."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Locale

from cms.consultations.models import Channel, ConsultationPage, Response
from cms.consultations.selectors import question_results, response_rates
from cms.consultations.services import response_save
from tests.cms.consultations.test_consultations import _post_answers
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return ConsultationPage.objects.get(
        slug="magazine-survey", locale=Locale.get_default()
    )


def test_a_visitor_answers_without_an_account_and_sees_a_receipt(client, survey):
    page = client.get(survey.url).content.decode()
    assert "Answer without an account" in page
    form = client.get(survey.url + "respond/").content.decode()
    assert "one answer from each device" in form
    assert "Save and come back later" not in form
    response = _post_answers(client, survey)
    assert response.status_code == 302
    assert response["Location"] == survey.url + "receipt/"
    saved = Response.objects.get(consultation=survey)
    assert saved.channel == Channel.ANONYMOUS
    assert saved.respondent is None and saved.submitted
    receipt = client.get(survey.url + "receipt/").content.decode()
    assert str(saved.reference) in receipt
    # Another browser has no receipt to see.
    client.cookies.clear()
    assert client.get(survey.url + "receipt/").status_code == 404


def test_a_second_answer_from_the_same_device_is_refused(client, survey):
    _post_answers(client, survey)
    response = _post_answers(client, survey, **{})
    assert response.status_code == 200
    assert "You have already answered from this device." in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()
    assert Response.objects.filter(consultation=survey).count() == 1


def test_one_connection_is_limited_each_day(client, survey):
    for _ in range(5):
        client.cookies.clear()  # a new device on the same connection
        assert _post_answers(client, survey).status_code == 302
    client.cookies.clear()
    response = _post_answers(client, survey)
    assert "a lot of answers from this internet connection" in (
        response.content.decode()
    )
    assert Response.objects.filter(consultation=survey).count() == 5


def test_a_forged_cookie_is_ignored(client, survey):
    _post_answers(client, survey)
    client.cookies["consultations_answered"] = "not-signed"
    assert _post_answers(client, survey).status_code == 302


def test_not_allowed_means_sign_in(client):
    closed_to_visitors = ConsultationPage.objects.get(slug="estate-cleaning")
    assert "Answer without an account" not in (
        client.get(closed_to_visitors.url).content.decode()
    )
    response = _post_answers(client, closed_to_visitors)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    with pytest.raises(PermissionDenied):
        response_save(
            consultation=closed_to_visitors,
            respondent=None,
            data={},
            submit=True,
            channel=Channel.ANONYMOUS,
        )
    assert not Response.objects.filter(consultation=closed_to_visitors).exists()


def test_signed_in_residents_still_have_one_editable_response(client, survey):
    sign_in(client, "chair@example.org")
    _post_answers(client, survey)
    _post_answers(client, survey, **{f"q_{list(survey.questions)[0].id}": "Happy"})
    assert Response.objects.filter(consultation=survey).count() == 1
    assert Response.objects.get(consultation=survey).channel == Channel.ONLINE


def test_counted_in_results_but_not_in_response_rates(client, survey):
    _post_answers(client, survey)
    first = list(survey.questions)[0].id
    results = {r["id"]: r for r in question_results(survey, moderated_only=False)}
    assert results[first]["answered"] == 1
    rates = response_rates(survey)
    assert sum(row["responses"] for row in rates["by_area"]) == 0
    assert sum(row["responses"] for row in rates["by_tenure"]) == 0


def test_editors_cannot_combine_anonymous_answers_with_a_target():
    """The page form's own check (the full editor needs JavaScript for its
    question blocks, so the check is called as the form calls it)."""
    from portal.housing.models import Area

    form_class = ConsultationPage.get_edit_handler().get_form_class()
    form = form_class(instance=ConsultationPage.objects.get(slug="estate-cleaning"))
    targeted = {"anonymous_allowed": True, "areas": list(Area.objects.all()[:1])}
    form.cleaned_data = dict(targeted)
    form.check_anonymous_audience(form.cleaned_data)
    assert "cannot be checked against where people live" in str(
        form.errors["anonymous_allowed"]
    )
    for allowed in (
        {"anonymous_allowed": True, "areas": [], "estates": [], "tenure_choices": []},
        {"anonymous_allowed": False, "tenure_choices": ["tenant"]},
    ):
        form = form_class(instance=ConsultationPage.objects.get(slug="estate-cleaning"))
        form.cleaned_data = dict(allowed)
        form.check_anonymous_audience(form.cleaned_data)
        assert not form.errors


@pytest.mark.parametrize(
    "email", ["resident@example.org", "officer@example.org", "chair@example.org"]
)
def test_signed_in_people_may_answer_what_visitors_may(client, survey, email):
    """One rule: a consultation anyone may answer without an account never tells a
    signed-in person (home checked or not) that they cannot answer it."""
    sign_in(client, email)
    response = client.get(survey.url + "respond/")
    assert response.status_code == 200
    assert "You cannot answer this consultation" not in response.content.decode()
    assert _post_answers(client, survey).status_code == 302
    assert Response.objects.filter(
        consultation=survey, respondent__email=email, submitted=True
    ).exists()


def test_unchecked_resident_sees_open_to_everyone_consultations_on_dashboard(
    client, survey
):
    sign_in(client, "resident@example.org")
    body = client.get("/portal/").content.decode()
    assert survey.title in body
