from django.forms.renderers import TemplatesSetting


class InvolveFormRenderer(TemplatesSetting):
    """Every form gets the error summary and labelled, described fields."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
