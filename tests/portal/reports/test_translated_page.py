"""The involvement performance report in Polish, Bengali and Arabic: an officer
whose admin language is one of them gets the page (not a crash), with its
headings translated and its numbers written the way that language writes them
(Polish and Arabic put a comma before the decimals)."""

import re

import pytest
from django.utils import translation
from django.utils.formats import number_format

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
URL = "/admin/reports/involvement-performance/"
DECIMAL_COMMA = {"pl": True, "ar": True, "bn": False}


def _percent_figures(year):
    """The report's percentage figures with a decimal part, e.g. 66.7."""
    from portal.reports.periods import whole_year
    from portal.reports.scopes import LANDLORD
    from portal.reports.selectors import performance

    return [
        row.figure.value
        for _section, rows in performance(whole_year(year), LANDLORD)
        for row in rows
        if row.measure.unit == "percent"
        and row.figure.value is not None
        and row.figure.value != row.figure.value.to_integral_value()
    ]


@pytest.mark.parametrize("language", ["pl", "bn", "ar"])
def test_the_report_reads_in_the_officers_language(client, language):
    from wagtail.users.models import UserProfile

    from portal.accounts.models import User
    from portal.core.dates import london_today
    from portal.reports.periods import financial_year

    officer = User.objects.get(email="officer@example.org")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    sign_in(client, "officer@example.org")
    year = financial_year(london_today())
    response = client.get(URL + f"?period=year&year={year}")
    page = response.content.decode()
    assert response.status_code == 200, page[:2000]

    with translation.override(language):
        heading = translation.gettext("Involvement performance")
        worked_out = translation.gettext("How it is worked out:")
    assert heading != "Involvement performance"  # the catalogue has it
    assert f'lang="{language}"' in page
    assert heading in page and worked_out in page
    assert "How it is worked out:" not in page

    figures = _percent_figures(year)
    assert figures, "the demo's year has percentages with decimals"
    for value in figures:
        with translation.override(language):
            written = number_format(value, 1)
        assert f"{written}%" in page
        assert ("," in written) is DECIMAL_COMMA[language]
    english = re.escape(f"{figures[0]}%")
    if DECIMAL_COMMA[language]:
        assert not re.search(rf">\s*{english}\s*<", page)
