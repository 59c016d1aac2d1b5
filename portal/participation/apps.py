from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "portal.participation"
    label = "participation"
    verbose_name = _("Taking part")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import (
            dashboard,  # noqa: F401  (registers its dashboard cards)
            involvement,  # noqa: F401  (registers its involvement source)
            receivers,
        )

        receivers.connect()  # hears what happens to meetings

        register(
            Holding(
                "participation.Rsvp",
                "person",
                OnClose.DELETE,
                "Meetings you said you would come to, with your access needs",
            ),
            Holding(
                "participation.Attendance",
                "person",
                OnClose.KEEP,
                "Meetings you came to",
                reason="Meeting records show who attended (quorum, expenses); the "
                "entry keeps only an account number, shown as “a former resident”.",
                other_people=("recorded_by",),
            ),
            Holding(
                "participation.Feedback",
                "person",
                OnClose.ANONYMISE,
                "Your feedback on meetings (kept in the totals without your words)",
                blank={"improve": ""},
            ),
            Holding(
                "participation.BodyFollow",
                "person",
                OnClose.DELETE,
                "Bodies you follow",
            ),
        )
