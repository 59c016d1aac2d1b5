from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "cms.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import involvement  # noqa: F401  (registers its involvement source)
        from .services import responses_release

        register(
            Holding(
                "consultations.Response",
                "respondent",
                OnClose.ANONYMISE,
                "Your consultation answers (choices stay in the totals; your own "
                "words are removed)",
                other_people=("entered_by",),
                export=("consultation", "channel", "submitted", "created_at"),
                close=responses_release,
            ),
            Holding(
                "consultations.PrizeDraw",
                "drawn_by",
                OnClose.KEEP,
                "Consultation prize draws you made",
                reason="Shows a prize was drawn fairly, by whom.",
            ),
        )

        from wagtail.signals import page_published

        from .alerts import on_page_published

        page_published.connect(on_page_published, dispatch_uid="consultation-alerts")
