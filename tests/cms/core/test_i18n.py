import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "lang", "direction", "title"),
    [
        ("/", "en-gb", "ltr", "Welcome to Riverside Homes"),
        ("/pl/", "pl", "ltr", "Witamy w Riverside Homes"),
        ("/bn/", "bn", "ltr", "রিভারসাইড হোমসে স্বাগতম"),
        ("/ar/", "ar", "rtl", "مرحبًا بكم في ريفرسايد هومز"),
    ],
)
def test_each_language_has_its_home_page_with_lang_and_dir(
    client, url, lang, direction, title
):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}"' in page
    assert f"<h1>{title}</h1>" in page


def test_interface_text_is_translated(client):
    page = client.get("/ar/").content.decode()
    # The skip link and sign-in link come from the committed Arabic catalogue.
    assert "Skip to main content" not in page
    assert "Upcoming meetings" not in page


def test_language_switcher_links_to_each_translation_of_the_page(client):
    page = client.get("/about-us/").content.decode()
    assert 'href="/pl/about-us/" lang="pl"' in page
    assert 'href="/ar/about-us/" lang="ar"' in page
    assert '<span aria-current="true" lang="en-gb">English</span>' in page


def test_language_switcher_on_a_portal_page_keeps_the_address(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/bn/accounts/login/"' in page


def test_breadcrumbs_lead_home(client):
    page = client.get("/ar/about-us/").content.decode()
    assert 'aria-label="Breadcrumb"' in page or "aria-label=" in page
    assert 'href="/ar/"' in page
    assert '<span aria-current="page">من نحن</span>' in page


def test_an_unknown_page_is_a_helpful_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_portal_pages_speak_the_residents_language(client):
    from tests.conftest import sign_in

    sign_in(client, "resident@example.org")
    page = client.get("/ar/portal/").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert "منزلك" in page  # "Your home"
    claim = client.get("/pl/portal/home/", {"postcode": "X"}).content.decode()
    assert "Wpisz pełny brytyjski kod pocztowy, np. RV1 3AB." in claim


def test_resident_forms_are_translated_down_to_the_answers(client):
    from tests.conftest import sign_in

    sign_in(client, "resident@example.org")
    page = client.get("/bn/portal/about-you/age/").content.decode()
    assert "বলতে চাই না" in page  # "Prefer not to say"
    assert "Prefer not to say" not in page
    page = client.get("/pl/portal/access-needs/").content.decode()
    assert "Dostęp bez schodów" in page  # "Step-free access"
