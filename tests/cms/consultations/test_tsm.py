"""The tenant satisfaction survey as staff and residents use it: the fixed
questions, paper and phone answers entered for a household by UPRN, the report
in the admin (figures, chart, query count) and the data-return CSV."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.consultations import tsm
from cms.consultations.models import (
    Answer,
    Channel,
    ConsultationIndexPage,
    ConsultationPage,
    Kind,
    Response,
)
from cms.consultations.selectors import tsm_results
from cms.core.models import LandlordSettings
from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.housing.models import Property
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

VS, FS, NEITHER, FD, VD = tsm.SATISFACTION


@pytest.fixture
def survey():
    return ConsultationPage.objects.get(slug="tenant-satisfaction-survey")


@pytest.fixture
def empty_survey():
    """A TSM survey of our own, open, with no answers yet."""
    index = ConsultationIndexPage.objects.first()
    now = timezone.now()
    page = ConsultationPage(
        title="Test satisfaction survey",
        slug="test-tsm",
        kind=Kind.TSM,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _home(tenure, n=0):
    """A home of that tenure nobody has answered for yet."""
    return (
        Property.objects.filter(tenure=tenure)
        .exclude(pk__in=Response.objects.exclude(home=None).values("home"))
        .exclude(
            pk__in=User.objects.exclude(resident_profile=None).values(
                "resident_profile__home"
            )
        )
        .order_by("uprn")[n]
    )


def _paper(page, uprn, **extra):
    return {
        "uprn": uprn,
        "channel": Channel.PAPER,
        "resident": "",
        "q_tp01": FS,
        "q_tp06": VS,
        "q_tp07": tsm.NOT_APPLICABLE,
        "q_tp08": "Disagree",
        **extra,
    }


def _enter(client, page, data):
    return client.post(f"/admin/consultation-responses/{page.pk}/enter/", data)


def test_survey_always_asks_the_regulators_questions(survey):
    """An editor's own questions are replaced by the fixed set when saved, with
    the landlord's name where the wording says [landlord]."""
    survey.questions = [
        {
            "type": "free_text",
            "value": {"question": "Anything?", "help_text": "", "required": False},
        }
    ]
    survey.save_revision().publish()
    survey.refresh_from_db()
    name = LandlordSettings.for_site(survey.get_site()).name
    ids = [block.id for block in survey.questions]
    assert ids[0] == "tp01" and "tp12" in ids and len(ids) == 15
    first = survey.questions[0].value["question"]
    assert first.endswith(f"the service provided by {name}?")
    assert set(survey.tenure_list) == set(tsm.SURVEY_TENURES)


def test_officer_enters_a_paper_response_for_a_household(client, empty_survey):
    home = _home("tenant")
    sign_in(client, "officer@example.org")
    page = client.get(f"/admin/consultation-responses/{empty_survey.pk}/enter/")
    assert page.status_code == 200
    assert "listens to your views and acts upon them" in page.content.decode()
    response = _enter(client, empty_survey, _paper(empty_survey, home.uprn))
    assert response.status_code == 302
    saved = Response.objects.get(consultation=empty_survey)
    assert (saved.home, saved.tenure, saved.channel) == (home, "tenant", "paper")
    assert saved.entered_by.email == "officer@example.org"
    assert saved.submitted
    assert AuditEntry.objects.filter(
        action="consultation.response_entered", object_id=str(saved.pk)
    ).exists()
    results = tsm_results(empty_survey)["results"]
    assert results["TP06"][tsm.LCRA].percent == Decimal("100.0")
    assert results["TP07"][tsm.LCRA].responses == 0  # "don't know" left out
    assert results["TP07"][tsm.LCRA].excluded == 1
    assert results["TP08"][tsm.LCRA].percent == Decimal("0.0")


def test_unknown_uprn_is_a_field_error(client, empty_survey):
    sign_in(client, "officer@example.org")
    response = _enter(client, empty_survey, _paper(empty_survey, "999999999999"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "There is no home with UPRN 999999999999" in form.errors["uprn"][0]
    assert not Response.objects.filter(consultation=empty_survey).exists()


def test_wrong_resident_for_the_home_is_refused(client, empty_survey):
    """Naming a resident whose checked home is elsewhere is refused on the
    resident field, and nothing is saved."""
    chair = User.objects.get(email="chair@example.org")
    elsewhere = _home("tenant")
    assert elsewhere != chair.resident_profile.home
    sign_in(client, "officer@example.org")
    response = _enter(
        client, empty_survey, _paper(empty_survey, elsewhere.uprn, resident=chair.pk)
    )
    assert response.status_code == 200
    assert (
        "checked home is not the home" in response.context["form"].errors["resident"][0]
    )
    assert not Response.objects.filter(consultation=empty_survey).exists()


def test_a_household_answers_once_and_leaseholders_are_not_asked(client, empty_survey):
    sign_in(client, "officer@example.org")
    home = _home("shared_owner")
    assert (
        _enter(client, empty_survey, _paper(empty_survey, home.uprn)).status_code == 302
    )
    again = _enter(client, empty_survey, _paper(empty_survey, home.uprn))
    assert "already answered" in again.context["form"].errors["uprn"][0]
    leaseholder = _home("leaseholder")
    refused = _enter(client, empty_survey, _paper(empty_survey, leaseholder.uprn))
    assert "does not ask" in refused.context["form"].errors["uprn"][0]
    assert Response.objects.filter(consultation=empty_survey).count() == 1


@pytest.mark.parametrize("email", ["neighbour@example.org", "editor@example.org"])
def test_only_consultation_staff_enter_or_see_the_measures(client, survey, email):
    sign_in(client, email)
    before = Response.objects.count()
    for url in (
        "/admin/tsm/",
        f"/admin/tsm/{survey.pk}/",
        f"/admin/tsm/{survey.pk}/export/",
        f"/admin/consultation-responses/{survey.pk}/enter/",
    ):
        assert client.get(url).status_code in (302, 403), url
    response = _enter(client, survey, _paper(survey, _home("tenant").uprn))
    assert response.status_code in (302, 403)
    assert Response.objects.count() == before


def test_report_shows_each_measure_with_chart_and_table(client, survey):
    sign_in(client, "officer@example.org")
    listing = client.get("/admin/tsm/")
    assert survey.title in listing.content.decode()
    response = client.get(f"/admin/tsm/{survey.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    expected = tsm_results(survey)["results"]["TP06"][tsm.LCRA]
    assert expected.responses > 100
    assert f"{expected.percent}%" in html
    assert f"± {expected.margin}" in html
    assert "<svg" in html and 'role="img"' in html
    assert "Low-cost home ownership (LCHO)" in html
    # The admin menu offers it under Reports.
    assert "/admin/tsm/" in client.get("/admin/").content.decode()


def _more_answers(page, n):
    homes = list(
        Property.objects.filter(tenure__in=tsm.SURVEY_TENURES).order_by("-uprn")[:n]
    )
    responses = Response.objects.bulk_create(
        [
            Response(consultation=page, submitted=True, tenure=h.tenure, home=h)
            for h in homes
        ]
    )
    Answer.objects.bulk_create(
        [Answer(response=r, question_id="tp06", value=VS) for r in responses]
        + [Answer(response=r, question_id="repair_12m", value="Yes") for r in responses]
        + [Answer(response=r, question_id="tp02", value=FD) for r in responses]
    )


def test_report_query_count_is_flat_as_responses_grow(client, survey):
    sign_in(client, "officer@example.org")
    url = f"/admin/tsm/{survey.pk}/"
    client.get(url)  # warm the admin's own caches
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    _more_answers(survey, 600)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)
    assert len(before) <= 17  # measured: 17 on PostgreSQL (3 for the measures, 2 menu)


def test_export_is_one_row_per_measure_per_tenure(client, empty_survey):
    """Three tenants: TP06 two very satisfied and one "don't know"; TP02 one
    yes-to-repairs fairly dissatisfied, one who had no repair (left out)."""
    homes = [_home("tenant", n) for n in range(3)]
    rows = Response.objects.bulk_create(
        [
            Response(consultation=empty_survey, submitted=True, tenure="tenant", home=h)
            for h in homes
        ]
    )
    Answer.objects.bulk_create(
        [
            Answer(response=rows[0], question_id="tp06", value=VS),
            Answer(response=rows[1], question_id="tp06", value=VS),
            Answer(response=rows[2], question_id="tp06", value=tsm.NOT_APPLICABLE),
            Answer(response=rows[0], question_id="repair_12m", value="Yes"),
            Answer(response=rows[0], question_id="tp02", value=FD),
            Answer(response=rows[1], question_id="repair_12m", value="No"),
            Answer(response=rows[1], question_id="tp02", value=VS),
        ]
    )
    sign_in(client, "officer@example.org")
    response = client.get(f"/admin/tsm/{empty_survey.pk}/export/")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    table = list(csv.reader(io.StringIO(text)))
    heading, body = table[0], table[1:]
    assert heading[:7] == [
        "Survey",
        "Measure",
        "Description",
        "Tenure type",
        "Number of responses",
        "Number satisfied or agreeing",
        "Result (%)",
    ]
    assert len(body) == sum(len(m.groups()) for m in tsm.MEASURES) == 20
    by_key = {(row[1], row[3]): row for row in body}
    rented = Property.objects.filter(tenure__in=["tenant", "sheltered"]).count()
    tp06 = by_key[("TP06", "LCRA")]
    assert tp06[4:10] == ["2", "2", "100.0", "1", str(rented), "0.0"]
    tp02 = by_key[("TP02", "LCRA")]
    assert tp02[4:8] == ["1", "0", "0.0", "1"]
    assert ("TP02", "LCHO") not in by_key
    assert by_key[("TP08", "LCHO")][6] == ""  # no answers: no result, not 0


def test_tenant_answers_online_once_for_their_household(client, empty_survey):
    """A checked tenant answers through the usual form: the answer is kept
    against their home and counted; someone else from the same household is
    told it has already answered."""
    from portal.accounts.factories import UserFactory
    from portal.accounts.models import ResidentProfile

    home = _home("tenant")
    first, second = UserFactory(), UserFactory()
    for person in (first, second):
        ResidentProfile.objects.create(
            user=person,
            home=home,
            tenancy_reference="T1",
            status=ResidentProfile.Status.VERIFIED,
        )
    client.force_login(first)
    url = empty_survey.url + "respond/"
    answers = {"q_tp01": VS, "q_tp06": FD, "q_tp08": "Strongly agree"}
    assert client.post(url, answers).status_code == 302
    saved = Response.objects.get(consultation=empty_survey)
    assert (saved.home, saved.channel, saved.respondent) == (home, "online", first)
    assert tsm_results(empty_survey)["results"]["TP06"][tsm.LCRA].percent == Decimal(
        "0.0"
    )
    client.force_login(second)
    refused = client.post(url, answers)
    assert refused.status_code == 200
    assert "already answered" in str(refused.context["form"].non_field_errors())
    assert Response.objects.filter(consultation=empty_survey).count() == 1
