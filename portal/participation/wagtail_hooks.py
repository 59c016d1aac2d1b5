from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "attendance.recorded": _("Attendance recorded"),
        "rsvp.needs_met": _("Access needs marked as met"),
        "rsvp.needs_not_met": _("Access needs marked as not met"),
    }
