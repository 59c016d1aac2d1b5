"""The GOV.UK date input: day, month and year boxes in a fieldset, instead of a
browser date picker (which shows mm/dd/yyyy in an en-US browser).

It hands the form field an ISO date string, so any `forms.DateField` parses and
validates it; what the person typed is kept when the form has errors."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DayMonthYearWidget(forms.MultiWidget):
    template_name = "forms/widgets/day_month_year.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric", "autocomplete": "off"}
        widgets = {
            "day": forms.TextInput(attrs={**numeric, "class": "date-input__day"}),
            "month": forms.TextInput(attrs={**numeric, "class": "date-input__month"}),
            "year": forms.TextInput(attrs={**numeric, "class": "date-input__year"}),
        }
        super().__init__(widgets, attrs)

    labels = (_("Day"), _("Month"), _("Year"))

    def decompress(self, value):
        if not value:
            return [None, None, None]
        if isinstance(value, str):
            parts = value.split("-")
            if len(parts) == 3:
                year, month, day = parts
                return [day, month, year]
            return [None, None, None]
        return [value.day, value.month, value.year]

    def value_from_datadict(self, data, files, name):
        if name in data:  # one ISO date (from a script or an older form)
            return data.get(name)
        day, month, year = (
            (part or "").strip()
            for part in super().value_from_datadict(data, files, name)
        )
        if not (day or month or year):
            return ""
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(
            widget.value_omitted_from_data(data, files, f"{name}{suffix}")
            for widget, suffix in zip(self.widgets, self.widgets_names, strict=True)
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(
            context["widget"]["subwidgets"], self.labels, strict=True
        ):
            subwidget["label"] = label
        return context


class PoundsInput(forms.TextInput):
    """A text box with a "£" before it (the GOV.UK prefix). The "£" is a second
    label for the box, so it is read with the question and a tap on it focuses
    the box; it is never a placeholder, which disappears as soon as one types."""

    template_name = "forms/widgets/pounds.html"

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
            | (attrs or {})
        )
