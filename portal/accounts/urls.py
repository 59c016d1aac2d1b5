"""The account pages under /portal/ (in the "portal" namespace; see config/urls.py)."""

from django.urls import path

from . import views as account_views

urlpatterns = [
    path("home/", account_views.home_claim, name="home_claim"),
    path(
        "preferences/",
        account_views.ContactPreferencesView.as_view(),
        name="contact_preferences",
    ),
    path("access-needs/", account_views.AccessNeedsView.as_view(), name="access_needs"),
    path(
        "about-you/",
        account_views.EqualityMonitoringView.as_view(),
        name="equality_monitoring",
    ),
    path(
        "about-you/<slug:step>/",
        account_views.equality_question,
        name="equality_question",
    ),
    path("my-data/", account_views.my_data, name="my_data"),
    path("advocates/", account_views.advocates, name="advocates"),
    path(
        "for/<int:resident_id>/preferences/",
        account_views.ContactPreferencesView.as_view(),
        name="contact_preferences_for",
    ),
    path(
        "for/<int:resident_id>/access-needs/",
        account_views.AccessNeedsView.as_view(),
        name="access_needs_for",
    ),
    path("close-account/", account_views.close_account, name="close_account"),
]
