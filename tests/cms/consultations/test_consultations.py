from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.consultations.models import Answer, ConsultationPage, Response
from cms.consultations.selectors import question_results, response_rates
from cms.consultations.services import outcome_publish, response_save
from cms.involvement.models import Interest, OpportunityPage
from portal.accounts.models import User
from portal.core.models import Notification
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_consultation():
    return ConsultationPage.objects.get(slug="estate-cleaning")


@pytest.fixture
def neighbour():
    return User.objects.get(email="neighbour@example.org")


def _post_answers(client, page, **extra):
    blocks = list(page.questions)
    data = {
        f"q_{blocks[0].id}": "Unhappy",
        f"q_{blocks[1].id}": ["Cost", "Speed"],
        f"q_{blocks[2].id}": "2",
        f"q_{blocks[3].id}_0": "3",
        f"q_{blocks[3].id}_1": "1",
        f"q_{blocks[3].id}_2": "2",
        f"q_{blocks[4].id}": "More bins please",
        **extra,
    }
    return client.post(page.url + "respond/", data)


def test_finders_list_consultations_and_opportunities(client):
    body = client.get("/consultations/").content.decode()
    assert "Estate cleaning: what should change?" in body
    assert "The green space at Orchard Park" in body
    assert "A space for young people" in body
    body = client.get("/get-involved/?level=5_decision_making").content.decode()
    assert "The Board" in body
    assert "Estate inspections" not in body
    body = client.get("/get-involved/?commitment=heavy").content.decode()
    assert "The Board" in body and "Focus groups" not in body


def test_resident_answers_once_and_second_attempt_edits(
    client, open_consultation, neighbour
):
    sign_in(client, neighbour.email)
    response = _post_answers(client, open_consultation)
    assert response.status_code == 302
    assert response["Location"].endswith("/receipt/")
    receipt = client.get(response["Location"]).content.decode()
    assert "More bins please" in receipt
    first = Response.objects.get(consultation=open_consultation, respondent=neighbour)
    form = client.get(open_consultation.url + "respond/").content.decode()
    assert "You have already answered" in form
    assert "More bins please" in form  # previous answers kept in the form
    _post_answers(
        client, open_consultation, **{f"q_{open_consultation.questions[0].id}": "Happy"}
    )
    responses = Response.objects.filter(
        consultation=open_consultation, respondent=neighbour
    )
    assert responses.count() == 1
    assert responses.get().reference == first.reference
    assert list(
        Answer.objects.filter(
            response=first, question_id=open_consultation.questions[0].id
        ).values_list("value", flat=True)
    ) == ["Happy"]


def test_database_refuses_a_second_response(open_consultation, neighbour):
    Response.objects.create(consultation=open_consultation, respondent=neighbour)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(consultation=open_consultation, respondent=neighbour)


def test_save_and_return_then_send(client, open_consultation, neighbour):
    sign_in(client, neighbour.email)
    page = open_consultation
    response = client.post(
        page.url + "respond/", {"save": "1", f"q_{page.questions[4].id}": "Draft"}
    )
    assert response.status_code == 302
    saved = Response.objects.get(consultation=page, respondent=neighbour)
    assert not saved.submitted
    assert "Draft" in client.get(page.url + "respond/").content.decode()
    assert question_results(page)[0]["answered"] == 0  # drafts are not counted


def test_bad_input_keeps_answers_and_explains(client, open_consultation, neighbour):
    sign_in(client, neighbour.email)
    page = open_consultation
    blocks = list(page.questions)
    response = _post_answers(
        client,
        page,
        **{
            f"q_{blocks[0].id}": "",
            f"q_{blocks[3].id}_0": "1",
            f"q_{blocks[3].id}_1": "1",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Use each number once" in body
    assert "More bins please" in body
    assert not Response.objects.filter(consultation=page, respondent=neighbour).exists()


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        ("resident@example.org", "We have not checked your home yet"),
        ("officer@example.org", "Tell us where you live"),
    ],
)
def test_ineligible_residents_are_told_why(client, open_consultation, email, reason):
    sign_in(client, email)
    response = client.get(open_consultation.url + "respond/")
    assert response.status_code == 403
    assert reason in response.content.decode()


def test_resident_outside_the_audience_is_told_why(client, neighbour):
    page = ConsultationPage.objects.get(slug="orchard-park-green-space")
    sign_in(client, neighbour.email)
    response = client.get(page.url + "respond/")
    assert response.status_code == 403
    assert "only for residents of Orchard Park" in response.content.decode()


def test_closed_consultation_refuses_answers(client, neighbour):
    page = ConsultationPage.objects.get(slug="repairs-appointments")
    sign_in(client, neighbour.email)
    response = _post_answers(client, page)
    assert response.status_code == 403
    assert "has closed" in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(client, open_consultation):
    response = client.get(open_consultation.url + "respond/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_results_match_hand_computed_figures(open_consultation, neighbour):
    page = open_consultation
    q = list(page.questions)
    people = list(User.objects.filter(resident_profile__status="verified"))[:3]
    assert len(people) == 3
    answers = [
        # single, multiple, scale, ranking (A,B,C), text
        ("Happy", ["Cost"], "5", ["1", "2", "3"]),
        ("Happy", ["Cost", "Speed"], "3", ["2", "1", "3"]),
        ("Unhappy", [], "1", ["1", "3", "2"]),
    ]
    page.areas.clear()
    page.save()
    for person, (single, many, scale, ranks) in zip(people, answers, strict=True):
        data = {
            f"q_{q[0].id}": single,
            f"q_{q[1].id}": many,
            f"q_{q[2].id}": scale,
            **{f"q_{q[3].id}_{i}": r for i, r in enumerate(ranks)},
        }
        response_save(consultation=page, respondent=person, data=data, submit=True)
    results = question_results(page)
    single = {r["label"]: (r["count"], r["percent"]) for r in results[0]["rows"]}
    assert single == {
        "Happy": (2, 67),
        "Neither happy nor unhappy": (0, 0),
        "Unhappy": (1, 33),
    }
    many = {r["label"]: r["count"] for r in results[1]["rows"]}
    assert many == {"Cost": 2, "Quality": 0, "Speed": 1, "Being kept informed": 0}
    assert results[1]["answered"] == 2
    assert results[2]["mean"] == 3.0  # (5 + 3 + 1) / 3
    ranking = [(r["label"], r["mean_rank"]) for r in results[3]["rows"]]
    # A: (1+2+1)/3 = 1.3, B: (2+1+3)/3 = 2.0, C: (3+3+2)/3 = 2.7
    assert ranking == [("Option A", 1.3), ("Option B", 2.0), ("Option C", 2.7)]


def test_officer_publishes_outcome_and_respondents_are_notified(client):
    page = ConsultationPage.objects.get(slug="repairs-appointments")
    page.you_said = "You said appointments were too early."
    page.we_did = "We added evening slots."
    page.what_changes = "Evening slots from March."
    page.save_revision().publish()
    page.refresh_from_db()
    officer = User.objects.get(email="officer@example.org")
    respondents = set(
        Response.objects.filter(consultation=page).values_list("respondent", flat=True)
    )
    assert respondents
    sent = outcome_publish(consultation=page, actor=officer, url=page.full_url)
    assert sent == len(respondents)
    assert (
        set(
            Notification.objects.filter(
                key=f"consultation-outcome-{page.pk}"
            ).values_list("recipient", flat=True)
        )
        == respondents
    )
    page.refresh_from_db()
    assert page.days_to_outcome == 5
    body = client.get("/consultations/").content.decode()
    assert "Outcome published" in body
    body = client.get(page.url).content.decode()
    assert "We added evening slots." in body


def test_resident_may_not_publish_outcome(neighbour):
    from django.core.exceptions import PermissionDenied

    page = ConsultationPage.objects.get(slug="repairs-appointments")
    with pytest.raises(PermissionDenied):
        outcome_publish(consultation=page, actor=neighbour)


def test_outcome_cannot_be_published_while_open(open_consultation):
    from django.core.exceptions import ValidationError

    officer = User.objects.get(email="officer@example.org")
    with pytest.raises(ValidationError):
        outcome_publish(consultation=open_consultation, actor=officer)


def test_response_rate_by_area_and_tenure():
    page = ConsultationPage.objects.get(slug="community-safety")
    rates = response_rates(page)
    area = {r["label"]: r for r in rates["by_area"]}
    assert set(area) == {"Riverside North"}
    assert area["Riverside North"]["responses"] == 3
    assert (
        sum(r["households"] for r in rates["by_tenure"])
        == area["Riverside North"]["households"]
    )


def test_short_window_needs_a_reason(open_consultation):
    from django.core.exceptions import ValidationError

    page = open_consultation
    page.opens_at = timezone.now()
    page.closes_at = timezone.now() + timedelta(days=10)
    page.short_window_reason = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "short_window_reason" in error.value.message_dict


def test_interest_once_and_withdraw(client, neighbour):
    page = OpportunityPage.objects.get(title="The Board")
    sign_in(client, neighbour.email)
    client.post(page.url + "interest/")
    client.post(page.url + "interest/")
    assert Interest.objects.filter(opportunity=page, user=neighbour).count() == 1
    assert "I am no longer interested" in client.get(page.url).content.decode()
    client.post(page.url + "interest/", {"withdraw": "1"})
    assert Interest.objects.get(opportunity=page, user=neighbour).withdrawn_at


def test_interest_needs_sign_in(client):
    page = OpportunityPage.objects.get(title="The Board")
    response = client.post(page.url + "interest/")
    assert response.status_code == 302
    assert not Interest.objects.filter(opportunity=page).exists()


def test_dashboard_lists_open_consultations_interests_and_level(client, neighbour):
    from cms.involvement.models import InvolvementLevel

    board = OpportunityPage.objects.get(title="The Board")
    Interest.objects.create(opportunity=board, user=neighbour)
    sign_in(client, neighbour.email)
    body = client.get("/portal/").content.decode()
    assert "Estate cleaning: what should change?" in body
    assert "The green space at Orchard Park" not in body  # not their estate
    assert "The Board" in body
    response = client.post("/get-involved/my-level/", {"level": "3_involving"})
    assert response.status_code == 302
    assert InvolvementLevel.objects.get(user=neighbour).level == "3_involving"
    client.post("/get-involved/my-level/", {"level": "nonsense"})
    assert InvolvementLevel.objects.get(user=neighbour).level == "3_involving"


@pytest.mark.parametrize(
    "count, total, shown",
    [
        (1, 1420, "0.1"),  # issue 15: was "0"
        (1419, 1420, "99.9"),  # never "100" while someone is missing
        (1, 100000, "0.001"),
        (1, 10**9, "0.001"),  # never 0 while there is a response
        (2, 3, "67"),
        (1, 3, "33"),
        (1, 8, "13"),  # 12.5 rounds half up
        (0, 1420, "0"),
        (1420, 1420, "100"),
        (0, 0, "0"),
    ],
)
def test_a_rate_is_never_rounded_into_a_wrong_answer(count, total, shown):
    from cms.consultations.selectors import _percent

    assert str(_percent(count, total)) == shown
