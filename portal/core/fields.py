"""Form fields that stay calm when the browser sends something it never offered,
or when a person types a date or an amount the way people do."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import (
    WagtailAdminModelForm,
    WagtailAdminModelFormMetaclass,
    formfield_for_dbfield,
)
from wagtail.admin.widgets import AdminDateInput

from .money import format_money
from .params import MAX_ID
from .widgets import PoundsInput


def _fits(field: models.Field, value) -> bool:
    while field.is_relation:  # a page's id is its link to the base page's id
        field = field.target_field
    if not isinstance(field, models.IntegerField | models.AutoField):
        return True
    text = str(value).strip()
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """A field's records read with one ordinary query, once for the form.

    Django lists them with `.iterator()` each time the choices are walked: on
    PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE: three round trips)
    for a list a form shows whole anyway."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for record in self.queryset:  # the field's own copy keeps the rows
            yield self.choice(record)


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A choice of one record: a made-up, huge id is "not one of the choices"."""

    iterator = ListedChoiceIterator

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or self.queryset.model._meta.pk.name
        if not _fits(self.queryset.model._meta.get_field(key), value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Tick boxes of records: an id no database column could hold (a made-up,
    huge number) is "not one of the choices", not a database error."""

    iterator = ListedChoiceIterator

    def _check_values(self, value):
        key = self.to_field_name or self.queryset.model._meta.pk.name
        field = self.queryset.model._meta.get_field(key)
        for pk in value:
            if not _fits(field, pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class AdminDateField(forms.DateField):
    """A date typed by staff in the admin: Wagtail's date input (a plain text box
    without JavaScript, with its picker when scripts run), read as day/month/year
    whatever language the admin is shown in (Arabic's formats would read
    03/05/2027 as 5 March). The hint says so, and a bad date is kept as typed
    with a message saying what to write."""

    input_formats = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
    default_error_messages = {
        "invalid": _("Enter a real date as day/month/year, for example 27/03/2027.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", AdminDateInput(format="%d/%m/%Y"))
        # A model field hands over its own (usually empty) help text: keep the hint.
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _("Day/month/year, for example 27/03/2027.")
        super().__init__(**kwargs)


def day_month_year_formfield(db_field, **kwargs):
    """Wagtail's admin form field for a model field, except that a date is an
    `AdminDateField` (day/month/year) rather than Wagtail's YYYY-MM-DD box."""
    if type(db_field) is models.DateField:
        return db_field.formfield(form_class=AdminDateField, **kwargs)
    return formfield_for_dbfield(db_field, **kwargs)


def _dates_as_day_month_year(form_class) -> None:
    """Swap a model form class's plain date fields for `AdminDateField`s."""
    model = getattr(form_class._meta, "model", None)
    for name, field in list(form_class.base_fields.items()):
        if model is not None and type(field) is forms.DateField:
            form_class.base_fields[name] = day_month_year_formfield(
                model._meta.get_field(name)
            )


class _DayMonthYearFormMetaclass(WagtailAdminModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        form_class = super().__new__(mcs, name, bases, attrs)
        _dates_as_day_month_year(form_class)
        # Inline rows are built by Wagtail from its own base form, so their
        # dates are swapped here too.
        for formset in getattr(form_class, "formsets", {}).values():
            _dates_as_day_month_year(formset.form)
        return form_class


class DayMonthYearAdminForm(
    WagtailAdminModelForm, metaclass=_DayMonthYearFormMetaclass
):
    """The admin add/edit form (`base_form_class`) for a model whose panels
    include dates: every date, inline rows' too, is day/month/year."""


# "1234.5", "1,234.50", "£12", "-3": digits grouped by commas in threes, or not at
# all, then pence. Anything else ("12..5", "1,2,3", "ten") is not an amount.
_POUNDS = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|-?\.[0-9]+")


def parse_pounds(text: str) -> str | None:
    """The amount a person typed, as plain digits Decimal can read ("1234.50"),
    or None if it is not an amount. A "£" before it, spaces and commas between
    thousands are fine; digits from any script count (Arabic-Indic included)."""
    text = "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() else char
        for char in text.strip()
    )
    text = text.removeprefix("£").strip()
    if text.startswith("-"):
        text = "-" + text[1:].lstrip().removeprefix("£").strip()
    if not _POUNDS.fullmatch(text):
        return None
    return text.replace(",", "")


def _say_amount(message, amount) -> str:
    return str(message) % {"amount": format_money(amount, "whole")}


# Said in the reader's language and number style when shown, not at import.
_with_amount = lazy(_say_amount, str)


class PoundsField(forms.DecimalField):
    """An amount in pounds, typed as text beside a "£" (a number spinner is hard
    to use and loses what was typed when it is wrong). "£1,250.50" and "12" are
    fine; the value is a `Decimal` to the penny."""

    widget = PoundsInput
    default_error_messages = {
        "invalid": _("Enter an amount in pounds, like 25.50 or 1,250."),
        "min_value": _("Enter an amount of at least %(amount)s."),
        "max_value": _("Enter an amount of %(amount)s or less."),
        "max_digits": _("Enter a smaller amount."),
        "max_whole_digits": _("Enter a smaller amount."),
        "max_decimal_places": _("Enter pounds and pence, like 25.50."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("max_digits", 10)
        super().__init__(**kwargs)
        for limit in ("min_value", "max_value"):
            if kwargs.get(limit) is not None:
                self.error_messages[limit] = _with_amount(
                    self.error_messages[limit], kwargs[limit]
                )

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            parsed = parse_pounds(value)
            if parsed is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = parsed
        return super().to_python(value)

    def widget_attrs(self, widget):
        # DecimalField would make the box type="number" with a step; it stays text.
        return forms.Field.widget_attrs(self, widget)
