"""Finding 5 and 7: portal.core.exports, the helper every CSV and Excel export goes
through, writes a cell a spreadsheet would run as a formula as text and the bank
file in ASCII only. The exports themselves, seen through their URLs, are tested
in test_export_formulas.py."""

import pytest

from portal.core.exports import (
    FORMULA_STARTS,
    ascii_digits,
    bank_digits,
    bank_text,
    csv_lines,
    safe_cell,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_formula_start_becomes_text(start):
    assert safe_cell(f"{start}1+2") == f"'{start}1+2"
    assert next(csv_lines([[f"{start}cmd"]])).startswith(("'", "\"'"))


@pytest.mark.parametrize("value", ["Kath", "", "1+2", 12, None])
def test_other_cells_are_left_alone(value):
    assert safe_cell(value) == value


def test_digits_in_any_script_become_ascii():
    assert ascii_digits("٣٠-٩٤-٥٧") == "30-94-57"  # Arabic-Indic
    assert ascii_digits("৩০৯৪৫৭") == "309457"  # Bengali
    assert ascii_digits("３０９４５７") == "309457"  # full width
    assert bank_digits("٣٠-٩٤-٥٧", length=6) == "309457"
    with pytest.raises(ValueError):
        bank_digits("3094", length=6)


def test_bank_text_is_ascii_and_never_a_formula():
    assert bank_text("=1+2 Zoë O'Brien") == "12 Zoe OBrien"
    assert bank_text("-@Kath") == "Kath"
    assert bank_text("Anchor House TRA & Friends of the Park")[:18].isascii()
