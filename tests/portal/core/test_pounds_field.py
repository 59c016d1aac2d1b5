"""The one money input residents type into (`portal.core.fields.PoundsField`):
amounts written the way people write them are read exactly, anything else is
refused with a message saying what to write, and the box has a "£" beside it."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from portal.core.fields import PoundsField, parse_pounds

MAX = Decimal("999999.99")


class AmountForm(forms.Form):
    amount = PoundsField(label="How much?", min_value=Decimal("0.01"), max_value=MAX)


def field():
    return AmountForm.base_fields["amount"]


amounts = st.decimals(min_value=Decimal("0.01"), max_value=MAX, places=2)


def written(amount: Decimal, *, commas: bool, pound: bool, space: bool) -> str:
    text = f"{amount:,.2f}" if commas else f"{amount:.2f}"
    return ("£" + (" " if space else "") if pound else "") + text


@given(amounts, st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_any_amount_written_as_people_write_it_reads_back_exactly(
    amount, commas, pound, space, padded
):
    text = written(amount, commas=commas, pound=pound, space=space)
    if padded:
        text = f"  {text} "
    value = field().clean(text)
    assert isinstance(value, Decimal)
    assert value == amount


@given(st.text(max_size=12))
def test_any_text_is_an_amount_or_a_clear_message_never_a_crash(text):
    try:
        value = field().clean(text)
    except ValidationError as error:
        assert error.messages and all(message for message in error.messages)
    else:
        assert isinstance(value, Decimal)
        assert Decimal("0.01") <= value <= MAX
        assert value == value.quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("text", "pounds"),
    [
        ("1,234.50", Decimal("1234.50")),
        ("£12", Decimal("12")),
        ("£ 1,000", Decimal("1000")),
        ("99.5", Decimal("99.50")),
        ("٢٥", Decimal("25")),  # Arabic-Indic digits
    ],
)
def test_written_amounts_accepted(text, pounds):
    assert field().clean(text) == pounds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lots", "Enter an amount in pounds, like 25.50 or 1,250."),
        ("12..50", "Enter an amount in pounds, like 25.50 or 1,250."),
        ("1,2,3", "Enter an amount in pounds, like 25.50 or 1,250."),
        ("12p", "Enter an amount in pounds, like 25.50 or 1,250."),
        ("1e5", "Enter an amount in pounds, like 25.50 or 1,250."),
        ("NaN", "Enter an amount in pounds, like 25.50 or 1,250."),
        ("12.345", "Enter pounds and pence, like 25.50."),
        ("0", "Enter an amount of at least £0.01."),
        ("-4", "Enter an amount of at least £0.01."),
        ("1,000,000", "Enter an amount of £999,999.99 or less."),
    ],
)
def test_nonsense_is_refused_with_what_to_write(text, message):
    with pytest.raises(ValidationError) as refused:
        field().clean(text)
    assert refused.value.messages == [message]


def test_parser_keeps_only_the_digits_decimal_reads():
    assert parse_pounds("£1,234.50") == "1234.50"
    assert parse_pounds("1,23") is None


def test_box_has_a_pound_label_beside_it_and_keeps_what_was_typed():
    form = AmountForm({"amount": "twelve"})
    html = str(form["amount"])
    assert '<label class="pounds-input__prefix" for="id_amount">£</label>' in html
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'value="twelve"' in html
    assert "placeholder" not in html
    assert not form.is_valid()
