from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.reports.snapshot import MAKER_HOOK

from . import services, views


@hooks.register(MAKER_HOOK)
def register_report_maker():
    return services.report_maker()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "reports/how-we-are-doing/<int:page_id>/refresh/",
            views.RefreshView.as_view(),
            name="accountability_refresh",
        )
    ]


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "accountability.report_drafted": _("Report drafted from the figures"),
        "accountability.report_refreshed": _("Report's figures taken again"),
    }
