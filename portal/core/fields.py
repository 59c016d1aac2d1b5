"""Form fields that stay calm when the browser sends something it never offered."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

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
