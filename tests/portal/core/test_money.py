"""One way to show money: the `money` filter and `format_money`, and a check that
no template or Python message writes "£" in front of a raw amount any more."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.core.money import format_money, to_pence

ROOT = Path(__file__).resolve().parents[3]


def render(source: str, **context) -> str:
    return Template("{% load money %}" + source).render(Context(context))


def test_pounds_with_thousands_separators_and_pence():
    assert render("{{ a|money }}", a=Decimal("25000")) == "£25,000.00"
    assert render("{{ a|money }}", a=Decimal("1179.37000000000")) == "£1,179.37"
    assert render("{{ a|money }}", a=Decimal("4200")) == "£4,200.00"


def test_whole_pounds_only_when_there_are_no_pence():
    assert render('{{ a|money:"whole" }}', a=Decimal("25000")) == "£25,000"
    assert render('{{ a|money:"whole" }}', a=Decimal("2600.50")) == "£2,600.50"


def test_quantised_to_pence_half_up():
    assert to_pence(Decimal("0.005")) == Decimal("0.01")
    assert to_pence("18820.63000000000") == Decimal("18820.63")
    assert format_money(0.1 + 0.2) == "£0.30"


def test_nothing_and_not_a_number():
    assert render("[{{ a|money }}]", a=None) == "[]"
    assert render("{{ a|money }}", a="n/a") == "n/a"


def test_huge_amounts_never_raise():
    assert format_money(Decimal("1e29")).startswith("£100,000,000")
    assert format_money(Decimal("-12.5")) == "-£12.50"


@pytest.mark.parametrize(
    ("language", "expected", "whole"),
    [
        ("en-gb", "£25,000.50", "£25,000"),
        ("pl", "25\xa0000,50\xa0£", "25\xa0000\xa0£"),
        ("bn", "25,000.50£", "25,000£"),
        ("ar", "\u200f25,000.50\xa0£", "\u200f25,000\xa0£"),
    ],
)
def test_every_language_uses_its_own_separators_latin_digits_and_the_pound(
    language, expected, whole
):
    with translation.override(language):
        assert render("{{ a|money }}", a=Decimal("25000.5")) == expected
        assert render('{{ a|money:"whole" }}', a=Decimal("25000")) == whole


# "£{{ x }}", "£{{x}}" in templates, and "£%(x)s", f"£{x}" in Python messages.
RAW_TEMPLATE = re.compile(r"£\s*\{\{")
RAW_PYTHON = re.compile(r"£\s*(%\(|\{)")
SOURCE_DIRS = ["templates", "portal", "cms", "home", "search"]


def _files(pattern: str):
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob(pattern):
            if "migrations" not in path.parts:
                yield path


def test_no_template_shows_a_raw_amount():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for pattern in ("*.html", "*.txt")
        for path in _files(pattern)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if RAW_TEMPLATE.search(line)
    ]
    assert offenders == [], "Use {{ amount|money }}:\n" + "\n".join(offenders)


def test_no_python_message_puts_a_pound_sign_before_a_raw_amount():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files("*.py")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if RAW_PYTHON.search(line)
    ]
    assert offenders == [], "Use portal.core.money.format_money:\n" + "\n".join(
        offenders
    )
