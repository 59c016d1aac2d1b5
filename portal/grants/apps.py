from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "portal.grants"
    label = "grants"
    verbose_name = _("Grants")

    def ready(self):
        from cms.core.pagecache import purge_on_change
        from portal.core.personal_data import Holding, OnClose, register

        from . import (
            dashboard,  # noqa: F401  (registers its dashboard cards)
            files,  # noqa: F401  (who may see its private files)
            involvement,  # noqa: F401  (registers its involvement source)
        )
        from .models import GrantApplication, GrantScheme
        from .services import panel_membership_end

        # The public awards page and its files (`awards.py`) show these.
        for model in (GrantApplication, GrantScheme):
            purge_on_change(model, "grant-awards")

        decisions = (
            "Grants are public money: the landlord must show who applied, who "
            "scored and how it was decided; the record keeps only an account number."
        )
        register(
            Holding(
                "grants.GrantScheme",
                "panel_members",
                OnClose.DELETE,
                "Grant panels you sit on (your place on the panel ends)",
                export=("name",),
                close=panel_membership_end,
            ),
            Holding(
                "grants.GrantApplication",
                "applicant",
                OnClose.KEEP,
                "Grant applications you made",
                reason=decisions,
                other_people=("first_approver", "second_approver"),
            ),
            Holding(
                "grants.PanelReview",
                "member",
                OnClose.KEEP,
                "Your scores as a grant panel member",
                reason=decisions,
            ),
            Holding(
                "grants.GrantFile",
                "uploaded_by",
                OnClose.ANONYMISE,
                "Grant files you uploaded (the grant's records)",
            ),
        )
