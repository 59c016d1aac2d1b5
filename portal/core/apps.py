from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalCoreConfig(AppConfig):
    name = "portal.core"
    label = "portal_core"
    verbose_name = _("Portal")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from .choosers import refuse_malformed_chooser_ids
        from .exports import protect_wagtail_exports
        from .lookups import bound_related_lookups

        protect_wagtail_exports()
        bound_related_lookups()
        refuse_malformed_chooser_ids()

        from .involvement import register_card

        register_card()
        # Each app's separation.py says who its records belong to.
        autodiscover_modules("separation")

        from .files import release_on_close
        from .personal_data import Holding, OnClose, register
        from .prepared_exports import release_prepared_exports

        decisions = (
            "The landlord must be able to show how each decision was made; the entry "
            "keeps only an account number, shown as “a former resident”."
        )
        register(
            Holding(
                "portal_core.AuditEntry",
                "actor",
                OnClose.KEEP,
                "Things you did in our records",
                reason=decisions,
                other_people=("acting_for",),
                export=(
                    "created_at",
                    "action",
                    "object_repr",
                    "from_state",
                    "to_state",
                    "reason",
                ),
                scrub=("object_repr", "reason", "details"),
            ),
            Holding(
                "portal_core.AuditEntry",
                "acting_for",
                OnClose.KEEP,
                "Things done for you in our records",
                reason=decisions,
                other_people=("actor",),
                export=(
                    "created_at",
                    "action",
                    "object_repr",
                    "from_state",
                    "to_state",
                    "reason",
                ),
            ),
            Holding(
                "portal_core.Notification",
                "recipient",
                OnClose.DELETE,
                "Messages we sent you",
                export=(
                    "created_at",
                    "channel",
                    "subject",
                    "body",
                    "status",
                    "sent_at",
                ),
                scrub=("subject", "body"),
            ),
            Holding(
                "portal_core.NotificationOptOut",
                "user",
                OnClose.DELETE,
                "Kinds of message you asked us not to send",
            ),
            Holding(
                "portal_core.PreparedExport",
                "requested_by",
                OnClose.DELETE,
                "Large exports prepared for you (kept for a day)",
                close=release_prepared_exports,
            ),
            Holding(
                "portal_core.PrivateFile",
                "uploaded_by",
                OnClose.ANONYMISE,
                "Files you uploaded (a group's records stay, without your name)",
                export=("original_name", "content_type", "size", "uploaded_at"),
                close=release_on_close,
                order=100,
            ),
        )
