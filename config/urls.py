from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap as sitemap_view
from wagtail.documents import urls as wagtaildocs_urls

from cms.core import views as core_views
from cms.meetings import views as meeting_views
from config.sitemaps import (
    AllLanguagesPageSitemap,
    ListingSitemap,
    favicon,
    robots_txt,
)
from portal.accounts import notification_views
from portal.accounts import urls as account_urls
from portal.accounts import views as account_views
from portal.core import urls as core_urls
from portal.core.views import healthz, readyz
from portal.grants import awards as grant_awards
from portal.groups import views as group_views
from search import views as search_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path(
        "sitemap.xml",
        sitemap_view,
        {"sitemaps": {"pages": AllLanguagesPageSitemap, "listings": ListingSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    # Calendar feeds have one address whatever the language (subscribers keep it).
    path("meetings/calendar.ics", meeting_views.calendar_feed, name="meetings_feed"),
    path(
        "meetings/calendar/<int:body_id>.ics",
        meeting_views.body_feed,
        name="meetings_body_feed",
    ),
    path(
        "meetings/event/<int:page_id>.ics",
        meeting_views.meeting_ics,
        name="meeting_ics",
    ),
    # Staff sign in through allauth (with MFA), never through a second login form.
    path("admin/login/", account_views.admin_sign_in, name="admin_sign_in"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("portal/groups/", include("portal.groups.urls")),
    path("portal/meetings/", include("portal.participation.urls")),
    path("portal/grants/", include("portal.grants.urls")),
    path("grants/awards/", grant_awards.awards_page, name="grant_awards"),
    path("grants/awards.csv", grant_awards.awards_csv, name="grant_awards_csv"),
    path("grants/awards.json", grant_awards.awards_json, name="grant_awards_json"),
    path("portal/", include("portal.payments.urls")),
    path("portal/expenses/", include("portal.expenses.urls")),
    path("notifications/", include("portal.accounts.notification_urls")),
    path(
        "portal/notifications/",
        notification_views.notification_preferences,
        name="notification_preferences",
    ),
    path(
        "portal/",
        include((core_urls.urlpatterns + account_urls.urlpatterns, "portal")),
    ),
    path("search/", search_views.search, name="search"),
    path("other-formats/", core_views.format_request, name="format_request"),
    path(
        "other-formats/sent/",
        core_views.format_request_done,
        name="format_request_done",
    ),
    path("groups/", group_views.directory, name="group_directory"),
    # wagtail.urls brings a plain password-only login view: send it to allauth's.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("groups/<slug:slug>/", group_views.group_page, name="group_page"),
    path(
        "what-we-are-doing/inspections/",
        include("portal.inspections.public_urls"),
    ),
    path("what-we-are-doing/scrutiny/", include("portal.scrutiny.urls")),
    path("what-we-are-doing/", include("portal.actions.urls")),
    path("portal/inspections/", include("portal.inspections.urls")),
    path("portal/volunteering/", include("portal.volunteering.urls")),
    path("portal/training/", include("portal.training.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
