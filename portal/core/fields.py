"""Form fields that stay calm when the browser sends something it never offered."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from .params import MAX_ID


def _fits(field: models.Field, value) -> bool:
    while field.is_relation:  # a page's id is its link to the base page's id
        field = field.target_field
    if not isinstance(field, models.IntegerField | models.AutoField):
        return True
    text = str(value).strip()
    return text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A choice of one record: a made-up, huge id is "not one of the choices"."""

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
        kwargs.setdefault("help_text", _("Day/month/year, for example 27/03/2027."))
        super().__init__(**kwargs)
