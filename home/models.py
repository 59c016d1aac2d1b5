from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage


class HomePage(BasePage):
    """The landlord's front page: what is on, what is open, the latest magazine.

    Each section shows a helpful empty state until its app supplies content.
    """

    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def cache_expires_at(self):
        """Cached copies last no later than the next consultation status change."""
        from cms.consultations.selectors import next_status_change_at

        return next_status_change_at()

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.consultations.models import ConsultationIndexPage
        from cms.consultations.selectors import open_consultations
        from cms.magazines.models import MagazineIndexPage
        from cms.magazines.selectors import latest_issue
        from cms.meetings.models import MeetingIndexPage
        from cms.meetings.views import upcoming_meetings

        context = super().get_context(request, *args, **kwargs)
        context["upcoming_meetings"] = upcoming_meetings(limit=3)
        context["open_consultations"] = open_consultations(limit=3)
        context["latest_issue"] = latest_issue()
        # The "All …" links: this home's own listings (so in its language), in
        # one query where a slug lookup per link took one or two each.
        indexes = {
            page.specific_class: page
            for page in self.get_children()
            .live()
            .type(MeetingIndexPage, ConsultationIndexPage, MagazineIndexPage)
        }
        context["meetings_index"] = indexes.get(MeetingIndexPage)
        context["consultations_index"] = indexes.get(ConsultationIndexPage)
        context["magazine_index"] = indexes.get(MagazineIndexPage)
        return context
