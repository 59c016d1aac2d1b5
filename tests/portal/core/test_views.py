import pytest
from django.urls import reverse

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_portal_sends_anonymous_visitors_to_sign_in(client):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/portal/"


def test_portal_dashboard_greets_a_signed_in_resident(client):
    sign_in(client, "resident@example.org")
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    assert "resident@example.org" in response.content.decode()
    # Residents never see a way into the back office.
    assert "/admin/" not in response.content.decode()


def test_portal_dashboard_shows_back_office_link_to_staff(client):
    sign_in(client, "officer@example.org")
    response = client.get(reverse("portal:dashboard"))
    assert reverse("wagtailadmin_home") in response.content.decode()


def test_bench_reports_every_main_page_as_a_ratio_to_healthz():
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_pages", requests=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines] == [
        "/",
        "/ar/",
        "/search/?q=rent",
        "/accounts/login/",
        "/about-us/",
        "/meetings/",
        "/consultations/",
        "/magazine/",
        "/magazine/issue-8/",
        "/magazine/issue-8/issue-8-1/",
        "/other-formats/",
    ]
    assert all(float(line.split()[1]) > 0 for line in lines)
