""" "About you" asks one question a page (GOV.UK): each answer is saved as it is
given, "Check your answers" lists them with a "Change" link that comes back,
a made-up answer is refused beside the question and in the error summary, and
agreeing to the "who takes part" check stays audited. Plain forms and links."""

import re

import pytest

from portal.accounts.models import EqualityMonitoring
from portal.core.models import AuditEntry
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

URL = "/portal/about-you/"
WALK = [
    ("age", {"age_band": "65_74"}),
    ("ethnicity", {"ethnicity": "black_caribbean"}),
    ("disability", {"disability": "prefer_not"}),
    ("sex-and-gender", {"sex": "female", "gender_same_as_birth": "yes"}),
    ("sexual-orientation", {}),
    ("religion", {"religion": "prefer_not"}),
    ("use-of-answers", {"use_for_representation": "on"}),
]


@pytest.fixture
def resident(client):
    sign_in(client, "resident@example.org")
    return client


def _answers():
    return EqualityMonitoring.objects.filter(user__email="resident@example.org")


def test_the_questions_are_walked_one_a_page_into_one_record(resident):
    start = resident.get(URL).content.decode()
    assert f'href="{URL}age/"' in start  # "Answer the questions"
    assert "Check your answers" not in start
    page = resident.get(URL + "age/").content.decode()
    assert '<h1 class="question">' in page and "Age" in page
    assert "Ethnic group" not in page
    assert f'href="{URL}"' in page  # Back, from the first question
    for number, (slug, answer) in enumerate(WALK):
        response = resident.post(URL + f"{slug}/", {"action": "continue", **answer})
        following = WALK[number + 1][0] + "/" if number + 1 < len(WALK) else ""
        assert response["Location"] == URL + following, slug
        assert _answers().count() == 1  # saved at once, always the same record
    page = resident.get(URL + "religion/").content.decode()
    assert f'href="{URL}sexual-orientation/"' in page  # Back
    assert re.search(r'value="prefer_not"[^>]*checked', page)  # the answer given
    answers = _answers().get()
    assert (answers.age_band, answers.sex, answers.sexual_orientation) == (
        "65_74",
        "female",
        "",
    )
    assert answers.representation_consent_at is not None
    assert (
        AuditEntry.objects.filter(
            action="equality.representation_consent_given"
        ).count()
        == 1
    )
    check = resident.get(URL).content.decode()
    assert "Check your answers" in check
    assert "65 to 74" in check
    assert f'href="{URL}sexual-orientation/?change=1">Answer' in check
    assert "Delete this information" in check


def test_a_group_of_questions_shares_a_page_with_a_heading(resident):
    page = resident.get(URL + "sex-and-gender/").content.decode()
    assert "<h1>Sex and gender identity</h1>" in page
    assert 'name="sex"' in page and 'name="gender_same_as_birth"' in page
    page = resident.get(URL + "use-of-answers/").content.decode()
    assert "<h1>May we use your answers to check who takes part?</h1>" in page
    assert "Yes, you may use my answers" in page


def test_a_made_up_answer_is_refused_beside_the_question(resident):
    resident.post(URL + "age/", {"action": "continue", "age_band": "16_24"})
    response = resident.post(URL + "sex-and-gender/", {"sex": "robot"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_sex_0"' in page or 'href="#id_sex"' in page
    assert "Select a valid choice." in page
    assert _answers().get().sex == ""
    assert _answers().get().age_band == "16_24"  # the earlier answer kept


def test_change_from_the_check_page_comes_back_to_it(resident):
    for slug, answer in WALK:
        resident.post(URL + f"{slug}/", {"action": "continue", **answer})
    page = resident.get(URL + "ethnicity/?change=1").content.decode()
    assert f'class="back-link" href="{URL}"' in page
    response = resident.post(
        URL + "ethnicity/?change=1", {"action": "continue", "ethnicity": "white_irish"}
    )
    assert response["Location"] == URL
    assert _answers().get().ethnicity == "white_irish"
    assert _answers().get().age_band == "65_74"  # other answers untouched


def test_consent_changes_only_on_its_own_page_and_is_audited(resident):
    for slug, answer in WALK:
        resident.post(URL + f"{slug}/", {"action": "continue", **answer})
    # Changing another answer leaves the agreement as it was...
    resident.post(URL + "age/?change=1", {"action": "continue", "age_band": "25_34"})
    assert _answers().get().representation_consent_at is not None
    # ...unticking the box on its page withdraws it, audited.
    resident.post(URL + "use-of-answers/?change=1", {"action": "continue"})
    assert _answers().get().representation_consent_at is None
    assert AuditEntry.objects.filter(
        action="equality.representation_consent_withdrawn"
    ).exists()
    assert "<dd>No</dd>" in resident.get(URL).content.decode()


def test_save_and_come_back_later_leaves_for_the_answers_page(resident):
    response = resident.post(URL + "age/", {"action": "later", "age_band": "35_44"})
    assert response["Location"] == URL
    assert _answers().get().age_band == "35_44"


def test_an_unknown_question_is_not_found_and_visitors_must_sign_in(client):
    assert client.get(URL + "age/").status_code == 302
    sign_in(client, "resident@example.org")
    assert client.get(URL + "shoe-size/").status_code == 404
