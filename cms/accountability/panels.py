"""What the editor shows about a report's figures: when and from what they were
taken, and whether they may still be refreshed from the records."""

from wagtail.admin.panels import Panel


class SnapshotPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "accountability/panels/snapshot.html"

        def get_context_data(self, parent_context=None):
            from portal.reports.snapshot import snapshot_made_at

            from .services import refresh_refusal

            context = super().get_context_data(parent_context)
            page = self.instance
            snapshot = page.snapshot or {}
            context["page"] = page
            context["made_at"] = snapshot_made_at(snapshot)
            context["rows"] = sum(len(s["rows"]) for s in snapshot.get("sections", []))
            context["refusal"] = refresh_refusal(page) if page.pk else None
            return context
