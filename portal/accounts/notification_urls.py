"""Addresses printed in every email: unsubscribe and the preference centre."""

from django.urls import path

from portal.core.govuk_notify import delivery_receipt
from portal.core.notification_views import unsubscribe

from . import notification_views

app_name = "notifications"

urlpatterns = [
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
    path("delivery-receipts/", delivery_receipt, name="delivery_receipt"),
    path(
        "choices/<str:token>/",
        notification_views.notification_preferences,
        name="preferences",
    ),
]
