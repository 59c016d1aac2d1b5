"""axe on every kind of page the demo people reach, at 1280 px and 390 px, on
the back office's (`/admin/`) sections from h to z. How the pages are chosen,
and why the check is split in three files: tests/browser/axe_every_page.py."""

import pytest

from tests.browser.axe_every_page import check_every_kind_of_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_finds_nothing_on_any_kind_of_back_office_page_h_to_z(
    demo_site, browser, record_property
):
    check_every_kind_of_page("back office h-z", demo_site, browser, record_property)
