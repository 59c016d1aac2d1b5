"""The finder and results pages keep the same number of queries with 10,000
responses as with a handful (measured: finder 24, results 29, get-involved 24;
most are the site header, menus and settings)."""

import pytest

from cms.consultations.models import Answer, ConsultationPage, Response

pytestmark = pytest.mark.django_db

RESPONSES = 10_000


def _bulk_responses(page, n):
    blocks = list(page.questions)
    responses = Response.objects.bulk_create(
        [Response(consultation=page, submitted=True, tenure="tenant") for _ in range(n)]
    )
    options = blocks[0].value["options"]
    Answer.objects.bulk_create(
        [
            Answer(response=r, question_id=blocks[0].id, value=options[i % 3])
            for i, r in enumerate(responses)
        ]
        + [
            Answer(response=r, question_id=blocks[2].id, value="4", number=4)
            for r in responses
        ],
        batch_size=5000,
    )


def _queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_finder_and_results_do_not_grow(client, django_assert_max_num_queries):
    page = ConsultationPage.objects.get(slug="repairs-appointments")
    results_url = page.url + "results/"
    # The first render fills the cached header and footer; compare warm with warm.
    client.get("/consultations/")
    client.get(results_url)
    finder_before = _queries(
        client, "/consultations/", django_assert_max_num_queries, 24
    )
    results_before = _queries(client, results_url, django_assert_max_num_queries, 29)
    _bulk_responses(page, RESPONSES)
    finder_after = _queries(
        client, "/consultations/", django_assert_max_num_queries, 24
    )
    results_after = _queries(client, results_url, django_assert_max_num_queries, 29)
    assert finder_after == finder_before
    assert results_after == results_before
    body = client.get(results_url).content.decode()
    assert f"{RESPONSES + 3:,}".replace(",", "") in body.replace(",", "")


def test_get_involved_query_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(24):
        assert client.get("/get-involved/").status_code == 200
