from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "portal.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from portal.core.notifications import register_kind
        from portal.core.personal_data import Holding, OnClose, register

        from . import (
            dashboard,  # noqa: F401  (registers its dashboard card)
            involvement,  # noqa: F401  (registers its involvement source)
        )

        register_kind("training", _("Training you booked"))
        register(
            Holding(
                "training.SignUp",
                "person",
                OnClose.DELETE,
                "Training sessions you signed up to, waited for or attended",
                other_people=("recorded_by",),
            ),
            Holding(
                "training.SignUp",
                "recorded_by",
                OnClose.ANONYMISE,
                "Training attendance you recorded (it stays, without your name)",
                other_people=("person",),
            ),
            Holding(
                "training.Reminder",
                "sign_up__person",
                OnClose.DELETE,
                "Reminders we sent you before training sessions",
            ),
            Holding(
                "training.SkillsAudit",
                "person",
                OnClose.DELETE,
                "Your skills audit answers",
            ),
        )
