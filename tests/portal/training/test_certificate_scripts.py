"""Training certificates in Bengali and Arabic: each language's own font (Noto
Sans Bengali, Noto Naskh Arabic, right to left), text shaped with HarfBuzz,
the person's name and the course readable in the PDF; staff get the person's
language; a missing font or shaping library still gives a certificate, in
DejaVu Sans or unshaped, with a warning in the log.

The words and fonts are read back with poppler's pdftotext and pdffonts, which
leave out anything drawn off the page (a certificate once printed the name
there)."""

import logging
import subprocess
import sys
import unicodedata

import pytest
from django.utils import translation

from portal.accounts.models import ContactPreferences, User
from portal.training.models import Course
from tests.conftest import sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.fonts]

INDEX = "/portal/training/"
BENGALI_NAME = ("রহিম", "উদ্দিন")
ARABIC_NAME = ("فاطمة", "الزهراء")
# Session, permissions, landlord settings, the person with their preferences and
# the attended sign-up: the same for any person.
MAX_QUERIES = 10


def course():
    return Course.objects.get(title="Chairing a meeting well")


def chair_called(first_name, last_name):
    chair = User.objects.get(email="chair@example.org")
    chair.first_name, chair.last_name = first_name, last_name
    chair.save(update_fields=["first_name", "last_name"])
    return chair


def squeezed(text: str) -> str:
    """Text as compared here: composed, without spaces or direction marks
    (pdftotext splits a Bengali vowel sign from its consonant with a space and
    wraps right-to-left runs in embedding marks)."""
    return "".join(
        char
        for char in unicodedata.normalize("NFC", text)
        if not char.isspace() and unicodedata.category(char) != "Cf"
    )


def page_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return squeezed(result.stdout.decode())


def fonts_on_the_page(pdf: bytes) -> set[str]:
    """The fonts the page draws with (pdffonts), without the subset prefix."""
    result = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    )
    rows = result.stdout.decode().splitlines()[2:]
    return {row.split()[0].split("+", 1)[-1] for row in rows}


def translated(language: str, message: str) -> str:
    with translation.override(language):
        return squeezed(translation.gettext(message))


def test_an_english_certificate_shows_every_line_on_the_page(client):
    sign_in(client, "chair@example.org")
    pdf = client.get(f"{INDEX}certificates/{course().pk}/").content
    words = page_text(pdf)
    for line in (
        "Certificate of training",
        "This is to certify that",
        "Chidi Chair",
        "took part in the course",
        "Chairing a meeting well",
    ):
        assert squeezed(line) in words
    assert fonts_on_the_page(pdf) == {"DejaVuSansBook"}


def test_a_bengali_certificate_is_in_noto_sans_bengali(client):
    chair_called(*BENGALI_NAME)
    sign_in(client, "chair@example.org")
    response = client.get(f"/bn{INDEX}certificates/{course().pk}/")
    assert response.status_code == 200
    pdf = response.content
    # The course title is in English: DejaVu Sans prints it as the fallback.
    assert fonts_on_the_page(pdf) == {"NotoSansBengali", "DejaVuSansBook"}
    assert b"/Lang (bn)" in pdf
    words = page_text(pdf)
    assert squeezed(" ".join(BENGALI_NAME)) in words
    assert translated("bn", "Certificate of training") in words
    assert translated("bn", "took part in the course") in words
    assert squeezed("Chairing a meeting well") in words


def test_an_arabic_certificate_is_in_noto_naskh_arabic(client):
    chair_called(*ARABIC_NAME)
    sign_in(client, "chair@example.org")
    response = client.get(f"/ar{INDEX}certificates/{course().pk}/")
    assert response.status_code == 200
    pdf = response.content
    assert fonts_on_the_page(pdf) == {"NotoNaskhArabic", "DejaVuSansBook"}
    assert b"/Lang (ar)" in pdf
    words = page_text(pdf)
    # Read back in reading order: the right-to-left runs were laid out as such.
    assert squeezed(" ".join(ARABIC_NAME)) in words
    assert translated("ar", "Certificate of training") in words
    assert squeezed("Chairing a meeting well") in words


def test_a_bengali_name_prints_on_an_english_certificate(client):
    chair_called(*BENGALI_NAME)
    sign_in(client, "chair@example.org")
    pdf = client.get(f"{INDEX}certificates/{course().pk}/").content
    assert fonts_on_the_page(pdf) == {"DejaVuSansBook", "NotoSansBengali"}
    words = page_text(pdf)
    assert squeezed(" ".join(BENGALI_NAME)) in words
    assert squeezed("Certificate of training") in words


def test_staff_get_the_certificate_in_the_persons_language(client):
    chair = chair_called(*ARABIC_NAME)
    ContactPreferences.objects.update_or_create(user=chair, defaults={"language": "ar"})
    sign_in(client, "officer@example.org")
    response = client.get(f"/admin/training/certificates/{course().pk}/{chair.pk}/")
    assert response.status_code == 200
    assert "NotoNaskhArabic" in fonts_on_the_page(response.content)
    words = page_text(response.content)
    assert translated("ar", "Certificate of training") in words
    assert squeezed(" ".join(ARABIC_NAME)) in words


def test_without_the_bengali_font_the_certificate_falls_back_to_dejavu(
    client, settings, caplog
):
    settings.INVOLVE_CERTIFICATE_FONT_BENGALI = "/nowhere/NotoSansBengali.ttf"
    sign_in(client, "chair@example.org")
    with caplog.at_level(logging.WARNING, logger="portal.training.certificates"):
        response = client.get(f"/bn{INDEX}certificates/{course().pk}/")
    assert response.status_code == 200
    assert fonts_on_the_page(response.content) == {"DejaVuSansBook"}
    assert squeezed("Chidi Chair") in page_text(response.content)
    assert "/nowhere/NotoSansBengali.ttf" in caplog.text
    assert "fonts-noto-core" in caplog.text


def test_without_uharfbuzz_the_certificate_is_drawn_unshaped(
    client, monkeypatch, caplog
):
    # As on a machine where uharfbuzz is not installed: importing it fails.
    monkeypatch.setitem(sys.modules, "uharfbuzz", None)
    chair_called(*ARABIC_NAME)
    sign_in(client, "chair@example.org")
    with caplog.at_level(logging.WARNING, logger="portal.training.certificates"):
        response = client.get(f"/ar{INDEX}certificates/{course().pk}/")
    assert response.status_code == 200
    assert "NotoNaskhArabic" in fonts_on_the_page(response.content)
    assert "uharfbuzz is not installed" in caplog.text


def test_the_staff_download_query_count_is_pinned(
    client, django_assert_max_num_queries
):
    chair = chair_called(*BENGALI_NAME)
    ContactPreferences.objects.update_or_create(user=chair, defaults={"language": "bn"})
    sign_in(client, "officer@example.org")
    url = f"/admin/training/certificates/{course().pk}/{chair.pk}/"
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200
