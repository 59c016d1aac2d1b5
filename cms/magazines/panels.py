"""The plain-English check shown to editors (and the Readers Panel) in the editor."""

from wagtail.admin.panels import Panel

from .readability import readability_report, stream_text


class ReadabilityPanel(Panel):
    """Scores the draft being edited (the instance is the latest revision)."""

    def __init__(self, field_name: str = "body", **kwargs):
        super().__init__(**kwargs)
        self.field_name = field_name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "field_name": self.field_name}

    class BoundPanel(Panel.BoundPanel):
        template_name = "magazines/panels/readability.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            text = stream_text(getattr(self.instance, self.panel.field_name))
            intro = getattr(self.instance, "intro", "")
            context["report"] = readability_report(f"{intro}\n{text}")
            return context
