from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "portal.groups"
    label = "groups"
    verbose_name = _("Resident groups")

    def ready(self):
        from django.contrib.auth import get_user_model

        from cms.core.pagecache import purge_on_change
        from portal.accounts import follows
        from portal.core.personal_data import Holding, OnClose, register
        from portal.housing.models import Estate, Street

        from . import (
            dashboard,  # noqa: F401  (registers its dashboard cards)
            files,  # noqa: F401  (who may see its private files)
            involvement,  # noqa: F401  (registers its involvement source)
        )
        from .following import FOLLOW_GROUPS
        from .models import Activity, Group, Officer, RecognitionApplication
        from .selectors import directory_shows_change

        follows.register(FOLLOW_GROUPS)

        # The public directory (`views.directory`) and the awards pages show
        # these; a person's account only when they are a named officer.
        for model in (Group, Officer, RecognitionApplication, Activity, Estate, Street):
            purge_on_change(model, "groups")
        purge_on_change(get_user_model(), "groups", when=directory_shows_change)

        register(
            Holding("groups.Officer", "user", OnClose.DELETE, "Offices you hold"),
            Holding(
                "groups.GroupFollow",
                "person",
                OnClose.DELETE,
                "Resident groups you follow",
            ),
            Holding(
                "groups.OfficerInvitation",
                "invited_by",
                OnClose.ANONYMISE,
                "Invitations you sent to be a group officer",
                scrub=("email",),
            ),
            Holding(
                "groups.Document",
                "uploaded_by",
                OnClose.ANONYMISE,
                "Group documents you uploaded (the group's records)",
            ),
            Holding(
                "groups.Activity",
                "recorded_by",
                OnClose.ANONYMISE,
                "Group activities you recorded (the group's records)",
            ),
            Holding(
                "groups.RecognitionApplication",
                "applied_by",
                OnClose.ANONYMISE,
                "Recognition applications you made for a group",
                other_people=("decided_by",),
            ),
        )
